// The PostgreSQL RxStorage against rxdb's memory storage (the upper bound) and a raw `pg` SELECT of the
// same rows (the floor of what a database costs) — issue 4's benchmark. Prints one table of throughputs
// measured side by side in this run, ratios to the memory storage, and where a pull's time goes.
// `npx tsx test/bench/storage.bench.ts`; BENCH_SCALE=0.1 shrinks every size (100k → 10k).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EventSource from 'eventsource';
import pg from 'pg';
import {
  createRxDatabase,
  type MangoQuery,
  normalizeMangoQuery,
  prepareQuery,
  type RxDocumentData,
  type RxStorage,
  randomCouchString,
} from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { replicateServer } from 'rxdb-server/plugins/replication-server';
import {
  closeAllDrivers,
  getRxStoragePostgres,
  type RxStoragePostgres,
  type SqlDriver,
  type SqlParam,
} from '../../sync-server/storage';
import {
  type QueuedChild,
  queued,
  queuedChildJsonSchema,
  queuedChildSchema,
} from '../integration/storage/application-fixture';
import { freePort, startPostgres } from '../integration/storage/postgres-server';
import { startReplicationServer } from '../integration/storage/replication-server';

// biome-ignore lint/suspicious/noExplicitAny: storages differ in internals and options.
type AnyStorage = RxStorage<any, any>;

const scale = Number(process.env.BENCH_SCALE ?? 1);
const INSERT_DOCS = Math.round(100_000 * scale);
const INSERT_CHUNK = 10_000;
const QUERIES = Math.max(20, Math.round(300 * scale));
const PULL_SMALL = Math.round(5_000 * scale);
const PULL_LARGE = Math.round(100_000 * scale);
/** Documents per /pull request: what a staff desktop asks for on its first sync. */
const PULL_BATCH = 1_000;

const children = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) =>
    queued({
      id: `${prefix}-${String(i).padStart(7, '0')}`,
      childName: `Бала ${i} Әлиқызы`,
      queueNumber: i,
      birthYear: 2019 + (i % 5),
      status: ['queued', 'referred', 'enrolled'][i % 3],
      languages: i % 2 ? ['kk'] : ['kk', 'ru'],
      note: 'Документы поданы через портал; приоритетная категория не заявлена.',
    }),
  );

const seconds = async (work: () => Promise<unknown>) => {
  const start = performance.now();
  await work();
  return (performance.now() - start) / 1000;
};

async function createQueue(storage: AnyStorage, databaseName: string) {
  return storage.createStorageInstance<QueuedChild>({
    databaseInstanceToken: randomCouchString(10),
    databaseName,
    collectionName: 'queue',
    schema: queuedChildSchema,
    options: {},
    multiInstance: false,
    devMode: false,
  });
}

/** Storage level: bulk insert in bulkWrites of 10k, then index-range queries with a limit. */
async function storageLevel(storage: AnyStorage): Promise<{ insert: number; query: number }> {
  const instance = await createQueue(storage, `bench${randomCouchString(6)}`);
  const docs = children('c', INSERT_DOCS);
  // The memory storage files documents into its indexes lazily, on the next read; one read inside the
  // timing makes both sides pay for "written and findable by index".
  const firstRead = normalizeMangoQuery<RxDocumentData<QueuedChild>>(queuedChildSchema, {
    selector: { _deleted: false, status: 'queued' },
    limit: 1,
  });
  const insertSeconds = await seconds(async () => {
    for (let i = 0; i < docs.length; i += INSERT_CHUNK) {
      const rows = docs.slice(i, i + INSERT_CHUNK).map((document) => ({ document }));
      const result = await instance.bulkWrite(rows, 'bench');
      if (result.error.length) throw new Error('bench insert failed');
    }
    await instance.query(prepareQuery(queuedChildSchema, firstRead));
  });
  const querySeconds = await seconds(async () => {
    for (let q = 0; q < QUERIES; q++) {
      // As RxQuery sends it: `_deleted: false` first, sorted along the index [_deleted, status, queueNumber].
      const mango: MangoQuery<RxDocumentData<QueuedChild>> = {
        selector: { _deleted: false, status: 'referred', queueNumber: { $gte: (q * 7919) % INSERT_DOCS } },
        sort: [{ _deleted: 'asc' }, { status: 'asc' }, { queueNumber: 'asc' }],
        limit: 50,
      };
      await instance.query(prepareQuery(queuedChildSchema, normalizeMangoQuery(queuedChildSchema, mango)));
    }
  });
  await instance.close();
  return { insert: INSERT_DOCS / insertSeconds, query: QUERIES / querySeconds };
}

interface PullResult {
  /** Documents per second of the server alone: plain HTTP GETs of /pull, nothing stored. */
  http: number;
  /** Documents per second through a replicateServer client (the whole first sync). */
  client: number;
  clientSeconds: number;
  /** Seconds of the client pull spent in the server's storage query (SQL, parsing, matching). */
  inQuery: number;
  /** Of that, seconds in SQL round trips including row parsing (when a driver was given). */
  sql: number;
}

/** Repeats a quick measurement and keeps the fastest: the machine is shared, noise only slows things down. */
async function fastest(times: number, work: () => Promise<unknown>): Promise<number> {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < times; i++) best = Math.min(best, await seconds(work));
  return best;
}

/**
 * Through rxdb-server: first the /pull endpoint alone (fastest of 3 passes), then a fresh replicateServer
 * client. Given the driver, counts the client pull's time in SQL round trips.
 */
async function pull(storage: AnyStorage, n: number, driver?: SqlDriver): Promise<PullResult> {
  const server = await startReplicationServer(storage, await freePort(), `sync${randomCouchString(6)}`);
  const docs = children('p', n).map(({ _rev, _meta, _attachments, _deleted, ...doc }) => doc);
  for (let i = 0; i < docs.length; i += INSERT_CHUNK)
    await server.queue.bulkInsert(docs.slice(i, i + INSERT_CHUNK));

  const httpSeconds = await fastest(3, async () => {
    let checkpoint = { id: '', lwt: 0 };
    let total = 0;
    for (;;) {
      const query = `lwt=${checkpoint.lwt}&id=${encodeURIComponent(checkpoint.id)}&limit=${PULL_BATCH}`;
      const page = (await (await fetch(`${server.url}/pull?${query}`)).json()) as {
        documents: unknown[];
        checkpoint: typeof checkpoint;
      };
      if (page.documents.length === 0) break;
      total += page.documents.length;
      checkpoint = page.checkpoint;
    }
    if (total !== n) throw new Error(`/pull returned ${total} of ${n}`);
  });

  // Time inside the server's storage query, to split the client's pull into storage and the rest.
  const instance = server.queue.storageInstance as unknown as { query: (q: unknown) => Promise<unknown> };
  const storageQuery = instance.query.bind(instance);
  let inQuery = 0;
  instance.query = async (q) => {
    const start = performance.now();
    const result = await storageQuery(q);
    inQuery += performance.now() - start;
    return result;
  };

  const client = await createRxDatabase({
    name: `client${randomCouchString(8)}`,
    storage: getRxStorageMemory(),
  });
  await client.addCollections({ queue: { schema: queuedChildJsonSchema } });
  let sql = 0;
  const query = driver?.query;
  if (driver && query) {
    const timedQuery = async (text: string, params?: readonly SqlParam[]) => {
      const start = performance.now();
      const result = await query(text, params);
      sql += performance.now() - start;
      return result;
    };
    (driver as { query: typeof query }).query = timedQuery as typeof query;
  }
  const clientSeconds = await seconds(async () => {
    const replication = replicateServer<QueuedChild>({
      collection: client.queue,
      replicationIdentifier: 'bench',
      url: server.url,
      live: false,
      pull: { batchSize: PULL_BATCH },
      eventSource: EventSource,
    });
    await replication.awaitInitialReplication();
    await replication.cancel();
  });
  if (driver && query) (driver as { query: typeof query }).query = query;
  const got = await client.queue.count().exec();
  if (got !== n) throw new Error(`pulled ${got} of ${n}`);
  await client.destroy();
  await server.close();
  return {
    http: n / httpSeconds,
    client: n / clientSeconds,
    clientSeconds,
    inQuery: inQuery / 1000,
    sql: sql / 1000,
  };
}

/** The floor: the same rows paged with plain `pg` SELECTs in /pull's order and size (JSON parsed, nothing else). */
async function rawSelect(url: string, n: number): Promise<number> {
  const storage = getRxStoragePostgres({ url });
  const instance = await createQueue(storage, `raw${randomCouchString(6)}`);
  const docs = children('r', n);
  for (let i = 0; i < docs.length; i += INSERT_CHUNK) {
    await instance.bulkWrite(
      docs.slice(i, i + INSERT_CHUNK).map((document) => ({ document })),
      'bench',
    );
  }
  const { layout } = (
    instance as unknown as { internals: { layout: { table: string; changesColumn: string } } }
  ).internals;
  const column = layout.changesColumn;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`ANALYZE "${layout.table}"`);
  let rows = 0;
  const took = await fastest(3, async () => {
    rows = 0;
    let after = '';
    for (;;) {
      const page = await client.query(
        `SELECT doc, ${column} AS k FROM "${layout.table}" WHERE ${column} > $1 ORDER BY ${column} LIMIT ${PULL_BATCH}`,
        [after],
      );
      rows += page.rows.length;
      if (page.rows.length < PULL_BATCH) break;
      after = page.rows[page.rows.length - 1].k;
    }
  });
  if (rows !== n) throw new Error(`raw select read ${rows} of ${n}`);
  await client.end();
  await instance.close();
  await storage.close();
  return n / took;
}

interface Row {
  engine: string;
  insert?: number;
  query?: number;
  httpSmall?: number;
  httpLarge?: number;
  pullSmall?: number;
  pullLarge?: number;
}

const fmt = (n?: number) => (n === undefined ? '—' : Math.round(n).toLocaleString('en-US'));
const ratio = (n?: number, base?: number) => (n === undefined || !base ? '—' : `${(n / base).toFixed(2)}×`);
const cell = (n: number | undefined, base: number | undefined) => `${fmt(n)} | ${ratio(n, base)}`;
const k = (n: number) => (n >= 1000 ? `${Math.round(n / 1000)}k` : String(n));

async function main() {
  console.log(
    `storage bench: insert ${INSERT_DOCS} docs (bulkWrites of ${INSERT_CHUNK}), ${QUERIES} index queries (limit 50), ` +
      `first pull of ${PULL_SMALL} and ${PULL_LARGE} docs through rxdb-server (${PULL_BATCH} per request); ` +
      'PostgreSQL 15 with fsync on; server and client in this one process',
  );
  const server = await startPostgres({ durable: true });
  const folder = mkdtempSync(join(tmpdir(), 'oryn-bench-'));
  const rows: Row[] = [];
  try {
    const engines: [string, () => AnyStorage][] = [
      ['rxdb memory (upper bound)', () => getRxStorageMemory()],
      ['ours, PGlite data folder', () => getRxStoragePostgres({ dataDir: join(folder, 'pglite') })],
      ['ours, PostgreSQL 15', () => getRxStoragePostgres({ url: server.url })],
    ];
    let profile: PullResult | undefined;
    for (const [engine, make] of engines) {
      const storage = make();
      const level = await storageLevel(storage);
      const driver = engine.includes('PostgreSQL')
        ? await (storage as RxStoragePostgres).driver()
        : undefined;
      const small = await pull(storage, PULL_SMALL);
      const large = await pull(storage, PULL_LARGE, driver);
      if (driver) profile = large;
      await (storage as Partial<RxStoragePostgres>).close?.();
      rows.push({
        engine,
        ...level,
        httpSmall: small.http,
        httpLarge: large.http,
        pullSmall: small.client,
        pullLarge: large.client,
      });
      console.log(`  measured ${engine}`);
    }
    const floorSmall = await rawSelect(server.url, PULL_SMALL);
    const floorLarge = await rawSelect(server.url, PULL_LARGE);
    rows.push({ engine: 'raw pg SELECT, same pages (floor)', httpSmall: floorSmall, httpLarge: floorLarge });
    if (!profile) throw new Error('no PostgreSQL pull measured');

    const memory = rows[0];
    console.log(
      `\n| engine | insert docs/s | × mem | index queries/s | × mem | /pull ${k(PULL_SMALL)} docs/s | × mem | ` +
        `/pull ${k(PULL_LARGE)} docs/s | × mem | client pull ${k(PULL_SMALL)} docs/s | × mem | ` +
        `client pull ${k(PULL_LARGE)} docs/s | × mem |`,
    );
    console.log(`|---|${'---:|'.repeat(12)}`);
    for (const r of rows) {
      console.log(
        `| ${r.engine} | ${cell(r.insert, memory.insert)} | ${cell(r.query, memory.query)} | ` +
          `${cell(r.httpSmall, memory.httpSmall)} | ${cell(r.httpLarge, memory.httpLarge)} | ` +
          `${cell(r.pullSmall, memory.pullSmall)} | ${cell(r.pullLarge, memory.pullLarge)} |`,
      );
    }
    const postgres = rows[2];
    const clientRatio = (postgres.pullLarge ?? 0) / (memory.pullLarge ?? 1);
    const httpRatio = (postgres.httpLarge ?? 0) / (memory.httpLarge ?? 1);
    const met = Math.min(clientRatio, httpRatio) >= 0.5;
    console.log(
      `\nTarget: pull on PostgreSQL ≥ 0.5× memory storage (${k(PULL_LARGE)} docs): client pull ${clientRatio.toFixed(2)}×, ` +
        `/pull endpoint ${httpRatio.toFixed(2)}× → ${met ? 'met' : 'NOT met'}`,
    );
    const share = (x: number) => `${x.toFixed(2)} s (${Math.round((100 * x) / profile.clientSeconds)}%)`;
    console.log(
      `Where a client's first pull of ${k(PULL_LARGE)} from PostgreSQL spends its ${profile.clientSeconds.toFixed(2)} s: ` +
        `SQL round trips incl. row parsing ${share(profile.sql)}; the rest of the storage query ${share(profile.inQuery - profile.sql)}; ` +
        `rxdb-server, HTTP and the client's replication with its memory-storage writes ${share(profile.clientSeconds - profile.inQuery)}.`,
    );
  } finally {
    await closeAllDrivers();
    await server.stop().catch((error) => console.error('stopping PostgreSQL:', error));
    rmSync(folder, { recursive: true, force: true });
  }
}

await main();
