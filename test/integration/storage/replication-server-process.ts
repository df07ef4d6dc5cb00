import { closeAllDrivers, getRxStoragePostgres } from '../../../sync-server/storage';
import { queued } from './application-fixture';
import { startReplicationServer } from './replication-server';

/**
 * The sync server as its own process, so the replication test can stop and restart it for real:
 * `tsx replication-server-process.ts <port> <dataDir|postgres://url> [seed count]`.
 * Prints `ready` when it listens; closes cleanly on SIGTERM.
 */
const [port, where, seed] = process.argv.slice(2);
const storage = getRxStoragePostgres(where.startsWith('postgres://') ? { url: where } : { dataDir: where });
const server = await startReplicationServer(storage, Number(port));
const count = Number(seed ?? 0);
if (count > 0 && (await server.queue.count().exec()) === 0) {
  await server.queue.bulkInsert(
    Array.from({ length: count }, (_, i) => {
      const { _deleted, _rev, _meta, _attachments, ...doc } = queued({
        id: `seed-${i}`,
        queueNumber: 400 + i,
      });
      return doc;
    }),
  );
}
process.stdout.write('ready\n');
process.on('SIGTERM', async () => {
  await server.close();
  await closeAllDrivers();
  process.exit(0);
});
