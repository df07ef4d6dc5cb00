import { holdsQueuePlace, maskIin } from '../../src/domain';
import type { Application } from '../../src/schema';
import type { DistrictData } from './district-data';
import type { PriorityClaim } from '../../src/contract';

// The answers' shapes are the HTTP contract's (src/contract/supervisor-api.ts).
export type { PriorityClaim };

/**
 * Applications that claim a priority category (docs/domain.md: it counts only once a supervisor has
 * confirmed its documents). `pending`: in the queue and not decided yet.
 */
/**
 * A claim still waiting for a decision: claimed, not decided (a decision records who and when), and
 * not already counting in the queue (`priority` is 'none' until confirmed: src/schema applications).
 */
export function awaitsConfirmation(a: Application): boolean {
  return (
    holdsQueuePlace(a.status) &&
    a.claimedPriority !== 'none' &&
    !a.priorityConfirmedAt &&
    a.priority !== a.claimedPriority
  );
}

export function priorityClaims(data: DistrictData, status: 'pending' | 'all'): PriorityClaim[] {
  return data.applications
    .filter((a) => a.claimedPriority !== 'none')
    .filter((a) => status === 'all' || awaitsConfirmation(a))
    .sort((a, b) => (a.filedAt < b.filedAt ? -1 : a.filedAt > b.filedAt ? 1 : 0))
    .map((a: Application) => ({
      applicationId: a.id,
      childName: a.childName,
      childIin: maskIin(a.childIin),
      localityId: a.localityId,
      birthYear: a.birthYear,
      filedAt: a.filedAt,
      claimedPriority: a.claimedPriority,
      priority: a.priority,
      status: a.status,
      ...(a.priorityConfirmedBy ? { priorityConfirmedBy: a.priorityConfirmedBy } : {}),
      ...(a.priorityConfirmedAt ? { priorityConfirmedAt: a.priorityConfirmedAt } : {}),
    }));
}
