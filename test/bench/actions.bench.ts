// The action processor at region scale, over HTTP as users meet it (issue 12, point 4): real
// `sync-server/cli.ts serve` processes on a real PostgreSQL 15 seeded with the demo district.
// (a) bulletin rush: N parents list bulletins, check eligibility and respond, against 1 and 2 processes;
// (b) offline backlog: a workstation reconnects (holding its pull streams) and pushes its pending
//     actions while /api/health and a parent's GET /api/applications are probed every 50 ms — 1,000
//     (target 4b: time until each is applied or rejected, health meanwhile), then 5,000 (target 3:
//     p99 < 100 ms); a restart with a backlog pending (target 3: listening before it is drained);
// (c) floor: the same writes as the rush's responses as raw SQL in one transaction;
// (d) per-action cost of one respond and one application.file at 5k and 50k applications.
// Prints one markdown table and a line per target of issue 12 points 1–3 (and 4a); exits 0 whether the
// targets are met or not, non-zero only when the benchmark itself fails.
// `npm run bench -- actions`. BENCH_SCALE=0.1 shrinks counts and caps; BENCH_PARENTS=1000,5000,
// BENCH_SIZES=5000,50000 (add 200000 for target 1's second figure), BENCH_BACKLOG=1000,5000 (one
// backlog after the other; the restart uses the largest), BENCH_PROCESSES=1,2, BENCH_PARTS=restart,floor,cost
// (the scenarios besides the rushes and backlogs; `none` skips them), BENCH_CONCURRENCY=32,
// BENCH_CAP_S=120, BENCH_TIMEOUT_S=3600 (the whole run).
import { spawnSync } from 'node:child_process';
import { collection } from '../../sync-server/database';
import type { Runtime } from '../../sync-server/runtime';
import { bulletinRush, CALL_KINDS, type RushResult } from './support/bulletin-rush';
import {
  type Filer,
  findFilers,
  findResponders,
  mintParentTokens,
  mintStaffToken,
  openBenchRuntime,
  type Responder,
  type StaffMember,
} from './support/demo-workload';
import { Latency } from './support/latency';
import {
  type BacklogResult,
  offlineBacklog,
  PUSH_ROWS,
  type RestartResult,
  restartWithBacklog,
  workstationBacklog,
} from './support/offline-backlog';
import { OrynTables } from './support/oryn-tables';
import { BenchCluster, type ServerProcess, sleep } from './support/server-cluster';
import { type FloorResult, responsesFloor } from './support/sql-floor';
import type { Application, Bulletin, Response } from '../../src/schema';

const scale = Number(process.env.BENCH_SCALE ?? 1);
const list = (text: string) =>
  text
    .split(',')
    .map((s) => Number(s.trim()))
    .filter((n) => Number.isFinite(n) && n > 0);
const PARENTS = list(process.env.BENCH_PARENTS ?? '1000,5000').map((n) =>
  Math.max(20, Math.round(n * scale)),
);
const SIZES = list(process.env.BENCH_SIZES ?? '5000,50000').map((n, i) =>
  i === 0 ? n : Math.max(10_000, Math.round(n * scale)),
);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const CAP_MS =
  Math.max(20, Math.round(Number(process.env.BENCH_CAP_S ?? 120) * Math.min(1, scale * 2))) * 1000;
/** Backlogs one workstation pushes, one after the other: target 4b's 1,000, then target 3's 5,000. */
const BACKLOGS = list(process.env.BENCH_BACKLOG ?? '1000,5000').map((n) =>
  Math.max(60, Math.round(n * scale)),
);
/** The backlog pending at the restart: the largest (the more is pending, the clearer listening-first is). */
const RESTART_BACKLOG = Math.max(...BACKLOGS);
/** The size target 3 names. */
const TARGET3_BACKLOG = 5000;
const SAMPLES = Math.max(5, Math.round(20 * scale));
const WARMUP = 3;
const BURST = Math.max(40, Math.round(1000 * scale));
const PROCESSES = list(process.env.BENCH_PROCESSES ?? '1,2');
const PARTS = new Set((process.env.BENCH_PARTS ?? 'restart,floor,cost').split(',').map((p) => p.trim()));
/** The whole run stops (and cleans up) after this, whatever is left. */
const OVERALL_MS = Number(process.env.BENCH_TIMEOUT_S ?? 3600) * 1000;

/** What one seeded database offers the scenarios; prepared once, before it is copied. */
interface Seeded {
  database: string;
  applications: number;
  seedSeconds: number;
  responders: Responder[];
  /** Parents to file one more application, then to respond one at a time (per-action cost). */
  filers: Filer[];
  tokens: Map<string, string>;
  staff: Map<string, StaffMember>;
  probeParent: string;
}

interface RushRun {
  parents: number;
  applications: number;
  processes: number;
  rush: RushResult;
  /** Respond actions by status, from the actions table after the run. */
  stored: Record<string, number>;
  backlogs: BacklogResult[];
  restart?: RestartResult & { cleanStartSeconds?: number };
  /** CPU seconds the server processes used during the rush (its three calls per parent). */
  cpuSeconds: number;
  appliedPairs: { applicationId: string; bulletinId: string }[];
}

interface SingleCost {
  applications: number;
  respond: Latency;
  file: Latency;
  respondErrors: number;
  fileErrors: number;
  burst: RushResult;
  /** CPU seconds of the server process during the burst. */
  burstCpuSeconds: number;
}

const log = (line: string) => console.log(`  ${new Date().toISOString().slice(11, 19)} ${line}`);

async function prepare(cluster: BenchCluster, applications: number, need: number): Promise<Seeded> {
  const database = `seed_${applications}`;
  await cluster.createDatabase(database);
  const seedSeconds = cluster.seedDemo(database, applications);
  log(`seeded ${applications.toLocaleString('en-US')} applications in ${seedSeconds.toFixed(1)} s`);
  const runtime: Runtime = await openBenchRuntime(cluster.url(database), cluster.tokenSecret);
  try {
    const responders = (await findResponders(runtime)).slice(0, need);
    const filers = await findFilers(
      runtime,
      new Set(responders.map((r) => r.parentId)),
      SAMPLES + WARMUP + 1,
    );
    const probeParent = filers.pop()?.parentId ?? responders[0].parentId;
    const tokens = await mintParentTokens(runtime, [
      ...responders.map((r) => r.parentId),
      ...filers.map((f) => f.parentId),
      probeParent,
    ]);
    const staff = new Map<string, StaffMember>();
    const kgs = await collection(runtime.ctx.db, 'kindergartens').find().exec();
    for (const kg of kgs) staff.set(kg.id, await mintStaffToken(runtime, kg.id));
    const open = responders.filter((r) => r.access === 'all').length;
    const stored = await collection(runtime.ctx.db, 'applications').count().exec();
    if (stored < applications)
      throw new Error(`${database} holds ${stored} applications, not ${applications}`);
    log(
      `${database}: ${stored} applications, ${responders.length} responders (${open} to bulletins open to all), ${filers.length} filers, ` +
        `${tokens.size} parent and ${staff.size} staff sessions`,
    );
    return { database, applications, seedSeconds, responders, filers, tokens, staff, probeParent };
  } finally {
    await runtime.close();
  }
}

async function withServers<T>(
  cluster: BenchCluster,
  database: string,
  count: number,
  work: (servers: ServerProcess[]) => Promise<T>,
): Promise<T> {
  const servers: ServerProcess[] = [];
  try {
    for (let i = 0; i < count; i++)
      servers.push(await cluster.startServer(database, `${database}-p${i + 1}`));
    return await work(servers);
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}

/**
 * The kindergarten with the most active responses (after a rush), or the one named, and what its
 * workstation would act on.
 */
async function busiestKindergarten(
  tables: OrynTables,
  rank: number | string = 0,
): Promise<{
  kindergartenId: string;
  responses: Response[];
  bulletins: Bulletin[];
  applications: Application[];
}> {
  const active = await tables.docs<Response>('responses', `doc->>'status' = 'active'`);
  const byKg = new Map<string, Response[]>();
  for (const r of active) byKg.set(r.kindergartenId, [...(byKg.get(r.kindergartenId) ?? []), r]);
  const [kindergartenId, responses] =
    typeof rank === 'string'
      ? [rank, byKg.get(rank) ?? []]
      : ([...byKg.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))[rank] ??
        []);
  if (!kindergartenId || !responses) throw new Error('no active responses to activate');
  const bulletins = await tables.docs<Bulletin>(
    'bulletins',
    `doc->>'kindergartenId' = $1 AND doc->>'status' = 'published'`,
    [kindergartenId],
  );
  const applications = await tables.docs<Application>('applications', `id = ANY($1::text[])`, [
    responses.map((r) => r.applicationId),
  ]);
  return { kindergartenId, responses, bulletins, applications };
}

async function rushRun(
  cluster: BenchCluster,
  seeded: Seeded,
  parents: number,
  processes: number,
): Promise<RushRun> {
  const database = `rush_${parents}_${processes}p`;
  const url = await cluster.createDatabase(database, seeded.database);
  try {
    return await withServers(cluster, database, processes, async (servers) => {
      const responders = seeded.responders.slice(0, parents);
      log(
        `rush: ${responders.length} parents, ${processes} process(es), ${CONCURRENCY} in flight, cap ${CAP_MS / 1000} s`,
      );
      const cpu = () => servers.reduce((sum, s) => sum + s.cpuSeconds(), 0);
      const cpuBefore = cpu();
      const rush = await bulletinRush({
        urls: servers.map((s) => s.url),
        responders,
        tokens: seeded.tokens,
        concurrency: CONCURRENCY,
        capMs: CAP_MS,
      });
      const cpuSeconds = cpu() - cpuBefore;
      log(
        `rush: ${rush.applied} applied in ${rush.seconds.toFixed(1)} s${rush.finished ? '' : ' (cap reached)'}, ` +
          `${cpuSeconds.toFixed(1)} CPU s in the server process(es)`,
      );
      const tables = await OrynTables.open(url);
      try {
        // A 201 means applied before the answer; should the server ever answer before applying, the
        // rush lasts until the actions table has no pending response left.
        const settleUntil = performance.now() + 30_000;
        let stored = await tables.kindStatuses('application.respond');
        const rushEnd = performance.now();
        while ((stored.pending ?? 0) > 0 && performance.now() < settleUntil) {
          await sleep(100);
          stored = await tables.kindStatuses('application.respond');
        }
        if (rush.finished && performance.now() - rushEnd > 150) {
          rush.seconds += (performance.now() - rushEnd) / 1000;
          rush.finished = (stored.pending ?? 0) === 0;
        }
        rush.applied = Math.min(rush.applied, stored.applied ?? 0);
        const appliedPairs = (
          await tables.docs<{ payload: { applicationId: string; bulletinId: string } }>(
            'actions',
            `doc->>'kind' = 'application.respond' AND doc->>'status' = 'applied'`,
          )
        ).map((a) => ({ applicationId: a.payload.applicationId, bulletinId: a.payload.bulletinId }));
        const backlogs: BacklogResult[] = [];
        // One backlog after the other, of the same workstation (the next morning: the first backlog's
        // actions are its history, as a real workstation's months of actions are), each made from what
        // the tables hold after the one before.
        let workstationKg: string | undefined;
        for (const size of parents === PARENTS[0] ? BACKLOGS : []) {
          const kg = await busiestKindergarten(tables, workstationKg ?? 0);
          workstationKg = kg.kindergartenId;
          const staff = seeded.staff.get(kg.kindergartenId);
          if (!staff) throw new Error(`no staff session for ${kg.kindergartenId}`);
          const actions = workstationBacklog(staff, kg.responses, kg.bulletins, size, kg.applications);
          log(
            `backlog: ${actions.length} actions of ${kg.kindergartenId} (${kg.responses.length} active responses) in pushes of ${PUSH_ROWS}`,
          );
          const backlog = await offlineBacklog({
            pushUrl: servers[0].url,
            probeUrl: servers[0].url,
            staff,
            parentToken: seeded.tokens.get(seeded.probeParent)!,
            actions,
            tables,
            capMs: CAP_MS,
            streams: true,
          });
          log(
            `backlog: ${backlog.applied} applied, ${backlog.rejected} rejected, ${backlog.pending} pending after ${backlog.seconds.toFixed(1)} s; ` +
              `each ${backlog.each.describe(true)}; health ${backlog.health.describe(true)}`,
          );
          backlogs.push(backlog);
        }
        let restart: (RestartResult & { cleanStartSeconds?: number }) | undefined;
        if (parents === PARENTS[0] && processes === 1 && PARTS.has('restart')) {
          // Another workstation's backlog, pushed just before the process dies.
          const kg = await busiestKindergarten(tables, 1);
          const staff = seeded.staff.get(kg.kindergartenId)!;
          restart = await restartWithBacklog({
            cluster,
            database,
            server: servers[0],
            staff,
            actions: workstationBacklog(staff, kg.responses, kg.bulletins, RESTART_BACKLOG, kg.applications),
            tables,
            capMs: CAP_MS,
          });
          log(
            `restart: ${restart.pending} pending at the kill; listening after ${restart.listenSeconds.toFixed(1)} s ` +
              `(a clean start took ${servers[0].startSeconds.toFixed(1)} s), drained after ${restart.drainSeconds.toFixed(1)} s; ` +
              `health meanwhile ${restart.health.describe(true)}`,
          );
          restart.cleanStartSeconds = servers[0].startSeconds;
        }
        return {
          parents,
          applications: seeded.applications,
          processes,
          rush,
          stored,
          backlogs,
          restart,
          appliedPairs,
          cpuSeconds,
        };
      } finally {
        await tables.close();
      }
    });
  } finally {
    await cluster.dropDatabase(database);
  }
}

async function singleCost(cluster: BenchCluster, seeded: Seeded): Promise<SingleCost> {
  const database = `single_${seeded.applications}`;
  await cluster.createDatabase(database, seeded.database);
  try {
    return await withServers(cluster, database, 1, async ([server]) => {
      const respond = new Latency();
      const file = new Latency();
      let respondErrors = 0;
      let fileErrors = 0;
      const open = seeded.responders.filter((r) => r.access === 'all');
      const post = async (token: string, path: string, body: unknown) => {
        const t0 = performance.now();
        const res = await fetch(`${server.url}/api${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(60_000),
        });
        await res.arrayBuffer();
        return { ms: performance.now() - t0, ok: res.status === 201 };
      };
      // One at a time, the first WARMUP of each not counted (first-call compilation and caches).
      for (let i = 0; i < Math.min(open.length, SAMPLES + WARMUP); i++) {
        const r = open[open.length - 1 - i];
        const { ms, ok } = await post(
          seeded.tokens.get(r.parentId)!,
          `/bulletins/${r.bulletinId}/responses`,
          {
            applicationId: r.applicationId,
          },
        );
        if (i < WARMUP) continue;
        if (ok) respond.add(ms);
        else respondErrors++;
      }
      for (let i = 0; i < seeded.filers.length; i++) {
        const f = seeded.filers[i];
        const { ms, ok } = await post(seeded.tokens.get(f.parentId)!, '/applications', {
          childId: f.childId,
          groupType: 'ordinary',
          languages: f.languages,
          regionId: f.regionId,
          localityId: f.localityId,
          claimedPriority: 'none',
        });
        if (i < WARMUP) continue;
        if (ok) file.add(ms);
        else fileErrors++;
      }
      // Then a burst of responses alone (32 in flight): throughput at this size.
      const burstResponders = open.slice(0, Math.max(0, Math.min(BURST, open.length - SAMPLES - WARMUP)));
      const cpuBefore = server.cpuSeconds();
      const burst = await bulletinRush({
        urls: [server.url],
        responders: burstResponders,
        tokens: seeded.tokens,
        concurrency: CONCURRENCY,
        capMs: Math.min(CAP_MS, 60_000),
        respondOnly: true,
      });
      const burstCpuSeconds = server.cpuSeconds() - cpuBefore;
      log(
        `${seeded.applications.toLocaleString('en-US')} applications: respond ${respond.describe()}, file ${file.describe()}, ` +
          `burst ${burst.applied} applied in ${burst.seconds.toFixed(1)} s`,
      );
      return {
        applications: seeded.applications,
        respond,
        file,
        respondErrors,
        fileErrors,
        burst,
        burstCpuSeconds,
      };
    });
  } finally {
    await cluster.dropDatabase(database);
  }
}

// ---- reporting ----------------------------------------------------------------------------------

const n0 = (x: number) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '—');
const n1 = (x: number) => (Number.isFinite(x) ? x.toFixed(x < 10 ? 2 : 1) : '—');
const times = (a: number, b: number) => (Number.isFinite(a / b) && b > 0 ? `${(a / b).toFixed(2)}×` : '—');
const k = (n: number) => (n >= 1000 ? `${Math.round(n / 1000)}k` : String(n));
const perSecond = (r: RushResult) => (r.seconds > 0 ? r.applied / r.seconds : 0);

function errorsOf(r: RushResult): string {
  const sum = (f: 'domain409' | 'other4xx' | 'server5xx' | 'failed' | 'cut') =>
    CALL_KINDS.reduce((s, c) => s + r.counts[c][f], 0);
  const codes = new Map<string, number>();
  for (const c of CALL_KINDS)
    for (const [code, n] of r.counts[c].codes) codes.set(code, (codes.get(code) ?? 0) + n);
  const top = [...codes.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([code, n]) => `${code}×${n}`)
    .join(', ');
  return `4xx ${sum('other4xx')}, 5xx ${sum('server5xx')}, failed ${sum('failed')}, cut at cap ${sum('cut')}; domain 409 ${sum('domain409')}${top ? ` (${top})` : ''}`;
}

function report(
  runs: RushRun[],
  floor: FloorResult | undefined,
  singles: SingleCost[],
  seedSeconds: Map<number, number>,
) {
  const rows: [string, string, string][] = [];
  const row = (figure: string, value: string, ratio = '') => rows.push([figure, value, ratio]);
  for (const parents of PARENTS) {
    const one = runs.find((r) => r.parents === parents && r.processes === 1);
    const two = runs.find((r) => r.parents === parents && r.processes === 2);
    for (const run of [one, two]) {
      if (!run) continue;
      const tag = `(a) rush ${n0(run.rush.parents)} parents, ${k(run.applications)} apps, ${run.processes}p`;
      for (const c of CALL_KINDS) row(`${tag}: ${c} p50 / p99`, run.rush.latency[c].describe());
      row(`${tag}: errors`, errorsOf(run.rush));
      row(
        `${tag}: applied responses/s`,
        `${n1(perSecond(run.rush))} (${run.rush.applied} applied; stored ${JSON.stringify(run.stored)})`,
      );
      row(
        `${tag}: server CPU per parent (list + eligibility + respond)`,
        `${n0((1000 * run.cpuSeconds) / Math.max(1, run.rush.completed))} ms (${n1(run.cpuSeconds)} CPU s in all)`,
      );
      row(
        `${tag}: time until every response applied`,
        run.rush.finished
          ? `${n1(run.rush.seconds)} s`
          : `not within the ${CAP_MS / 1000} s cap (${run.rush.completed}/${run.rush.parents} parents done)`,
      );
    }
    if (one && two)
      row(
        `(a) rush ${n0(parents)}: 2 processes / 1 process, applied/s`,
        '',
        times(perSecond(two.rush), perSecond(one.rush)),
      );
  }
  for (const run of runs) {
    for (const b of run.backlogs) {
      const tag = `(b) backlog ${n0(b.actions)} actions, ${run.processes}p`;
      row(
        `${tag}: until all applied/rejected`,
        b.drained ? `${n1(b.seconds)} s` : `not within ${CAP_MS / 1000} s (${b.pending} pending)`,
        b.drained ? `${n1(b.actions / b.seconds)} actions/s` : '',
      );
      row(
        `${tag}: each action, its push → applied/rejected (processedAt) p50 / p99 / max`,
        b.each.describe(true),
      );
      row(
        `${tag}: outcome`,
        `${b.applied} applied (${[...b.appliedByKind].map(([k, n]) => `${k}×${n}`).join(', ')}), ${b.rejected} rejected (${[...b.reasons].map(([c, n]) => `${c}×${n}`).join(', ')}); pushes ${[...b.pushStatuses].map(([s, n]) => `${s}×${n}`).join(', ')} in ${n1(b.pushSeconds)} s; ${b.outOfOrder} processed after a later one of the workstation; ${b.streamEvents} events on its pull streams`,
      );
      row(`${tag}: /api/health p50 / p99 / max`, b.health.describe(true));
      row(
        `${tag}: parent GET /api/applications p50 / p99 / max`,
        b.applications.describe(true),
        b.probeFailures ? `${b.probeFailures} probes failed` : '',
      );
    }
  }
  for (const run of runs) {
    const r = run.restart;
    if (!r) continue;
    row(
      `(b) restart with a backlog: ${r.pending} of ${RESTART_BACKLOG} actions pending when the process was killed`,
      `listening after ${n1(r.listenSeconds)} s (a clean start: ${n1(r.cleanStartSeconds ?? Number.NaN)} s); ` +
        (r.drained ? `drained after ${n1(r.drainSeconds)} s` : `not drained within ${CAP_MS / 1000} s`),
    );
    row(`(b) restart: /api/health p50 / p99 / max while it drains`, r.health.describe(true));
  }
  const base = runs.find((r) => r.parents === PARENTS[0] && r.processes === 1);
  if (floor && base) {
    for (const [how, f] of [
      ['a statement per row', floor.rows],
      ['a statement per table', floor.batched],
    ] as const) {
      row(
        `(c) floor, ${how}: ${floor.responses} responses as ${f.statements} SQL statements in 1 transaction`,
        `${n0(f.perSecond)} responses/s (${n1(f.seconds)} s)`,
      );
      row(
        `(c) ours (rush, 1p) / floor, ${how}`,
        `${n1(perSecond(base.rush))} / ${n0(f.perSecond)} responses/s`,
        times(perSecond(base.rush), f.perSecond),
      );
    }
  }
  const first = singles[0];
  for (const s of singles) {
    const vs = s === first ? '' : ` vs ${k(first.applications)}`;
    row(
      `(d) ${k(s.applications)} apps: one respond p50 / p99`,
      `${s.respond.describe()}${s.respondErrors ? `, ${s.respondErrors} failed` : ''}`,
      s === first ? '' : `${times(s.respond.p50, first.respond.p50)}${vs}`,
    );
    row(
      `(d) ${k(s.applications)} apps: one application.file p50 / p99`,
      `${s.file.describe()}${s.fileErrors ? `, ${s.fileErrors} failed` : ''}`,
      s === first ? '' : `${times(s.file.p50, first.file.p50)}${vs}`,
    );
    row(
      `(d) ${k(s.applications)} apps: burst of ${s.burst.parents} responds, applied/s`,
      `${n1(perSecond(s.burst))}${s.burst.finished ? '' : ' (cap reached)'}; ${errorsOf(s.burst)}`,
      s === first ? '' : `${times(perSecond(s.burst), perSecond(first.burst))}${vs}`,
    );
    const cpuMs = (1000 * s.burstCpuSeconds) / Math.max(1, s.burst.applied);
    row(
      `(d) ${k(s.applications)} apps: server CPU per applied respond (burst)`,
      `${n1(cpuMs)} ms`,
      s === first
        ? ''
        : `${times(cpuMs, (1000 * first.burstCpuSeconds) / Math.max(1, first.burst.applied))}${vs}`,
    );
  }
  for (const [size, s] of seedSeconds) row(`seed --demo ${k(size)} applications`, `${n1(s)} s`);

  console.log('\n| figure | value | ratio |\n|---|---|---:|');
  for (const [f, v, r] of rows) console.log(`| ${f} | ${v} | ${r} |`);

  // Targets of issue 12.
  const lines: string[] = [];
  const verdict = (ok: boolean | undefined) => (ok === undefined ? 'not measured' : ok ? 'met' : 'NOT met');
  // Target 1 is about writes: the respond-only burst at the demo size; the rush (with its reads) beside it.
  const tp1 = first ? perSecond(first.burst) : undefined;
  lines.push(
    `target 1 (≥ 200 applied responses/s, 1 process, demo district): ${verdict(tp1 === undefined ? undefined : tp1 >= 200)} — ` +
      `burst of responses ${n1(tp1 ?? Number.NaN)}/s at ${first ? k(first.applications) : '—'}; rush with reads ${n1(base ? perSecond(base.rush) : Number.NaN)}/s`,
  );
  const largest = singles.at(-1);
  if (largest && largest !== first) {
    const at = perSecond(largest.burst);
    const is200k = largest.applications >= 200_000;
    lines.push(
      `target 1 (≥ 100/s with 200,000 applications): ${is200k ? verdict(at >= 100) : 'not measured at 200k (BENCH_SIZES=5000,50000,200000)'} — burst ${n1(at)}/s at ${k(largest.applications)}`,
    );
    const ratio = largest.respond.p50 / first.respond.p50;
    lines.push(
      `target 1 (cost of an action flat in the queue size, ≤ 1.25× from ${k(first.applications)} to ${k(largest.applications)}): ${verdict(ratio <= 1.25)} — respond ${times(largest.respond.p50, first.respond.p50)}, file ${times(largest.file.p50, first.file.p50)}`,
    );
  }
  if (floor && base)
    lines.push(
      `target 1 (floor, reported): ours / floor = ${times(perSecond(base.rush), floor.rows.perSecond)} (a statement per row), ` +
        `${times(perSecond(base.rush), floor.batched.perSecond)} (a statement per table)`,
    );
  for (const parents of PARENTS) {
    const one = runs.find((r) => r.parents === parents && r.processes === 1);
    const two = runs.find((r) => r.parents === parents && r.processes === 2);
    if (one && two) {
      const ratio = perSecond(two.rush) / perSecond(one.rush);
      lines.push(
        `target 2 (2 processes ≥ 1.7× one, rush of ${n0(parents)}): ${verdict(ratio >= 1.7)} — ${times(perSecond(two.rush), perSecond(one.rush))}`,
      );
    }
  }
  for (const run of runs) {
    const b = run.backlogs[0];
    if (!b) continue;
    lines.push(
      `target 4b (a workstation reconnects with ${n0(b.actions)} pending actions, ${run.processes}p: time until each is applied or rejected, health meanwhile): ` +
        `${b.drained ? `all ${n0(b.actions)} decided after ${n1(b.seconds)} s` : `NOT all decided within ${CAP_MS / 1000} s (${b.pending} pending)`}; ` +
        `each from its push p50 ${n0(b.each.p50)} / p99 ${n0(b.each.p99)} / max ${n0(b.each.max)} ms; ` +
        `health p99 ${n0(b.health.p99)} ms, applications p99 ${n0(b.applications.p99)} ms`,
    );
  }
  let target3 = false;
  for (const run of runs) {
    for (const b of run.backlogs) {
      if (b.actions < TARGET3_BACKLOG) continue;
      target3 = true;
      const ok = b.drained && b.health.p99 < 100 && b.applications.p99 < 100 && b.probeFailures === 0;
      lines.push(
        `target 3 (p99 < 100 ms while a ${n0(b.actions)}-action backlog drains, ${run.processes}p): ${verdict(ok)} — health p99 ${n0(b.health.p99)} ms (max ${n0(b.health.max)}), applications p99 ${n0(b.applications.p99)} ms (max ${n0(b.applications.max)})${b.drained ? '' : ', not drained within the cap'}${b.probeFailures ? `, ${b.probeFailures} probes failed` : ''}`,
      );
    }
  }
  if (!target3 && runs.some((r) => r.backlogs.length > 0))
    lines.push(
      `target 3 (p99 < 100 ms while a ${n0(TARGET3_BACKLOG)}-action backlog drains): not measured (BENCH_BACKLOG=${BACKLOGS.join(',')})`,
    );
  for (const run of runs) {
    const r = run.restart;
    if (!r || r.pending === 0) continue;
    const before = r.drained && r.listenSeconds < r.drainSeconds;
    lines.push(
      `target 3 (listens before it drains a backlog; ${r.pending} pending at restart): ${verdict(before)} — ` +
        `listening after ${n1(r.listenSeconds)} s, drained after ${r.drained ? `${n1(r.drainSeconds)} s` : 'the cap'}; ` +
        `health p99 ${n0(r.health.p99)} ms meanwhile`,
    );
  }
  for (const run of runs) {
    const r = run.rush;
    const errors = CALL_KINDS.reduce(
      (s, c) => s + r.counts[c].other4xx + r.counts[c].server5xx + r.counts[c].failed,
      0,
    );
    const cut = CALL_KINDS.reduce((s, c) => s + r.counts[c].cut, 0);
    lines.push(
      `target 4a (rush of ${n0(r.parents)}, ${run.processes}p: served within 60 s, errors 0): ` +
        `${verdict(r.finished && r.seconds <= 60 && errors === 0)} — ` +
        `${r.finished ? `${n1(r.seconds)} s` : `cap reached after ${r.completed} parents (${cut} calls cut)`}, ${errors} errors`,
    );
  }
  console.log('');
  for (const l of lines) console.log(`targets: ${l}`);
}

/** Which server code ran: the commit, and whether sync-server/ or src/ had uncommitted changes. */
function revision(): string {
  if (process.env.BENCH_REVISION) return process.env.BENCH_REVISION;
  const git = (...args: string[]) =>
    spawnSync('git', args, { cwd: import.meta.dirname, encoding: 'utf8' }).stdout?.trim() ?? '';
  const head = git('rev-parse', '--short', 'HEAD');
  if (!head) return 'unknown (not a git checkout)';
  const dirty = git('status', '--porcelain', '--', '../../sync-server', '../../src')
    .split('\n')
    .filter(Boolean).length;
  return dirty ? `${head} + ${dirty} uncommitted files in sync-server/, src/` : head;
}

async function main() {
  console.log(`server code: ${revision()}`);
  console.log(
    `actions bench: PostgreSQL 15 (fsync on), cli.ts serve processes on loopback; rush of ${PARENTS.join(', ')} parents ` +
      `(${CONCURRENCY} in flight, cap ${CAP_MS / 1000} s) on ${PROCESSES.join(' and ')} process(es); backlogs of ${BACKLOGS.join(', ')} actions; ` +
      `per-action cost at ${SIZES.join(', ')} applications (${SAMPLES} samples each)`,
  );
  const overall = setTimeout(() => {
    console.error(`actions bench: still running after ${OVERALL_MS / 1000} s, giving up`);
    process.exit(2);
  }, OVERALL_MS);
  overall.unref();
  const cluster = await BenchCluster.start();
  const runs: RushRun[] = [];
  const singles: SingleCost[] = [];
  const seedSeconds = new Map<number, number>();
  let floor: FloorResult | undefined;
  try {
    // One seeded database per size; a rush runs on the smallest one with enough responders.
    const seeds = new Map<number, Seeded>();
    const seeded = async (size: number) => {
      let s = seeds.get(size);
      if (!s) {
        s = await prepare(cluster, size, Math.max(...PARENTS, SAMPLES + WARMUP + BURST));
        seeds.set(size, s);
        seedSeconds.set(size, s.seedSeconds);
      }
      return s;
    };
    for (const parents of PARENTS) {
      let target = await seeded(SIZES[0]);
      for (const size of SIZES) {
        target = await seeded(size);
        if (target.responders.filter((r) => r.access === 'all').length >= parents) break;
      }
      if (target.responders.length < parents)
        log(
          `only ${target.responders.length} responders in ${target.database}: the rush of ${parents} uses them all`,
        );
      for (const processes of PROCESSES) runs.push(await rushRun(cluster, target, parents, processes));
    }
    const base = runs.find((r) => r.parents === PARENTS[0] && r.processes === 1);
    if (base && PARTS.has('floor')) {
      const pairs = base.appliedPairs.length
        ? base.appliedPairs
        : (await seeded(SIZES[0])).responders.filter((r) => r.access === 'all').slice(0, PARENTS[0]);
      const source = seeds.get(base.applications)!;
      const url = await cluster.createDatabase('floor', source.database);
      try {
        floor = await responsesFloor(url, pairs);
        log(
          `floor: ${floor.responses} responses in ${floor.rows.seconds.toFixed(2)} s (per row), ${floor.batched.seconds.toFixed(2)} s (per table)`,
        );
      } finally {
        await cluster.dropDatabase('floor');
      }
    }
    if (PARTS.has('cost'))
      for (const size of SIZES) singles.push(await singleCost(cluster, await seeded(size)));
  } finally {
    clearTimeout(overall);
    await cluster.stop();
  }
  report(runs, floor, singles, seedSeconds);
}

await main();
