// A region's worth of data (issue 16, points 1, 2, 5, 6): for each size, a real PostgreSQL 15 database
// seeded with `cli.ts seed --region N` and a real `cli.ts serve` process on loopback, measured as
// parents and the scheduler meet it:
// (a) parent reads, one at a time, as parents of the region's biggest town: GET /api/applications
//     (queue numbers), GET /api/applications/{id}, GET /api/queue?iin=, GET /api/bulletins?localityId=
//     as a logged-in parent (eligibility: "Доступные мне"), p50/p99, each beside its SQL floor (one
//     statement answering the same question on the same indexes: support/region-floors.ts);
// (b) a scheduler tick with the seed's fixed few deadlines due, then an idle one, beside the floor
//     "what is due now" in one statement;
// (c) the server's start-up (spawn → /api/health) and RSS;
// (d) BENCH_SSE parents' /api/events streams open: RSS per connection, and change → event latency
//     for single notifications and for one write reaching every stream at once.
// Prints one markdown table and a verdict line per target; exits 0 whether targets are met or not.
// `npm run bench -- region`. BENCH_REGION_SIZES=5000,50000,200000 (default), BENCH_SAMPLES=200,
// BENCH_SSE=1000, BENCH_TIMEOUT_S=5400 (the whole run).
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { almatyDayOfMs } from '../../src/domain';
import type { Application } from '../../src/schema';
import { processAction } from '../../sync-server/actions';
import { collection } from '../../sync-server/database';
import { prepareDeadlineIndexes } from '../../sync-server/deadlines';
import type { Runtime } from '../../sync-server/runtime';
import { REMINDER_DAYS_BEFORE, runSchedulerTick, type TickReport } from '../../sync-server/scheduler';
import { REGION_INTEREST_DAYS } from '../../sync-server/seed';
import { mintParentTokens, openBenchRuntime } from './support/demo-workload';
import { Latency } from './support/latency';
import { OrynTables } from './support/oryn-tables';
import { RegionFloors } from './support/region-floors';
import { BenchCluster, type ServerProcess, sleep } from './support/server-cluster';

const list = (text: string) =>
  text
    .split(',')
    .map((s) => Number(s.trim()))
    .filter((n) => Number.isInteger(n) && n > 0);
const SIZES = list(process.env.BENCH_REGION_SIZES ?? '5000,50000,200000');
const SAMPLES = Math.max(20, Number(process.env.BENCH_SAMPLES ?? 200));
const WARMUP = 20;
const SSE = Math.max(10, Number(process.env.BENCH_SSE ?? 1000));
const SINGLE_EVENTS = 200;
const OVERALL_MS = Number(process.env.BENCH_TIMEOUT_S ?? 5400) * 1000;
const DAY_MS = 86_400_000;
const TOWN = 'turkestan-city';

const log = (line: string) => console.log(`  ${new Date().toISOString().slice(11, 19)} ${line}`);

const READS = ['applications', 'application', 'queue', 'bulletins', 'bulletinsPage'] as const;
type Read = (typeof READS)[number];

interface SizeResult {
  applications: number;
  /** The machine's 1-minute load average when the size's reads began (2 cores, shared). */
  load: number;
  seedSeconds: number;
  reads: Record<Read, { server: Latency; floor: Latency; errors: number }>;
  tick: { due: TickReport; dueMs: number; idleMs: number; floorMs: number; indexMs: number };
  startSeconds: number;
  /** Start-ups beside the reads' server: as `npm start` runs it (median of 3), via tsx, the floor. */
  startup: { built: number; tsx: number; floor: number; builtRssMb: number };
  rssStartMb: number;
  rssMaxMb: number;
  sse: { connections: number; perConnectionKb: number; single: Latency; fanOut: Latency; lost: number };
}

function rssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
    return kb / 1024;
  } catch {
    return Number.NaN;
  }
}

/** The parents whose pages are read: waiting or further along, in the region's biggest town. */
async function sampleApplications(url: string, count: number): Promise<Application[]> {
  const tables = await OrynTables.open(url);
  try {
    const apps = await tables.docs<Application>(
      'applications',
      `doc->>'localityId' = $1 AND doc->>'status' IN ('waiting', 'responded', 'referred', 'enrolled') AND id <> 'app-demo'`,
      [TOWN],
    );
    // A deterministic shuffle (by a hash of the id), then the first `count`.
    const key = (id: string) =>
      [...id].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0, 2166136261);
    return apps.sort((a, b) => key(a.id) - key(b.id)).slice(0, count);
  } finally {
    await tables.close();
  }
}

async function timed(url: string, init: RequestInit): Promise<{ ms: number; ok: boolean; body: unknown }> {
  const start = performance.now();
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
  const body = await res.json().catch(() => null);
  return { ms: performance.now() - start, ok: res.ok, body };
}

async function parentReads(
  server: ServerProcess,
  floors: RegionFloors,
  apps: Application[],
  tokens: Map<string, string>,
): Promise<SizeResult['reads']> {
  const out = Object.fromEntries(
    READS.map((r) => [r, { server: new Latency(), floor: new Latency(), errors: 0 }]),
  ) as SizeResult['reads'];
  const call: Record<
    Read,
    (a: Application, i: number) => Promise<{ ms: number; ok: boolean; body: unknown }>
  > = {
    applications: (a) => timed(`${server.url}/api/applications`, auth(tokens, a)),
    application: (a) => timed(`${server.url}/api/applications/${encodeURIComponent(a.id)}`, auth(tokens, a)),
    // Anonymous, as the main page's "Очередь в ДДО"; each from its own address (the limit is per address).
    queue: (a, i) =>
      timed(`${server.url}/api/queue?iin=${a.childIin}`, {
        headers: { 'x-forwarded-for': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` },
      }),
    bulletins: (a) =>
      timed(`${server.url}/api/bulletins?localityId=${a.localityId}&limit=200`, auth(tokens, a)),
    // The list as it opens, unfiltered: the first page of the deployment's published bulletins.
    bulletinsPage: (a) => timed(`${server.url}/api/bulletins?limit=50`, auth(tokens, a)),
  };
  const floor: Record<Read, (a: Application) => Promise<number>> = {
    applications: (a) => floors.parentApplications(a),
    application: (a) => floors.oneApplication(a),
    queue: (a) => floors.queueByIin(a),
    bulletins: (a) => floors.bulletins(a),
    bulletinsPage: (a) => floors.bulletinsPage(a),
  };
  for (const read of READS) {
    for (let i = 0; i < apps.length; i++) {
      const a = apps[i];
      const { ms, ok, body } = await call[read](a, i + 1);
      const check = ok && checkBody(read, a, body);
      const fms = await floor[read](a);
      if (i < WARMUP) continue;
      if (check) out[read].server.add(ms);
      else out[read].errors++;
      out[read].floor.add(fms);
    }
    log(
      `${read}: ${out[read].server.describe()} (floor ${out[read].floor.describe()}), ${out[read].errors} errors`,
    );
  }
  return out;
}

const auth = (tokens: Map<string, string>, a: Application): RequestInit => ({
  headers: { authorization: `Bearer ${tokens.get(a.parentId)}` },
});

/** Each answer must be the real one: the application with a queue number, the bulletins of its town. */
function checkBody(read: Read, a: Application, body: unknown): boolean {
  const rows = Array.isArray(body) ? body : [body];
  switch (read) {
    case 'applications':
    case 'application':
      return rows.some(
        (r) => r?.id === a.id && (typeof r.queueNumber === 'number' || a.status === 'enrolled'),
      );
    case 'queue':
      return rows.length > 0 && rows.every((r) => 'queueNumber' in r);
    case 'bulletins':
      return rows.every((r) => r?.localityId === a.localityId && typeof r.availableToMe === 'boolean');
    case 'bulletinsPage':
      return rows.length > 0 && rows.every((r) => typeof r?.availableToMe === 'boolean');
  }
}

async function schedulerTicks(
  runtime: Runtime,
  floors: RegionFloors,
  warmWith: Application,
): Promise<SizeResult['tick']> {
  // A running server's processor is warm; the bench's own process is not: one parent action first.
  const now = runtime.ctx.now();
  const warm = await processAction(runtime.ctx, {
    id: randomUUID(),
    kind: 'application.confirmInterest',
    payload: { applicationId: warmWith.id },
    actor: warmWith.parentId,
    actorRole: 'parent',
    kindergartenId: '',
    deviceId: 'bench',
    occurredAt: now.toISOString(),
    status: 'pending',
    updatedAt: now.getTime(),
  });
  if (warm.status !== 'applied') throw new Error(`warm-up action: ${JSON.stringify(warm)}`);
  let start = performance.now();
  await prepareDeadlineIndexes(runtime.ctx.db);
  const indexMs = performance.now() - start;
  const nowMs = runtime.ctx.now().getTime();
  const floorArgs = [
    almatyDayOfMs(nowMs),
    new Date(nowMs + 2 * DAY_MS).toISOString(),
    new Date(nowMs - (REGION_INTEREST_DAYS - REMINDER_DAYS_BEFORE - 3) * DAY_MS).toISOString(),
  ] as const;
  await floors.dueNow(...floorArgs);
  const floorMs = Math.min(
    await floors.dueNow(...floorArgs),
    await floors.dueNow(...floorArgs),
    await floors.dueNow(...floorArgs),
  );
  start = performance.now();
  const due = await runSchedulerTick(runtime.ctx);
  const dueMs = performance.now() - start;
  const idle: number[] = [];
  for (let i = 0; i < 3; i++) {
    start = performance.now();
    await runSchedulerTick(runtime.ctx);
    idle.push(performance.now() - start);
  }
  const idleMs = Math.min(...idle);
  log(
    `tick: ${JSON.stringify(due)} in ${dueMs.toFixed(0)} ms; idle ${idleMs.toFixed(0)} ms; floor ${floorMs.toFixed(1)} ms; indexes ${indexMs.toFixed(0)} ms`,
  );
  return { due, dueMs, idleMs, floorMs, indexMs };
}

/** One parent's /api/events stream: calls `onEvent(id)` for each notification event. */
async function openStream(
  url: string,
  token: string,
  onEvent: (id: string) => void,
  signal: AbortSignal,
): Promise<void> {
  const res = await fetch(`${url}/api/events`, { headers: { authorization: `Bearer ${token}` }, signal });
  if (!res.ok || !res.body) throw new Error(`events: ${res.status}`);
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let ready!: () => void;
  const readyP = new Promise<void>((done) => {
    ready = done;
  });
  void (async () => {
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buffer += value;
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (block.includes('event: ready')) ready();
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (block.includes('event: notification') && data) onEvent(JSON.parse(data).id);
        end = buffer.indexOf('\n\n');
      }
    }
  })();
  await readyP;
}

async function liveEvents(
  server: ServerProcess,
  runtime: Runtime,
  parentIds: string[],
  tokens: Map<string, string>,
): Promise<SizeResult['sse']> {
  const arrived = new Map<string, number>();
  const controller = new AbortController();
  const rssBefore = rssMb(server.pid);
  const queue = [...parentIds];
  const opener = async () => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift())
      await openStream(
        server.url,
        tokens.get(id)!,
        (n) => arrived.set(n, performance.now()),
        controller.signal,
      );
  };
  await Promise.all(Array.from({ length: 16 }, opener));
  await sleep(2000);
  const rssAfter = rssMb(server.pid);
  const perConnectionKb = ((rssAfter - rssBefore) * 1024) / parentIds.length;
  log(`${parentIds.length} streams open: RSS ${rssBefore.toFixed(0)} → ${rssAfter.toFixed(0)} MB`);
  const notifications = collection(runtime.ctx.db, 'notifications');
  const note = (recipientId: string, n: string) => {
    const now = new Date();
    return {
      id: `ntf_bench_${n}`,
      recipientId,
      kind: 'interestReminder' as const,
      params: { applicationId: 'bench', childName: 'bench', dueDay: almatyDayOfMs(now.getTime()) },
      createdAt: now.toISOString(),
      updatedAt: now.getTime(),
    };
  };
  const waitFor = async (ids: string[], ms: number) => {
    const until = performance.now() + ms;
    while (ids.some((id) => !arrived.has(id)) && performance.now() < until) await sleep(5);
  };
  // Single changes: one notification at a time to one of the connected parents.
  const single = new Latency();
  let lost = 0;
  for (let i = 0; i < Math.min(SINGLE_EVENTS, parentIds.length); i++) {
    const doc = note(parentIds[(i * 7) % parentIds.length], `s${i}`);
    const start = performance.now();
    await notifications.insert(doc);
    await waitFor([doc.id], 5000);
    const at = arrived.get(doc.id);
    if (at === undefined) lost++;
    else single.add(at - start);
  }
  // One write reaching every stream at once.
  const fanOut = new Latency();
  const docs = parentIds.map((p, i) => note(p, `f${i}`));
  const start = performance.now();
  await notifications.bulkInsert(docs);
  await waitFor(
    docs.map((d) => d.id),
    30_000,
  );
  for (const d of docs) {
    const at = arrived.get(d.id);
    if (at === undefined) lost++;
    else fanOut.add(at - start);
  }
  controller.abort();
  log(`events: single ${single.describe()}, fan-out ${fanOut.describe()}, ${lost} lost`);
  return { connections: parentIds.length, perConnectionKb, single, fanOut, lost };
}

/**
 * Start-up, spawn → /api/health 200 (issue 16, item 6), on the size's database: the server as `npm start`
 * and deployments run it (launch.mjs, the built bundle; median of 3), once through tsx compiling the
 * TypeScript (how it started before), and the floor, a bare Node HTTP server polled the same way.
 */
async function startups(cluster: BenchCluster, database: string): Promise<SizeResult['startup']> {
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const built: number[] = [];
  let builtRssMb = 0;
  for (let i = 0; i < 3; i++) {
    const s = await cluster.startServer(database, `startup-${i}`);
    built.push(s.startSeconds);
    builtRssMb = Math.max(builtRssMb, rssMb(s.pid));
    await s.stop();
  }
  const viaTsx = await cluster.startServer(database, 'startup-tsx', undefined, {}, 'tsx');
  await viaTsx.stop();
  const floor = median([
    await cluster.floorStartSeconds(),
    await cluster.floorStartSeconds(),
    await cluster.floorStartSeconds(),
  ]);
  const result = { built: median(built), tsx: viaTsx.startSeconds, floor, builtRssMb };
  log(
    `start-up: built ${built.map((x) => x.toFixed(2)).join(' / ')} s, tsx ${result.tsx.toFixed(2)} s, floor ${floor.toFixed(2)} s (load ${loadavg()[0].toFixed(1)})`,
  );
  return result;
}

async function measureSize(cluster: BenchCluster, applications: number): Promise<SizeResult> {
  const database = `region_${applications}`;
  await cluster.createDatabase(database);
  const seedSeconds = cluster.seedRegion(database, applications);
  log(`seeded ${applications.toLocaleString('en-US')} applications in ${seedSeconds.toFixed(1)} s`);
  const url = cluster.url(database);
  const apps = await sampleApplications(url, SAMPLES + WARMUP);
  const runtime = await openBenchRuntime(url, cluster.tokenSecret);
  let server: ServerProcess | undefined;
  try {
    const floors = new RegionFloors(runtime.ctx.db);
    // The tick first, from the bench's own process on the same PostgreSQL (before the server's own
    // scheduler could tick): the seed's deadlines are due now.
    const tick = await schedulerTicks(runtime, floors, apps[apps.length - 1]);
    const streamParents = (
      await collection(runtime.ctx.db, 'parents')
        .find({ limit: SSE, sort: [{ id: 'desc' }] })
        .exec()
    ).map((p) => p.id);
    const tokens = await mintParentTokens(runtime, [...apps.map((a) => a.parentId), ...streamParents]);
    const startup = await startups(cluster, database);
    server = await cluster.startServer(database, database, undefined, { TRUST_PROXY: 'loopback' });
    const rssStartMb = rssMb(server.pid);
    log(`server listening after ${server.startSeconds.toFixed(2)} s, RSS ${rssStartMb.toFixed(0)} MB`);
    const load = loadavg()[0];
    const reads = await parentReads(server, floors, apps, tokens);
    const sse = await liveEvents(server, runtime, streamParents, tokens);
    const rssMaxMb = Math.max(rssStartMb, rssMb(server.pid));
    return {
      applications,
      load,
      seedSeconds,
      reads,
      tick,
      startSeconds: server.startSeconds,
      startup,
      rssStartMb,
      rssMaxMb,
      sse,
    };
  } finally {
    await server?.stop();
    await runtime.close();
    await cluster.dropDatabase(database);
  }
}

const fmt = (x: number, digits = 1) =>
  Number.isNaN(x) ? '—' : x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toFixed(digits);
const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(1)}×` : '—');

function report(results: SizeResult[]): void {
  const sizes = results.map((r) => r.applications.toLocaleString('en-US'));
  const row = (label: string, cells: string[]) => console.log(`| ${label} | ${cells.join(' | ')} |`);
  console.log(`\n| figure | ${sizes.join(' | ')} |`);
  console.log(`|---|${sizes.map(() => '---').join('|')}|`);
  row(
    'load average (1 min) at the reads',
    results.map((r) => r.load.toFixed(1)),
  );
  row(
    'seed --region (s)',
    results.map((r) => fmt(r.seedSeconds)),
  );
  const names: Record<Read, string> = {
    applications: 'GET /api/applications',
    application: 'GET /api/applications/{id}',
    queue: 'GET /api/queue?iin=',
    bulletins: 'GET /api/bulletins?localityId= (parent)',
    bulletinsPage: 'GET /api/bulletins, first page of 50 (parent)',
  };
  for (const read of READS) {
    row(
      `${names[read]} p50 / p99 ms (floor p50; ×)`,
      results.map((r) => {
        const x = r.reads[read];
        return `${fmt(x.server.p50)} / ${fmt(x.server.p99)} (${fmt(x.floor.p50, 2)}; ${ratio(x.server.p50, x.floor.p50)})${x.errors ? `, ${x.errors} errors` : ''}`;
      }),
    );
  }
  row(
    'scheduler tick, 25 due (ms)',
    results.map((r) => `${fmt(r.tick.dueMs)} (${JSON.stringify(r.tick.due.rejected)} rejected)`),
  );
  row(
    'scheduler tick, idle (ms; floor; ×)',
    results.map(
      (r) => `${fmt(r.tick.idleMs)} (${fmt(r.tick.floorMs, 2)}; ${ratio(r.tick.idleMs, r.tick.floorMs)})`,
    ),
  );
  row(
    'deadline indexes built once (ms)',
    results.map((r) => fmt(r.tick.indexMs)),
  );
  row(
    'server start-up, spawn → /api/health (s; median of 3; floor; ×)',
    results.map(
      (r) =>
        `${fmt(r.startup.built, 2)} (${fmt(r.startup.floor, 2)}; ${ratio(r.startup.built, r.startup.floor)})`,
    ),
  );
  row(
    '… through tsx, compiling on start (s, once)',
    results.map((r) => fmt(r.startup.tsx, 2)),
  );
  row(
    '… RSS once listening (MB)',
    results.map((r) => fmt(r.startup.builtRssMb)),
  );
  row(
    'server RSS at start / max (MB)',
    results.map((r) => `${fmt(r.rssStartMb)} / ${fmt(r.rssMaxMb)}`),
  );
  row(
    'SSE streams open: RSS per connection (KB)',
    results.map((r) => `${r.sse.connections}: ${fmt(r.sse.perConnectionKb)}`),
  );
  row(
    'change → event p50 / p99 ms, one at a time',
    results.map((r) => `${fmt(r.sse.single.p50)} / ${fmt(r.sse.single.p99)}`),
  );
  row(
    'change → event p50 / p99 ms, one write to every stream',
    results.map(
      (r) => `${fmt(r.sse.fanOut.p50)} / ${fmt(r.sse.fanOut.p99)}${r.sse.lost ? `, ${r.sse.lost} lost` : ''}`,
    ),
  );

  const big = results[results.length - 1];
  const small = results[0];
  const verdict = (ok: boolean, text: string) => console.log(`${ok ? 'MET    ' : 'NOT MET'} ${text}`);
  console.log('');
  for (const read of READS) {
    const p99 = big.reads[read].server.p99;
    const growth = big.reads[read].server.p50 / small.reads[read].server.p50;
    verdict(
      p99 < 50 && growth <= 2,
      `2. ${names[read]}: p99 ${fmt(p99)} ms at ${big.applications.toLocaleString('en-US')} (target < 50), p50 ${growth.toFixed(2)}× from ${small.applications.toLocaleString('en-US')} (flat: ≤ 2×)`,
    );
  }
  verdict(
    big.tick.dueMs < 1000,
    `5. scheduler tick at ${big.applications.toLocaleString('en-US')}: ${fmt(big.tick.dueMs)} ms with 25 due, ${fmt(big.tick.idleMs)} ms idle (target < 1,000; idle ${ratio(big.tick.idleMs, small.tick.idleMs)} of ${small.applications.toLocaleString('en-US')})`,
  );
  verdict(
    big.startup.built < 5 && big.rssMaxMb < 1024,
    `6. start-up ${fmt(big.startup.built, 2)} s (< 5; ${ratio(big.startup.built, big.startup.floor)} the bare Node floor, ${ratio(big.startup.built, small.startup.built)} of ${small.applications.toLocaleString('en-US')}; tsx ${fmt(big.startup.tsx, 2)} s), RSS max ${fmt(big.rssMaxMb)} MB (< 1,024) at ${big.applications.toLocaleString('en-US')}`,
  );
  verdict(
    big.sse.single.p99 < 500 && big.sse.lost === 0,
    `6. ${big.sse.connections} SSE streams open: change → event p99 ${fmt(big.sse.single.p99)} ms (< 500); one write to all ${big.sse.connections} at once: p99 ${fmt(big.sse.fanOut.p99)} ms (no target); ${fmt(big.sse.perConnectionKb)} KB of RSS per connection`,
  );
}

async function main(): Promise<void> {
  const started = performance.now();
  const cluster = await BenchCluster.start();
  const timer = setTimeout(() => {
    console.error(`region bench: stopped after ${OVERALL_MS / 1000} s (BENCH_TIMEOUT_S)`);
    void cluster.stop().finally(() => process.exit(1));
  }, OVERALL_MS);
  timer.unref();
  const results: SizeResult[] = [];
  try {
    for (const size of SIZES) results.push(await measureSize(cluster, size));
    report(results);
    log(`done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    clearTimeout(timer);
    await cluster.stop();
  }
}

await main();
