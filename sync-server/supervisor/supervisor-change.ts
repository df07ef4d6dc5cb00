import { randomUUID } from 'node:crypto';
import type { AuditEntry } from '../../src/schema';
import { coordinationOf, replayJournals } from '../actions';
import { sealEntry } from '../audit';
import type { ServerContext } from '../context';
import { collection } from '../database';
import { readAll, writeDocs } from '../store';
import type { SupervisorSession } from './supervisor-session';

/**
 * Records a supervisor change made outside the action reducer (catalogue, staff accounts, calendar):
 * the reducer has no kinds for them, but they must be as explainable as any allocation, so each is
 * sealed onto the same hash chain as the actions (architecture.md: append-only, hash-chained), under
 * the processor's lock so the chain keeps one writer. The region's open pages are told at once.
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
  const entry = await coordinationOf(ctx.db).exclusive(async () => {
    // A journal left by a crash holds an audit entry sealed on the current head: it goes first.
    await replayJournals(ctx.db);
    const audit = collection(ctx.db, 'audit');
    const [last] = await readAll(audit, { seq: { $gt: 0 } }, { sort: [{ seq: 'desc' }], limit: 1 });
    const sealed = sealEntry(last ?? null, {
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
    });
    await writeDocs(audit, [sealed]);
    return sealed;
  });
  ctx.log.info({ kind, entityIds, actor: session.userId, seq: entry.seq }, 'supervisor change');
  ctx.events.publish({
    type: 'supervisor',
    audience: [`region:${session.regionId}`],
    data: { kind, entityIds, ...(kindergartenId ? { kindergartenId } : {}) },
  });
  return entry;
}
