import type { SupervisorChangeKind } from '../../src/schema';
import { applyDirectChange, type DirectChange } from '../actions';
import type { ServerContext } from '../context';
import type { SupervisorSession } from './supervisor-session';

/**
 * A supervisor's change made outside the action reducer (catalogue, staff accounts, calendar, region
 * settings), on the processor's write path (actions/direct-change.ts): decided under `lock` from the
 * documents as they are then — the locality's lock for the catalogue, which the actions on its
 * bulletins, referrals and contracts hold too; the region's for accounts and settings — and written
 * with its audit entry on the same hash chain as the actions through one journal (docs/architecture.md:
 * append-only, hash-chained). The region's open pages are told at once.
 */
export interface SupervisorDecision<T> {
  writes: DirectChange<T>['writes'];
  entityIds: string[];
  payload: Record<string, unknown>;
  kindergartenId?: string;
  result: T;
}

export async function supervisorChange<T>(
  ctx: ServerContext,
  session: SupervisorSession,
  lock: string[],
  /** The audit kind, or how to name it once decided (a staff edit that moved the account is `staff.assign`). */
  kindOf: SupervisorChangeKind | (() => SupervisorChangeKind),
  decide: () => Promise<SupervisorDecision<T>>,
): Promise<T> {
  let kind = '';
  const { result: d, auditId } = await applyDirectChange(ctx, lock, async () => {
    const decision = await decide();
    kind = typeof kindOf === 'string' ? kindOf : kindOf();
    return {
      writes: decision.writes,
      result: decision,
      audit: {
        kind,
        actor: session.userId,
        actorRole: 'supervisor',
        districtId: session.regionId,
        ...(decision.kindergartenId ? { kindergartenId: decision.kindergartenId } : {}),
        entityIds: decision.entityIds,
        payload: decision.payload,
      },
    };
  });
  ctx.log.info({ kind, entityIds: d.entityIds, actor: session.userId, auditId }, 'supervisor change');
  ctx.events.publish({
    type: 'supervisor',
    audience: [`region:${session.regionId}`],
    data: { kind, entityIds: d.entityIds, ...(d.kindergartenId ? { kindergartenId: d.kindergartenId } : {}) },
  });
  return d.result;
}

/** The lock of a locality's actions (actions/partition.ts). */
export const localityLock = (localityId: string) => [`loc:${localityId}`];
/** The lock of a region's accounts and settings. */
export const regionLock = (regionId: string) => [`region:${regionId}`];
