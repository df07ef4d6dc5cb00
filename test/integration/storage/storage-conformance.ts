import { firstValueFrom } from 'rxjs';
import { filter } from 'rxjs/operators';
import {
  awaitRxStorageReplicationFirstInSync,
  awaitRxStorageReplicationInSync,
  cancelRxStorageReplication,
  defaultConflictHandler,
  defaultHashSha256,
  getChangedDocumentsSince,
  getChangedDocumentsSinceQuery,
  getQueryMatcher,
  getSortComparator,
  normalizeMangoQuery,
  now,
  prepareQuery,
  randomCouchString,
  getRxReplicationMetaInstanceSchema,
  replicateRxStorageInstance,
  rxStorageInstanceToReplicationHandler,
} from 'rxdb';
import type {
  BulkWriteRow,
  EventBulk,
  MangoQuery,
  RxDocumentData,
  RxJsonSchema,
  RxStorage,
  RxStorageChangeEvent,
  RxStorageDefaultCheckpoint,
  RxStorageInstance,
  RxStorageReplicationMeta,
} from 'rxdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachmentSchema, edited, type QueuedChild, queued, queuedChildSchema } from './application-fixture';

/**
 * RxStorage behaviour, written once and run against rxdb's memory storage (the control: the suite must
 * pass there too), our storage on PGlite and our storage on a real PostgreSQL. Modelled on rxdb's own
 * `test/unit/rx-storage-implementations.test.ts`.
 */
export interface ConformanceTarget {
  name: string;
  open(): Promise<AnyStorage>;
  /** A second storage on the same database, as a second server process would open it. */
  openPeer(): Promise<{ storage: AnyStorage; close(): Promise<void> }>;
  close(): Promise<void>;
}

// biome-ignore lint/suspicious/noExplicitAny: the suite runs any storage's internals and options.
type AnyStorage = RxStorage<any, any>;
type Instance = RxStorageInstance<QueuedChild, unknown, unknown, RxStorageDefaultCheckpoint>;
type Doc = RxDocumentData<QueuedChild>;
type Bulk = EventBulk<RxStorageChangeEvent<QueuedChild>, RxStorageDefaultCheckpoint>;

/** Waits (at most 10 s) until a condition holds: events from another process arrive by NOTIFY. */
async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met within 10 s');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export function describeRxStorageConformance(target: ConformanceTarget): void {
  describe(`RxStorage conformance: ${target.name}`, () => {
    let storage: AnyStorage;
    const open: Instance[] = [];

    beforeAll(async () => {
      storage = await target.open();
    });
    afterAll(async () => {
      for (const instance of open) await instance.close().catch(() => {});
      await target.close();
    });

    async function instanceOf(
      options: {
        databaseName?: string;
        collectionName?: string;
        schema?: RxJsonSchema<Doc>;
        on?: AnyStorage;
        options?: Record<string, unknown>;
      } = {},
    ): Promise<Instance> {
      const instance = (await (options.on ?? storage).createStorageInstance<QueuedChild>({
        databaseInstanceToken: randomCouchString(10),
        databaseName: options.databaseName ?? `db${randomCouchString(8)}`,
        collectionName: options.collectionName ?? 'queue',
        schema: options.schema ?? queuedChildSchema,
        options: options.options ?? {},
        multiInstance: false,
        devMode: true,
      })) as Instance;
      open.push(instance);
      return instance;
    }

    async function insert(instance: Instance, docs: Doc[]): Promise<void> {
      const result = await instance.bulkWrite(
        docs.map((document) => ({ document })),
        'test-insert',
      );
      expect(result.error).toEqual([]);
    }

    async function run(instance: Instance, mango: MangoQuery<QueuedChild>): Promise<Doc[]> {
      const filled = normalizeMangoQuery(queuedChildSchema, mango);
      const result = await instance.query(prepareQuery(queuedChildSchema, filled));
      return result.documents;
    }

    /** What the query must answer: rxdb's own matcher and comparator over every document. */
    function expected(all: Doc[], mango: MangoQuery<QueuedChild>): string[] {
      const filled = normalizeMangoQuery(queuedChildSchema, mango);
      const matcher = getQueryMatcher(queuedChildSchema, filled);
      const sorted = all.filter((d) => matcher(d)).sort(getSortComparator(queuedChildSchema, filled));
      const skip = filled.skip ?? 0;
      return sorted
        .slice(skip, filled.limit === undefined ? undefined : skip + filled.limit)
        .map((d) => d.id);
    }

    describe('bulkWrite and findDocumentsById', () => {
      it('stores a child with queue number 402 and finds it by id', async () => {
        const instance = await instanceOf();
        const doc = queued({ id: 'aruzhan', childName: 'Аружан', queueNumber: 402 });
        await insert(instance, [doc]);
        const [found] = await instance.findDocumentsById(['aruzhan'], false);
        expect(found).toEqual(doc);
        expect(await instance.findDocumentsById(['nobody'], false)).toEqual([]);
      });

      it('hides deleted documents unless asked for them', async () => {
        const instance = await instanceOf();
        const doc = queued({ id: 'a' });
        await insert(instance, [doc]);
        const deleted = edited(doc, { _deleted: true });
        expect((await instance.bulkWrite([{ previous: doc, document: deleted }], 'test')).error).toEqual([]);
        expect(await instance.findDocumentsById(['a'], false)).toEqual([]);
        expect(await instance.findDocumentsById(['a'], true)).toEqual([deleted]);
      });

      it('accepts a document that arrives already deleted, as replication delivers it', async () => {
        const instance = await instanceOf();
        const doc = queued({ id: 'gone' }, { deleted: true });
        await insert(instance, [doc]);
        expect(await instance.findDocumentsById(['gone'], false)).toEqual([]);
        expect(await instance.findDocumentsById(['gone'], true)).toEqual([doc]);
      });

      it('refuses to insert over an existing document with a 409 that carries the stored document', async () => {
        const instance = await instanceOf();
        const stored = queued({ id: 'a', queueNumber: 402 });
        await insert(instance, [stored]);
        const second = queued({ id: 'a', queueNumber: 7 });
        const result = await instance.bulkWrite([{ document: second }], 'test');
        expect(result.error).toHaveLength(1);
        const [error] = result.error;
        expect(error.status).toBe(409);
        expect(error.documentId).toBe('a');
        expect(error.writeRow.document).toEqual(second);
        if (error.status !== 409) throw new Error('not a conflict');
        expect(error.documentInDb).toEqual(stored);
        expect(Object.keys(error.documentInDb).sort()).toEqual(Object.keys(stored).sort());
      });

      it('refuses an update made on a stale revision and accepts one made on the current revision', async () => {
        const instance = await instanceOf();
        const v1 = queued({ id: 'a', queueNumber: 402 });
        await insert(instance, [v1]);
        const v2 = edited(v1, { queueNumber: 401 });
        expect((await instance.bulkWrite([{ previous: v1, document: v2 }], 'test')).error).toEqual([]);
        const stale = edited(v1, { queueNumber: 400 });
        const conflict = await instance.bulkWrite([{ previous: v1, document: stale }], 'test');
        expect(conflict.error.map((e) => [e.status, e.documentId])).toEqual([[409, 'a']]);
        expect(await instance.findDocumentsById(['a'], false)).toEqual([v2]);
      });

      it('replaces the whole document on update, dropping fields the new revision no longer has', async () => {
        const instance = await instanceOf();
        const v1 = queued({ id: 'a', note: 'documents on paper' });
        await insert(instance, [v1]);
        const { note: _dropped, ...rest } = v1;
        const v2 = edited(rest as Doc, { status: 'referred' });
        await instance.bulkWrite([{ previous: v1, document: v2 }], 'test');
        const [found] = await instance.findDocumentsById(['a'], false);
        expect(found).toEqual(v2);
        expect(found).not.toHaveProperty('note');
      });

      it('writes the rows without conflict even when others in the same call conflict', async () => {
        const instance = await instanceOf();
        const a = queued({ id: 'a' });
        await insert(instance, [a]);
        const result = await instance.bulkWrite(
          [
            { document: queued({ id: 'a' }) },
            { document: queued({ id: 'b' }) },
            { document: queued({ id: 'c' }) },
          ],
          'test',
        );
        expect(result.error.map((e) => e.documentId)).toEqual(['a']);
        expect((await instance.findDocumentsById(['a', 'b', 'c'], false)).map((d) => d.id)).toEqual([
          'a',
          'b',
          'c',
        ]);
      });

      it('writes 10,000 documents in one call', async () => {
        const instance = await instanceOf();
        const docs = Array.from({ length: 10_000 }, (_, i) =>
          queued({ id: `child-${String(i).padStart(5, '0')}`, queueNumber: i }),
        );
        await insert(instance, docs);
        const ids = ['child-00000', 'child-04020', 'child-09999'];
        expect((await instance.findDocumentsById(ids, false)).map((d) => d.queueNumber)).toEqual([
          0, 4020, 9999,
        ]);
        expect(
          (await instance.count(prepareQuery(queuedChildSchema, normalizeMangoQuery(queuedChildSchema, {}))))
            .count,
        ).toBe(10_000);
      });

      it("keeps _meta.lwt as written, also below the collection's last write", async () => {
        const instance = await instanceOf();
        await insert(instance, [queued({ id: 'recent' })]);
        // A document replicated from elsewhere keeps the time it was last written there.
        const older = queued({ id: 'older' }, { lwt: now() - 3_600_000 });
        await insert(instance, [older]);
        expect(await instance.findDocumentsById(['older'], false)).toEqual([older]);
        const updated = { ...edited(older), _meta: { lwt: older._meta.lwt + 1 } };
        await instance.bulkWrite([{ previous: older, document: updated }], 'test');
        expect(await instance.findDocumentsById(['older'], false)).toEqual([updated]);
      });

      it('keeps ._meta.lwt and ._rev in a replication with keepMeta (rxdb replication-protocol)', async () => {
        const fork = await instanceOf();
        const master = await instanceOf();
        const meta = (await storage.createStorageInstance({
          databaseInstanceToken: randomCouchString(10),
          databaseName: `db${randomCouchString(8)}`,
          collectionName: 'meta',
          schema: getRxReplicationMetaInstanceSchema(queuedChildSchema, false),
          options: {},
          multiInstance: false,
          devMode: true,
        })) as RxStorageInstance<RxStorageReplicationMeta<QueuedChild, unknown>, unknown, unknown>;
        open.push(meta as never);
        // Written on the fork first; the master's own write comes later, so the fork's document
        // arrives at the master with an lwt below the master's last write.
        const fromFork = queued({ id: 'from-fork', queueNumber: 7 }, { lwt: now() - 60_000 });
        await insert(fork, [fromFork]);
        await insert(master, [queued({ id: 'on-master' })]);
        const replication = replicateRxStorageInstance<QueuedChild>({
          identifier: randomCouchString(10),
          replicationHandler: rxStorageInstanceToReplicationHandler(
            master,
            defaultConflictHandler,
            randomCouchString(10),
            true,
          ),
          forkInstance: fork,
          metaInstance: meta as never,
          pullBatchSize: 10,
          pushBatchSize: 10,
          conflictHandler: defaultConflictHandler,
          hashFunction: defaultHashSha256,
          keepMeta: true,
        });
        await awaitRxStorageReplicationFirstInSync(replication);
        await awaitRxStorageReplicationInSync(replication);
        await cancelRxStorageReplication(replication);
        const [onMaster] = await master.findDocumentsById(['from-fork'], false);
        const [onFork] = await fork.findDocumentsById(['from-fork'], false);
        expect(onMaster._meta.lwt).toBe(fromFork._meta.lwt);
        expect(onMaster._meta.lwt).toBe(onFork._meta.lwt);
        expect(onMaster._rev).toBe(onFork._rev);
      });

      it('keeps Kazakh letters, emoji and long text exactly as written', async () => {
        const instance = await instanceOf();
        const doc = queued({
          id: 'әлия',
          childName: 'Әлия Қасымқызы 😀',
          note: 'ә ғ қ ң ө ұ ү һ і '.repeat(500),
        });
        await insert(instance, [doc]);
        expect(await instance.findDocumentsById(['әлия'], false)).toEqual([doc]);
      });
    });

    describe('changeStream', () => {
      it('emits insert, update and delete events before bulkWrite resolves', async () => {
        const instance = await instanceOf();
        const seen: Bulk[] = [];
        const sub = instance.changeStream().subscribe((bulk) => seen.push(bulk));
        const v1 = queued({ id: 'a' });
        await insert(instance, [v1]);
        expect(seen).toHaveLength(1);
        const v2 = edited(v1, { status: 'referred' });
        await instance.bulkWrite([{ previous: v1, document: v2 }], 'test');
        expect(seen).toHaveLength(2);
        const v3 = edited(v2, { _deleted: true });
        await instance.bulkWrite([{ previous: v2, document: v3 }], 'test');
        sub.unsubscribe();
        expect(seen.map((b) => b.events.map((e) => [e.operation, e.documentId]))).toEqual([
          [['INSERT', 'a']],
          [['UPDATE', 'a']],
          [['DELETE', 'a']],
        ]);
        expect(seen[1].events[0].documentData).toEqual(v2);
        expect(seen[1].events[0].previousDocumentData).toEqual(v1);
        expect(seen[2].checkpoint).toEqual({ id: 'a', lwt: v3._meta.lwt });
        expect(seen[0].context).toBe('test-insert');
      });

      it('emits nothing for a write that only conflicted', async () => {
        const instance = await instanceOf();
        await insert(instance, [queued({ id: 'a' })]);
        const seen: Bulk[] = [];
        const sub = instance.changeStream().subscribe((bulk) => seen.push(bulk));
        await instance.bulkWrite([{ document: queued({ id: 'a' }) }], 'test');
        sub.unsubscribe();
        expect(seen).toEqual([]);
      });
    });

    describe('query and count', () => {
      const names = ['Аружан', 'Әлия', 'Bek', 'bek', 'Zarina', '😀 Smile', 'Ülken', 'Ａ wide', 'Ерасыл', ''];
      const statuses = ['queued', 'referred', 'enrolled'];
      const all: Doc[] = Array.from({ length: 60 }, (_, i) =>
        queued({
          id: `c${String(i).padStart(3, '0')}`,
          childName: names[i % names.length],
          queueNumber: 400 + ((i * 37) % 60),
          birthYear: 2019 + (i % 5),
          status: statuses[i % 3],
          languages: i % 4 === 0 ? ['kk', 'ru'] : i % 4 === 1 ? ['ru'] : ['kk'],
          priority: i % 7 === 0,
          ...(i % 6 === 0 ? { district: 'Алмалинский' } : {}),
        }),
      );
      let instance: Instance;

      beforeAll(async () => {
        instance = await instanceOf();
        const deleted = all.filter((_, i) => i % 10 === 9);
        await insert(instance, all);
        for (const doc of deleted) {
          const gone = edited(doc, { _deleted: true });
          await instance.bulkWrite([{ previous: doc, document: gone }], 'test');
          all[all.indexOf(doc)] = gone;
        }
      });

      const cases: [string, MangoQuery<QueuedChild>][] = [
        ['every live child in primary-key order', { selector: {} }],
        [
          'a status, ordered by queue number (index range, sort by index)',
          {
            selector: { status: 'queued' },
            sort: [{ status: 'asc' }, { queueNumber: 'asc' }],
          },
        ],
        [
          'queue numbers from 402 up, descending',
          { selector: { queueNumber: { $gte: 402 } }, sort: [{ queueNumber: 'desc' }] },
        ],
        ['queue numbers strictly between 402 and 440', { selector: { queueNumber: { $gt: 402, $lt: 440 } } }],
        [
          'queue numbers up to 410',
          { selector: { queueNumber: { $lte: 410 } }, sort: [{ queueNumber: 'asc' }] },
        ],
        ['a birth year, by name', { selector: { birthYear: 2021 }, sort: [{ childName: 'asc' }] }],
        ['names by UTF-16 order, emoji included', { selector: {}, sort: [{ childName: 'asc' }] }],
        [
          'names from "Z" up through the index',
          { selector: { childName: { $gte: 'Z' } }, sort: [{ childName: 'asc' }] },
        ],
        [
          'names below "Ә" through the index',
          { selector: { childName: { $lt: 'Ә' } }, sort: [{ childName: 'desc' }] },
        ],
        ['every status but one ($ne)', { selector: { status: { $ne: 'enrolled' } } }],
        ['several birth years ($in)', { selector: { birthYear: { $in: [2019, 2023] } } }],
        ['all but some birth years ($nin)', { selector: { birthYear: { $nin: [2019, 2023] } } }],
        ['a district set ($exists)', { selector: { district: { $exists: true } } }],
        ['no district ($exists false)', { selector: { district: { $exists: false } } }],
        ['a name pattern ($regex)', { selector: { childName: { $regex: '^[Bb]ek$' } } }],
        ['a language among several ($elemMatch)', { selector: { languages: { $elemMatch: { $eq: 'ru' } } } }],
        ['two languages ($size)', { selector: { languages: { $size: 2 } } }],
        [
          'priority or an early queue number ($or)',
          {
            selector: { $or: [{ priority: true }, { queueNumber: { $lt: 405 } }] },
            sort: [{ queueNumber: 'asc' }],
          },
        ],
        [
          'referred and born after 2020 ($and)',
          { selector: { $and: [{ status: 'referred' }, { birthYear: { $gt: 2020 } }] } },
        ],
        ['not a birth year ($not)', { selector: { birthYear: { $not: { $eq: 2021 } } } }],
        ['deleted documents when the selector asks for them', { selector: { _deleted: true } as never }],
        [
          'a page: skip 5, limit 10, by queue number',
          {
            selector: {},
            sort: [{ queueNumber: 'asc' }],
            skip: 5,
            limit: 10,
          },
        ],
        [
          'a page past a filter: skip 2, limit 3',
          {
            selector: { status: 'queued', priority: false },
            sort: [{ status: 'asc' }, { queueNumber: 'asc' }],
            skip: 2,
            limit: 3,
          },
        ],
        [
          'the first of a status by index',
          { selector: { status: 'referred' }, sort: [{ status: 'asc' }, { queueNumber: 'asc' }], limit: 1 },
        ],
        [
          'a sort on two fields, mixed directions',
          { selector: {}, sort: [{ birthYear: 'desc' }, { childName: 'asc' }] },
        ],
        ['a limit beyond the end', { selector: { birthYear: 2022 }, limit: 1000 }],
        ['a skip beyond the end', { selector: {}, skip: 1000 }],
      ];

      for (const [name, mango] of cases) {
        it(`answers ${name} as rxdb's matcher and sort would`, async () => {
          const want = expected(all, mango);
          expect((await run(instance, mango)).map((d) => d.id)).toEqual(want);
          const counted = await instance.count(
            prepareQuery(queuedChildSchema, normalizeMangoQuery(queuedChildSchema, mango)),
          );
          expect(counted.count).toBe(want.length);
        });
      }

      it('orders "😀" before "Ａ" as JavaScript compares strings (UTF-16), not by code point', async () => {
        const ids = (
          await run(instance, {
            selector: { childName: { $in: ['😀 Smile', 'Ａ wide'] } },
            sort: [{ childName: 'asc' }],
          })
        ).map((d) => d.childName);
        expect([...new Set(ids)]).toEqual(['😀 Smile', 'Ａ wide']);
      });

      it('puts queue number 402 first among queued children from 402 up', async () => {
        const docs = await run(instance, {
          selector: { status: 'queued', queueNumber: { $gte: 402 } },
          sort: [{ status: 'asc' }, { queueNumber: 'asc' }],
        });
        expect(docs[0].queueNumber).toBeGreaterThanOrEqual(402);
        expect(docs.map((d) => d.queueNumber)).toEqual(
          [...docs.map((d) => d.queueNumber)].sort((a, b) => a - b),
        );
      });
    });

    describe('getChangedDocumentsSince', () => {
      it('pages through documents written with one timestamp, each exactly once', async () => {
        const instance = await instanceOf();
        const lwt = now();
        const same = Array.from({ length: 7 }, (_, i) => queued({ id: `same-${i}` }, { lwt }));
        await insert(instance, same);
        const later = queued({ id: 'a-later' });
        await insert(instance, [later]);
        const seen: string[] = [];
        let checkpoint: RxStorageDefaultCheckpoint | undefined;
        for (;;) {
          const page = await getChangedDocumentsSince(instance, 3, checkpoint);
          if (page.documents.length === 0) {
            expect(page.checkpoint).toEqual(checkpoint);
            break;
          }
          seen.push(...page.documents.map((d) => d.id));
          const last = page.documents[page.documents.length - 1];
          expect(page.checkpoint).toEqual({ id: last.id, lwt: last._meta.lwt });
          checkpoint = page.checkpoint;
        }
        expect(seen).toEqual([...same.map((d) => d.id), 'a-later']);
      });

      it("answers rxdb-server's /pull query page by page, also with a scope condition added", async () => {
        const instance = await instanceOf();
        const lwt = now();
        const docs = Array.from({ length: 9 }, (_, i) =>
          queued(
            { id: `pull-${i}`, status: i % 3 === 0 ? 'referred' : 'queued' },
            { lwt: i < 5 ? lwt : lwt + i },
          ),
        );
        await insert(instance, docs);
        const pullAll = async (scope: Record<string, unknown>) => {
          const seen: string[] = [];
          let checkpoint: RxStorageDefaultCheckpoint = { id: '', lwt: 0 };
          for (;;) {
            const filled = getChangedDocumentsSinceQuery(instance, 2, checkpoint);
            // What an endpoint's queryModifier does: narrow the selector to the user's scope.
            filled.selector = { ...filled.selector, ...scope } as typeof filled.selector;
            const { documents } = await instance.query(prepareQuery(queuedChildSchema, filled));
            if (documents.length === 0) return seen;
            seen.push(...documents.map((d) => d.id));
            const last = documents[documents.length - 1];
            checkpoint = { id: last.id, lwt: last._meta.lwt };
          }
        };
        expect(await pullAll({})).toEqual(docs.map((d) => d.id));
        expect(await pullAll({ status: { $eq: 'referred' } })).toEqual(['pull-0', 'pull-3', 'pull-6']);
      });

      it('answers a scoped /pull the same with scope indexes (ours) as without (any storage)', async () => {
        // Our storage indexes these fields and answers the scope in SQL; others ignore the option.
        const instance = await instanceOf({ options: { scopeIndexes: ['status', 'languages'] } });
        const lwt = now();
        const docs = Array.from({ length: 40 }, (_, i) =>
          queued(
            {
              id: `scoped-${String(i).padStart(2, '0')}`,
              status: ['queued', 'referred', 'enrolled'][i % 3],
              languages: i % 4 === 0 ? ['kk', 'ru'] : i % 4 === 1 ? ['ru'] : ['kk'],
              queueNumber: i,
            },
            { lwt: i < 10 ? lwt : lwt + i },
          ),
        );
        await insert(instance, docs);
        // A later update moves a document to the end of the changes.
        const moved = {
          ...edited(docs[4], { status: 'referred', languages: ['ru', 'uz'] }),
          _meta: { lwt: lwt + 1_000 },
        };
        await instance.bulkWrite([{ previous: docs[4], document: moved }], 'test');
        const all = [...docs.filter((d) => d.id !== moved.id), moved];
        const pullAll = async (scope: Record<string, unknown>) => {
          const seen: string[] = [];
          let checkpoint: RxStorageDefaultCheckpoint = { id: '', lwt: 0 };
          for (;;) {
            const filled = getChangedDocumentsSinceQuery(instance, 3, checkpoint);
            filled.selector = { ...filled.selector, ...scope } as typeof filled.selector;
            const { documents } = await instance.query(prepareQuery(queuedChildSchema, filled));
            if (documents.length === 0) return seen;
            seen.push(...documents.map((d) => d.id));
            const last = documents[documents.length - 1];
            checkpoint = { id: last.id, lwt: last._meta.lwt };
          }
        };
        const matching = (test: (d: Doc) => boolean) => all.filter(test).map((d) => d.id);
        expect(await pullAll({ status: { $eq: 'referred' } })).toEqual(
          matching((d) => d.status === 'referred'),
        );
        expect(await pullAll({ status: 'enrolled' })).toEqual(matching((d) => d.status === 'enrolled'));
        expect(await pullAll({ languages: { $elemMatch: { $eq: 'ru' } } })).toEqual(
          matching((d) => d.languages.includes('ru')),
        );
        // The index narrows the rows; every other condition still holds.
        expect(
          await pullAll({ languages: { $elemMatch: { $eq: 'ru' } }, status: { $ne: 'queued' } }),
        ).toEqual(matching((d) => d.languages.includes('ru') && d.status !== 'queued'));
        expect(await pullAll({ languages: { $elemMatch: { $eq: 'nobody' } } })).toEqual([]);
      });

      it('returns a changed document again after its checkpoint, and deleted ones too', async () => {
        const instance = await instanceOf();
        const a = queued({ id: 'a' });
        const b = queued({ id: 'b' });
        await insert(instance, [a, b]);
        const first = await getChangedDocumentsSince(instance, 10);
        expect(first.documents.map((d) => d.id)).toEqual(['a', 'b']);
        const gone = edited(a, { _deleted: true });
        await instance.bulkWrite([{ previous: a, document: gone }], 'test');
        const next = await getChangedDocumentsSince(instance, 10, first.checkpoint);
        expect(next.documents).toEqual([gone]);
      });
    });

    describe('attachments', () => {
      // The memory storage throws before it returns a promise; ours rejects. Both mean "not there".
      const attachment = (instance: Instance, documentId: string, attachmentId: string, digest: string) =>
        Promise.resolve().then(() => instance.getAttachmentData(documentId, attachmentId, digest));
      const pdf = Buffer.from('%PDF-1.7 referral 402 — Алматы').toString('base64');
      const withAttachment = (doc: Doc, data: string, digest: string) => ({
        ...doc,
        _attachments: {
          'referral.pdf': {
            type: 'application/pdf',
            length: Buffer.from(data, 'base64').length,
            digest,
            data,
          },
        },
      });

      it('stores attachment bytes and answers them by digest', async () => {
        const instance = await instanceOf({ schema: attachmentSchema });
        const doc = withAttachment(queued({ id: 'a' }), pdf, 'md5-one');
        const result = await instance.bulkWrite([{ document: doc as never }], 'test');
        expect(result.error).toEqual([]);
        expect(await instance.getAttachmentData('a', 'referral.pdf', 'md5-one')).toBe(pdf);
        const [stored] = await instance.findDocumentsById(['a'], false);
        expect(stored._attachments['referral.pdf']).toEqual({
          type: 'application/pdf',
          length: Buffer.from(pdf, 'base64').length,
          digest: 'md5-one',
        });
        await expect(attachment(instance, 'a', 'referral.pdf', 'md5-other')).rejects.toThrow();
        await expect(attachment(instance, 'a', 'contract.pdf', 'md5-one')).rejects.toThrow();
      });

      it('replaces attachment bytes on update and drops them when the document is deleted', async () => {
        const instance = await instanceOf({ schema: attachmentSchema });
        const v1 = withAttachment(queued({ id: 'a' }), pdf, 'md5-one');
        await instance.bulkWrite([{ document: v1 as never }], 'test');
        const [stored1] = await instance.findDocumentsById(['a'], false);
        const signed = Buffer.from('signed contract').toString('base64');
        const v2 = withAttachment(edited(stored1), signed, 'md5-two');
        expect(
          (await instance.bulkWrite([{ previous: stored1, document: v2 as never }], 'test')).error,
        ).toEqual([]);
        expect(await instance.getAttachmentData('a', 'referral.pdf', 'md5-two')).toBe(signed);
        const [stored2] = await instance.findDocumentsById(['a'], false);
        const gone = { ...edited(stored2, { _deleted: true }), _attachments: {} };
        expect((await instance.bulkWrite([{ previous: stored2, document: gone }], 'test')).error).toEqual([]);
        await expect(attachment(instance, 'a', 'referral.pdf', 'md5-two')).rejects.toThrow();
      });
    });

    describe('cleanup, close and remove', () => {
      it('removes documents deleted longer ago than the minimum time and keeps the rest', async () => {
        const instance = await instanceOf();
        const old = queued({ id: 'old' }, { deleted: true, lwt: now() - 60_000 });
        const fresh = queued({ id: 'fresh' }, { deleted: true });
        const live = queued({ id: 'live' }, { lwt: now() - 60_000 });
        await insert(instance, [old, fresh, live]);
        expect(await instance.cleanup(30_000)).toBe(true);
        const left = await instance.findDocumentsById(['old', 'fresh', 'live'], true);
        expect(left.map((d) => d.id).sort()).toEqual(['fresh', 'live']);
      });

      it('keeps the data after close and answers it to the next instance', async () => {
        const databaseName = `db${randomCouchString(8)}`;
        const first = await instanceOf({ databaseName });
        await insert(first, [queued({ id: 'a', queueNumber: 402 })]);
        await first.close();
        const second = await instanceOf({ databaseName });
        expect((await second.findDocumentsById(['a'], false)).map((d) => d.queueNumber)).toEqual([402]);
      });

      it('starts empty again after remove', async () => {
        const databaseName = `db${randomCouchString(8)}`;
        const first = await instanceOf({ databaseName });
        await insert(first, [queued({ id: 'a' })]);
        await first.remove();
        const second = await instanceOf({ databaseName });
        expect(await second.findDocumentsById(['a'], true)).toEqual([]);
      });

      it('throws a plain Error on remove() after close(), as rxdb requires', async () => {
        const instance = await instanceOf();
        await instance.close();
        const failure = await Promise.resolve()
          .then(() => instance.remove())
          .then(
            () => undefined,
            (error: unknown) => error,
          );
        // rxdb's own suite checks the class by name (async-test-util's assertThrows) and the word.
        expect((failure as Error | undefined)?.constructor).toBe(Error);
        expect(String(failure)).toContain('closed');
      });

      it('keeps collections of two databases apart', async () => {
        const one = await instanceOf();
        const two = await instanceOf();
        await insert(one, [queued({ id: 'a' })]);
        expect(await two.findDocumentsById(['a'], true)).toEqual([]);
      });
    });

    describe('two instances on one database', () => {
      it('announces an insert made by the other as INSERT, its update as UPDATE', async () => {
        const peer = await target.openPeer();
        try {
          const databaseName = `db${randomCouchString(8)}`;
          const mine = await instanceOf({ databaseName });
          const theirs = await instanceOf({ databaseName, on: peer.storage });
          const seen: [string, string][] = [];
          const sub = mine
            .changeStream()
            .subscribe((bulk) =>
              seen.push(...bulk.events.map((e) => [e.operation, e.documentId] as [string, string])),
            );
          const doc = queued({ id: 'a' });
          await insert(theirs, [doc]);
          await until(() => seen.length >= 1);
          const next = edited(doc, { status: 'referred' });
          await theirs.bulkWrite([{ previous: doc, document: next }], 'test');
          await until(() => seen.length >= 2);
          await theirs.bulkWrite([{ previous: next, document: edited(next, { _deleted: true }) }], 'test');
          await until(() => seen.length >= 3);
          sub.unsubscribe();
          expect(seen).toEqual([
            ['INSERT', 'a'],
            ['UPDATE', 'a'],
            ['DELETE', 'a'],
          ]);
        } finally {
          await peer.close();
        }
      });

      it('opens a collection again after the other removed it, and starts empty', async () => {
        const peer = await target.openPeer();
        try {
          const databaseName = `db${randomCouchString(8)}`;
          const mine = await instanceOf({ databaseName });
          await insert(mine, [queued({ id: 'before' })]);
          await mine.close();
          const theirs = await instanceOf({ databaseName, on: peer.storage });
          await theirs.remove();
          const again = await instanceOf({ databaseName });
          expect(await again.findDocumentsById(['before'], true)).toEqual([]);
          await insert(again, [queued({ id: 'after' })]);
          expect((await again.findDocumentsById(['after'], false)).map((d) => d.id)).toEqual(['after']);
        } finally {
          await peer.close();
        }
      });

      it("each sees the other's writes, in its changeStream and in its reads", async () => {
        const peer = await target.openPeer();
        try {
          const databaseName = `db${randomCouchString(8)}`;
          const mine = await instanceOf({ databaseName });
          const theirs = await instanceOf({ databaseName, on: peer.storage });
          const arrived = firstValueFrom(
            theirs
              .changeStream()
              .pipe(filter((bulk) => bulk.events.some((e) => e.documentId === 'from-mine'))),
          );
          const doc = queued({ id: 'from-mine', queueNumber: 402 });
          await insert(mine, [doc]);
          const bulk = await arrived;
          const event = bulk.events.find((e) => e.documentId === 'from-mine')!;
          expect(event.documentData).toEqual(doc);
          expect(bulk.checkpoint).toEqual({ id: 'from-mine', lwt: doc._meta.lwt });
          expect(await theirs.findDocumentsById(['from-mine'], false)).toEqual([doc]);

          const back = firstValueFrom(
            mine.changeStream().pipe(filter((b) => b.events.some((e) => e.documentId === 'from-theirs'))),
          );
          const update = edited(doc, { status: 'referred' });
          const theirDoc = queued({ id: 'from-theirs' });
          const rows: BulkWriteRow<QueuedChild>[] = [
            { previous: doc, document: update },
            { document: theirDoc },
          ];
          expect((await theirs.bulkWrite(rows, 'test')).error).toEqual([]);
          const backBulk = await back;
          expect(backBulk.events.map((e) => e.documentId).sort()).toEqual(['from-mine', 'from-theirs']);
          expect(backBulk.events.find((e) => e.documentId === 'from-mine')!.documentData.status).toBe(
            'referred',
          );
          // The first instance's next write on a stale revision now conflicts.
          const stale = await mine.bulkWrite([{ previous: doc, document: edited(doc) }], 'test');
          expect(stale.error.map((e) => e.status)).toEqual([409]);
        } finally {
          await peer.close();
        }
      });
    });
  });
}
