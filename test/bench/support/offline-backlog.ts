import { randomUUID } from 'node:crypto';
import { rankApplications } from '../../../src/domain';
import type { Action, Bulletin, Response } from '../../../src/schema';
import { type Latency, probeEvery } from './latency';
import type { OrynTables } from './oryn-tables';
import { type BenchCluster, type ServerProcess, sleep } from './server-cluster';
import type { StaffMember } from './demo-workload';

/**
 * 9:00, a kindergarten's workstation reconnects (issue 12, benchmark b): what its staff did offline
 * reaches the server by replication, `POST /replication/actions/1/push` in pushes of at most
 * `PUSH_ROWS` rows, one after another as the client sends them. The actions are what a workstation
 * really sends on that kindergarten's data, in rounds of three: activate the next responder in queue
 * order (`response.activate`; once the bulletin's places are gone the server rejects with
 * `noFreePlaces`), edit a published bulletin's place type (`bulletin.edit`), extend the referral that
 * activation issued (`referral.extend`; rejected `cannotExtend` unless it is the referral's last day).
 * Measured: time until every action is applied or rejected (polled in the actions table), and
 * meanwhile `/api/health` and a parent's `GET /api/applications` every 50 ms.
 */
export const PUSH_ROWS = 200;
/** A probe stalled this long counts as failed (with this latency) rather than holding the run. */
const PROBE_TIMEOUT_MS = 30_000;

export function workstationBacklog(
  staff: StaffMember,
  responses: Response[],
  bulletins: Bulletin[],
  count: number,
): Action[] {
  if (bulletins.length === 0) throw new Error(`no published bulletin at ${staff.kindergartenId}`);
  const ranked = rankApplications(responses);
  const actions: Action[] = [];
  // Done offline over the last minutes, in order; occurredAt stays after the entities' last change.
  const first = Date.now() - count * 20;
  const base = (kind: Action['kind'], payload: Record<string, unknown>): Action => {
    const at = first + actions.length * 20;
    return {
      id: randomUUID(),
      kind,
      payload,
      actor: staff.userId,
      actorRole: 'staff',
      kindergartenId: staff.kindergartenId,
      deviceId: 'bench-workstation-1',
      occurredAt: new Date(at).toISOString(),
      status: 'pending',
      updatedAt: at,
    };
  };
  let round = 0;
  while (actions.length < count) {
    const response = ranked[round % Math.max(1, ranked.length)];
    let activation: Action | undefined;
    if (response) {
      activation = base('response.activate', { responseId: response.id });
      actions.push(activation);
    }
    if (actions.length < count) {
      const bulletin = bulletins[round % bulletins.length];
      actions.push(
        base('bulletin.edit', {
          bulletinId: bulletin.id,
          placeType: round % 2 ? 'Свободные места' : 'Временно свободные места',
        }),
      );
    }
    if (activation && actions.length < count) {
      actions.push(
        base('referral.extend', {
          referralId: `ref_${activation.id}`,
          reason: 'Справка о болезни ребенка',
          documents: [{ name: 'spravka.pdf', description: 'Справка 095/у', size: 48_213 }],
        }),
      );
    }
    round++;
  }
  return actions;
}

export interface BacklogResult {
  actions: number;
  applied: number;
  rejected: number;
  pending: number;
  /** Seconds from the first push until nothing was pending (the cap when some still were). */
  seconds: number;
  drained: boolean;
  /** Seconds the pushes themselves took (all rows accepted by the server). */
  pushSeconds: number;
  pushStatuses: Map<number, number>;
  health: Latency;
  applications: Latency;
  probeFailures: number;
  /** Rejection reasons with counts. */
  reasons: Map<string, number>;
  /**
   * Actions processed before one the workstation did earlier (by processedAt, then occurredAt): a
   * workstation's actions are chained, so a server should apply them in the order they were done.
   */
  outOfOrder: number;
}

export async function offlineBacklog(options: {
  pushUrl: string;
  probeUrl: string;
  staff: StaffMember;
  parentToken: string;
  actions: Action[];
  tables: OrynTables;
  capMs: number;
}): Promise<BacklogResult> {
  const { actions, tables } = options;
  const ids = actions.map((a) => a.id);
  const health = probeEvery(50, async () => {
    const res = await fetch(`${options.probeUrl}/api/health`, {
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`health ${res.status}`);
  });
  const applications = probeEvery(50, async () => {
    const res = await fetch(`${options.probeUrl}/api/applications`, {
      headers: { authorization: `Bearer ${options.parentToken}` },
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`applications ${res.status}`);
  });
  const start = performance.now();
  const deadline = start + options.capMs;
  const pushStatuses = new Map<number, number>();
  let state = { applied: 0, rejected: 0, pending: actions.length };
  let pushSeconds = Number.NaN;
  let settledAt = start;
  try {
    for (let i = 0; i < actions.length && performance.now() < deadline; i += PUSH_ROWS) {
      const rows = actions
        .slice(i, i + PUSH_ROWS)
        .map((a) => ({ newDocumentState: { ...a, _deleted: false } }));
      const res = await fetch(`${options.pushUrl}/replication/actions/1/push`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${options.staff.token}` },
        body: JSON.stringify(rows),
        signal: AbortSignal.timeout(Math.max(1, Math.ceil(deadline - performance.now()))),
      }).catch(() => undefined);
      const status = res?.status ?? 0;
      await res?.arrayBuffer().catch(() => undefined);
      pushStatuses.set(status, (pushStatuses.get(status) ?? 0) + 1);
    }
    pushSeconds = (performance.now() - start) / 1000;
    for (;;) {
      state = await tables.settled(ids);
      settledAt = performance.now();
      if (state.pending === 0 || settledAt >= deadline) break;
      await sleep(100);
    }
  } finally {
    await Promise.all([health.stop(), applications.stop()]);
  }
  const drained = state.pending === 0;
  const reasons = new Map<string, number>();
  const rejected = await tables.client.query<{ code: string; n: string }>(
    `SELECT doc->'reason'->>'code' AS code, count(*) AS n FROM ${tables.table('actions')}
      WHERE id = ANY($1::text[]) AND doc->>'status' = 'rejected' GROUP BY 1 ORDER BY 2 DESC`,
    [ids],
  );
  for (const r of rejected.rows) reasons.set(r.code, Number(r.n));
  const order = await tables.client.query<{ n: string }>(
    `SELECT count(*) AS n FROM (
       SELECT doc->>'occurredAt' AS occurred,
              max(doc->>'occurredAt') OVER (ORDER BY doc->>'processedAt', doc->>'occurredAt'
                ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS latest_before
         FROM ${tables.table('actions')}
        WHERE id = ANY($1::text[]) AND doc->>'status' <> 'pending') AS t
      WHERE occurred < latest_before`,
    [ids],
  );
  return {
    actions: actions.length,
    ...state,
    seconds: drained ? (settledAt - start) / 1000 : options.capMs / 1000,
    drained,
    pushSeconds,
    pushStatuses,
    health: health.latency,
    applications: applications.latency,
    probeFailures: health.failures() + applications.failures(),
    reasons,
    outOfOrder: Number(order.rows[0]?.n ?? 0),
  };
}

export interface RestartResult {
  /** Actions still pending when the process was killed. */
  pending: number;
  /** Seconds from spawning the new process until /api/health answered. */
  listenSeconds: number;
  /** Seconds from spawning it until nothing was pending (the cap when some still were). */
  drainSeconds: number;
  drained: boolean;
}

/**
 * "The server listens before it drains a backlog" (issue 12, target 3): the workstation's pushes land,
 * the process is killed at once (SIGKILL) with most of them pending, and a new process starts on the
 * same database. Measured from its spawn: when /api/health answers, and when the backlog is drained.
 */
export async function restartWithBacklog(options: {
  cluster: BenchCluster;
  database: string;
  server: ServerProcess;
  staff: StaffMember;
  actions: Action[];
  tables: OrynTables;
  capMs: number;
}): Promise<RestartResult> {
  const { actions, tables } = options;
  const ids = actions.map((a) => a.id);
  for (let i = 0; i < actions.length; i += PUSH_ROWS) {
    const rows = actions
      .slice(i, i + PUSH_ROWS)
      .map((a) => ({ newDocumentState: { ...a, _deleted: false } }));
    const res = await fetch(`${options.server.url}/replication/actions/1/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${options.staff.token}` },
      body: JSON.stringify(rows),
      signal: AbortSignal.timeout(options.capMs),
    });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`push before the restart answered ${res.status}`);
  }
  await options.server.kill();
  const { pending } = await tables.settled(ids);
  const spawned = performance.now();
  const deadline = spawned + options.capMs;
  let drainedAt = Number.NaN;
  const drain = (async () => {
    for (;;) {
      const state = await tables.settled(ids);
      if (state.pending === 0) {
        drainedAt = performance.now();
        return;
      }
      if (performance.now() >= deadline) return;
      await sleep(100);
    }
  })();
  const restarted = await options.cluster.startServer(options.database, `${options.database}-restarted`);
  try {
    await drain;
  } finally {
    await restarted.stop();
  }
  const drained = Number.isFinite(drainedAt);
  return {
    pending,
    listenSeconds: restarted.startSeconds,
    drainSeconds: drained ? (drainedAt - spawned) / 1000 : options.capMs / 1000,
    drained,
  };
}
