import { randomInt } from 'node:crypto';
import { z } from 'zod';
import type { SupervisorChangeKind } from '../../src/schema';
import { hashPassword, newUser } from '../auth';
import type { ServerContext } from '../context';
import { collectionOf, type User } from '../schema';
import { readAll, readOne } from '../store';
import { kindergartenInRegion } from './district-data';
import { regionLock, supervisorChange } from './supervisor-change';
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

/** Someone the audit page's filter names: a staff member or a supervisor of the region. */
export interface RegionActor {
  id: string;
  name: string;
  role: 'staff' | 'supervisor';
  kindergartenId?: string;
}

/** The region's staff and supervisors, by name (the audit page filters by them: issue 14, item 18). */
export async function regionActors(ctx: ServerContext, session: SupervisorSession): Promise<RegionActor[]> {
  const [staff, supervisors] = await Promise.all([
    listStaff(ctx, session),
    readAll(collectionOf(ctx.db, 'users'), { role: 'supervisor', regionId: session.regionId }),
  ]);
  return [...staff, ...supervisors]
    .map((u) => ({
      id: u.id,
      name: u.name,
      role: u.role,
      ...(u.role === 'staff' && u.kindergartenId ? { kindergartenId: u.kindergartenId } : {}),
    }))
    .sort((a, b) => a.name.localeCompare(b.name, 'ru') || (a.id < b.id ? -1 : 1));
}

async function staffInRegion(ctx: ServerContext, session: SupervisorSession, userId: string): Promise<User> {
  const user = await readOne(collectionOf(ctx.db, 'users'), userId);
  if (user?.role !== 'staff' || !user.kindergartenId) throw notFound('staff');
  if (!(await kindergartenInRegion(ctx.db, session.regionId, user.kindergartenId))) throw notFound('staff');
  return user;
}

/** A change of one staff account, read and written under the region's lock with its audit entry. */
function accountChange(
  ctx: ServerContext,
  session: SupervisorSession,
  kind: SupervisorChangeKind | ((before: User, after: User) => SupervisorChangeKind),
  userId: string,
  change: (user: User, nowMs: number) => Promise<User> | User,
  payload: Record<string, unknown> = {},
): Promise<User> {
  // Named once the change is decided (below), before supervisorChange asks.
  let named: SupervisorChangeKind = typeof kind === 'string' ? kind : 'staff.edit';
  return supervisorChange(
    ctx,
    session,
    regionLock(session.regionId),
    () => named,
    async () => {
      const before = await staffInRegion(ctx, session, userId);
      const now = ctx.now().getTime();
      const after = { ...(await change(before, now)), updatedAt: Math.max(now, before.updatedAt + 1) };
      if (typeof kind !== 'string') named = kind(before, after);
      return {
        writes: [{ collection: 'users', doc: after }],
        entityIds: [userId],
        payload,
        ...(after.kindergartenId ? { kindergartenId: after.kindergartenId } : {}),
        result: after,
      };
    },
  );
}

export async function createStaff(
  ctx: ServerContext,
  session: SupervisorSession,
  input: z.infer<typeof staffInputSchema>,
): Promise<StaffAccount> {
  const user = await supervisorChange(
    ctx,
    session,
    regionLock(session.regionId),
    'staff.create',
    async () => {
      if (!(await kindergartenInRegion(ctx.db, session.regionId, input.kindergartenId)))
        throw notFound('kindergarten');
      const doc = await newUser(ctx, { ...input, role: 'staff', regionId: session.regionId });
      return {
        writes: [{ collection: 'users', doc }],
        entityIds: [doc.id],
        payload: { login: doc.login, kindergartenId: input.kindergartenId },
        kindergartenId: input.kindergartenId,
        result: doc,
      };
    },
  );
  return publicView(user);
}

// Letters and digits that cannot be mistaken for one another when read aloud or copied by hand.
const TEMPORARY_ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A one-time password the supervisor hands to the staff member (shown once, never logged or stored plain). */
export function temporaryPassword(length = 12): string {
  return Array.from({ length }, () => TEMPORARY_ALPHABET[randomInt(TEMPORARY_ALPHABET.length)]).join('');
}

/**
 * Account changes that void the user's sessions bump tokenVersion: a reset password, a disabled
 * account and a move to another kindergarten (whose data the old replica must no longer pull).
 */
export async function resetStaffPassword(
  ctx: ServerContext,
  session: SupervisorSession,
  userId: string,
): Promise<{ account: StaffAccount; temporaryPassword: string }> {
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  const updated = await accountChange(ctx, session, 'staff.resetPassword', userId, (u) => ({
    ...u,
    passwordHash,
    tokenVersion: u.tokenVersion + 1,
  }));
  return { account: publicView(updated), temporaryPassword: password };
}

export async function setStaffDisabled(
  ctx: ServerContext,
  session: SupervisorSession,
  userId: string,
  disabled: boolean,
): Promise<StaffAccount> {
  const kind = disabled ? 'staff.disable' : 'staff.enable';
  const updated = await accountChange(ctx, session, kind, userId, (u) => ({
    ...u,
    disabled,
    tokenVersion: disabled ? u.tokenVersion + 1 : u.tokenVersion,
  }));
  return publicView(updated);
}

export async function updateStaff(
  ctx: ServerContext,
  session: SupervisorSession,
  userId: string,
  patch: z.infer<typeof staffPatchSchema>,
): Promise<StaffAccount> {
  if (!patch.name && !patch.kindergartenId)
    throw new SupervisorError(400, 'invalidInput', { fields: ['name', 'kindergartenId'] });
  const moved = (before: User) =>
    patch.kindergartenId !== undefined && patch.kindergartenId !== before.kindergartenId;
  const updated = await accountChange(
    ctx,
    session,
    (before) => (moved(before) ? 'staff.assign' : 'staff.edit'),
    userId,
    async (u) => {
      if (
        patch.kindergartenId &&
        !(await kindergartenInRegion(ctx.db, session.regionId, patch.kindergartenId))
      )
        throw notFound('kindergarten');
      return {
        ...u,
        ...(patch.name ? { name: patch.name } : {}),
        ...(patch.kindergartenId ? { kindergartenId: patch.kindergartenId } : {}),
        tokenVersion: moved(u) ? u.tokenVersion + 1 : u.tokenVersion,
      };
    },
    { ...patch },
  );
  return publicView(updated);
}
