import type { OrynHost } from '../../../src/host/host-contract';
import { useSessionStore } from '../state';
import { createBrowserHost } from './browser-host';

export type { HostResult, OrynHost, PdfDocument, SavedDocument } from '../../../src/host/host-contract';
export { documentFileName } from '../../../src/host/host-contract';

/**
 * The one place the workspace learns where it runs: Electron's preload bridge (`window.oryn`) or the
 * browser adapter. Everything else talks to `OrynHost` and cannot tell the two apart.
 */
export function detectHost(): OrynHost {
  const bridge = (window as unknown as { oryn?: OrynHost }).oryn;
  return (
    bridge ??
    createBrowserHost(
      window.location,
      window.localStorage,
      () => useSessionStore.getState().session?.token ?? null,
    )
  );
}
