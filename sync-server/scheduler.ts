import { createHash } from 'node:crypto';
import {
  type ActionPayloads,
  addDays,
  almatyDayOfMs,
  hasLapsed,
  makeAction,
  parseInstant,
} from '../src/domain';
import type { Action, ActionKind } from '../src/schema';
import { coordinationOf, processTogether, SYSTEM_ACTOR } from './actions';
import type { ServerContext } from './context';
import { collection } from './database';
import {
  existingNotifications,
  interestDue,
  prepareDeadlineIndexes,
  priorityWindowsOver,
  referralsPastValidity,
  stopListsOver,
} from './deadlines';
import { readAll, writeDocs } from './store';

/**
 * The scheduler (docs/architecture.md): the deadlines nobody acts on. Every change goes through the action
 * processor as a `system` action, so the audit log covers it. A tick is idempotent: each system
 * action's id is derived from what it acts on and the deadline it enforces, so a repeated tick (or
 * two processes ticking at once) applies nothing twice. With several processes on one PostgreSQL one
 * of them leads each tick (advisory lock); on PGlite or memory the single process leads.
 */

export interface TickReport {
  led: boolean;
  referralsExpired: number;
  stopListsEnded: number;
  bulletinsOpened: number;
  applicationsSuspended: number;
  remindersSent: number;
  rejected: number;
}

/** Region setting (docs/domain.md, "Заинтересован": how often is a regional setting); absent = not required. */
export const INTEREST_SETTING = 'interestConfirmationDays';
/** Parents are reminded this many days before their confirmation is due. */
export const REMINDER_DAYS_BEFORE = 7;

const DAY_MS = 86_400_000;

function systemActionId(kind: ActionKind, entityId: string, deadline: string): string {
  return `sys_${createHash('sha256').update(`${kind}|${entityId}|${deadline}`).digest('hex').slice(0, 40)}`;
}

function systemAction<K extends ActionKind>(
  ctx: ServerContext,
  kind: K,
  payload: ActionPayloads[K],
  id: string,
  kindergartenId = '',
): Action {
  return makeAction(kind, payload, {
    id,
    actor: SYSTEM_ACTOR,
    actorRole: 'system',
    kindergartenId,
    deviceId: 'scheduler',
    now: ctx.now(),
  });
}

export async function runSchedulerTick(ctx: ServerContext): Promise<TickReport> {
  const report: TickReport = {
    led: false,
    referralsExpired: 0,
    stopListsEnded: 0,
    bulletinsOpened: 0,
    applicationsSuspended: 0,
    remindersSent: 0,
    rejected: 0,
  };
  report.led = await coordinationOf(ctx.db).ifLeader('scheduler', async () => {
    type Key = keyof Omit<TickReport, 'led' | 'rejected' | 'remindersSent'>;
    // Every due action of the tick is applied in one batch under all their localities' locks
    // (actions/together.ts: one round of reads and one write, not a round per locality), decided in
    // this order: a referral's expiry gives its place back before the bulletin's window ends.
    const due: { action: Action; key: Key }[] = [];
    const add = (key: Key) => (action: Action) => due.push({ action, key });
    const nowMs = ctx.now().getTime();
    const nowIso = ctx.now().toISOString();
    const today = almatyDayOfMs(nowMs);

    // Referral expiry → stop-list (docs/domain.md, Referrals: 5 working days, then 10 on the stop-list).
    // Each kind is read by its deadline (deadlines.ts): a tick touches what is due, not the region.
    for (const referral of await referralsPastValidity(ctx.db, today)) {
      const lapsed = hasLapsed(referral, nowIso);
      if (!lapsed.ok || !lapsed.value) continue;
      const id = systemActionId(
        'referral.expire',
        referral.id,
        referral.extendedUntil ?? referral.validUntil,
      );
      add('referralsExpired')(
        systemAction(ctx, 'referral.expire', { referralId: referral.id }, id, referral.kindergartenId),
      );
    }
    // Stop-list end → back to waiting with the original filing time.
    for (const app of await stopListsOver(ctx.db, today)) {
      if (typeof app.stopListUntil !== 'string' || today <= app.stopListUntil) continue;
      const id = systemActionId('application.endStopList', app.id, app.stopListUntil);
      add('stopListsEnded')(systemAction(ctx, 'application.endStopList', { applicationId: app.id }, id));
    }
    // The priority window is over → "Доступ для всех".
    for (const bulletin of await priorityWindowsOver(ctx.db, nowMs)) {
      const until = parseInstant(bulletin.priorityUntil);
      if (!until.ok || until.value > nowMs) continue;
      const id = systemActionId('bulletin.openToAll', bulletin.id, String(bulletin.priorityUntil));
      add('bulletinsOpened')(
        systemAction(ctx, 'bulletin.openToAll', { bulletinId: bulletin.id }, id, bulletin.kindergartenId),
      );
    }
    await interestDeadlines(ctx, nowMs, today, report, add('applicationsSuspended'));
    const outcomes = await processTogether(
      ctx,
      due.map((d) => d.action),
    );
    outcomes.forEach((outcome, i) => {
      if (outcome.status === 'applied') report[due[i].key]++;
      else report.rejected++;
    });
  });
  if (report.led) ctx.log.debug({ ...report }, 'scheduler tick');
  return report;
}

/** "Заинтересован": remind before the confirmation is due, suspend once it is overdue. */
async function interestDeadlines(
  ctx: ServerContext,
  nowMs: number,
  today: string,
  report: TickReport,
  suspend: (action: Action) => void,
): Promise<void> {
  const regions = await readAll(collection(ctx.db, 'settings'), { kind: 'region' });
  for (const region of regions) {
    const days = (region.value as Record<string, unknown>)[INTEREST_SETTING];
    if (typeof days !== 'number' || !Number.isInteger(days) || days < 1) continue;
    const regionId = region.id.replace(/^region:/, '');
    // Due within the reminder window or overdue: confirmed (or filed) at most `days - 7` days ago, and
    // a day more for the Almaty day's rounding.
    const waiting = await interestDue(ctx.db, regionId, nowMs - (days - REMINDER_DAYS_BEFORE - 1) * DAY_MS);
    const reminders = [];
    for (const app of waiting) {
      const since = parseInstant(app.interestConfirmedAt ?? app.filedAt);
      if (!since.ok) continue;
      const dueDay = almatyDayOfMs(since.value + days * DAY_MS);
      if (today > dueDay) {
        const id = systemActionId('application.suspend', app.id, dueDay);
        suspend(systemAction(ctx, 'application.suspend', { applicationId: app.id }, id));
      } else if (today >= addDays(dueDay, -REMINDER_DAYS_BEFORE)) {
        reminders.push({
          id: `ntf_interest_${createHash('sha256').update(`${app.id}|${dueDay}`).digest('hex').slice(0, 32)}`,
          recipientId: app.parentId,
          kind: 'interestReminder' as const,
          params: { applicationId: app.id, childName: app.childName, dueDay },
          createdAt: new Date(nowMs).toISOString(),
          updatedAt: nowMs,
        });
      }
    }
    // A reminder changes no state, so it is a plain notification (no action, no audit); its id is
    // derived from the application and the due day, so it is sent once.
    const known = await existingNotifications(
      ctx.db,
      reminders.map((r) => r.id),
    );
    const fresh = reminders.filter((r) => !known.has(r.id));
    await writeDocs(collection(ctx.db, 'notifications'), fresh);
    report.remindersSent += fresh.length;
  }
}

export interface Scheduler {
  /** Runs one tick now (tests drive the clock and call this). */
  tick(): Promise<TickReport>;
  stop(): Promise<void>;
}

/** Ticks every `intervalMs` (default one minute) until stopped; ticks never overlap. */
export function startScheduler(ctx: ServerContext, options: { intervalMs?: number } = {}): Scheduler {
  // The deadline indexes are built before the first tick (once per database; at 200,000 applications
  // a second or so), in the background: start-up does not wait for them.
  let running: Promise<unknown> = prepareDeadlineIndexes(ctx.db).catch((error) =>
    ctx.log.error({ err: error }, 'scheduler: the deadline indexes could not be prepared'),
  );
  let stopped = false;
  const tick = () => {
    const next = running.then(() => (stopped ? null : runSchedulerTick(ctx)));
    running = next.catch((error) => ctx.log.error({ err: error }, 'scheduler tick failed'));
    return next as Promise<TickReport>;
  };
  const timer = setInterval(() => void tick().catch(() => undefined), options.intervalMs ?? 60_000);
  timer.unref();
  return {
    tick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
