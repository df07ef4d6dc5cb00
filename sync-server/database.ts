import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase, type RxStorage } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { collections } from '../src/schema';
import { type EntityClock, entityClockSchema } from './actions/entity-clock';
import { type JournalEntry, journalSchema } from './actions/journal';
import { guardedStorage } from './guarded-storage';
import { collectionOf, type ServerDocTypes, serverCollections } from './schema';

// Every collection with version > 0 needs the migration plugin (docs/stack.md); add it once per process.
addRxPlugin(RxDBMigrationSchemaPlugin);

/** Collections the core keeps for itself, next to src/schema's and the server-only ones. */
const coreCollections = {
  actionJournal: { schema: journalSchema, migrationStrategies: {} },
  entityClock: { schema: entityClockSchema, migrationStrategies: {} },
} as const;

/**
 * The fields staff replication scopes select by (replication.ts `scopeSelector`). Our storage keeps an
 * index on each, so a workstation's `/pull` reads its kindergarten's rows in commit order instead of
 * walking the region's (storage/README.md, "Scope indexes"); other storages ignore the option.
 */
export const SCOPE_INDEXES: Partial<Record<string, string[]>> = {
  applications: ['visibleTo'],
  bulletins: ['kindergartenId'],
  groups: ['kindergartenId'],
  responses: ['kindergartenId'],
  referrals: ['kindergartenId'],
  notifications: ['recipientId'],
  actions: ['actor'],
};

/**
 * Collections whose writes other server processes need not hear of: the processor reads them only
 * through the storage (store.ts, past rxdb's caches) and nothing follows them live. Our storage then
 * neither announces their commits nor reads other processes' back (storage/README.md, "Changes across
 * processes") — a batch's journal, the largest document it writes, was read back twice by every other
 * process (written, then dropped).
 */
const PROCESS_LOCAL = new Set(['actionJournal', 'entityClock']);

/** Each collection with its storage options as rxdb's `instanceCreationOptions` for the storage. */
function withStorageOptions<T extends Record<string, object>>(all: T): T {
  return Object.fromEntries(
    Object.entries(all).map(([name, creator]) => {
      const scopeIndexes = SCOPE_INDEXES[name];
      const options = {
        ...(scopeIndexes ? { scopeIndexes } : {}),
        ...(PROCESS_LOCAL.has(name) ? { remoteChanges: 'none' } : {}),
      };
      return [
        name,
        Object.keys(options).length > 0 ? { ...creator, instanceCreationOptions: options } : creator,
      ];
    }),
  ) as T;
}

export type OrynDocTypes = ServerDocTypes & { actionJournal: JournalEntry; entityClock: EntityClock };
export type OrynCollectionName = keyof OrynDocTypes;

export interface OpenDatabaseOptions {
  storage: RxStorage<unknown, unknown>;
  /** Database name; tests on the memory storage use a unique one (the memory storage shares by name). */
  name: string;
}

/**
 * The server's RxDB database: every collection of src/schema, the server-only ones of
 * sync-server/schema and the processor's journal. Every write is checked against its JSON schema
 * (ajv), so nothing malformed reaches the storage whatever the path, and every failed write is a per-row
 * error, never a thrown one (guarded-storage.ts: rxdb's incremental writes do not catch).
 */
export async function openDatabase({ storage, name }: OpenDatabaseOptions): Promise<RxDatabase> {
  const db = await createRxDatabase({
    name,
    storage: wrappedValidateAjvStorage({ storage: guardedStorage(storage) }),
    // Cross-process change events come from the storage itself (LISTEN/NOTIFY), not BroadcastChannel.
    multiInstance: false,
    eventReduce: true,
  });
  try {
    await db.addCollections(withStorageOptions({ ...collections, ...serverCollections, ...coreCollections }));
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return db;
}

/** The typed collection of that name, for every collection the server opens. */
export function collection<K extends OrynCollectionName>(
  db: RxDatabase,
  name: K,
): RxCollection<OrynDocTypes[K]> {
  if (name === 'actionJournal' || name === 'entityClock') {
    const c = db.collections[name];
    if (!c) throw new Error(`collection ${name} is not open`);
    return c as unknown as RxCollection<OrynDocTypes[K]>;
  }
  return collectionOf(db, name as keyof ServerDocTypes) as unknown as RxCollection<OrynDocTypes[K]>;
}
