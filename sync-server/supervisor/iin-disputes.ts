import { z } from 'zod';
import { IIN_RELEASE_REASON, parseIin } from '../../src/domain';
import type { ServerContext } from '../context';
import { collection } from '../database';
import { readOne } from '../store';
import { regionScope, supervisorAction } from './supervisor-change';
import type { SupervisorSession } from './supervisor-session';
import { SupervisorError } from './supervisor-error';

export const iinReleaseSchema = z.object({
  reason: z.string().trim().min(IIN_RELEASE_REASON.min).max(IIN_RELEASE_REASON.max),
});

/**
 * The contact centre frees a parent's IIN for its owner (src/domain/iin-release.ts has the rules) as
 * the action `parent.releaseIin`, applied by the processor like every supervisor change — under the
 * region's lock, journaled, its audit entry (the IIN and the reason) written with the change. An IIN
 * no account holds, or held by an account with applications in another region, answers 404.
 */
export async function releaseParentIin(
  ctx: ServerContext,
  session: SupervisorSession,
  iin: string,
  input: z.infer<typeof iinReleaseSchema>,
): Promise<{ iin: string; parentId: string; releasedAt: string }> {
  // A malformed IIN is the form's mistake (400), before an action is stored; the reducer checks it too.
  if (!parseIin(iin).ok) throw new SupervisorError(400, 'invalidInput', { fields: ['iin'] });
  const wanted = iin.trim();
  const { actionId } = await supervisorAction(
    ctx,
    session,
    'parent.releaseIin',
    { regionId: session.regionId, iin: wanted, reason: input.reason },
    regionScope(session.regionId),
    'iin',
  );
  // The action's audit entry, written with the change, names the account and the moment.
  const entry = await readOne(collection(ctx.db, 'audit'), `aud_${actionId}`);
  if (!entry) throw new Error('parent.releaseIin was applied without its audit entry');
  return { iin: wanted, parentId: entry.entityIds[0], releasedAt: entry.at };
}
