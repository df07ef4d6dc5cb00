import { z } from 'zod';
import { parseIin } from '../../src/domain';
import type { ServerContext } from '../context';
import { collectionOf, type Parent } from '../schema';
import { readAll } from '../store';
import { regionLock, supervisorChange } from './supervisor-change';
import type { SupervisorSession } from './supervisor-session';
import { notFound, SupervisorError } from './supervisor-error';

export const iinReleaseSchema = z.object({ reason: z.string().trim().min(3).max(500) });

/** What the holder's account loses with the IIN: everything the registry filled in at step 4. */
const FROM_REGISTRY = ['iin', 'lastName', 'firstName', 'middleName', 'birthDate', 'sex'] as const;

/**
 * The dispute path of a parent's IIN (docs/domain.md, Parent account: "a wrongly taken IIN is freed by a
 * supervisor (contact centre) with an audited action"; issue 13, point 3). The IIN's owner calls the
 * contact centre; once their identity is checked there, the supervisor frees the IIN from the account
 * holding it, with the reason. That account keeps its phone, password, children and applications but
 * goes back to registration step 4 (no IIN, every session ended), and the owner can bind the IIN.
 *
 * A supervisor frees an IIN only from an account whose applications are all in their region (an
 * account without applications belongs to no region): any other answers 404, as if it were not bound.
 * Decided under the region's lock, written with its audit entry on the one chain (supervisor-change.ts).
 */
export async function releaseParentIin(
  ctx: ServerContext,
  session: SupervisorSession,
  iin: string,
  input: z.infer<typeof iinReleaseSchema>,
): Promise<{ iin: string; parentId: string; releasedAt: string }> {
  if (!parseIin(iin).ok) throw new SupervisorError(400, 'invalidInput', { fields: ['iin'] });
  return supervisorChange(ctx, session, regionLock(session.regionId), 'parent.releaseIin', async () => {
    const [holder] = await readAll(collectionOf(ctx.db, 'parents'), { iin });
    if (!holder) throw notFound('iin');
    const apps = await readAll(collectionOf(ctx.db, 'applications'), { parentId: holder.id });
    if (apps.some((a) => a.regionId !== session.regionId)) throw notFound('iin');
    const now = ctx.now();
    const freed: Record<string, unknown> = {
      ...holder,
      tokenVersion: holder.tokenVersion + 1,
      updatedAt: now.getTime(),
    };
    for (const key of FROM_REGISTRY) delete freed[key];
    return {
      writes: [{ collection: 'parents', doc: freed as Parent }],
      entityIds: [holder.id],
      payload: { iin, reason: input.reason },
      result: { iin, parentId: holder.id, releasedAt: now.toISOString() },
    };
  });
}
