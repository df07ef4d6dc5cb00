import type { WebContents } from 'electron';
import { APP_HOST, APP_SCHEME } from './app-origin';

/**
 * The only pages the staff window may show are our own (app://oryn/...). Everything else — the sync
 * server's pages, file://, javascript:, look-alike hosts, credentials tricks — is refused.
 */
export function isTrustedAppUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  // Not `url.origin`: outside Electron (tests) a custom scheme's origin is 'null'.
  return (
    url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && url.username === '' && url.password === ''
  );
}

/**
 * Blocks navigation away from the app, every new window and every <webview>, for one webContents.
 * Called for every webContents the app creates (main.ts: 'web-contents-created').
 */
export function guardNavigation(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isTrustedAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isTrustedAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
