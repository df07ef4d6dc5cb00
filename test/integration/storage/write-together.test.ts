import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRxDatabase, type RxCollection, type RxDatabase, randomCouchString } from 'rxdb';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  closeAllDrivers,
  getRxStoragePostgres,
  type RxStoragePostgres,
  type SqlExecutor,
  type SqlParam,
} from '../../../sync-server/storage';
import { readByIds, writeDocs, writeTogether } from '../../../sync-server/store';
import { type QueuedChild, queuedChildJsonSchema } from './application-fixture';
import { type PostgresServer, startPostgres } from './postgres-server';
import { recordTransactions } from '../../support/sql-recording';

// The server writes a batch of actions' documents to several collections at once (store.ts
// writeTogether, storage/write-together.ts): one transaction, all or nothing, each document replacing
// the stored version without a read of its own first, each collection's change stream told.

const child = (id: string, queueNumber: number): QueuedChild => ({
  id,
  childName: `Child ${id}`,
  queueNumber,
  birthYear: 2021,
  status: 'queued',
  languages: ['kk'],
  priority: false,
});

type Collection = RxCollection<never>;
type Stored = QueuedChild & { _rev: string };

let server: PostgresServer;
let folder: string;
beforeAll(async () => {
  server = await startPostgres();
  folder = mkdtempSync(join(tmpdir(), 'write-together-'));
});
afterAll(async () => {
  await closeAllDrivers();
  await server?.stop();
  rmSync(folder, { recursive: true, force: true });
});

describe.each([
  ['PGlite', () => getRxStoragePostgres({ dataDir: join(folder, 'pglite') })],
  ['PostgreSQL', () => getRxStoragePostgres({ url: server.url })],
])('writing several collections together on %s', (_name, storageOf) => {
  let storage: RxStoragePostgres;
  let db: RxDatabase;
  let queue: Collection;
  let waiting: Collection;
  beforeAll(() => {
    storage = storageOf();
  });
  beforeEach(async () => {
    db = await createRxDatabase({ name: `wt${randomCouchString(8)}`, storage, multiInstance: false });
    await db.addCollections({
      queue: { schema: queuedChildJsonSchema },
      waiting: { schema: queuedChildJsonSchema },
    });
    queue = db.queue as unknown as Collection;
    waiting = db.waiting as unknown as Collection;
  });
  afterEach(async () => {
    await db.remove();
  });

  it('writes them in one transaction of three statements, over the stored versions, telling each change stream', async () => {
    await (queue as unknown as RxCollection<QueuedChild>).insert(child('a', 1));
    const heard: string[] = [];
    const subs = [queue, waiting].map((c) =>
      c.$.subscribe((e) => heard.push(`${c.name}:${e.documentId}:${e.operation}`)),
    );
    const driver = await storage.driver();
    const recorder = recordTransactions(driver);
    try {
      await writeTogether([
        { collection: queue, docs: [child('a', 2), child('b', 3)] },
        { collection: waiting, docs: [child('c', 4)] },
      ]);
    } finally {
      recorder.stop();
      for (const s of subs) s.unsubscribe();
    }
    // The tables' locks (with BEGIN), the stored versions, every table's rows and notice; then COMMIT.
    expect(recorder.transactions).toHaveLength(1);
    expect(recorder.transactions[0]).toHaveLength(3);
    const [a] = (await queue.storageInstance.findDocumentsById(['a'], false)) as unknown as Stored[];
    expect(a).toMatchObject({ queueNumber: 2 });
    expect(a._rev.startsWith('2-')).toBe(true);
    expect((await readByIds(waiting, ['c'])).map((d) => (d as QueuedChild).queueNumber)).toEqual([4]);
    expect(heard.sort()).toEqual(['queue:a:UPDATE', 'queue:b:INSERT', 'waiting:c:INSERT']);
    // Pullers page by commit order: the new documents come after the earlier one's checkpoint.
    const since = await queue.storageInstance.getChangedDocumentsSince!(10);
    expect(since.documents.map((d) => (d as unknown as QueuedChild).id).sort()).toEqual(['a', 'b']);
  });

  it('writes nothing of any collection when the transaction fails, and tells no change stream', async () => {
    const heard: string[] = [];
    const subs = [queue, waiting].map((c) => c.$.subscribe((e) => heard.push(e.documentId)));
    const driver = await storage.driver();
    const original = driver.transaction;
    // The write's last statement fails, as a dropped connection or a full disk would make it.
    driver.transaction = <T>(work: (tx: SqlExecutor) => Promise<T>) =>
      original<T>((tx) =>
        work({
          query: async <Row>(sql: string, params?: readonly SqlParam[]) => {
            const rows = await tx.query<Row>(sql, params);
            if (sql.includes('pg_notify')) throw new Error('connection lost');
            return rows;
          },
        }),
      );
    try {
      await expect(
        writeTogether([
          { collection: queue, docs: [child('a', 1)] },
          { collection: waiting, docs: [child('b', 2)] },
        ]),
      ).rejects.toThrow('connection lost');
    } finally {
      driver.transaction = original;
      for (const s of subs) s.unsubscribe();
    }
    expect(await readByIds(queue, ['a'])).toEqual([]);
    expect(await readByIds(waiting, ['b'])).toEqual([]);
    expect(heard).toEqual([]);
    // The tables are not left locked or behind: the next write goes through.
    await writeTogether([
      { collection: queue, docs: [child('a', 1)] },
      { collection: waiting, docs: [child('b', 2)] },
    ]);
    expect(await readByIds(waiting, ['b'])).toHaveLength(1);
  });

  it('refuses a document its schema refuses before anything is written', async () => {
    const bad = { ...child('b', 2), queueNumber: -5 };
    await expect(
      writeTogether([
        { collection: queue, docs: [child('a', 1)] },
        { collection: waiting, docs: [bad] },
      ]),
    ).rejects.toThrow('422');
    expect(await readByIds(queue, ['a'])).toEqual([]);
  });

  it('deletes documents given whole, and takes concurrent writes of the same tables in any order', async () => {
    await writeTogether([
      { collection: queue, docs: [child('a', 1)] },
      { collection: waiting, docs: [child('b', 2)] },
    ]);
    // Two writers naming the tables in opposite orders, many times over: neither waits for the other forever.
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        writeTogether(
          i % 2
            ? [
                { collection: queue, docs: [child('a', i)] },
                { collection: waiting, docs: [child('b', i)] },
              ]
            : [
                { collection: waiting, docs: [child('b', i)] },
                { collection: queue, docs: [child('a', i)] },
              ],
        ),
      ),
    );
    await writeTogether([
      { collection: queue, docs: [child('a', 1)], remove: true },
      { collection: waiting, docs: [child('c', 3)] },
    ]);
    expect(await readByIds(queue, ['a'])).toEqual([]);
    expect(await readByIds(waiting, ['b', 'c'])).toHaveLength(2);
  });

  it('writes one collection over its stored version without reading it first', async () => {
    await writeDocs(queue, [child('a', 1)] as never[]);
    const driver = await storage.driver();
    const query = driver.query;
    const direct: string[] = [];
    driver.query = <Row>(sql: string, params?: readonly SqlParam[]) => {
      direct.push(sql);
      return query.call(driver, sql, params) as Promise<Row[]>;
    };
    const recorder = recordTransactions(driver);
    try {
      await writeDocs(queue, [child('a', 2)] as never[]);
    } finally {
      recorder.stop();
      driver.query = query;
    }
    expect(direct).toEqual([]);
    expect(recorder.transactions).toHaveLength(1);
    const [a] = (await queue.storageInstance.findDocumentsById(['a'], false)) as unknown as Stored[];
    expect(a).toMatchObject({ queueNumber: 2 });
    expect(a._rev.startsWith('2-')).toBe(true);
  });
});
