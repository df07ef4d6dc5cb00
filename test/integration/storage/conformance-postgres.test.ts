import { getRxStoragePostgres, openPgDriver, type RxStoragePostgres } from '../../../sync-server/storage';
import { type PostgresServer, startPostgres } from './postgres-server';
import { describeRxStorageConformance } from './storage-conformance';

// Our storage on a real PostgreSQL 15 started for this file. The peer has its own connection pool, as a
// second server process would: its changes reach the first only through LISTEN/NOTIFY.
let server: PostgresServer;
let storage: RxStoragePostgres;
describeRxStorageConformance({
  name: 'PostgreSQL',
  open: async () => {
    server = await startPostgres();
    storage = getRxStoragePostgres({ url: server.url });
    return storage;
  },
  openPeer: async () => {
    const driver = await openPgDriver(server.url);
    return { storage: getRxStoragePostgres({ driver }), close: () => driver.close() };
  },
  close: async () => {
    await storage?.close();
    await server?.stop();
  },
});
