import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Group, Kindergarten } from '../../src/schema';
import type { ServerContext } from '../context';
import { collectionOf } from '../schema';
import { readAll, readOne, writeDocs } from '../store';
import { kindergartenInRegion } from './district-data';
import type { SupervisorSession } from './supervisor-session';
import { recordSupervisorChange } from './supervisor-change';
import { notFound, SupervisorError } from './supervisor-error';

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
  ageGroup: z.string().trim().min(1).max(100),
  capacity: z.number().int().min(0).max(1000),
});
export const groupPatchSchema = groupInputSchema.omit({ kindergartenId: true }).partial();

/**
 * The catalogue a supervisor runs (issue 8, Management): kindergartens and their groups. Every change
 * is stamped with the server clock and recorded in the audit chain with who made it. A kindergarten
 * outside the supervisor's region is reported as not found.
 */
export async function createKindergarten(
  ctx: ServerContext,
  session: SupervisorSession,
  input: z.infer<typeof kindergartenInputSchema>,
): Promise<Kindergarten> {
  const doc: Kindergarten = {
    id: `kg-${randomUUID()}`,
    ...input,
    regionId: session.regionId,
    status: 'open',
    updatedAt: ctx.now().getTime(),
  };
  await collectionOf(ctx.db, 'kindergartens').insert(doc);
  await recordSupervisorChange(ctx, session, 'kindergarten.create', [doc.id], { ...input }, doc.id);
  return doc;
}

export async function updateKindergarten(
  ctx: ServerContext,
  session: SupervisorSession,
  kindergartenId: string,
  patch: z.infer<typeof kindergartenPatchSchema> & { status?: 'open' | 'closed' },
): Promise<Kindergarten> {
  const existing = await kindergartenInRegion(ctx.db, session.regionId, kindergartenId);
  if (!existing) throw notFound('kindergarten');
  const doc: Kindergarten = {
    ...existing,
    ...patch,
    updatedAt: Math.max(ctx.now().getTime(), existing.updatedAt + 1),
  };
  await writeDocs(collectionOf(ctx.db, 'kindergartens'), [doc]);
  const kind = patch.status === 'closed' ? 'kindergarten.close' : 'kindergarten.edit';
  await recordSupervisorChange(ctx, session, kind, [doc.id], { ...patch }, doc.id);
  return doc;
}

async function groupInRegion(
  ctx: ServerContext,
  session: SupervisorSession,
  groupId: string,
): Promise<Group> {
  const group = await readOne(collectionOf(ctx.db, 'groups'), groupId);
  if (!group || !(await kindergartenInRegion(ctx.db, session.regionId, group.kindergartenId)))
    throw notFound('group');
  return group;
}

export async function createGroup(
  ctx: ServerContext,
  session: SupervisorSession,
  input: z.infer<typeof groupInputSchema>,
): Promise<Group> {
  const kindergarten = await kindergartenInRegion(ctx.db, session.regionId, input.kindergartenId);
  if (!kindergarten) throw notFound('kindergarten');
  if (kindergarten.status === 'closed') throw new SupervisorError(409, 'kindergartenClosed');
  const doc: Group = {
    id: `grp-${randomUUID()}`,
    ...input,
    birthYears: [...new Set(input.birthYears)].sort(),
    enrolled: 0,
    status: 'open',
    updatedAt: ctx.now().getTime(),
  };
  await collectionOf(ctx.db, 'groups').insert(doc);
  await recordSupervisorChange(
    ctx,
    session,
    'group.create',
    [doc.id, doc.kindergartenId],
    { ...input },
    doc.kindergartenId,
  );
  return doc;
}

export async function updateGroup(
  ctx: ServerContext,
  session: SupervisorSession,
  groupId: string,
  patch: z.infer<typeof groupPatchSchema> & { status?: 'open' | 'closed' },
): Promise<Group> {
  const existing = await groupInRegion(ctx, session, groupId);
  if (patch.capacity !== undefined && patch.capacity < existing.enrolled) {
    throw new SupervisorError(409, 'capacityBelowEnrolled', { enrolled: existing.enrolled });
  }
  if (patch.status === 'closed') {
    // A group with a published bulletin still has places on offer to parents: close the bulletin first.
    const published = await readAll(collectionOf(ctx.db, 'bulletins'), { groupId, status: 'published' });
    if (published.length > 0)
      throw new SupervisorError(409, 'groupHasPublishedBulletin', { count: published.length });
  }
  const doc: Group = {
    ...existing,
    ...patch,
    updatedAt: Math.max(ctx.now().getTime(), existing.updatedAt + 1),
  };
  await writeDocs(collectionOf(ctx.db, 'groups'), [doc]);
  const kind = patch.status === 'closed' ? 'group.close' : 'group.edit';
  await recordSupervisorChange(
    ctx,
    session,
    kind,
    [doc.id, doc.kindergartenId],
    { ...patch },
    doc.kindergartenId,
  );
  return doc;
}
