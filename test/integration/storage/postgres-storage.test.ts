import { createHash } from 'node:crypto';
import {
  getChangedDocumentsSince,
  getChangedDocumentsSinceQuery,
  now,
  prepareQuery,
  randomCouchString,
} from 'rxdb';
import type { RxStorageDefaultCheckpoint, RxStorageInstance } from 'rxdb';
import { firstValueFrom } from 'rxjs';
import { filter } from 'rxjs/operators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  changeFeedOf,
  getRxStoragePostgres,
  openPgDriver,
  type PostgresInstanceOptions,
  type RxStoragePostgres,
  type SqlDriver,
  StorageError,
} from '../../../sync-server/storage';
import { edited, type QueuedChild, queued, queuedChildSchema } from './application-fixture';
import { type PostgresServer, startPostgres } from './postgres-server';

// What our storage promises beyond rxdb's contract: commit-ordered checkpoints, NUL refused with a
// code, DDL safe from several processes, live changes between processes on one PostgreSQL.
type Instance = RxStorageInstance<QueuedChild, unknown, unknown, RxStorageDefaultCheckpoint>;

async function instanceOn(
  storage: RxStoragePostgres,
  databaseName: string,
  options: PostgresInstanceOptions = {},
  collectionName = 'queue',
): Promise<Instance> {
  return (await storage.createStorageInstance<QueuedChild>({
    databaseInstanceToken: randomCouchString(10),
    databaseName,
    collectionName,
    schema: queuedChildSchema,
    options,
    multiInstance: false,
    devMode: false,
  })) as Instance;
}

let server: PostgresServer;
let pglite: RxStoragePostgres;

beforeAll(async () => {
  [server, pglite] = await Promise.all([
    startPostgres(),
    (async () => {
      const storage = getRxStoragePostgres({ dataDir: 'memory://' });
      await storage.driver();
      return storage;
    })(),
  ]);
});

afterAll(async () => {
  await pglite?.close();
  await server?.stop();
});

describe.each(['PGlite', 'PostgreSQL'])('our storage on %s', (engine) => {
  let storage: RxStoragePostgres;
  beforeAll(() => {
    storage = engine === 'PGlite' ? pglite : getRxStoragePostgres({ url: server.url });
  });
  afterAll(async () => {
    if (engine !== 'PGlite') await storage.close();
  });

  it('refuses a document containing the NUL character with a storage error code', async () => {
    const instance = await instanceOn(storage, `db${randomCouchString(6)}`);
    const write = instance.bulkWrite([{ document: queued({ id: 'a', note: 'before\u0000after' }) }], 'test');
    await expect(write).rejects.toBeInstanceOf(StorageError);
    await expect(write).rejects.toMatchObject({ code: 'storage.nul_character', params: { documentId: 'a' } });
    // A backslash followed by the text "u0000" is ordinary text and is stored.
    const literal = queued({ id: 'b', note: 'path C:\\u0000' });
    expect((await instance.bulkWrite([{ document: literal }], 'test')).error).toEqual([]);
    expect(await instance.findDocumentsById(['b'], false)).toEqual([literal]);
    await instance.close();
  });

  it('never lets a later commit land below a checkpoint already handed out', async () => {
    const instance = await instanceOn(storage, `db${randomCouchString(6)}`);
    // A writer whose clock runs ahead commits first; a puller takes its checkpoint.
    const ahead = queued({ id: 'zz-ahead' }, { lwt: now() + 60_000 });
    await instance.bulkWrite([{ document: ahead }], 'test');
    const first = await getChangedDocumentsSince(instance, 10);
    expect(first.documents.map((d) => d.id)).toEqual(['zz-ahead']);
    // A slower writer commits afterwards with an earlier lwt and a lower id.
    const behind = queued({ id: 'aa-behind' }, { lwt: now() });
    await instance.bulkWrite([{ document: behind }], 'test');
    const next = await getChangedDocumentsSince(instance, 10, first.checkpoint);
    expect(next.documents).toEqual([behind]);
    expect(next.checkpoint.lwt).toBeGreaterThan(first.checkpoint.lwt);
    // rxdb-server's /pull makes its checkpoint from the last document's _meta.lwt: the same holds there.
    const pull = async (checkpoint: RxStorageDefaultCheckpoint) => {
      const query = getChangedDocumentsSinceQuery(instance, 10, checkpoint);
      const { documents } = await instance.query(prepareQuery(queuedChildSchema, query));
      const last = documents[documents.length - 1];
      return { ids: documents.map((d) => d.id), checkpoint: last && { id: last.id, lwt: last._meta.lwt } };
    };
    const firstPull = await pull({ id: '', lwt: 0 });
    expect(firstPull.ids).toEqual(['zz-ahead', 'aa-behind']);
    const afterAhead = await pull({ id: 'zz-ahead', lwt: ahead._meta.lwt });
    expect(afterAhead.ids).toEqual(['aa-behind']);
    expect((await pull(afterAhead.checkpoint!)).ids).toEqual([]);
    // The document itself is stored as written.
    expect(await instance.findDocumentsById(['aa-behind'], false)).toEqual([behind]);
    await instance.close();
  });

  it('announces the document as written and a checkpoint in commit order in the change event', async () => {
    const instance = await instanceOn(storage, `db${randomCouchString(6)}`);
    const ahead = queued({ id: 'ahead' }, { lwt: now() + 60_000 });
    await instance.bulkWrite([{ document: ahead }], 'test');
    const events = firstValueFrom(instance.changeStream());
    const late = queued({ id: 'late' });
    await instance.bulkWrite([{ document: late }], 'test');
    const bulk = await events;
    expect(bulk.events[0].documentData).toEqual(late);
    expect(await instance.findDocumentsById(['late'], false)).toEqual([late]);
    expect(bulk.checkpoint.id).toBe('late');
    expect(bulk.checkpoint.lwt).toBeGreaterThan(ahead._meta.lwt);
    await instance.close();
  });

  it("answers a kindergarten's /pull from its scope index, not by walking the table", async () => {
    // The statements the storage sends, to ask PostgreSQL how it answers the /pull's.
    const base = await storage.driver();
    const sent: { sql: string; params: readonly unknown[] }[] = [];
    const spy: SqlDriver = {
      id: base.id,
      kind: base.kind,
      query: (sql, params) => {
        sent.push({ sql, params: params ?? [] });
        return base.query(sql, params);
      },
      transaction: (work) => base.transaction(work),
      listen: (channel, onNotify, gap) => base.listen(channel, onNotify, gap),
      close: async () => {},
      get closed() {
        return base.closed;
      },
    };
    const instance = (await getRxStoragePostgres({ driver: spy }).createStorageInstance<QueuedChild>({
      databaseInstanceToken: randomCouchString(10),
      databaseName: `db${randomCouchString(6)}`,
      collectionName: 'queue',
      schema: queuedChildSchema,
      options: { scopeIndexes: ['languages', 'status'] },
      multiInstance: false,
      devMode: false,
    })) as Instance;
    // A region: 3,000 children; 15 of them the one kindergarten's (Russian group, referred).
    const docs = Array.from({ length: 3000 }, (_, i) =>
      i % 200 === 7
        ? queued({ id: `c${i}`, languages: ['ru'], status: 'referred' })
        : queued({ id: `c${i}`, languages: ['kk'], status: 'queued' }),
    );
    await instance.bulkWrite(
      docs.map((document) => ({ document })),
      'test',
    );
    const table = (instance as unknown as { internals: { layout: { table: string } } }).internals.layout
      .table;
    await base.query(`ANALYZE "${table}"`);
    const indexOf = (field: string) =>
      `${table}_s${createHash('sha256').update(field).digest('hex').slice(0, 8)}`;

    for (const [scope, field] of [
      [{ languages: { $elemMatch: { $eq: 'ru' } } }, 'languages'],
      [{ status: { $eq: 'referred' } }, 'status'],
    ] as const) {
      const query = getChangedDocumentsSinceQuery(instance, 200, { id: '', lwt: 0 });
      query.selector = { ...query.selector, ...scope } as typeof query.selector;
      sent.length = 0;
      const { documents } = await instance.query(prepareQuery(queuedChildSchema, query));
      const theirs = docs.filter((d) => d.status === 'referred').map((d) => d.id);
      expect(documents.map((d) => d.id).sort()).toEqual(theirs.sort());
      const pull = sent.find((s) => s.sql.includes('ckey >'))!;
      const [explained] = await base.query<Record<string, unknown>>(
        `EXPLAIN (FORMAT JSON) ${pull.sql}`,
        pull.params as never,
      );
      const plan = Object.values(explained)[0];
      const text = typeof plan === 'string' ? plan.replace(/\s+/g, '') : JSON.stringify(plan);
      expect(text).toContain(`"Index Name":"${indexOf(field)}"`);
      expect(text).not.toContain('Seq Scan');
    }
    await instance.close();
  });

  it('upgrades a table of the first format in place, keeping its documents and their order', async () => {
    const databaseName = `db${randomCouchString(6)}`;
    const first = await instanceOn(storage, databaseName);
    const docs = [queued({ id: 'b' }), queued({ id: 'a' }, { lwt: now() + 1 })];
    for (const document of docs) await first.bulkWrite([{ document }], 'test');
    await first.close();
    // What earlier versions created: no commit columns, a registry without format and scopes.
    const sql = await storage.driver();
    const { table } = (first as unknown as { internals: { layout: { table: string } } }).internals.layout;
    await sql.query(`ALTER TABLE "${table}" DROP COLUMN clwt, DROP COLUMN ckey, DROP COLUMN inserted`);
    await sql.query('ALTER TABLE rxdb_tables DROP COLUMN format, DROP COLUMN scopes');

    const again = await instanceOn(storage, databaseName);
    expect(await again.findDocumentsById(['a', 'b'], false)).toEqual([docs[1], docs[0]]);
    const page = await getChangedDocumentsSince(again, 10);
    expect(page.documents.map((d) => d.id)).toEqual(['b', 'a']);
    expect(page.checkpoint).toEqual({ id: 'a', lwt: docs[1]._meta.lwt });
    const c = queued({ id: 'c' });
    await again.bulkWrite([{ document: c }], 'test');
    expect((await getChangedDocumentsSince(again, 10, page.checkpoint)).documents).toEqual([c]);
    const [format] = await sql.query<{ format: number }>('SELECT format FROM rxdb_tables WHERE name = $1', [
      table,
    ]);
    expect(format.format).toBe(2);
    await again.close();
  });
});

describe('several server processes on one PostgreSQL', () => {
  const drivers: SqlDriver[] = [];
  const processes: RxStoragePostgres[] = [];
  beforeAll(async () => {
    for (let i = 0; i < 3; i++) {
      const driver = await openPgDriver(server.url, 4);
      drivers.push(driver);
      processes.push(getRxStoragePostgres({ driver }));
    }
  });
  afterAll(async () => {
    for (const driver of drivers) await driver.close();
  });

  it('open the same collection at the same moment without colliding', async () => {
    const databaseName = `db${randomCouchString(6)}`;
    const instances = await Promise.all(processes.map((p) => instanceOn(p, databaseName)));
    await instances[0].bulkWrite([{ document: queued({ id: 'a' }) }], 'test');
    expect((await instances[2].findDocumentsById(['a'], false)).map((d) => d.id)).toEqual(['a']);
    for (const instance of instances) await instance.close();
  });

  it('a puller paging while two processes write concurrently receives every document exactly once', async () => {
    const databaseName = `db${randomCouchString(6)}`;
    const [writerA, writerB, reader] = await Promise.all(processes.map((p) => instanceOn(p, databaseName)));
    const written: string[] = [];
    let writing = true;
    const write = async (instance: Instance, name: string) => {
      for (let round = 0; round < 15; round++) {
        // Each writer takes its lwt before the write, as rxdb does, then is slow for a moment (a busy
        // event loop, a network hop), so commits arrive out of lwt order.
        const docs = Array.from({ length: 10 }, (_, i) => queued({ id: `${name}-${round}-${i}` }));
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 6));
        await instance.bulkWrite(
          docs.map((document) => ({ document })),
          'test',
        );
        written.push(...docs.map((d) => d.id));
      }
    };
    const seen: string[] = [];
    let checkpoint: RxStorageDefaultCheckpoint | undefined;
    const pull = async () => {
      for (;;) {
        const stillWriting = writing;
        const page = await getChangedDocumentsSince(reader, 7, checkpoint);
        seen.push(...page.documents.map((d) => d.id));
        checkpoint = page.checkpoint;
        if (page.documents.length === 0 && !stillWriting) return;
      }
    };
    const pulling = pull();
    await Promise.all([write(writerA, 'a'), write(writerB, 'b')]);
    writing = false;
    await pulling;
    expect(seen.length).toBe(written.length);
    expect(new Set(seen)).toEqual(new Set(written));
    for (const instance of [writerA, writerB, reader]) await instance.close();
  });

  it("rxdb-server's /pull paging while two processes write concurrently receives every document exactly once", async () => {
    const databaseName = `db${randomCouchString(6)}`;
    const [writerA, writerB, reader] = await Promise.all(processes.map((p) => instanceOn(p, databaseName)));
    const written: string[] = [];
    const write = async (instance: Instance, name: string) => {
      for (let round = 0; round < 15; round++) {
        // Some documents come with an old lwt, as a replication keeping _meta would write them.
        const docs = Array.from({ length: 10 }, (_, i) =>
          queued({ id: `${name}-${round}-${i}` }, { lwt: i % 3 === 0 ? now() - 60_000 : now() }),
        );
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 6));
        await instance.bulkWrite(
          docs.map((document) => ({ document })),
          'test',
        );
        written.push(...docs.map((d) => d.id));
      }
    };
    const seen: string[] = [];
    let checkpoint: RxStorageDefaultCheckpoint = { id: '', lwt: 0 };
    let writing = true;
    const pull = async () => {
      for (;;) {
        const stillWriting = writing;
        const query = getChangedDocumentsSinceQuery(reader, 7, checkpoint);
        const { documents } = await reader.query(prepareQuery(queuedChildSchema, query));
        seen.push(...documents.map((d) => d.id));
        const last = documents[documents.length - 1];
        if (last) checkpoint = { id: last.id, lwt: last._meta.lwt };
        if (documents.length === 0 && !stillWriting) return;
      }
    };
    const pulling = pull();
    await Promise.all([write(writerA, 'a'), write(writerB, 'b')]);
    writing = false;
    await pulling;
    expect(seen.length).toBe(written.length);
    expect(new Set(seen)).toEqual(new Set(written));
    for (const instance of [writerA, writerB, reader]) await instance.close();
  });

  it('a process whose LISTEN connection was cut still emits the commits made meanwhile', async () => {
    const databaseName = `db${randomCouchString(6)}`;
    const [mine, theirs] = await Promise.all(processes.slice(0, 2).map((p) => instanceOn(p, databaseName)));
    const arrived = firstValueFrom(
      theirs.changeStream().pipe(filter((b) => b.events.some((e) => e.documentId === 'during-the-gap'))),
    );
    // A failover, a proxy restart: the server drops every listening connection.
    await drivers[0].query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN%' AND pid <> pg_backend_pid()",
    );
    // Written while nobody listens (the listeners wait before they reconnect): its notice is lost.
    await mine.bulkWrite([{ document: queued({ id: 'during-the-gap', queueNumber: 402 }) }], 'test');
    const bulk = await arrived;
    expect(bulk.events.find((e) => e.documentId === 'during-the-gap')!.documentData.queueNumber).toBe(402);
    await mine.close();
    await theirs.close();
  });

  it("one process's changeStream carries another's updates and deletions", async () => {
    const databaseName = `db${randomCouchString(6)}`;
    const [mine, theirs] = await Promise.all(processes.slice(0, 2).map((p) => instanceOn(p, databaseName)));
    const doc = queued({ id: 'referral-402' });
    await mine.bulkWrite([{ document: doc }], 'test');
    const deletion = firstValueFrom(
      theirs.changeStream().pipe(filter((b) => b.events.some((e) => e.operation === 'DELETE'))),
    );
    const gone = edited(doc, { _deleted: true });
    expect((await mine.bulkWrite([{ previous: doc, document: gone }], 'test')).error).toEqual([]);
    const bulk = await deletion;
    expect(bulk.events.map((e) => [e.operation, e.documentId])).toEqual([['DELETE', 'referral-402']]);
    expect(bulk.events[0].documentData).toEqual(gone);
    await mine.close();
    await theirs.close();
  });
  it("a collection opened with remoteChanges 'none' announces nothing to the others, and still emits in-process", async () => {
    const databaseName = `db${randomCouchString(6)}`;
    const local = { remoteChanges: 'none' } as const;
    const [mine, theirs] = await Promise.all(
      processes.slice(0, 2).map((p) => instanceOn(p, databaseName, local, 'journal')),
    );
    // A collection of the default kind next to it, written after: its notice is the sentinel.
    const [mineShared, theirsShared] = await Promise.all(
      processes.slice(0, 2).map((p) => instanceOn(p, databaseName)),
    );
    const tableOf = (instance: Instance) =>
      (instance.internals as { layout: { table: string } }).layout.table;
    const notices: string[] = [];
    const stop = await drivers[2].listen('rxdb_changes', (payload) => notices.push(JSON.parse(payload).t));
    const heardRemotely: string[] = [];
    const sub = theirs
      .changeStream()
      .subscribe((b) => heardRemotely.push(...b.events.map((e) => e.documentId)));
    const heardHere = firstValueFrom(mine.changeStream());
    const sentinel = firstValueFrom(
      theirsShared.changeStream().pipe(filter((b) => b.events.some((e) => e.documentId === 'sentinel'))),
    );
    try {
      await mine.bulkWrite([{ document: queued({ id: 'journal-1' }) }], 'test');
      expect((await heardHere).events.map((e) => e.documentId)).toEqual(['journal-1']);
      await mineShared.bulkWrite([{ document: queued({ id: 'sentinel' }) }], 'test');
      await sentinel;
      // Notices travel in commit order on each connection: the sentinel's came, the journal's never was.
      for (let i = 0; i < 100 && !notices.includes(tableOf(mineShared)); i++)
        await new Promise((resolve) => setTimeout(resolve, 20));
      expect(notices).toEqual([tableOf(mineShared)]);
      await changeFeedOf(drivers[1]).settled(tableOf(theirs));
      expect(heardRemotely).toEqual([]);
      // The data is there for the other process's reads all the same.
      expect((await theirs.findDocumentsById(['journal-1'], false)).map((d) => d.id)).toEqual(['journal-1']);
    } finally {
      sub.unsubscribe();
      await stop();
      for (const instance of [mine, theirs, mineShared, theirsShared]) await instance.close();
    }
  });

  it('reads the commits announced during a read-back together, each exactly once, in commit order', async () => {
    const databaseName = `db${randomCouchString(6)}`;
    const [mine, theirs] = await Promise.all(processes.slice(0, 2).map((p) => instanceOn(p, databaseName)));
    const feed = changeFeedOf(drivers[1]);
    // The first read-back is slow (a busy process): the notices of the commits made meanwhile wait.
    const query = drivers[1].query.bind(drivers[1]);
    let slowed = false;
    drivers[1].query = (async (sql: string, params?: readonly (string | number | boolean | null)[]) => {
      if (!slowed && sql.startsWith('SELECT clwt, inserted, doc FROM')) {
        slowed = true;
        await new Promise((resolve) => setTimeout(resolve, 400));
      }
      return query(sql, params);
    }) as SqlDriver['query'];
    const seen: string[] = [];
    const ids = Array.from({ length: 30 }, (_, i) => `commit-${String(i).padStart(2, '0')}`);
    const all = firstValueFrom(
      theirs.changeStream().pipe(
        filter((b) => {
          seen.push(...b.events.map((e) => e.documentId));
          return seen.length >= ids.length;
        }),
      ),
    );
    const before = { ...feed.reads };
    try {
      // One commit each, one after another.
      for (const id of ids) await mine.bulkWrite([{ document: queued({ id }) }], 'test');
      await all;
      expect(seen).toEqual(ids);
      expect(feed.reads.commits - before.commits).toBe(ids.length);
      // The first commit alone, then the 29 that waited in one statement (one per commit before).
      expect(feed.reads.trips - before.trips).toBeLessThanOrEqual(2);
    } finally {
      drivers[1].query = query;
      await mine.close();
      await theirs.close();
    }
  });
});
