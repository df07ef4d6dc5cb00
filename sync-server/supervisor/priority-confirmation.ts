import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { makeAction } from '../../src/domain';
import type { Application } from '../../src/schema';
import { type ActionOutcome, processAction } from '../actions';
import type { ServerContext } from '../context';
import type { SupervisorSession } from './supervisor-session';

export const priorityDecisionSchema = z.object({
  decision: z.enum(['confirm', 'reject']),
  /** Which documents were checked (certificate numbers, issuer): kept in the audit entry. */
  note: z.string().trim().max(500).default(''),
});

/**
 * Records the supervisor's decision as an `application.confirmPriority` action (docs/architecture.md: every
 * state change goes through the action processor), so who decided, what and when is in the audit
 * chain. The processor checks that the application is in the supervisor's region.
 */
export async function decidePriority(
  ctx: ServerContext,
  session: SupervisorSession,
  application: Application,
  input: z.infer<typeof priorityDecisionSchema>,
): Promise<ActionOutcome> {
  const action = makeAction(
    'application.confirmPriority',
    {
      applicationId: application.id,
      confirmed: input.decision === 'confirm',
      claimedPriority: application.claimedPriority,
      ...(input.note ? { documents: input.note } : {}),
    },
    {
      id: `sv_${randomUUID()}`,
      actor: session.userId,
      actorRole: 'supervisor',
      // A supervisor acts for the district, not for a kindergarten.
      kindergartenId: '',
      deviceId: 'supervisor-web',
      now: ctx.now(),
    },
  );
  return processAction(ctx, action);
}
