import { randomUUID } from 'node:crypto';
import { type ActionPayloads, checkPayload, makeAction } from '../../src/domain';
import type { SupervisorActionKind } from '../../src/schema';
import { processAction } from '../actions';
import type { ServerContext } from '../context';
import { notFound, SupervisorError } from './supervisor-error';
import type { SupervisorSession } from './supervisor-session';

/**
 * The API's callers check first that what they change exists in the supervisor's region (404 then, as
 * before, with nothing stored); the reducer checks it again under the lock.
 *
 * A supervisor's change of the district as an action (issue 12, item 6: one write path): made with the
 * one makeAction(), applied by the action processor like a parent's or a workstation's — under the
 * lock of the kindergarten's locality (the catalogue: the lock its bulletins, referrals and contracts
 * are applied under) or the region's (accounts, calendar, settings, a parent's IIN; actions/partition.ts),
 * decided by the reducer (src/domain/supervisor-actions.ts, iin-release.ts) from the documents as they
 * are then, journaled and
 * audited with the action's own entry. The API answers once it is applied; a refusal is the reducer's
 * reason as a 4xx. The region's open pages are told at once.
 */
export async function supervisorAction<K extends SupervisorActionKind>(
  ctx: ServerContext,
  session: SupervisorSession,
  kind: K,
  payload: ActionPayloads[K],
  /** The kindergarten it concerns, or '' (a new one); the region's own actions use `region:<id>`. */
  kindergartenId: string,
  /** What a refusal of the region's scope or a missing entity is reported as (`notFound`'s `what`). */
  what: string,
): Promise<{ actionId: string; entityIds: string[] }> {
  // What the reducer would refuse for its shape alone is refused here, before an action is stored.
  const malformed = checkPayload(kind, payload);
  if (malformed) throw refusal({ code: malformed.code, params: malformed.params ?? {} }, what);
  const action = makeAction(kind, payload, {
    id: `sv_${randomUUID()}`,
    actor: session.userId,
    actorRole: 'supervisor',
    kindergartenId,
    deviceId: 'supervisor-web',
    now: ctx.now(),
  });
  const outcome = await processAction(ctx, action);
  if (outcome.status === 'rejected') throw refusal(outcome.reason, what);
  const ids = Object.entries(payload as Record<string, unknown>)
    .filter(([field, v]) => field.endsWith('Id') && field !== 'regionId' && typeof v === 'string')
    .map(([, v]) => v as string);
  ctx.events.publish({
    type: 'supervisor',
    audience: [`region:${session.regionId}`],
    data: {
      kind,
      entityIds: ids,
      ...(kindergartenId && !kindergartenId.startsWith('region:') ? { kindergartenId } : {}),
    },
  });
  return { actionId: action.id, entityIds: ids };
}

/** The pages' name of what a missing document was. */
const WHAT: Record<string, string> = { kindergartens: 'kindergarten', groups: 'group', users: 'staff' };

/**
 * The processor's reason as the supervisor API's refusal: anything outside the supervisor's region is
 * not found (as if it did not exist), a payload the reducer refuses is the form's `invalidInput`, and
 * a rule's refusal (capacity below enrolled, a taken login, …) is 409 with the rule's code.
 */
function refusal(reason: { code: string; params: Record<string, unknown> }, what: string): SupervisorError {
  const { code, params } = reason;
  if (code === 'forbidden' && params.reason === 'region') return notFound(what);
  if (code === 'notFound') return notFound(WHAT[String(params.collection)] ?? what);
  if (code === 'invalidPayload') {
    const status = params.reason === 'tooLarge' ? 413 : 400;
    return new SupervisorError(status, 'invalidInput', { fields: [String(params.field ?? '(body)')] });
  }
  return new SupervisorError(409, code, params);
}

/** The kindergarten id a region's own actions carry: its lock (actions/partition.ts). */
export const regionScope = (regionId: string) => `region:${regionId}`;
