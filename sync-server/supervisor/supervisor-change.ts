import type { ServerContext } from '../context';
import type { SupervisorSession } from './supervisor-session';

/**
 * What a supervisor changed outside the action reducer (catalogue, staff accounts, calendar): told to
 * the region's open pages at once (issue 8, Live) and written to the log without personal data.
 */
export async function recordSupervisorChange(
  ctx: ServerContext,
  session: SupervisorSession,
  kind: string,
  entityIds: string[],
  payload: Record<string, unknown>,
  kindergartenId: string | undefined,
): Promise<void> {
  ctx.log.info({ kind, entityIds, actor: session.userId, regionId: session.regionId }, 'supervisor change');
  ctx.events.publish({
    type: 'supervisor',
    audience: [`region:${session.regionId}`],
    data: { kind, entityIds, ...(kindergartenId ? { kindergartenId } : {}), fields: Object.keys(payload) },
  });
}
