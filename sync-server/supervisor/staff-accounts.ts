import { randomInt } from 'node:crypto';
import { z } from 'zod';
import { createUser, hashPassword } from '../auth';
import type { ServerContext } from '../context';
import { collectionOf, type User } from '../schema';
import { readAll } from '../store';
import { kindergartenInRegion } from './district-data';
import { recordSupervisorChange } from './supervisor-change';
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

async function staffInRegion(ctx: ServerContext, session: SupervisorSession, userId: string) {
  const doc = await collectionOf(ctx.db, 'users').findOne(userId).exec();
  if (doc?.role !== 'staff' || !doc.kindergartenId) throw notFound('staff');
  if (!(await kindergartenInRegion(ctx.db, session.regionId, doc.kindergartenId))) throw notFound('staff');
  return doc;
}

export async function createStaff(
  ctx: ServerContext,
  session: SupervisorSession,
  input: z.infer<typeof staffInputSchema>,
): Promise<StaffAccount> {
  if (!(await kindergartenInRegion(ctx.db, session.regionId, input.kindergartenId)))
    throw notFound('kindergarten');
  const user = await createUser(ctx, { ...input, role: 'staff', regionId: session.regionId });
  await recordSupervisorChange(
    ctx,
    session,
    'staff.create',
    [user.id],
    { login: user.login, kindergartenId: input.kindergartenId },
    input.kindergartenId,
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
  const doc = await staffInRegion(ctx, session, userId);
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  const now = ctx.now().getTime();
  const updated = await doc.incrementalModify((u) => ({
    ...u,
    passwordHash,
    tokenVersion: u.tokenVersion + 1,
    updatedAt: now,
  }));
  await recordSupervisorChange(ctx, session, 'staff.resetPassword', [userId], {}, updated.kindergartenId);
  return { account: publicView(updated.toJSON() as User), temporaryPassword: password };
}

export async function setStaffDisabled(
  ctx: ServerContext,
  session: SupervisorSession,
  userId: string,
  disabled: boolean,
): Promise<StaffAccount> {
  const doc = await staffInRegion(ctx, session, userId);
  const now = ctx.now().getTime();
  const updated = await doc.incrementalModify((u) => ({
    ...u,
    disabled,
    tokenVersion: disabled ? u.tokenVersion + 1 : u.tokenVersion,
    updatedAt: now,
  }));
  await recordSupervisorChange(
    ctx,
    session,
    disabled ? 'staff.disable' : 'staff.enable',
    [userId],
    {},
    updated.kindergartenId,
  );
  return publicView(updated.toJSON() as User);
}

export async function updateStaff(
  ctx: ServerContext,
  session: SupervisorSession,
  userId: string,
  patch: z.infer<typeof staffPatchSchema>,
): Promise<StaffAccount> {
  const doc = await staffInRegion(ctx, session, userId);
  if (patch.kindergartenId && !(await kindergartenInRegion(ctx.db, session.regionId, patch.kindergartenId))) {
    throw notFound('kindergarten');
  }
  if (!patch.name && !patch.kindergartenId)
    throw new SupervisorError(400, 'invalidInput', { fields: ['name', 'kindergartenId'] });
  const moved = patch.kindergartenId !== undefined && patch.kindergartenId !== doc.kindergartenId;
  const now = ctx.now().getTime();
  const updated = await doc.incrementalModify((u) => ({
    ...u,
    ...(patch.name ? { name: patch.name } : {}),
    ...(patch.kindergartenId ? { kindergartenId: patch.kindergartenId } : {}),
    tokenVersion: moved ? u.tokenVersion + 1 : u.tokenVersion,
    updatedAt: now,
  }));
  await recordSupervisorChange(
    ctx,
    session,
    moved ? 'staff.assign' : 'staff.edit',
    [userId],
    { ...patch },
    updated.kindergartenId,
  );
  return publicView(updated.toJSON() as User);
}
