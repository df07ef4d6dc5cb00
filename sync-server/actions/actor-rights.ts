import type { RxDatabase } from 'rxdb';
import type { DomainError } from '../../src/domain';
import type { Action } from '../../src/schema';
import { collection } from '../database';
import type { Parent, User } from '../schema';
import { readByIds, readOne } from '../store';

/** The accounts of a batch's actors, read at once (null: no such account). */
export interface Accounts {
  parents: Map<string, Parent | null>;
  users: Map<string, User | null>;
}

/** Reads the accounts of these actions' actors in two reads, whatever the number of actions. */
export async function readAccounts(db: RxDatabase, actions: readonly Action[]): Promise<Accounts> {
  const ids = (roles: string[]) => [
    ...new Set(actions.filter((a) => roles.includes(a.actorRole)).map((a) => a.actor)),
  ];
  const [parentIds, userIds] = [ids(['parent']), ids(['staff', 'supervisor'])];
  const [parents, users] = await Promise.all([
    readByIds(collection(db, 'parents'), parentIds),
    readByIds(collection(db, 'users'), userIds),
  ]);
  const byId = <T extends { id: string }>(wanted: string[], found: T[]) => {
    const map = new Map<string, T | null>(wanted.map((id) => [id, null]));
    for (const d of found) map.set(d.id, d);
    return map;
  };
  return { parents: byId(parentIds, parents), users: byId(userIds, users) };
}

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
  accounts?: Accounts,
): Promise<{ regionId?: string } | DomainError> {
  const refuse = (reason: string): DomainError => ({
    code: 'forbidden',
    params: { kind: action.kind, reason },
  });
  switch (action.actorRole) {
    case 'system':
      return action.actor === SYSTEM_ACTOR ? {} : refuse('actor');
    case 'parent': {
      const parent = accounts?.parents.has(action.actor)
        ? accounts.parents.get(action.actor)
        : await readOne(collection(db, 'parents'), action.actor);
      return parent ? {} : refuse('actor');
    }
    case 'staff':
    case 'supervisor': {
      const user = accounts?.users.has(action.actor)
        ? accounts.users.get(action.actor)
        : await readOne(collection(db, 'users'), action.actor);
      if (!user || user.disabled || user.role !== action.actorRole) return refuse('actor');
      if (user.role === 'staff')
        return user.kindergartenId === action.kindergartenId ? {} : refuse('kindergarten');
      return user.regionId ? { regionId: user.regionId } : refuse('region');
    }
    default:
      return refuse('role');
  }
}
