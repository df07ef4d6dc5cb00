import { randomInt } from 'node:crypto';
import { z } from 'zod';
import type { ActionPayloads } from '../../src/domain';
import { hashPassword, newUser } from '../auth';
import type { ServerContext } from '../context';
import { collectionOf, type User } from '../schema';
import { readAll, readOne } from '../store';
import { kindergartenInRegion } from './district-data';
import { regionScope, supervisorAction } from './supervisor-change';
import { notFound, SupervisorError } from './supervisor-error';
import type { SupervisorSession } from './supervisor-session';

/** A staff account as the pages see it: never the password hash. */
export type StaffAccount = Omit<User, 'passwordHash' | 'tokenVersion'>;

export const staffInputSchema = z.object({
  login: z.string().trim().min(3).max(48),
  name: z.string().trim().min(1).max(200),
  kindergartenId: z.string().min(1).max(64),
  password: z.string().min(8).max(40),
});
export const staffPatchSchema = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  kindergartenId: z.string().min(1).max(64).optional(),
});

function publicView(user: User): StaffAccount {
  const { passwordHash: _hash, tokenVersion: _version, ...rest } = user;
  return rest;
}

/** The region's staff: accounts whose kindergarten is in the supervisor's region. */
export async function listStaff(ctx: ServerContext, session: SupervisorSession): Promise<StaffAccount[]> {
  const kindergartens = await readAll(collectionOf(ctx.db, 'kindergartens'), { regionId: session.regionId });
  const ids = kindergartens.map((k) => k.id);
  if (ids.length === 0) return [];
  const users = await readAll(collectionOf(ctx.db, 'users'), { role: 'staff', kindergartenId: { $in: ids } });
  return users.map(publicView).sort((a, b) => (a.login < b.login ? -1 : 1));
}

/** Someone the audit page's filter names: a staff member (with their kindergarten) or a supervisor. */
export interface RegionActor {
  id: string;
  name: string;
  role: 'staff' | 'supervisor';
  place?: { nameKk: string; nameRu: string };
}

/** The region's staff and supervisors, by name (the audit page filters by them: issue 14, item 18). */
export async function regionActors(ctx: ServerContext, session: SupervisorSession): Promise<RegionActor[]> {
  const [kindergartens, supervisors] = await Promise.all([
    readAll(collectionOf(ctx.db, 'kindergartens'), { regionId: session.regionId }),
    readAll(collectionOf(ctx.db, 'users'), { role: 'supervisor', regionId: session.regionId }),
  ]);
  const places = new Map(kindergartens.map((k) => [k.id, { nameKk: k.nameKk, nameRu: k.nameRu }]));
  const staff =
    places.size === 0
      ? []
      : await readAll(collectionOf(ctx.db, 'users'), {
          role: 'staff',
          kindergartenId: { $in: [...places.keys()] },
        });
  return [...staff, ...supervisors]
    .map((u) => {
      const place = u.role === 'staff' && u.kindergartenId ? places.get(u.kindergartenId) : undefined;
      return { id: u.id, name: u.name, role: u.role, ...(place ? { place } : {}) };
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'ru') || (a.id < b.id ? -1 : 1));
}

/** A staff account of a kindergarten in the supervisor's region, or 404 (checked again by the reducer). */
async function staffInRegion(ctx: ServerContext, session: SupervisorSession, userId: string): Promise<User> {
  const user = await readOne(collectionOf(ctx.db, 'users'), userId);
  if (user?.role !== 'staff' || !user.kindergartenId) throw notFound('staff');
  if (!(await kindergartenInRegion(ctx.db, session.regionId, user.kindergartenId))) throw notFound('staff');
  return user;
}

/** The account as the processor has just written it (the API answers it, never the hash). */
async function account(ctx: ServerContext, userId: string): Promise<StaffAccount> {
  const user = await readOne(collectionOf(ctx.db, 'users'), userId);
  if (!user) throw notFound('staff');
  return publicView(user);
}

/**
 * A staff account's change as an action (supervisor-change.ts) under the region's lock: the reducer
 * reads the account then (src/domain/supervisor-actions.ts) and refuses one outside the region.
 */
async function staffAction<
  K extends 'staff.edit' | 'staff.assign' | 'staff.resetPassword' | 'staff.disable' | 'staff.enable',
>(
  ctx: ServerContext,
  session: SupervisorSession,
  kind: K,
  payload: ActionPayloads[K] & { userId: string },
): Promise<StaffAccount> {
  await staffInRegion(ctx, session, payload.userId);
  await supervisorAction(ctx, session, kind, payload, regionScope(session.regionId), 'staff');
  return account(ctx, payload.userId);
}

/**
 * A new staff account: the login and password are checked and the password hashed here (newUser); the
 * action carries the hash, which the audit log and the stored action never keep (a secret field of
 * its payload spec).
 */
export async function createStaff(
  ctx: ServerContext,
  session: SupervisorSession,
  input: z.infer<typeof staffInputSchema>,
): Promise<StaffAccount> {
  if (!(await kindergartenInRegion(ctx.db, session.regionId, input.kindergartenId)))
    throw notFound('kindergarten');
  const doc = await newUser(ctx, { ...input, role: 'staff', regionId: session.regionId });
  await supervisorAction(
    ctx,
    session,
    'staff.create',
    {
      userId: doc.id,
      login: doc.login,
      name: doc.name,
      kindergartenId: input.kindergartenId,
      passwordHash: doc.passwordHash,
    },
    regionScope(session.regionId),
    'kindergarten',
  );
  return account(ctx, doc.id);
}

// Letters and digits that cannot be mistaken for one another when read aloud or copied by hand.
const TEMPORARY_ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A one-time password the supervisor hands to the staff member (shown once, never logged or stored plain). */
export function temporaryPassword(length = 12): string {
  return Array.from({ length }, () => TEMPORARY_ALPHABET[randomInt(TEMPORARY_ALPHABET.length)]).join('');
}

/**
 * Account changes that void the user's sessions bump tokenVersion (the reducer does): a reset
 * password, a disabled account and a move to another kindergarten (whose data the old replica must no
 * longer pull).
 */
export async function resetStaffPassword(
  ctx: ServerContext,
  session: SupervisorSession,
  userId: string,
): Promise<{ account: StaffAccount; temporaryPassword: string }> {
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  const updated = await staffAction(ctx, session, 'staff.resetPassword', { userId, passwordHash });
  return { account: updated, temporaryPassword: password };
}

export function setStaffDisabled(
  ctx: ServerContext,
  session: SupervisorSession,
  userId: string,
  disabled: boolean,
): Promise<StaffAccount> {
  return staffAction(ctx, session, disabled ? 'staff.disable' : 'staff.enable', { userId });
}

export async function updateStaff(
  ctx: ServerContext,
  session: SupervisorSession,
  userId: string,
  patch: z.infer<typeof staffPatchSchema>,
): Promise<StaffAccount> {
  if (!patch.name && !patch.kindergartenId)
    throw new SupervisorError(400, 'invalidInput', { fields: ['name', 'kindergartenId'] });
  const before = await staffInRegion(ctx, session, userId);
  if (patch.kindergartenId && !(await kindergartenInRegion(ctx.db, session.regionId, patch.kindergartenId)))
    throw notFound('kindergarten');
  // A move to another kindergarten is its own kind (it ends the account's sessions).
  if (patch.kindergartenId && patch.kindergartenId !== before.kindergartenId)
    return staffAction(ctx, session, 'staff.assign', {
      userId,
      kindergartenId: patch.kindergartenId,
      ...(patch.name ? { name: patch.name } : {}),
    });
  if (!patch.name) return account(ctx, userId);
  return staffAction(ctx, session, 'staff.edit', { userId, name: patch.name });
}
