import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ageGroupCode } from '../../src/domain';
import type { Group, Kindergarten } from '../../src/schema';
import type { ServerContext } from '../context';
import { collectionOf } from '../schema';
import { readOne } from '../store';
import { kindergartenInRegion } from './district-data';
import { supervisorAction } from './supervisor-change';
import { notFound } from './supervisor-error';
import type { SupervisorSession } from './supervisor-session';

const name = z.string().trim().min(1).max(200);
const language = z.string().trim().min(2).max(8);
const id = z.string().trim().min(1).max(64);

export const kindergartenInputSchema = z.object({
  nameKk: name,
  nameRu: name,
  ownership: z.enum(['state', 'private']),
  localityId: id,
  address: z.string().trim().min(1).max(300),
  phone: z.string().trim().max(40).optional(),
  languages: z.array(language).min(1).max(10),
});
export const kindergartenPatchSchema = kindergartenInputSchema.partial();

export const groupInputSchema = z.object({
  kindergartenId: id,
  name,
  groupType: z.string().trim().min(1).max(20),
  language,
  birthYears: z.array(z.number().int().min(2000).max(2100)).min(1).max(7),
  // A code of AGE_GROUPS; a text (e.g. «Средняя группа») is taken as its code (issue 14, item 6).
  ageGroup: z.string().trim().min(1).max(100).transform(ageGroupCode),
  capacity: z.number().int().min(0).max(1000),
});
export const groupPatchSchema = groupInputSchema.omit({ kindergartenId: true }).partial();

/**
 * The catalogue a supervisor runs (issue 8, Management): kindergartens and their groups. Every change
 * is an action (supervisor-change.ts) applied by the processor under the lock of the kindergarten's
 * locality — the lock the actions on its bulletins, referrals and contracts hold — and decided by the
 * reducer from the documents as they are then (src/domain/supervisor-actions.ts: capacity never below
 * the children enrolled, no closing under a published bulletin, groups only in an open kindergarten).
 * So a contract signed while a group is being edited is never overwritten, and no change is left
 * unaudited. A kindergarten outside the supervisor's region is reported as not found.
 */

/** A document the processor has just written (the API answers it). */
async function written<T>(read: Promise<T | null | undefined>, what: string): Promise<T> {
  const doc = await read;
  if (!doc) throw notFound(what);
  return doc;
}

const readKindergarten = (ctx: ServerContext, id: string) =>
  written(readOne(collectionOf(ctx.db, 'kindergartens'), id), 'kindergarten');
const readGroup = (ctx: ServerContext, id: string) =>
  written(readOne(collectionOf(ctx.db, 'groups'), id), 'group');

export async function createKindergarten(
  ctx: ServerContext,
  session: SupervisorSession,
  input: z.infer<typeof kindergartenInputSchema>,
): Promise<Kindergarten> {
  const kindergartenId = `kg-${randomUUID()}`;
  await supervisorAction(
    ctx,
    session,
    'kindergarten.create',
    { kindergartenId, regionId: session.regionId, ...input },
    '',
    'kindergarten',
  );
  return readKindergarten(ctx, kindergartenId);
}

export async function updateKindergarten(
  ctx: ServerContext,
  session: SupervisorSession,
  kindergartenId: string,
  patch: z.infer<typeof kindergartenPatchSchema> & { status?: 'open' | 'closed' },
): Promise<Kindergarten> {
  if (!(await kindergartenInRegion(ctx.db, session.regionId, kindergartenId))) throw notFound('kindergarten');
  const { status, ...fields } = patch;
  if (status === 'closed')
    await supervisorAction(
      ctx,
      session,
      'kindergarten.close',
      { kindergartenId },
      kindergartenId,
      'kindergarten',
    );
  else
    await supervisorAction(
      ctx,
      session,
      'kindergarten.edit',
      { kindergartenId, ...fields, ...(status ? { status } : {}) },
      kindergartenId,
      'kindergarten',
    );
  return readKindergarten(ctx, kindergartenId);
}

export async function createGroup(
  ctx: ServerContext,
  session: SupervisorSession,
  input: z.infer<typeof groupInputSchema>,
): Promise<Group> {
  if (!(await kindergartenInRegion(ctx.db, session.regionId, input.kindergartenId)))
    throw notFound('kindergarten');
  const groupId = `grp-${randomUUID()}`;
  await supervisorAction(
    ctx,
    session,
    'group.create',
    { groupId, ...input },
    input.kindergartenId,
    'kindergarten',
  );
  return readGroup(ctx, groupId);
}

export async function updateGroup(
  ctx: ServerContext,
  session: SupervisorSession,
  groupId: string,
  patch: z.infer<typeof groupPatchSchema> & { status?: 'open' | 'closed' },
): Promise<Group> {
  // The group's kindergarten is the action's (its locality's lock); the reducer reads the group again.
  const group = await readOne(collectionOf(ctx.db, 'groups'), groupId);
  if (!group || !(await kindergartenInRegion(ctx.db, session.regionId, group.kindergartenId)))
    throw notFound('group');
  const { status, ...fields } = patch;
  if (status === 'closed')
    await supervisorAction(ctx, session, 'group.close', { groupId }, group.kindergartenId, 'group');
  else
    await supervisorAction(
      ctx,
      session,
      'group.edit',
      { groupId, ...fields, ...(status ? { status } : {}) },
      group.kindergartenId,
      'group',
    );
  return readGroup(ctx, groupId);
}
