import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addRxPlugin, createRxDatabase, type RxCollection, type RxJsonSchema, randomCouchString } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { firstValueFrom } from 'rxjs';
import { filter } from 'rxjs/operators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAllDrivers, getRxStoragePostgres, type RxStoragePostgres } from '../../../sync-server/storage';
import { type QueuedChild, queuedChildJsonSchema } from './application-fixture';
import { type PostgresServer, startPostgres } from './postgres-server';

// The storage under a whole RxDatabase, as the sync server uses it: RxQuery results that follow writes
// live, and a schema migration (every schema change ships one, docs/architecture.md) that moves documents
// from the version-0 table to the version-1 table.
addRxPlugin(RxDBMigrationSchemaPlugin);

type QueuedChildV1 = QueuedChild & { language: string };

const schemaV1: RxJsonSchema<QueuedChildV1> = {
  ...queuedChildJsonSchema,
  version: 1,
  properties: { ...queuedChildJsonSchema.properties, language: { type: 'string', maxLength: 2 } },
} as RxJsonSchema<QueuedChildV1>;

const child = (id: string, queueNumber: number): QueuedChild => ({
  id,
  childName: `Child ${id}`,
  queueNumber,
  birthYear: 2021,
  status: 'queued',
  languages: ['kk', 'ru'],
  priority: false,
});

let server: PostgresServer;
let folder: string;
beforeAll(async () => {
  server = await startPostgres();
  folder = mkdtempSync(join(tmpdir(), 'storage-rxdb-'));
});
afterAll(async () => {
  await closeAllDrivers();
  await server?.stop();
  rmSync(folder, { recursive: true, force: true });
});

describe.each([
  ['a PGlite data folder', () => getRxStoragePostgres({ dataDir: join(folder, 'pglite') })],
  ['PostgreSQL', () => getRxStoragePostgres({ url: server.url })],
])('an RxDatabase on our storage in %s', (_name, storageOf) => {
  let storage: RxStoragePostgres;
  beforeAll(() => {
    storage = storageOf();
  });

  it('keeps a live query of the queue in order as children are added, moved and removed', async () => {
    const db = await createRxDatabase({ name: `live${randomCouchString(6)}`, storage, multiInstance: false });
    await db.addCollections({ queue: { schema: queuedChildJsonSchema } });
    const queue = db.queue as RxCollection<QueuedChild>;
    const query = queue.find({ selector: { status: 'queued' }, sort: [{ queueNumber: 'asc' }], limit: 3 });
    const order = (ids: string[]) =>
      firstValueFrom(query.$.pipe(filter((docs) => docs.map((d) => d.id).join() === ids.join())));

    await queue.bulkInsert([child('a', 405), child('b', 402), child('c', 410)]);
    await order(['b', 'a', 'c']);
    await queue.insert(child('d', 401));
    await order(['d', 'b', 'a']);
    await (await queue.findOne('d').exec())!.incrementalPatch({ status: 'referred' });
    await order(['b', 'a', 'c']);
    await (await queue.findOne('b').exec())!.remove();
    await order(['a', 'c']);
    expect(await queue.count({ selector: { status: 'queued' } }).exec()).toBe(2);
    await db.destroy();
  });

  it('migrates documents from schema version 0 to 1 and drops the old table', async () => {
    const name = `migrate${randomCouchString(6)}`;
    const v0 = await createRxDatabase({ name, storage, multiInstance: false });
    await v0.addCollections({ queue: { schema: queuedChildJsonSchema } });
    await v0.queue.bulkInsert([child('aruzhan', 402), child('bekzat', 403)]);
    await v0.destroy();

    const v1 = await createRxDatabase({ name, storage, multiInstance: false });
    await v1.addCollections({
      queue: {
        schema: schemaV1,
        // The kindergarten language chosen first becomes the application's main language.
        migrationStrategies: { 1: (doc: QueuedChild) => ({ ...doc, language: doc.languages[0] }) },
      },
    });
    const docs = await (v1.queue as RxCollection<QueuedChildV1>)
      .find({ sort: [{ queueNumber: 'asc' }] })
      .exec();
    expect(docs.map((d) => [d.id, d.language])).toEqual([
      ['aruzhan', 'kk'],
      ['bekzat', 'kk'],
    ]);
    const driver = await storage.driver();
    const tables = await driver.query<{ schema_version: number }>(
      'SELECT schema_version FROM rxdb_tables WHERE database_name = $1 AND collection_name = $2',
      [name, 'queue'],
    );
    expect(tables.map((t) => t.schema_version)).toEqual([1]);
    await v1.destroy();
  });
});
