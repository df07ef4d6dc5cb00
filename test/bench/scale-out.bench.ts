// Scale-out as a region deploys it (issue 16, point 7): one real PostgreSQL 15, 1, 2 and 3
// `sync-server/cli.ts serve` processes, and Debian's nginx in front of them on loopback (round-robin,
// SSE and replication streams unbuffered: support/nginx.ts, the README's deployment guide). Through
// nginx, per process count:
//   - a parent's live event reaches every stream of theirs, whichever process holds it, and a staff
//     replication pullStream likewise (streams opened until each process holds one);
//   - the auth rate limit of one address holds across the processes (60 per address, then 429);
//   - the bulletin rush (list + eligibility + respond per parent) and a workstation's offline backlog
//     (issue 12, benchmarks a and b): throughput per process count, with the CPU each part used.
// `npm run scale-test` (also `npm run bench -- scale`). Exits non-zero when a correctness check fails
// (an event not delivered, a limit multiplied, 5xx or failed calls, a backlog not drained).
// Each process count runs twice: with every server process in a cgroup of its own limited to the same
// share of a core (BENCH_CPU_QUOTA, support/cpu-quota.ts), so that one process is bound by its own CPU
// and the ratios of 1, 2 and 3 processes (goals ≥ 1.7× and ≥ 2.4×) say whether the design scales on any
// machine; and unrestricted, where on a small machine the cores run out first (the CPU lines show it).
// SCALE_PROCESSES=1,2,3 SCALE_PARENTS=1000 SCALE_APPLICATIONS=5000 SCALE_BACKLOG=1000
// SCALE_CONCURRENCY=48 (per process) SCALE_CAP_S=120 BENCH_CPU_QUOTA=0.3 (cores per server process; 0: no quota'd
// runs) BENCH_CPU_SHARES=8192 (the benchmark's weight against other work) SCALE_UNRESTRICTED=1 (0: skip
// the unrestricted runs).
import { collection } from '../../sync-server/database';
import { bulletinRush, CALL_KINDS, type RushResult } from './support/bulletin-rush';
import {
  findResponders,
  mintParentTokens,
  mintStaffToken,
  openBenchRuntime,
  type Responder,
  type StaffMember,
} from './support/demo-workload';
import { type Nginx, startNginx } from './support/nginx';
import { type BacklogResult, offlineBacklog, workstationBacklog } from './support/offline-backlog';
import { openLiveStream, type LiveStream } from './support/live-stream';
import { OrynTables } from './support/oryn-tables';
import { BenchCluster, machineCpuSeconds, type ServerProcess } from './support/server-cluster';
import { CpuQuotas, type QuotaGroup, type Throttling, throttlingBetween } from './support/cpu-quota';
import type { Application, Bulletin, Response } from '../../src/schema';

const list = (text: string) =>
  text
    .split(',')
    .map((s) => Number(s.trim()))
    .filter((n) => Number.isInteger(n) && n > 0);
const PROCESSES = list(process.env.SCALE_PROCESSES ?? '1,2,3');
const PARENTS = Number(process.env.SCALE_PARENTS ?? 1000);
const APPLICATIONS = Number(process.env.SCALE_APPLICATIONS ?? 5000);
const BACKLOG = Number(process.env.SCALE_BACKLOG ?? 1000);
/**
 * Parents in flight per server process: the offered load grows with the processes, as a rush's demand
 * exceeds any deployment's capacity. With 48 in all, 3 processes stood idle a third of the time (held by
 * their quota in 65–72 % of periods) and their batches shrank from 9.7 responds to 3.9: the bench's
 * closed loop, not the servers, set the pace.
 */
const CONCURRENCY = Number(process.env.SCALE_CONCURRENCY ?? 48);
const CAP_MS = Number(process.env.SCALE_CAP_S ?? 120) * 1000;
const QUOTA_CORES = Number(process.env.BENCH_CPU_QUOTA ?? 0.3);
const SHARES = Number(process.env.BENCH_CPU_SHARES ?? 8192);
const UNRESTRICTED = process.env.SCALE_UNRESTRICTED !== '0';
/** The auth limit per address (api/limits.ts DEFAULT_LIMITS.authPerAddress): 60, then one per 5 s. */
const AUTH_PER_ADDRESS = { capacity: 60, refillEveryMs: 5_000 };
const EVENT_TIMEOUT_MS = 10_000;

const log = (line: string) => console.log(`  ${new Date().toISOString().slice(11, 19)} ${line}`);

interface Cpu {
  servers: number[];
  /** Per server process, when it ran under a quota: how often it was held back by it. */
  throttling?: Throttling[];
  postgres: number;
  nginx: number;
  bench: number;
  machine: number;
  wall: number;
}

/** CPU seconds used by each part while `work` ran. */
async function measured<T>(
  cluster: BenchCluster,
  servers: ServerProcess[],
  groups: QuotaGroup[],
  nginx: Nginx,
  work: () => Promise<T>,
): Promise<{ result: T; cpu: Cpu }> {
  const bench = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  };
  const before = {
    servers: servers.map((s) => s.cpuSeconds()),
    throttling: groups.map((g) => g.throttling()),
    postgres: await cluster.postgresCpuSeconds(),
    nginx: nginx.cpuSeconds(),
    bench: bench(),
    machine: machineCpuSeconds(),
    at: performance.now(),
  };
  const result = await work();
  return {
    result,
    cpu: {
      servers: servers.map((s, i) => s.cpuSeconds() - before.servers[i]),
      throttling:
        groups.length > 0
          ? groups.map((g, i) => throttlingBetween(before.throttling[i], g.throttling()))
          : undefined,
      postgres: (await cluster.postgresCpuSeconds()) - before.postgres,
      nginx: nginx.cpuSeconds() - before.nginx,
      bench: bench() - before.bench,
      machine: machineCpuSeconds() - before.machine,
      wall: (performance.now() - before.at) / 1000,
    },
  };
}

interface LiveCheck {
  parentStreams: { upstream: string; ms: number | undefined }[];
  staffStreams: { upstream: string; ms: number | undefined }[];
  writtenBy: string;
  ok: boolean;
}

/** Opens streams through nginx until every process holds one (round-robin), at most 3 rounds. */
async function streamsOnEveryProcess(
  open: () => Promise<LiveStream>,
  processes: number,
): Promise<LiveStream[]> {
  const streams: LiveStream[] = [];
  const upstreams = new Set<string>();
  for (let i = 0; i < processes * 3 && upstreams.size < processes; i++) {
    const s = await open();
    if (upstreams.has(s.upstream)) {
      s.close();
      continue;
    }
    upstreams.add(s.upstream);
    streams.push(s);
  }
  return streams;
}

/**
 * A parent responds through nginx; their SSE streams on every process hear their application change,
 * and the kindergarten's staff hear of the new response on their replication pullStream, whichever
 * process applied it.
 */
async function liveEventCheck(
  nginx: Nginx,
  processes: number,
  responder: Responder,
  parentToken: string,
  staff: StaffMember,
): Promise<LiveCheck> {
  const parentStreams = await streamsOnEveryProcess(
    () => openLiveStream(`${nginx.url}/api/events`, parentToken),
    processes,
  );
  const staffStreams = await streamsOnEveryProcess(
    () => openLiveStream(`${nginx.url}/replication/responses/0/pullStream`, staff.token),
    processes,
  );
  try {
    const t0 = performance.now();
    const res = await fetch(`${nginx.url}/api/bulletins/${responder.bulletinId}/responses`, {
      method: 'POST',
      headers: { authorization: `Bearer ${parentToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ applicationId: responder.applicationId }),
    });
    await res.arrayBuffer();
    if (res.status !== 201) throw new Error(`the live check's response answered ${res.status}`);
    const writtenBy = res.headers.get('x-oryn-upstream') ?? '?';
    const wait = (s: LiveStream) =>
      s.waitFor(responder.applicationId, EVENT_TIMEOUT_MS).then((at) => ({
        upstream: s.upstream,
        ms: at === undefined ? undefined : at - t0,
      }));
    const parents = await Promise.all(parentStreams.map(wait));
    const staffs = await Promise.all(staffStreams.map(wait));
    const all = [...parents, ...staffs];
    const covered = (xs: { upstream: string }[]) => new Set(xs.map((x) => x.upstream)).size === processes;
    return {
      parentStreams: parents,
      staffStreams: staffs,
      writtenBy,
      ok: covered(parents) && covered(staffs) && all.every((x) => x.ms !== undefined),
    };
  } finally {
    for (const s of [...parentStreams, ...staffStreams]) s.close();
  }
}

interface LimitCheck {
  sent: number;
  allowed: number;
  limited: number;
  upstreams: number;
  bound: number;
  ok: boolean;
}

/**
 * One address asks for more than its auth limit through nginx (round-robin over the processes): the
 * limit lives in PostgreSQL, so about 60 pass in all — not 60 per process.
 */
async function rateLimitCheck(nginx: Nginx, processes: number): Promise<LimitCheck> {
  const address = `10.99.${processes}.7`;
  const sent = AUTH_PER_ADDRESS.capacity * 2;
  const upstreams = new Set<string>();
  let allowed = 0;
  let limited = 0;
  const t0 = performance.now();
  for (let i = 0; i < sent; i++) {
    const res = await fetch(`${nginx.url}/api/auth/otp/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
      body: JSON.stringify({ phone: '+77059990000', code: '000000', purpose: 'register' }),
    });
    await res.arrayBuffer();
    upstreams.add(res.headers.get('x-oryn-upstream') ?? '?');
    if (res.status === 429) limited++;
    else if (res.status >= 500) throw new Error(`otp/verify answered ${res.status}`);
    else allowed++;
  }
  const refilled = Math.floor((performance.now() - t0) / AUTH_PER_ADDRESS.refillEveryMs) + 1;
  const bound = AUTH_PER_ADDRESS.capacity + refilled;
  return {
    sent,
    allowed,
    limited,
    upstreams: upstreams.size,
    bound,
    ok: allowed <= bound && allowed >= AUTH_PER_ADDRESS.capacity && upstreams.size === processes,
  };
}

/** The kindergarten with the most active responses, and what its workstation would act on. */
async function busiestKindergarten(tables: OrynTables) {
  const active = await tables.docs<Response>('responses', `doc->>'status' = 'active'`);
  const byKg = new Map<string, Response[]>();
  for (const r of active) byKg.set(r.kindergartenId, [...(byKg.get(r.kindergartenId) ?? []), r]);
  const [kindergartenId, responses] =
    [...byKg.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))[0] ?? [];
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

interface Run {
  processes: number;
  /** Cores each server process was limited to, or undefined when unrestricted. */
  quota: number | undefined;
  live: LiveCheck;
  limit: LimitCheck;
  rush: RushResult;
  rushCpu: Cpu;
  backlog: BacklogResult;
  backlogCpu: Cpu;
}

async function runWith(
  cluster: BenchCluster,
  template: string,
  processes: number,
  quotas: CpuQuotas | undefined,
  setup: {
    responders: Responder[];
    live: Responder;
    tokens: Map<string, string>;
    staff: Map<string, StaffMember>;
    probeParent: string;
  },
): Promise<Run> {
  const database = `scale_${processes}p${quotas ? 'q' : ''}`;
  const url = await cluster.createDatabase(database, template);
  const servers: ServerProcess[] = [];
  const groups: QuotaGroup[] = [];
  let nginx: Nginx | undefined;
  try {
    for (let i = 0; i < processes; i++) {
      const server = await cluster.startServer(database, `${database}-${i + 1}`, undefined, {
        TRUST_PROXY: 'loopback',
      });
      servers.push(server);
      // Started unrestricted (start-up is not what is measured), then held to its quota from here on.
      if (quotas) {
        const group = quotas.quota(`${database}-${i + 1}`);
        group.place(server.pid);
        groups.push(group);
      }
    }
    nginx = await startNginx(servers.map((s) => `127.0.0.1:${s.port}`));
    log(
      `${processes} process(es)${quotas ? `, each limited to ${quotas.cores} core` : ', unrestricted'} behind nginx at ${nginx.url}`,
    );
    const liveStaff = setup.staff.get((await bulletinOf(url, setup.live.bulletinId)).kindergartenId);
    if (!liveStaff) throw new Error('no staff session for the live check');
    const live = await liveEventCheck(
      nginx,
      processes,
      setup.live,
      setup.tokens.get(setup.live.parentId)!,
      liveStaff,
    );
    log(
      `live: written by ${live.writtenBy}; parent streams ${live.parentStreams.map((s) => `${s.upstream} ${s.ms?.toFixed(0) ?? 'MISSED'} ms`).join(', ')}; ` +
        `staff pullStreams ${live.staffStreams.map((s) => `${s.upstream} ${s.ms?.toFixed(0) ?? 'MISSED'} ms`).join(', ')}`,
    );
    const limit = await rateLimitCheck(nginx, processes);
    log(
      `limit: ${limit.allowed} of ${limit.sent} allowed over ${limit.upstreams} process(es) (bound ${limit.bound})`,
    );
    const front = nginx;
    const { result: rush, cpu: rushCpu } = await measured(cluster, servers, groups, front, () =>
      bulletinRush({
        urls: [front.url],
        responders: setup.responders,
        tokens: setup.tokens,
        concurrency: CONCURRENCY * processes,
        capMs: CAP_MS,
      }),
    );
    log(`rush: ${rush.applied} applied in ${rush.seconds.toFixed(1)} s${rush.finished ? '' : ' (cap)'}`);
    const tables = await OrynTables.open(url);
    try {
      // Actions of one batch share their processedAt (apply-batch.ts): how the group commit grouped them.
      const responds = await tables.docs<{ processedAt?: string }>(
        'actions',
        `doc->>'kind' = 'application.respond' AND doc->>'status' = 'applied'`,
      );
      const batches = new Set(responds.map((a) => a.processedAt)).size;
      log(
        `rush: ${responds.length} responds applied in ${batches} batches (${n1(responds.length / Math.max(1, batches))} a batch)`,
      );
      const kg = await busiestKindergarten(tables);
      const staff = setup.staff.get(kg.kindergartenId);
      if (!staff) throw new Error(`no staff session for ${kg.kindergartenId}`);
      const actions = workstationBacklog(staff, kg.responses, kg.bulletins, BACKLOG, kg.applications);
      const { result: backlog, cpu: backlogCpu } = await measured(cluster, servers, groups, front, () =>
        offlineBacklog({
          pushUrl: front.url,
          probeUrl: front.url,
          staff,
          parentToken: setup.tokens.get(setup.probeParent)!,
          actions,
          tables,
          capMs: CAP_MS,
        }),
      );
      log(
        `backlog: ${backlog.applied} applied, ${backlog.rejected} rejected, ${backlog.pending} pending after ${backlog.seconds.toFixed(1)} s`,
      );
      return { processes, quota: quotas?.cores, live, limit, rush, rushCpu, backlog, backlogCpu };
    } finally {
      await tables.close();
    }
  } finally {
    await nginx?.stop();
    await Promise.all(servers.map((s) => s.stop()));
    for (const group of groups) quotas?.release(group);
    await cluster.dropDatabase(database);
  }
}

async function bulletinOf(url: string, id: string): Promise<Bulletin> {
  const tables = await OrynTables.open(url);
  try {
    const [b] = await tables.docs<Bulletin>('bulletins', 'id = $1', [id]);
    if (!b) throw new Error(`no bulletin ${id}`);
    return b;
  } finally {
    await tables.close();
  }
}

// ---- reporting ----------------------------------------------------------------------------------

const n1 = (x: number) => (Number.isFinite(x) ? x.toFixed(x < 10 ? 2 : 1) : '—');
const perSecond = (r: RushResult) => (r.seconds > 0 ? r.applied / r.seconds : 0);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const failures = (r: RushResult) =>
  CALL_KINDS.reduce((s, c) => s + r.counts[c].server5xx + r.counts[c].failed + r.counts[c].other4xx, 0);
/** Which calls failed and how: "respond 502 ?×1, list failed×2". */
const failureDetail = (r: RushResult) =>
  CALL_KINDS.flatMap((c) => [
    ...[...r.counts[c].codes].map(([code, n]) => `${c} ${code}×${n}`),
    ...(r.counts[c].failed ? [`${c} connection failed×${r.counts[c].failed}`] : []),
  ]).join(', ') || 'none';

function cpuLine(cpu: Cpu, applied: number): string {
  const per = (s: number) => `${n1((1000 * s) / Math.max(1, applied))}`;
  return (
    `servers ${cpu.servers.map((s) => n1(s)).join(' + ')} s (${per(sum(cpu.servers))} ms/applied; per process ${cpu.servers
      .map((s) => per(s))
      .join(
        ' / ',
      )}), PostgreSQL ${n1(cpu.postgres)} s (${per(cpu.postgres)} ms), nginx ${n1(cpu.nginx)} s, ` +
    `bench client ${n1(cpu.bench)} s; machine ${n1(cpu.machine)} s over ${n1(cpu.wall)} s = ${n1(cpu.machine / cpu.wall)} cores busy ` +
    `(${n1(Math.max(0, cpu.machine - sum(cpu.servers) - cpu.postgres - cpu.nginx - cpu.bench))} s by other work)` +
    (cpu.throttling
      ? `; held by the quota in ${cpu.throttling.map((t) => `${Math.round((100 * t.throttled) / Math.max(1, t.periods))} %`).join(' / ')} of periods`
      : '')
  );
}

const modeOf = (r: Run) =>
  r.quota === undefined ? 'unrestricted' : `each server process limited to ${r.quota} core (cgroup)`;

function report(runs: Run[]): boolean {
  for (const mode of [...new Set(runs.map(modeOf))]) {
    const group = runs.filter((r) => modeOf(r) === mode);
    const one = group.find((r) => r.processes === 1);
    const perApplied = (s: number, r: Run) => (1000 * s) / Math.max(1, r.rush.applied);
    console.log(`\n${mode}:`);
    console.log(
      '| processes | rush applied/s | × 1 process | server CPU per applied (each process) | PostgreSQL CPU per applied | respond p50 / p99 | errors | backlog applied or rejected | × 1 process | health p99 during backlog |',
    );
    console.log('|---:|---:|---:|---|---:|---|---:|---|---:|---:|');
    for (const r of group) {
      const backlogRate = r.backlog.drained ? r.backlog.actions / r.backlog.seconds : Number.NaN;
      const oneBacklog = one?.backlog.drained ? one.backlog.actions / one.backlog.seconds : Number.NaN;
      console.log(
        `| ${r.processes} | ${n1(perSecond(r.rush))} | ${one ? n1(perSecond(r.rush) / perSecond(one.rush)) : '—'}× | ` +
          `${n1(perApplied(sum(r.rushCpu.servers), r))} ms (${r.rushCpu.servers.map((c) => n1(perApplied(c, r))).join(' + ')}) | ` +
          `${n1(perApplied(r.rushCpu.postgres, r))} ms | ` +
          `${r.rush.latency.respond.describe()} | ${failures(r.rush)} | ` +
          `${r.backlog.drained ? `${n1(r.backlog.seconds)} s (${n1(backlogRate)}/s)` : `${r.backlog.pending} pending at the cap`} | ` +
          `${n1(backlogRate / oneBacklog)}× | ${n1(r.backlog.health.p99)} ms |`,
      );
    }
    console.log('');
    for (const r of group) {
      console.log(`cpu, rush, ${r.processes}p: ${cpuLine(r.rushCpu, r.rush.applied)}`);
      console.log(
        `cpu, backlog, ${r.processes}p: ${cpuLine(r.backlogCpu, r.backlog.applied + r.backlog.rejected)}`,
      );
    }
  }
  console.log('');
  let ok = true;
  const check = (pass: boolean, line: string) => {
    console.log(`check: ${pass ? 'ok' : 'FAILED'} — ${line}`);
    ok &&= pass;
  };
  for (const r of runs) {
    const p = `${r.processes}p${r.quota === undefined ? '' : ` at ${r.quota} core each`}`;
    const slowest = Math.max(
      ...[...r.live.parentStreams, ...r.live.staffStreams].map((s) => s.ms ?? Number.POSITIVE_INFINITY),
    );
    check(
      r.live.ok,
      `${p}: a parent's live event reached their ${r.live.parentStreams.length} SSE streams and the staff's ${r.live.staffStreams.length} pullStreams on ${r.processes} process(es), written by ${r.live.writtenBy} (slowest ${n1(slowest)} ms)`,
    );
    check(
      r.limit.ok,
      `${p}: one address's auth limit across ${r.limit.upstreams} process(es): ${r.limit.allowed} of ${r.limit.sent} allowed (limit ${AUTH_PER_ADDRESS.capacity}, at most ${r.limit.bound} with refills)`,
    );
    check(
      failures(r.rush) === 0 && r.rush.finished,
      `${p}: rush of ${r.rush.parents} through nginx, ${failures(r.rush)} failed calls (${failureDetail(r.rush)}), ${r.rush.finished ? 'all served' : 'cap reached'}`,
    );
    check(
      r.backlog.drained && r.backlog.probeFailures === 0,
      `${p}: backlog of ${r.backlog.actions} drained through nginx (${r.backlog.outOfOrder} out of the workstation's order, ${r.backlog.probeFailures} probes failed)`,
    );
  }
  const goals: Record<number, number> = { 2: 1.7, 3: 2.4 };
  for (const r of runs) {
    const goal = goals[r.processes];
    const one = runs.find((o) => o.processes === 1 && modeOf(o) === modeOf(r));
    if (!goal || !one) continue;
    const ratio = perSecond(r.rush) / perSecond(one.rush);
    const cores = r.rushCpu.machine / r.rushCpu.wall;
    const cpuGrowth =
      sum(r.rushCpu.servers) /
      Math.max(1, r.rush.applied) /
      (sum(one.rushCpu.servers) / Math.max(1, one.rush.applied));
    console.log(
      `target (${modeOf(r)}): ${r.processes} processes ≥ ${goal}× one: ${ratio >= goal ? 'met' : 'NOT met'} — ${n1(ratio)}× ` +
        `(server CPU per applied ${n1(cpuGrowth)}× one process's; ${n1(cores)} of the machine's cores busy during the run)`,
    );
  }
  return ok;
}

async function main() {
  console.log(
    `scale-out through nginx: PostgreSQL 15 (fsync on), ${APPLICATIONS.toLocaleString('en-US')} applications, ` +
      `${PROCESSES.join(', ')} server process(es); rush of ${PARENTS} parents (${CONCURRENCY} in flight per process), backlog of ${BACKLOG}`,
  );
  // Before PostgreSQL starts, so that it, nginx and this process share the unrestricted group.
  const quotas = CpuQuotas.open(QUOTA_CORES, SHARES);
  if (typeof quotas === 'string')
    console.log(
      `  no CPU quotas: ${quotas}; only the unrestricted runs (their ratios are bounded by the machine's cores)`,
    );
  else
    console.log(
      `  CPU quotas: each server process ${quotas.cores} core (cgroup, weight ${SHARES} against other work)${UNRESTRICTED ? ', then unrestricted' : ''}`,
    );
  const limited = typeof quotas === 'string' ? undefined : quotas;
  const cluster = await BenchCluster.start();
  const runs: Run[] = [];
  try {
    const template = `scale_seed_${APPLICATIONS}`;
    await cluster.createDatabase(template);
    log(`seeded in ${cluster.seedDemo(template, APPLICATIONS).toFixed(1)} s`);
    const runtime = await openBenchRuntime(cluster.url(template), cluster.tokenSecret);
    let setup: Parameters<typeof runWith>[4];
    try {
      const open = (await findResponders(runtime)).filter((r) => r.access === 'all');
      if (open.length < PARENTS + 2) throw new Error(`only ${open.length} responders for ${PARENTS} parents`);
      const responders = open.slice(0, PARENTS);
      const live = open[PARENTS];
      const probeParent = open[PARENTS + 1].parentId;
      const tokens = await mintParentTokens(
        runtime,
        [...responders, live].map((r) => r.parentId).concat(probeParent),
      );
      const staff = new Map<string, StaffMember>();
      for (const kg of await collection(runtime.ctx.db, 'kindergartens').find().exec())
        staff.set(kg.id, await mintStaffToken(runtime, kg.id));
      setup = { responders, live, tokens, staff, probeParent };
    } finally {
      await runtime.close();
    }
    if (limited)
      for (const processes of PROCESSES)
        runs.push(await runWith(cluster, template, processes, limited, setup));
    if (UNRESTRICTED || !limited)
      for (const processes of PROCESSES)
        runs.push(await runWith(cluster, template, processes, undefined, setup));
  } finally {
    await cluster.stop();
    limited?.remove();
  }
  const ok = report(runs);
  process.exit(ok ? 0 : 1);
}

await main();
