import { useState } from 'react';
import type { ActionPayloads } from '../../src/domain';
import type { ActionKind } from '../../src/schema';
import { savedText } from './saved-text';
import { useSyncStore, useUiStore } from './state';
import { useStaffT } from './i18n';
import { useRuntime } from './runtime-context';
import type { Attachments } from './workspace';

/**
 * Runs a staff operation and tells the staff member what happened: refused at once (the same rule the
 * server applies), or saved on this computer and waiting to sync.
 */
export function usePerform() {
  const runtime = useRuntime();
  const { t, explain } = useStaffT();
  const toast = useUiStore((s) => s.toast);
  const [busy, setBusy] = useState(false);
  const perform = async <K extends ActionKind>(
    kind: K,
    payload: ActionPayloads[K],
    attach?: Attachments<K>,
  ): Promise<boolean> => {
    setBusy(true);
    try {
      const refusal = await runtime.perform(kind, payload, attach);
      if (refusal) {
        toast('error', explain(refusal));
        return false;
      }
      toast('info', savedText(t, kind, useSyncStore.getState()));
      return true;
    } finally {
      setBusy(false);
    }
  };
  return { perform, busy };
}
