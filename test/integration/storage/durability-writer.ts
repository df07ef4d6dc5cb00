import { now, randomCouchString } from 'rxdb';
import type { RxDocumentData } from 'rxdb';
import { getRxStoragePostgres } from '../../../sync-server/storage';
import { edited, type QueuedChild, queued, queuedChildSchema } from './application-fixture';
import { BATCH } from './durability-constants';

/**
 * The durability test's victim: writes batches until it is killed. Batch k inserts BATCH new children
 * and updates every child of batch k-1 in the same bulkWrite, so a torn write would show as a partial
 * batch or a batch with mixed statuses. `tsx durability-writer.ts <dataDir|url> <first batch>`.
 * Prints `writing k` before and `done k` after each bulkWrite.
 */

const [where, first] = process.argv.slice(2);
const storage = getRxStoragePostgres(where.startsWith('postgres://') ? { url: where } : { dataDir: where });
const instance = await storage.createStorageInstance<QueuedChild>({
  databaseInstanceToken: randomCouchString(10),
  databaseName: 'durability',
  collectionName: 'queue',
  schema: queuedChildSchema,
  options: {},
  multiInstance: false,
  devMode: false,
});

const idsOf = (k: number) => Array.from({ length: BATCH }, (_, i) => `b${k}-${i}`);
let previous: RxDocumentData<QueuedChild>[] = await instance.findDocumentsById(
  idsOf(Number(first) - 1),
  false,
);
for (let k = Number(first); ; k++) {
  const inserts = idsOf(k).map((id, i) =>
    queued({ id, queueNumber: k * BATCH + i, note: `batch ${k} `.repeat(20) }, { lwt: now() }),
  );
  const updates = previous.map((doc) => ({
    previous: doc,
    document: edited(doc, { status: `seen-by-${k}` }),
  }));
  process.stdout.write(`writing ${k}\n`);
  const result = await instance.bulkWrite(
    [...inserts.map((document) => ({ document })), ...updates],
    'durability',
  );
  if (result.error.length > 0) throw new Error(`batch ${k}: ${result.error.length} write errors`);
  process.stdout.write(`done ${k}\n`);
  previous = [...inserts];
}
