import type { ActionKind } from '../../src/schema';
import type { SyncProblem } from './state';

/**
 * What a staff member is told once an operation is saved: sent to the server when the workstation is
 * online and syncing, else kept here until the connection is back (issue 14, item 8: never "it syncs
 * by itself" when it is already syncing). The operation's name is put after a colon, lower-cased, so
 * the sentence is grammatical whatever the noun's gender («Отправлено на сервер: активация заявки.»).
 */
export function savedText(
  t: (key: string, options?: Record<string, unknown>) => string,
  kind: ActionKind,
  sync: { online: boolean; problem: SyncProblem },
): string {
  const name = t(`common.operations.${kind}`);
  const action = name.charAt(0).toLocaleLowerCase() + name.slice(1);
  return t(sync.online && !sync.problem ? 'staff.sync.sent' : 'staff.sync.savedLocally', { action });
}
