import type { Action, ActionKind } from '../schema';
import type { ActionPayloads } from './payload-specs';

/** Who writes an action, from where, and when (the rest of the envelope is the same for every producer). */
export interface ActionOrigin {
  /** The action's id: a uuid made on the device, or one derived from what it acts on (the scheduler's). */
  id: string;
  actor: string;
  actorRole: Action['actorRole'];
  /** The kindergarten it concerns; '' for a parent's or a supervisor's action that concerns none. */
  kindergartenId: string;
  deviceId: string;
  /** When it was done: `occurredAt`, from which deadlines count (docs/domain.md, Offline). */
  now: Date;
}

/**
 * The one way an action is made (docs/architecture.md, the intent log), by the staff workstation,
 * the parents' API, the scheduler, the supervisor pages and the tests alike: the payload is typed by
 * its kind (payload-specs.ts), the action starts `pending`, and only the processor sets `applied` or
 * `rejected`.
 */
export function makeAction<K extends ActionKind>(
  kind: K,
  payload: ActionPayloads[K],
  origin: ActionOrigin,
): Action {
  return {
    id: origin.id,
    kind,
    // The stored payload is JSON; its type is the kind's (checked again by the reducer).
    payload: payload as Action['payload'],
    actor: origin.actor,
    actorRole: origin.actorRole,
    kindergartenId: origin.kindergartenId,
    deviceId: origin.deviceId,
    occurredAt: origin.now.toISOString(),
    status: 'pending',
    updatedAt: origin.now.getTime(),
  };
}
