// Issue 16, target 4: "a staff workstation's first full pull for one kindergarten: < 2 s at 200k in the
// region, independent of region size". `npm run bench -- staff-pull` (BENCH_SIZES=5000,50000,200000 by
// default; BENCH_RUNS=3 pulls per size).
//
// For each size: a real PostgreSQL 15 (fsync on) seeded with `cli.ts seed --region N` as an operator would,
// one `cli.ts serve` process on loopback, and the kindergarten whose staff see the most applications
// (the worst case of the region). A workstation's first pull is a fresh replica (rxdb's replication
// client, Node, batch 200 as the desktop) of all eight collections over HTTP until in sync, timed from
// its creation. The floor is one SQL query per collection answering the same question on the same data
// (that kindergarten's documents of each collection, read over `pg` in one round trip each, in parallel);
// the ratio pull/floor and the growth 200k/5k are printed side by side in the run.
import { addRxPlugin } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { collections } from '../../src/schema';
import { REPLICATED_COLLECTIONS, REPLICATION_PATH } from '../../sync-server/replication';
import { openReplica } from '../integration/server/staff-client';
import { OrynTables } from './support/oryn-tables';
import { BenchCluster } from './support/server-cluster';

// The replica's collections of version > 0 (groups, bulletins) need it, as in the desktop.
addRxPlugin(RxDBMigrationSchemaPlugin);

const SIZES = (process.env.BENCH_SIZES ?? '5000,50000,200000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const TARGET_SECONDS = 2;
const PASSWORD = 'oryn-demo-2026';

/** What each collection's staff scope is in SQL (replication.ts `scopeSelector`, the staff branch). */
function scopeSql(collection: string, kg: string, userId: string): { where: string; params: unknown[] } {
  switch (collection) {
    case 'kindergartens':
      return { where: 'id = $1', params: [kg] };
    case 'applications':
      return { where: `doc->'visibleTo' @> $1::jsonb`, params: [JSON.stringify([kg])] };
    case 'notifications':
      return { where: `doc->>'recipientId' = $1`, params: [userId] };
    case 'actions':
      return { where: `doc->>'actor' = $1`, params: [userId] };
    default:
      return { where: `doc->>'kindergartenId' = $1`, params: [kg] };
  }
}

interface Kindergarten {
  kg: string;
  login: string;
  userId: string;
  visibleApplications: number;
}

/** The staff member whose kindergarten sees the most applications: the heaviest first pull of the region. */
async function heaviestKindergarten(tables: OrynTables): Promise<Kindergarten> {
  const apps = tables.table('applications');
  const users = tables.table('users');
  const { rows } = await tables.client.query<{ kg: string; n: string; login: string; id: string }>(
    `SELECT v.kg, v.n, u.doc->>'login' AS login, u.id
       FROM (SELECT kg, count(*) AS n FROM ${apps}, jsonb_array_elements_text(doc->'visibleTo') AS kg
              WHERE NOT deleted GROUP BY kg) AS v
       JOIN ${users} u ON u.doc->>'kindergartenId' = v.kg AND u.doc->>'role' = 'staff' AND NOT u.deleted
      ORDER BY v.n DESC, v.kg LIMIT 1`,
  );
  if (rows.length === 0) throw new Error('no kindergarten with staff and visible applications');
  const [row] = rows;
  return { kg: row.kg, login: row.login, userId: row.id, visibleApplications: Number(row.n) };
}

/** The floor: the same documents, one SQL query per collection, all in parallel; returns seconds, rows. */
async function sqlFloor(url: string, kg: Kindergarten): Promise<{ seconds: number; rows: number }> {
  const connections = await Promise.all(REPLICATED_COLLECTIONS.map(() => OrynTables.open(url)));
  try {
    const start = performance.now();
    const counts = await Promise.all(
      REPLICATED_COLLECTIONS.map(async (name, i) => {
        const tables = connections[i];
        const scope = scopeSql(name, kg.kg, kg.userId);
        const result = await tables.client.query(
          `SELECT doc FROM ${tables.table(name)} WHERE ${scope.where} ORDER BY ckey`,
          scope.params,
        );
        return result.rows.length;
      }),
    );
    return { seconds: (performance.now() - start) / 1000, rows: counts.reduce((a, b) => a + b, 0) };
  } finally {
    await Promise.all(connections.map((c) => c.close()));
  }
}

/**
 * How PostgreSQL answers the first `/pull` page of the two collections that grow with the region (the
 * storage's own statement, changes-query.ts): which index, how many rows read, how long.
 */
async function pullPlans(url: string, kg: Kindergarten): Promise<string[]> {
  const tables = await OrynTables.open(url);
  try {
    const lines: string[] = [];
    for (const name of ['applications', 'notifications'] as const) {
      const condition =
        name === 'applications' ? `doc->'visibleTo' @> $2::jsonb` : `(doc->>'recipientId') COLLATE "C" = $2`;
      const param = name === 'applications' ? JSON.stringify([kg.kg]) : kg.userId;
      const { rows } = await tables.client.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN (ANALYZE, COSTS OFF) SELECT clwt, ckey, doc FROM ${tables.table(name)}
          WHERE ckey > $1 AND ${condition} ORDER BY ckey LIMIT 200`,
        ['', param],
      );
      const plan = rows.map((r) => r['QUERY PLAN']);
      const scans = plan.filter((l) => /Scan|Sort Method/.test(l)).map((l) => l.trim());
      const time = plan.find((l) => l.startsWith('Execution Time')) ?? '';
      lines.push(`${name}: ${scans.join(' / ')}; ${time}`);
    }
    return lines;
  } finally {
    await tables.close();
  }
}

async function login(serverUrl: string, name: string): Promise<string> {
  const res = await fetch(`${serverUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: name, password: PASSWORD }),
  });
  if (!res.ok) throw new Error(`login ${name}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

/**
 * The server's share: every collection's `/pull` paged with the workstation's batch (200) until empty,
 * one collection after another, over HTTP — what the storage and rxdb-server spend, without the client.
 */
async function serverPulls(serverUrl: string, token: string): Promise<{ seconds: number; docs: number }> {
  const start = performance.now();
  let docs = 0;
  for (const name of REPLICATED_COLLECTIONS) {
    let checkpoint = { id: '', lwt: 0 };
    for (;;) {
      const query = `lwt=${checkpoint.lwt}&id=${encodeURIComponent(checkpoint.id)}&limit=200`;
      const version = collections[name].schema.version;
      const res = await fetch(`${serverUrl}/${REPLICATION_PATH}/${name}/${version}/pull?${query}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (!res.ok) throw new Error(`/pull ${name}: ${res.status}`);
      const page = (await res.json()) as { documents: unknown[]; checkpoint: typeof checkpoint };
      docs += page.documents.length;
      if (page.documents.length === 0) break;
      checkpoint = page.checkpoint;
    }
  }
  return { seconds: (performance.now() - start) / 1000, docs };
}

/** A workstation's first pull: a fresh replica of every collection, until in sync. Seconds and documents. */
async function firstPull(serverUrl: string, kg: Kindergarten): Promise<{ seconds: number; docs: number }> {
  const token = await login(serverUrl, kg.login);
  const start = performance.now();
  const replica = await openReplica(serverUrl, token, kg.userId);
  try {
    await replica.synced();
    const seconds = (performance.now() - start) / 1000;
    let docs = 0;
    for (const name of REPLICATED_COLLECTIONS) docs += await replica.col(name).count().exec();
    if (replica.forbidden.length > 0 || replica.unauthorized.length > 0)
      throw new Error(`refused: ${[...replica.forbidden, ...replica.unauthorized].join(', ')}`);
    return { seconds, docs };
  } finally {
    await replica.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

interface SizeResult {
  applications: number;
  seedSeconds: number;
  kg: Kindergarten;
  pull: { seconds: number; docs: number };
  server: { seconds: number; docs: number };
  floor: { seconds: number; rows: number };
  plans: string[];
}

async function measure(cluster: BenchCluster, applications: number): Promise<SizeResult> {
  const database = `staff_pull_${applications}`;
  const url = await cluster.createDatabase(database);
  try {
    const seedSeconds = cluster.seedRegion(database, applications);
    const tables = await OrynTables.open(url);
    let kg: Kindergarten;
    try {
      kg = await heaviestKindergarten(tables);
    } finally {
      await tables.close();
    }
    const server = await cluster.startServer(database, `staff-pull-${applications}`);
    try {
      // One pull to warm the server (rxdb's caches, the planner's statistics), then the measured ones.
      await firstPull(server.url, kg);
      const pulls: { seconds: number; docs: number }[] = [];
      const floors: { seconds: number; rows: number }[] = [];
      const servers: { seconds: number; docs: number }[] = [];
      const token = await login(server.url, kg.login);
      for (let run = 0; run < RUNS; run++) {
        pulls.push(await firstPull(server.url, kg));
        servers.push(await serverPulls(server.url, token));
        floors.push(await sqlFloor(url, kg));
      }
      const pull = { seconds: median(pulls.map((p) => p.seconds)), docs: pulls[0].docs };
      const floor = { seconds: median(floors.map((f) => f.seconds)), rows: floors[0].rows };
      const serverSide = { seconds: median(servers.map((p) => p.seconds)), docs: servers[0].docs };
      if (pull.docs !== floor.rows)
        throw new Error(`the pull holds ${pull.docs} documents, the floor's queries answer ${floor.rows}`);
      return {
        applications,
        seedSeconds,
        kg,
        pull,
        server: serverSide,
        floor,
        plans: await pullPlans(url, kg),
      };
    } finally {
      await server.stop();
    }
  } finally {
    await cluster.dropDatabase(database);
  }
}

const fmt = (n: number, digits = 2) => n.toFixed(digits);

async function main(): Promise<void> {
  const cluster = await BenchCluster.start();
  const results: SizeResult[] = [];
  try {
    for (const size of SIZES) {
      console.log(`seeding a region of ${size.toLocaleString('en')} applications…`);
      const result = await measure(cluster, size);
      results.push(result);
      console.log(
        `  ${size}: seeded in ${fmt(result.seedSeconds, 0)} s; ${result.kg.kg} (${result.kg.login}) sees ` +
          `${result.kg.visibleApplications} applications; first pull ${fmt(result.pull.seconds)} s`,
      );
      for (const line of result.plans) console.log(`    ${line}`);
    }
  } finally {
    await cluster.stop();
  }
  const base = results[0];
  console.log(
    `\nStaff first full pull, one kindergarten (the region's heaviest), 8 collections over HTTP, batch 200;` +
      ` median of ${RUNS}; PostgreSQL 15, 1 server process, loopback\n`,
  );
  console.log(
    '| applications in region | kindergarten sees | documents pulled | first pull s | server /pull s | SQL floor s | pull × floor | /pull × floor | pull vs smallest region | target < 2 s |',
  );
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|:---:|');
  for (const r of results) {
    console.log(
      `| ${r.applications.toLocaleString('en')} | ${r.kg.visibleApplications} | ${r.pull.docs} | ${fmt(r.pull.seconds)} | ` +
        `${fmt(r.server.seconds, 3)} | ${fmt(r.floor.seconds, 3)} | ${fmt(r.pull.seconds / r.floor.seconds, 1)}× | ` +
        `${fmt(r.server.seconds / r.floor.seconds, 1)}× | ` +
        `${fmt(r.pull.seconds / base.pull.seconds)}× | ${r.pull.seconds < TARGET_SECONDS ? 'met' : 'NOT met'} |`,
    );
  }
  const largest = results[results.length - 1];
  if (largest.pull.seconds >= TARGET_SECONDS) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
