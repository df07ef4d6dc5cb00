import { randomUUID } from 'node:crypto';
import { almatyDayOfMs, rankApplications } from '../../../src/domain';
import {
  type Action,
  type Application,
  type Bulletin,
  collections,
  REPLICATED_COLLECTIONS,
  type Response,
} from '../../../src/schema';
import { Latency, probeEvery } from './latency';
import { type LiveStream, openLiveStream } from './live-stream';
import type { OrynTables } from './oryn-tables';
import { type BenchCluster, type ServerProcess, sleep } from './server-cluster';
import type { StaffMember } from './demo-workload';

/**
 * 9:00, a kindergarten's workstation reconnects (issue 12, benchmark b): what its staff did offline
 * reaches the server by replication, `POST /replication/actions/<version>/push` in pushes of at most
 * `PUSH_ROWS` rows, one after another as the client sends them. The actions are what a workstation
 * does on that kindergarten's data, deciding as its replica shows it, so the backlog measures applied
 * actions: each bulletin's active responders are activated in the domain's ranking order
 * (`response.activate`, as `activeResponders` ranks them; a batch of twins only when the places left
 * cover all of it) while it has free places, and each referral issued is signed
 * (`referral.signContract`), each pair followed by an edit of a published bulletin's place type
 * (`bulletin.edit`); once no place is left, the rest are edits. Measured: time until every action is
 * applied or rejected (polled in the actions table), how long each one waited from its push until the
 * server decided it (its `processedAt`), and meanwhile `/api/health` and a parent's
 * `GET /api/applications` every 50 ms. With `streams`, like the staff workspace once it is back online,
 * the workstation holds a `pullStream` of every replicated collection while it pushes, so the server
 * also streams back what the backlog changes in its kindergarten (the actions marked, referrals, …).
 */
export const PUSH_ROWS = 200;
/** A probe stalled this long counts as failed (with this latency) rather than holding the run. */
const PROBE_TIMEOUT_MS = 30_000;

export function workstationBacklog(
  staff: StaffMember,
  responses: Response[],
  bulletins: Bulletin[],
  count: number,
  applications: Pick<Application, 'id' | 'status' | 'batchId'>[],
): Action[] {
  const published = bulletins.filter((b) => b.status === 'published');
  if (published.length === 0) throw new Error(`no published bulletin at ${staff.kindergartenId}`);
  const apps = new Map(applications.map((a) => [a.id, { ...a }]));
  const open = new Map(responses.filter((r) => r.status === 'active').map((r) => [r.id, r]));
  const places = new Map(published.map((b) => [b.id, b.freePlaces]));
  /** The bulletin's active responders in ranking order, as the replica shows them now. */
  const ranked = (bulletinId: string) =>
    rankApplications(
      [...open.values()].filter(
        (r) => r.bulletinId === bulletinId && apps.get(r.applicationId)?.status === 'responded',
      ),
    );
  const actions: Action[] = [];
  // Done offline over the last seconds, in order, each after whatever the rush changed before.
  const first = Date.now();
  const base = (kind: Action['kind'], payload: Record<string, unknown>): Action => {
    const at = first + actions.length;
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
  /** The next response the workstation may activate without a skip reason, if any. */
  const nextActivation = (): Response | undefined => {
    for (const b of published) {
      const free = places.get(b.id) ?? 0;
      const [top, ...rest] = ranked(b.id);
      if (!top || free <= 0) continue;
      const batchId = apps.get(top.applicationId)?.batchId;
      const needed =
        batchId === undefined
          ? 1
          : [top, ...rest].filter((r) => apps.get(r.applicationId)?.batchId === batchId).length;
      if (free >= needed) return top;
    }
    return undefined;
  };
  const contractDate = almatyDayOfMs(Date.now());
  let round = 0;
  while (actions.length < count) {
    const response = nextActivation();
    if (response) {
      const activation = base('response.activate', { responseId: response.id });
      actions.push(activation);
      places.set(response.bulletinId, (places.get(response.bulletinId) ?? 0) - 1);
      // The child is referred: the application's other open responses close (the reducer's rule).
      apps.set(response.applicationId, { ...apps.get(response.applicationId)!, status: 'referred' });
      for (const r of open.values()) if (r.applicationId === response.applicationId) open.delete(r.id);
      if (actions.length < count)
        actions.push(
          base('referral.signContract', {
            referralId: `ref_${activation.id}`,
            contractNumber: `Д-${round + 1}`,
            contractDate,
          }),
        );
    }
    if (actions.length < count) {
      const bulletin = published[round % published.length];
      actions.push(
        base('bulletin.edit', {
          bulletinId: bulletin.id,
          placeType: round % 2 ? 'Свободные места' : 'Временно свободные места',
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
  /**
   * Each action, from the moment its push was sent until the server decided it (`processedAt`, the
   * same machine's clock): what a staff member waits to see it applied or rejected.
   */
  each: Latency;
  /** Events the workstation's pull streams received meanwhile (0 when it held none). */
  streamEvents: number;
  pushStatuses: Map<number, number>;
  health: Latency;
  applications: Latency;
  probeFailures: number;
  /** Rejection reasons with counts. */
  reasons: Map<string, number>;
  /** Applied actions by kind (what the backlog measured: applied work, not rejections). */
  appliedByKind: Map<string, number>;
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
  /** Whether the workstation holds its pull streams while it pushes (as the staff workspace does). */
  streams?: boolean;
}): Promise<BacklogResult> {
  const { actions, tables } = options;
  const ids = actions.map((a) => a.id);
  const streams = options.streams ? await workstationStreams(options.pushUrl, options.staff.token) : [];
  const sentAt = new Map<string, number>();
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
      const sent = Date.now();
      for (const row of rows) sentAt.set(row.newDocumentState.id, sent);
      const res = await fetch(
        `${options.pushUrl}/replication/actions/${collections.actions.schema.version}/push`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${options.staff.token}` },
          body: JSON.stringify(rows),
          signal: AbortSignal.timeout(Math.max(1, Math.ceil(deadline - performance.now()))),
        },
      ).catch(() => undefined);
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
    for (const s of streams) s.close();
  }
  const drained = state.pending === 0;
  const each = new Latency();
  const decided = await tables.client.query<{ id: string; at: string }>(
    `SELECT id, doc->>'processedAt' AS at FROM ${tables.table('actions')}
      WHERE id = ANY($1::text[]) AND doc->>'status' <> 'pending'`,
    [ids],
  );
  for (const r of decided.rows) {
    const sent = sentAt.get(r.id);
    const at = Date.parse(r.at);
    if (sent !== undefined && Number.isFinite(at)) each.add(Math.max(0, at - sent));
  }
  const reasons = new Map<string, number>();
  const rejected = await tables.client.query<{ code: string; n: string }>(
    `SELECT doc->'reason'->>'code' AS code, count(*) AS n FROM ${tables.table('actions')}
      WHERE id = ANY($1::text[]) AND doc->>'status' = 'rejected' GROUP BY 1 ORDER BY 2 DESC`,
    [ids],
  );
  for (const r of rejected.rows) reasons.set(r.code, Number(r.n));
  const appliedByKind = new Map<string, number>();
  const kinds = await tables.client.query<{ kind: string; n: string }>(
    `SELECT doc->>'kind' AS kind, count(*) AS n FROM ${tables.table('actions')}
      WHERE id = ANY($1::text[]) AND doc->>'status' = 'applied' GROUP BY 1 ORDER BY 2 DESC`,
    [ids],
  );
  for (const r of kinds.rows) appliedByKind.set(r.kind, Number(r.n));
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
    each,
    streamEvents: streams.reduce((sum, s) => sum + s.received(), 0),
    health: health.latency,
    applications: applications.latency,
    probeFailures: health.failures() + applications.failures(),
    reasons,
    appliedByKind,
    outOfOrder: Number(order.rows[0]?.n ?? 0),
  };
}

/**
 * The pull streams a staff workstation holds once online: one per replicated collection, at its schema
 * version, with the staff member's token (the staff runtime's replication, `replicateServer`).
 */
async function workstationStreams(url: string, token: string): Promise<LiveStream[]> {
  return Promise.all(
    REPLICATED_COLLECTIONS.map((name) =>
      openLiveStream(`${url}/replication/${name}/${collections[name].schema.version}/pullStream`, token),
    ),
  );
}

export interface RestartResult {
  /** Actions still pending when the process was killed. */
  pending: number;
  /** Seconds from spawning the new process until /api/health answered. */
  listenSeconds: number;
  /** Seconds from spawning it until nothing was pending (the cap when some still were). */
  drainSeconds: number;
  drained: boolean;
  /** `/api/health` every 50 ms from the moment it first answered until the backlog was drained. */
  health: Latency;
}

/**
 * "The server listens before it drains a backlog" (issue 12, target 3): the workstation's pushes land,
 * the process is killed at once (SIGKILL) with most of them pending, and a new process starts on the
 * same database. Measured from its spawn: when /api/health answers, when the backlog is drained, and
 * /api/health every 50 ms in between (it answers while it drains, not only before).
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
    const res = await fetch(
      `${options.server.url}/replication/actions/${collections.actions.schema.version}/push`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${options.staff.token}` },
        body: JSON.stringify(rows),
        signal: AbortSignal.timeout(options.capMs),
      },
    );
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
  const health = probeEvery(50, async () => {
    const res = await fetch(`${restarted.url}/api/health`, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`health ${res.status}`);
  });
  try {
    await drain;
  } finally {
    await health.stop();
    await restarted.stop();
  }
  const drained = Number.isFinite(drainedAt);
  return {
    pending,
    listenSeconds: restarted.startSeconds,
    drainSeconds: drained ? (drainedAt - spawned) / 1000 : options.capMs / 1000,
    drained,
    health: health.latency,
  };
}
