import { type ActionPayloads, makeAction } from '../../../src/domain';
import type { Action, ActionKind } from '../../../src/schema';
import type { StaffSession } from '../state';

const DEVICE_KEY = 'oryn.deviceId';

/** This workstation's id, made once: the server names it when two workstations collide. */
export function deviceId(storage: Storage): string {
  let id = storage.getItem(DEVICE_KEY);
  if (!id) {
    id = `dev-${crypto.randomUUID()}`;
    storage.setItem(DEVICE_KEY, id);
  }
  return id;
}

/**
 * An action as the device writes it (docs/architecture.md, the intent log): a uuid made here, the device
 * clock as `occurredAt` (deadlines count from it, docs/domain.md), status `pending`. Only the server sets
 * `applied` or `rejected`.
 */
export function staffAction<K extends ActionKind>(
  kind: K,
  payload: ActionPayloads[K],
  who: Pick<StaffSession, 'userId' | 'kindergartenId'>,
  device: string,
  now: Date,
): Action {
  return makeAction(kind, payload, {
    id: crypto.randomUUID(),
    actor: who.userId,
    actorRole: 'staff',
    kindergartenId: who.kindergartenId,
    deviceId: device,
    now,
  });
}
