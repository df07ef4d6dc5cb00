import { randomUUID } from 'node:crypto';
import type { AuditEntry } from '../../src/schema';
import { appendAudit } from '../actions';
import type { ServerContext } from '../context';
import type { SupervisorSession } from './supervisor-session';

/**
 * Records a supervisor change made outside the action reducer (catalogue, staff accounts, calendar):
 * the reducer has no kinds for them, but they must be as explainable as any allocation, so each is
 * sealed onto the same hash chain as the actions (architecture.md: append-only, hash-chained), under
 * the chain's lock so the chain keeps one writer. The region's open pages are told at once.
 */
export async function recordSupervisorChange(
  ctx: ServerContext,
  session: SupervisorSession,
  kind: string,
  entityIds: string[],
  payload: Record<string, unknown>,
  kindergartenId: string | undefined,
): Promise<AuditEntry> {
  const now = ctx.now();
  const changeId = `sv_${randomUUID()}`;
  // Sealed onto the same chain as the actions, under the chain's own lock (actions/audit-writer.ts).
  const [entry] = await appendAudit(ctx.db, [
    {
      id: `aud_${changeId}`,
      actionId: changeId,
      kind,
      actor: session.userId,
      actorRole: 'supervisor',
      districtId: session.regionId,
      ...(kindergartenId ? { kindergartenId } : {}),
      entityIds,
      payload,
      at: now.toISOString(),
      updatedAt: now.getTime(),
    },
  ]);
  ctx.log.info({ kind, entityIds, actor: session.userId, seq: entry.seq }, 'supervisor change');
  ctx.events.publish({
    type: 'supervisor',
    audience: [`region:${session.regionId}`],
    data: { kind, entityIds, ...(kindergartenId ? { kindergartenId } : {}) },
  });
  return entry;
}
