import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Action, Application } from '../../src/schema';
import { type ActionOutcome, processAction } from '../actions';
import type { ServerContext } from '../context';
import type { SupervisorSession } from './supervisor-session';

export const priorityDecisionSchema = z.object({
  decision: z.enum(['confirm', 'reject']),
  /** Which documents were checked (certificate numbers, issuer): kept in the audit entry. */
  note: z.string().trim().max(500).default(''),
});

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
