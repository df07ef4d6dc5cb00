import type { RxDatabase } from 'rxdb';
import type { DomainError } from '../../src/domain';
import type { Action } from '../../src/schema';
import { collection } from '../database';
import { readOne } from '../store';

/** The id system actions (the scheduler) carry as their actor. */
export const SYSTEM_ACTOR = 'system';

/**
 * Is the actor who the action says (eVaka's step "check permission", before the reducer's own role
 * and scope checks)? Staff must be an enabled staff account of the action's kindergarten; supervisors
 * an enabled supervisor account (their region is checked against the loaded state); parents an
 * existing parent account; `system` only the scheduler's own actor.
 */
export async function checkActor(
  db: RxDatabase,
  action: Action,
): Promise<{ regionId?: string } | DomainError> {
  const refuse = (reason: string): DomainError => ({
    code: 'forbidden',
    params: { kind: action.kind, reason },
  });
  switch (action.actorRole) {
    case 'system':
      return action.actor === SYSTEM_ACTOR ? {} : refuse('actor');
    case 'parent': {
      const parent = await readOne(collection(db, 'parents'), action.actor);
      return parent ? {} : refuse('actor');
    }
    case 'staff':
    case 'supervisor': {
      const user = await readOne(collection(db, 'users'), action.actor);
      if (!user || user.disabled || user.role !== action.actorRole) return refuse('actor');
      if (user.role === 'staff')
        return user.kindergartenId === action.kindergartenId ? {} : refuse('kindergarten');
      return user.regionId ? { regionId: user.regionId } : refuse('region');
    }
    default:
      return refuse('role');
  }
}
