// `npm run bench -- supervisor` (issue 16, item 3): the supervisor's dashboard, fairness list and
// exports at region scale, over HTTP from a real `cli.ts serve` on a real PostgreSQL 15 seeded with
// `seed --region N`, against the floor — one SQL statement answering the same question from the same
// tables, run with plain `pg` — side by side in one run, with the ratio. Target: < 500 ms at 200k and
// within 3× of the floor.
// BENCH_SIZES=5000,50000,200000 (the default), BENCH_REPEAT=10 timed calls per figure after 2 warm-ups.
import { QUEUE_STATUSES } from '../../src/domain';
import { Latency } from './support/latency';
import { OrynTables } from './support/oryn-tables';
import { BenchCluster } from './support/server-cluster';

const SIZES = (process.env.BENCH_SIZES ?? '5000,50000,200000').split(',').map(Number);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 10);
const REGION = 'turkestan';
const SUPERVISOR = { login: `supervisor-${REGION}`, password: 'oryn-demo-2026' };

const log = (line: string) => console.log(line);

async function timed(repeat: number, call: () => Promise<void>): Promise<Latency> {
  for (let i = 0; i < 2; i++) await call();
  const latency = new Latency();
  for (let i = 0; i < repeat; i++) {
    const start = performance.now();
    await call();
    latency.add(performance.now() - start);
  }
  return latency;
}

/** The floors: each figure as one statement over the collections' own tables (no kept counts). */
function floors(t: OrynTables): Record<string, { sql: string; params: unknown[] }> {
  const apps = t.table('applications');
  const kgs = `(SELECT id FROM ${t.table('kindergartens')} WHERE NOT deleted AND doc->>'regionId' = $1)`;
  const queue = JSON.stringify(QUEUE_STATUSES);
  const dashboard = `
    WITH q AS (SELECT doc FROM ${apps}
                WHERE NOT deleted AND doc->>'regionId' = $1 AND (doc->'status') <@ $2::jsonb),
      g AS (SELECT doc->>'localityId' AS locality, doc->>'birthYear' AS birth_year, doc->>'priority' AS priority,
                   count(*) AS n, count(*) FILTER (WHERE doc->>'status' = 'stopListed') AS stop_listed,
                   count(*) FILTER (WHERE doc->>'claimedPriority' <> 'none' AND coalesce(doc->>'priorityConfirmedAt', '') = ''
                                      AND doc->>'priority' <> doc->>'claimedPriority') AS pending
              FROM q GROUP BY GROUPING SETS ((1), (2), (3), ())),
      l AS (SELECT language, count(*) AS n
              FROM q, LATERAL (SELECT DISTINCT jsonb_array_elements_text(doc->'languages') AS language) x GROUP BY 1),
      r AS (SELECT count(*) FILTER (WHERE r.doc->>'status' = 'active') AS active,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY (r.doc->>'signedAt')::timestamptz - (a.doc->>'filedAt')::timestamptz)
                     FILTER (WHERE r.doc->>'status' = 'enrolled') AS median,
                   count(*) FILTER (WHERE r.doc->>'status' IN ('expired', 'annulled')) AS no_shows
              FROM ${t.table('referrals')} r LEFT JOIN ${apps} a ON a.id = r.doc->>'applicationId'
             WHERE NOT r.deleted AND r.doc->>'kindergartenId' IN ${kgs}),
      b AS (SELECT count(*) FILTER (WHERE doc->>'status' = 'published') AS published,
                   sum((doc->>'freePlaces')::int) FILTER (WHERE doc->>'status' = 'published') AS free
              FROM ${t.table('bulletins')} WHERE NOT deleted AND doc->>'regionId' = $1)
    SELECT (SELECT json_agg(g) FROM g) AS queue, (SELECT json_agg(l) FROM l) AS languages,
           (SELECT row_to_json(r) FROM r) AS referrals, (SELECT row_to_json(b) FROM b) AS bulletins`;
  const fairness = `
    SELECT b.doc, c.responders, c.activated, c.out_of_order FROM ${t.table('bulletins')} b
      LEFT JOIN (SELECT doc->>'bulletinId' AS bulletin_id, count(*) FILTER (WHERE doc->>'status' <> 'withdrawn') AS responders,
                        count(*) FILTER (WHERE doc->>'status' = 'activated') AS activated,
                        count(*) FILTER (WHERE doc->>'status' = 'activated' AND coalesce(doc->>'skipReason', '') <> '') AS out_of_order
                   FROM ${t.table('responses')} WHERE NOT deleted AND doc->>'kindergartenId' IN ${kgs} GROUP BY 1) c
        ON c.bulletin_id = b.id
     WHERE NOT b.deleted AND b.doc->>'regionId' = $1 AND b.doc->>'status' <> 'draft'`;
  const outOfOrder = `
    SELECT r.doc FROM ${t.table('responses')} r
     WHERE NOT r.deleted AND r.doc->>'kindergartenId' IN ${kgs} AND r.doc->>'status' = 'activated'
       AND coalesce(r.doc->>'skipReason', '') <> ''`;
  return {
    dashboard: { sql: dashboard, params: [REGION, queue] },
    fairness: { sql: fairness, params: [REGION] },
    outOfOrder: { sql: outOfOrder, params: [REGION] },
  };
}

interface Row {
  size: number;
  what: string;
  ours: Latency;
  floor: Latency;
}

async function measureSize(cluster: BenchCluster, size: number, rows: Row[]): Promise<void> {
  const database = `supervisor_${size}`;
  await cluster.createDatabase(database);
  const seedSeconds = cluster.seedRegion(database, size);
  log(`seed --region ${size.toLocaleString('en-US')}: ${seedSeconds.toFixed(1)} s`);
  const server = await cluster.startServer(database, `serve-${size}`);
  const tables = await OrynTables.open(cluster.url(database));
  try {
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(SUPERVISOR),
    });
    if (!login.ok) throw new Error(`supervisor login: ${login.status} ${await login.text()}`);
    const { token } = (await login.json()) as { token: string };
    const get = async (path: string) => {
      const res = await fetch(`${server.url}/api/supervisor${path}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
    };
    // The first dashboard builds the queue's counts from the table (once per database, then kept by triggers).
    const first = performance.now();
    await get('/dashboard');
    log(`  first dashboard (queue counts built): ${Math.round(performance.now() - first)} ms`);
    const floor = floors(tables);
    const sql = (f: { sql: string; params: unknown[] }) => async () => {
      await tables.client.query(f.sql, f.params);
    };
    const figures: [string, string, { sql: string; params: unknown[] }][] = [
      ['dashboard', '/dashboard', floor.dashboard],
      ['fairness list', '/bulletins', floor.fairness],
      ['out-of-order allocations', '/out-of-order', floor.outOfOrder],
      ['export totals.csv', '/export/totals.csv', floor.dashboard],
      ['export queue-by-language.xlsx', '/export/queue-by-language.xlsx', floor.dashboard],
      ['export bulletins.xlsx', '/export/bulletins.xlsx', floor.fairness],
    ];
    for (const [what, path, f] of figures) {
      // Side by side: ours, then the floor, on the same data in the same minute.
      const ours = await timed(REPEAT, () => get(path));
      const floorLatency = await timed(REPEAT, sql(f));
      rows.push({ size, what, ours, floor: floorLatency });
      log(`  ${what}: ours ${ours.describe(true)}, floor ${floorLatency.describe(true)}`);
    }
  } finally {
    await tables.client.end();
    await server.stop();
    await cluster.dropDatabase(database);
  }
}

const cluster = await BenchCluster.start();
const rows: Row[] = [];
try {
  for (const size of SIZES) await measureSize(cluster, size, rows);
} finally {
  await cluster.stop();
}

const ms = (x: number) => (x < 10 ? x.toFixed(1) : Math.round(x).toLocaleString('en-US'));
log('\nSupervisor pages at region scale (p50 over HTTP, one serve process, PostgreSQL 15; floor: one SQL');
log('statement over the same tables with plain pg; ratio ours / floor; target < 500 ms at 200k, ≤ 3×)');
log('| figure | applications | ours p50 (max) | floor p50 | ratio |');
log('|---|---|---|---|---|');
for (const r of rows)
  log(
    `| ${r.what} | ${r.size.toLocaleString('en-US')} | ${ms(r.ours.p50)} (${ms(r.ours.max)}) ms | ${ms(r.floor.p50)} ms | ${(r.ours.p50 / r.floor.p50).toFixed(2)}× |`,
  );
const misses = rows.filter((r) => r.size >= 200_000 && (r.ours.p50 >= 500 || r.ours.p50 > 3 * r.floor.p50));
if (misses.length) log(`\nTargets missed: ${misses.map((r) => r.what).join(', ')}`);
