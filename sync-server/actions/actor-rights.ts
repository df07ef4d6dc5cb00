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

/** The accounts a batch's actions name: parents, and staff or supervisors. */
export function accountIdsOf(actions: readonly Action[]): { parents: string[]; users: string[] } {
  const ids = (roles: string[]) => [
    ...new Set(actions.filter((a) => roles.includes(a.actorRole)).map((a) => a.actor)),
  ];
  return { parents: ids(['parent']), users: ids(['staff', 'supervisor']) };
}

/** The accounts asked for (accountIdsOf) from those found; null for an id with no account. */
export function accountsFrom(
  wanted: { parents: string[]; users: string[] },
  parents: readonly Parent[],
  users: readonly User[],
): Accounts {
  const byId = <T extends { id: string }>(ids: string[], found: readonly T[]) => {
    const map = new Map<string, T | null>(ids.map((id) => [id, null]));
    for (const d of found) map.set(d.id, d);
    return map;
  };
  return { parents: byId(wanted.parents, parents), users: byId(wanted.users, users) };
}

/** Reads the accounts of these actions' actors in two reads, whatever the number of actions. */
export async function readAccounts(db: RxDatabase, actions: readonly Action[]): Promise<Accounts> {
  const wanted = accountIdsOf(actions);
  const [parents, users] = await Promise.all([
    readByIds(collection(db, 'parents'), wanted.parents),
    readByIds(collection(db, 'users'), wanted.users),
  ]);
  return accountsFrom(wanted, parents, users);
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
