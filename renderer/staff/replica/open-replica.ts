import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { collections } from '../../../src/schema';
import { DOCUMENT_FILES, type DocumentFile, documentFileSchema } from './document-files';
import { wrappedFieldEncryptionStorage } from './field-encryption';
import { REPLICA_COLLECTIONS, type ReplicaCollection, replicaSchema } from './replica-schemas';

addRxPlugin(RxDBMigrationSchemaPlugin);

type ReplicaCollections = { [C in ReplicaCollection]: RxCollection } & {
  [DOCUMENT_FILES]: RxCollection<DocumentFile>;
};
export type Replica = RxDatabase<ReplicaCollections>;

/**
 * The staff member's local replica: one IndexedDB database per user and server (docs/stack.md: a user switch
 * on a shared database would miss documents), with the personal fields encrypted by the host's key.
 * `storage` is injectable so tests and benchmarks can use rxdb's memory storage.
 */
export async function openReplica(options: {
  userId: string;
  serverUrl: string;
  key: string;
  storage?: Parameters<typeof wrappedFieldEncryptionStorage>[0]['storage'];
}): Promise<Replica> {
  const name = await replicaName(options.userId, options.serverUrl);
  const db = await createRxDatabase<ReplicaCollections>({
    name,
    storage: wrappedFieldEncryptionStorage({ storage: options.storage ?? getRxStorageDexie() }),
    password: options.key,
    multiInstance: true,
    eventReduce: true,
  });
  await db.addCollections({
    ...Object.fromEntries(
      REPLICA_COLLECTIONS.map((c) => [
        c,
        { schema: replicaSchema(c), migrationStrategies: collections[c].migrationStrategies },
      ]),
    ),
    // This workstation's attached files, kept until the server has them (never replicated).
    [DOCUMENT_FILES]: { schema: documentFileSchema },
  });
  return db;
}

/** rxdb names: lower-case letters, digits, _ $ - … so the user and server are hashed into one. */
export async function replicaName(userId: string, serverUrl: string): Promise<string> {
  const bytes = new TextEncoder().encode(`${serverUrl}\n${userId}`);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return `oryn_staff_${[...digest.slice(0, 12)].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}
