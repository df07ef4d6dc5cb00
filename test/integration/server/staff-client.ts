import { randomUUID } from 'node:crypto';
import { createRxDatabase, type RxCollection, type RxDatabase } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { type RxServerReplicationState, replicateServer } from 'rxdb-server/plugins/replication-server';
import { collections } from '../../../src/schema';
import { REPLICATED_COLLECTIONS, REPLICATION_PATH } from '../../../sync-server/replication';

/** A staff desktop's replica, as the Electron renderer keeps it, but in Node with rxdb's memory storage. */
export interface ReplicaClient {
  db: RxDatabase;
  states: Map<string, RxServerReplicationState<unknown>>;
  forbidden: string[];
  unauthorized: string[];
  col<T = Record<string, unknown>>(name: string): RxCollection<T>;
  synced(): Promise<void>;
  close(): Promise<void>;
}

export async function openReplica(baseUrl: string, token: string, userId: string): Promise<ReplicaClient> {
  const db = await createRxDatabase({
    name: `client${randomUUID().replace(/-/g, '').slice(0, 10)}`,
    storage: getRxStorageMemory(),
    multiInstance: false,
  });
  const wanted = Object.fromEntries(REPLICATED_COLLECTIONS.map((n) => [n, collections[n]]));
  await db.addCollections(wanted);
  const states = new Map<string, RxServerReplicationState<unknown>>();
  const forbidden: string[] = [];
  const unauthorized: string[] = [];
  for (const name of REPLICATED_COLLECTIONS) {
    const state = replicateServer({
      collection: db.collections[name],
      // Per user (docs/stack.md: a user switch with the same identifier misses documents).
      replicationIdentifier: `oryn-${userId}-${name}`,
      url: `${baseUrl}/${REPLICATION_PATH}/${name}/${collections[name].schema.version}`,
      headers: { Authorization: `Bearer ${token}` },
      live: true,
      retryTime: 200,
      waitForLeadership: false,
      pull: { batchSize: 200 },
      push: { batchSize: 50 },
    }) as RxServerReplicationState<unknown>;
    state.forbidden$.subscribe(() => forbidden.push(name));
    state.unauthorized$.subscribe(() => unauthorized.push(name));
    states.set(name, state);
  }
  return {
    db,
    states,
    forbidden,
    unauthorized,
    col: <T>(name: string) => db.collections[name] as unknown as RxCollection<T>,
    async synced() {
      for (const s of states.values()) await s.awaitInitialReplication();
      for (const s of states.values()) await s.awaitInSync();
    },
    async close() {
      for (const s of states.values()) await s.cancel();
      await db.destroy();
    },
  };
}

export async function idsOf(client: ReplicaClient, name: string): Promise<string[]> {
  const docs = await client.col(name).find().exec();
  return docs.map((d) => String(d.primary)).sort();
}
