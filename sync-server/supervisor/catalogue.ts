import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  ageGroupCode,
  type CatalogueRefusal,
  edited,
  groupCreateRefusal,
  groupEditRefusal,
} from '../../src/domain';
import type { Group, Kindergarten } from '../../src/schema';
import type { ServerContext } from '../context';
import { collectionOf } from '../schema';
import { readAll, readOne } from '../store';
import { kindergartenInRegion } from './district-data';
import { localityLock, supervisorChange } from './supervisor-change';
import type { SupervisorSession } from './supervisor-session';
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
  // A code of AGE_GROUPS; a text (e.g. «Средняя группа») is taken as its code (issue 14, item 6).
  ageGroup: z.string().trim().min(1).max(100).transform(ageGroupCode),
  capacity: z.number().int().min(0).max(1000),
});
export const groupPatchSchema = groupInputSchema.omit({ kindergartenId: true }).partial();

/**
 * The catalogue a supervisor runs (issue 8, Management): kindergartens and their groups. Every change
 * goes through the processor's write path (actions/direct-change.ts): decided under the lock of the
 * kindergarten's locality — the lock the actions on its bulletins, referrals and contracts hold — from
 * the documents as they are then, and written with its audit entry through one journal. So a contract
 * signed while a group is being edited is never overwritten, and no change is left unaudited. A
 * kindergarten outside the supervisor's region is reported as not found.
 */

const refuse = (refusal: CatalogueRefusal | null) => {
  if (refusal) throw new SupervisorError(409, refusal.code, refusal.params);
};

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
  return supervisorChange(ctx, session, localityLock(doc.localityId), 'kindergarten.create', async () => ({
    writes: [{ collection: 'kindergartens', doc }],
    entityIds: [doc.id],
    payload: { ...input },
    kindergartenId: doc.id,
    result: doc,
  }));
}

export async function updateKindergarten(
  ctx: ServerContext,
  session: SupervisorSession,
  kindergartenId: string,
  patch: z.infer<typeof kindergartenPatchSchema> & { status?: 'open' | 'closed' },
): Promise<Kindergarten> {
  const before = await kindergartenInRegion(ctx.db, session.regionId, kindergartenId);
  if (!before) throw notFound('kindergarten');
  const kind = patch.status === 'closed' ? 'kindergarten.close' : 'kindergarten.edit';
  return supervisorChange(ctx, session, localityLock(before.localityId), kind, async () => {
    const existing = await kindergartenInRegion(ctx.db, session.regionId, kindergartenId);
    if (!existing) throw notFound('kindergarten');
    const doc = edited(existing, patch, ctx.now().getTime());
    return {
      writes: [{ collection: 'kindergartens', doc }],
      entityIds: [doc.id],
      payload: { ...patch },
      kindergartenId: doc.id,
      result: doc,
    };
  });
}

/** The group and its kindergarten, if the kindergarten is in the supervisor's region. */
async function groupInRegion(
  ctx: ServerContext,
  session: SupervisorSession,
  groupId: string,
): Promise<{ group: Group; kindergarten: Kindergarten }> {
  const group = await readOne(collectionOf(ctx.db, 'groups'), groupId);
  const kindergarten = group && (await kindergartenInRegion(ctx.db, session.regionId, group.kindergartenId));
  if (!group || !kindergarten) throw notFound('group');
  return { group, kindergarten };
}

export async function createGroup(
  ctx: ServerContext,
  session: SupervisorSession,
  input: z.infer<typeof groupInputSchema>,
): Promise<Group> {
  const before = await kindergartenInRegion(ctx.db, session.regionId, input.kindergartenId);
  if (!before) throw notFound('kindergarten');
  return supervisorChange(ctx, session, localityLock(before.localityId), 'group.create', async () => {
    const kindergarten = await kindergartenInRegion(ctx.db, session.regionId, input.kindergartenId);
    if (!kindergarten) throw notFound('kindergarten');
    refuse(groupCreateRefusal(kindergarten));
    const doc: Group = {
      id: `grp-${randomUUID()}`,
      ...input,
      birthYears: [...new Set(input.birthYears)].sort(),
      enrolled: 0,
      status: 'open',
      updatedAt: ctx.now().getTime(),
    };
    return {
      writes: [{ collection: 'groups', doc }],
      entityIds: [doc.id, doc.kindergartenId],
      payload: { ...input },
      kindergartenId: doc.kindergartenId,
      result: doc,
    };
  });
}

export async function updateGroup(
  ctx: ServerContext,
  session: SupervisorSession,
  groupId: string,
  patch: z.infer<typeof groupPatchSchema> & { status?: 'open' | 'closed' },
): Promise<Group> {
  const before = await groupInRegion(ctx, session, groupId);
  const kind = patch.status === 'closed' ? 'group.close' : 'group.edit';
  return supervisorChange(ctx, session, localityLock(before.kindergarten.localityId), kind, async () => {
    // Read again under the lock: `enrolled` is what the contracts signed up to now made it.
    const { group: existing } = await groupInRegion(ctx, session, groupId);
    const published =
      patch.status === 'closed'
        ? (await readAll(collectionOf(ctx.db, 'bulletins'), { groupId, status: 'published' })).length
        : 0;
    refuse(groupEditRefusal(existing, patch, published));
    const doc = edited(existing, patch, ctx.now().getTime());
    return {
      writes: [{ collection: 'groups', doc }],
      entityIds: [doc.id, doc.kindergartenId],
      payload: { ...patch },
      kindergartenId: doc.kindergartenId,
      result: doc,
    };
  });
}
