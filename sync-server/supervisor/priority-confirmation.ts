import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { holdsQueuePlace, maskIin } from '../../src/domain';
import type { Action, Application } from '../../src/schema';
import { type ActionOutcome, processAction } from '../actions';
import type { ServerContext } from '../context';
import type { DistrictData } from './district-data';
import type { SupervisorSession } from './supervisor-session';

export const priorityDecisionSchema = z.object({
  decision: z.enum(['confirm', 'reject']),
  /** Which documents were checked (certificate numbers, issuer): kept in the audit entry. */
  note: z.string().trim().max(500).default(''),
});

export interface PriorityClaim {
  applicationId: string;
  childName: string;
  childIin: string;
  localityId: string;
  birthYear: number;
  filedAt: string;
  claimedPriority: string;
  priority: string;
  status: string;
  priorityConfirmedBy?: string;
  priorityConfirmedAt?: string;
}

/**
 * Applications that claim a priority category (domain.md: it counts only once a supervisor has
 * confirmed its documents). `pending`: in the queue and not decided yet.
 */
export function priorityClaims(data: DistrictData, status: 'pending' | 'all'): PriorityClaim[] {
  return data.applications
    .filter((a) => a.claimedPriority !== 'none')
    .filter((a) => status === 'all' || (holdsQueuePlace(a.status) && !a.priorityConfirmedAt))
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

/**
 * Records the supervisor's decision as an `application.confirmPriority` action (architecture.md: every
 * state change goes through the action processor), so who decided, what and when is in the audit
 * chain. The processor checks that the application is in the supervisor's region.
 */
export async function decidePriority(
  ctx: ServerContext,
  session: SupervisorSession,
  application: Application,
  input: z.infer<typeof priorityDecisionSchema>,
): Promise<ActionOutcome> {
  const now = ctx.now();
  const action: Action = {
    id: `sv_${randomUUID()}`,
    kind: 'application.confirmPriority',
    payload: {
      applicationId: application.id,
      confirmed: input.decision === 'confirm',
      claimedPriority: application.claimedPriority,
      ...(input.note ? { documents: input.note } : {}),
    },
    actor: session.userId,
    actorRole: 'supervisor',
    // A supervisor acts for the district, not for a kindergarten.
    kindergartenId: '',
    deviceId: 'supervisor-web',
    occurredAt: now.toISOString(),
    status: 'pending',
    updatedAt: now.getTime(),
  };
  return processAction(ctx, action);
}
