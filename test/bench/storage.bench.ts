// The PostgreSQL RxStorage against rxdb's memory storage (the upper bound) and a raw `pg` SELECT of the
// same rows (the floor of what a database costs) — issue 4's benchmark. Prints one table of throughputs
// measured side by side in this run, ratios to the memory storage, and where the pull's time goes.
// `npx tsx test/bench/storage.bench.ts`; BENCH_SCALE=0.1 shrinks every size (100k → 10k).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
import EventSource from 'eventsource';
import pg from 'pg';
import { closeAllDrivers, getRxStoragePostgres, type RxStoragePostgres } from '../../sync-server/storage';
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

interface Row {
  engine: string;
  insert?: number;
  query?: number;
  pullSmall?: number;
  pullLarge?: number;
}

/** Storage-level: bulk insert in 10k bulkWrites, then index-range queries with a limit. */
async function storageLevel(storage: AnyStorage): Promise<{ insert: number; query: number }> {
  const instance = await storage.createStorageInstance<QueuedChild>({
    databaseInstanceToken: randomCouchString(10),
    databaseName: `bench${randomCouchString(6)}`,
    collectionName: 'queue',
    schema: queuedChildSchema,
    options: {},
    multiInstance: false,
    devMode: false,
  });
  const docs = children('c', INSERT_DOCS);
  const insertSeconds = await seconds(async () => {
    for (let i = 0; i < docs.length; i += INSERT_CHUNK) {
      const rows = docs.slice(i, i + INSERT_CHUNK).map((document) => ({ document }));
      const result = await instance.bulkWrite(rows, 'bench');
      if (result.error.length) throw new Error('bench insert failed');
    }
  });
  const querySeconds = await seconds(async () => {
    for (let q = 0; q < QUERIES; q++) {
      // As RxQuery sends it: `_deleted: false` first, sorted along the index [_deleted, status, queueNumber].
      const mango: MangoQuery<RxDocumentData<QueuedChild>> = {
        selector: { _deleted: false, status: 'referred', queueNumber: { $gte: (q * 7919) % INSERT_DOCS } },
        sort: [{ _deleted: 'asc' }, { status: 'asc' }, { queueNumber: 'asc' }],
        limit: 50,
      };
      const prepared = prepareQuery(queuedChildSchema, normalizeMangoQuery(queuedChildSchema, mango));
      await instance.query(prepared);
    }
  });
  await instance.close();
  return { insert: INSERT_DOCS / insertSeconds, query: QUERIES / querySeconds };
}

/** Through rxdb-server: a fresh replicateServer client pulls every document (docs per second). */
async function pull(
  storage: AnyStorage,
  n: number,
  timed?: { start(): void; stop(): void },
): Promise<number> {
  const server = await startReplicationServer(storage, await freePort(), `sync${randomCouchString(6)}`);
  const docs = children('p', n).map(({ _rev, _meta, _attachments, _deleted, ...doc }) => doc);
  for (let i = 0; i < docs.length; i += INSERT_CHUNK)
    await server.queue.bulkInsert(docs.slice(i, i + INSERT_CHUNK));
  const client = await createRxDatabase({
    name: `client${randomCouchString(8)}`,
    storage: getRxStorageMemory(),
  });
  await client.addCollections({ queue: { schema: queuedChildJsonSchema } });
  timed?.start();
  const took = await seconds(async () => {
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
  timed?.stop();
  const got = await client.queue.count().exec();
  if (got !== n) throw new Error(`pulled ${got} of ${n}`);
  await client.destroy();
  await server.close();
  return n / took;
}

/** The floor: the same rows paged with plain `pg` SELECTs (JSON parsed, nothing else). */
async function rawSelect(url: string, n: number): Promise<number> {
  const storage = getRxStoragePostgres({ url });
  const instance = await storage.createStorageInstance<QueuedChild>({
    databaseInstanceToken: randomCouchString(10),
    databaseName: 'rawfloor',
    collectionName: 'queue',
    schema: queuedChildSchema,
    options: {},
    multiInstance: false,
    devMode: false,
  });
  const docs = children('r', n);
  for (let i = 0; i < docs.length; i += INSERT_CHUNK) {
    await instance.bulkWrite(
      docs.slice(i, i + INSERT_CHUNK).map((document) => ({ document })),
      'bench',
    );
  }
  const table = (instance as unknown as { internals: { layout: { table: string; changesColumn: string } } })
    .internals.layout;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let rows = 0;
  const took = await seconds(async () => {
    let after = '';
    for (;;) {
      const page = await client.query(
        `SELECT doc, ${table.changesColumn} AS k FROM "${table.table}" WHERE ${table.changesColumn} > $1 ORDER BY ${table.changesColumn} LIMIT ${PULL_BATCH}`,
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

/** Where a PostgreSQL pull spends its time: SQL round trips (with row parsing) against the rest. */
async function pullProfile(url: string, n: number) {
  const storage: RxStoragePostgres = getRxStoragePostgres({ url });
  const driver = await storage.driver();
  const query = driver.query;
  let sql = 0;
  let counting = false;
  (driver as { query: typeof query }).query = async (text, params) => {
    const start = performance.now();
    try {
      return await query(text, params);
    } finally {
      if (counting) sql += performance.now() - start;
    }
  };
  const rate = await pull(storage, n, { start: () => (counting = true), stop: () => (counting = false) });
  (driver as { query: typeof query }).query = query;
  await storage.close();
  return { total: n / rate, sqlShare: sql / 1000 };
}

const fmt = (n?: number) => (n === undefined ? '—' : Math.round(n).toLocaleString('en-US'));
const ratio = (n?: number, base?: number) => (n === undefined || !base ? '—' : `${(n / base).toFixed(2)}×`);

async function main() {
  console.log(
    `storage bench: insert ${INSERT_DOCS} docs (bulkWrite of ${INSERT_CHUNK}), ${QUERIES} index queries (limit 50), ` +
      `initial pull of ${PULL_SMALL} and ${PULL_LARGE} docs through rxdb-server (batch ${PULL_BATCH})`,
  );
  const server = await startPostgres({ durable: true });
  const folder = mkdtempSync(join(tmpdir(), 'oryn-bench-'));
  const rows: Row[] = [];
  try {
    const engines: [string, () => AnyStorage][] = [
      ['rxdb memory (upper bound)', () => getRxStorageMemory()],
      [
        'ours on PGlite (data folder)',
        () => getRxStoragePostgres({ dataDir: join(folder, `pglite-${randomCouchString(4)}`) }),
      ],
      ['ours on PostgreSQL 15', () => getRxStoragePostgres({ url: server.url })],
    ];
    for (const [engine, make] of engines) {
      const row: Row = { engine };
      const storage = make();
      Object.assign(row, await storageLevel(storage));
      row.pullSmall = await pull(storage, PULL_SMALL);
      row.pullLarge = await pull(storage, PULL_LARGE);
      await (storage as Partial<RxStoragePostgres>).close?.();
      rows.push(row);
      console.log(`  measured ${engine}`);
    }
    rows.push({
      engine: 'raw pg SELECT, same rows (floor)',
      pullSmall: await rawSelect(server.url, PULL_SMALL),
      pullLarge: await rawSelect(server.url, PULL_LARGE),
    });
    const profile = await pullProfile(server.url, PULL_LARGE);

    const memory = rows[0];
    console.log(
      '\n| engine | insert docs/s | × mem | queries/s | × mem | pull 5k docs/s | × mem | pull 100k docs/s | × mem |',
    );
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const r of rows) {
      console.log(
        `| ${r.engine} | ${fmt(r.insert)} | ${ratio(r.insert, memory.insert)} | ${fmt(r.query)} | ${ratio(r.query, memory.query)} | ` +
          `${fmt(r.pullSmall)} | ${ratio(r.pullSmall, memory.pullSmall)} | ${fmt(r.pullLarge)} | ${ratio(r.pullLarge, memory.pullLarge)} |`,
      );
    }
    const pgRow = rows[2];
    const pullRatio = (pgRow.pullLarge ?? 0) / (memory.pullLarge ?? 1);
    console.log(
      `\nTarget: PostgreSQL pull ≥ 0.5× memory storage: ${pullRatio.toFixed(2)}× on ${PULL_LARGE} docs → ${pullRatio >= 0.5 ? 'met' : 'NOT met'}`,
    );
    console.log(
      `Where the time goes (PostgreSQL, pull of ${PULL_LARGE}): ${profile.total.toFixed(2)} s in all; ` +
        `${profile.sqlShare.toFixed(2)} s (${Math.round((100 * profile.sqlShare) / profile.total)}%) in SQL round trips incl. row parsing; ` +
        `the rest is rxdb-server (matcher, JSON response), HTTP and the client's memory-storage writes.`,
    );
  } finally {
    await closeAllDrivers();
    await server.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}

await main();
