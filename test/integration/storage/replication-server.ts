import { createRxDatabase, type RxCollection, type RxDatabase, type RxStorage } from 'rxdb';
import { createRxServer } from 'rxdb-server/plugins/server';
import { RxServerAdapterExpress } from 'rxdb-server/plugins/adapter-express';
import { type QueuedChild, queuedChildJsonSchema } from './application-fixture';

/**
 * rxdb-server on a given storage with one replication endpoint, `queue`, for the replication test and
 * the benchmark. The real sync server wires more (auth, scopes); this is the storage's part of it.
 */
export interface ReplicationServer {
  /** The endpoint URL replicateServer takes: `http://127.0.0.1:<port>/queue/0`. */
  url: string;
  port: number;
  database: RxDatabase;
  queue: RxCollection<QueuedChild>;
  close(): Promise<void>;
}

/** Any storage: ours, or rxdb's memory storage in the benchmark. */
// biome-ignore lint/suspicious/noExplicitAny: storages differ in internals and options.
type AnyStorage = RxStorage<any, any>;

export async function startReplicationServer(
  storage: AnyStorage,
  port: number,
  name = 'oryn-sync',
): Promise<ReplicationServer> {
  const database = await createRxDatabase({
    name,
    storage,
    multiInstance: false,
    eventReduce: true,
  });
  await database.addCollections({ queue: { schema: queuedChildJsonSchema } });
  const queue = database.queue as RxCollection<QueuedChild>;
  const server = await createRxServer({
    database,
    adapter: RxServerAdapterExpress,
    port,
    hostname: '127.0.0.1',
    authHandler: () => ({ data: {}, validUntil: Date.now() + 3_600_000 }),
  });
  const endpoint = server.addReplicationEndpoint({ name: 'queue', collection: queue });
  await server.start();
  return {
    url: `http://127.0.0.1:${port}/${endpoint.urlPath}`,
    port,
    database,
    queue,
    async close() {
      await server.close();
      await database.destroy();
    },
  };
}
