import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EventSource from 'eventsource';
import { createRxDatabase, type RxCollection, type RxDatabase, randomCouchString } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { replicateServer } from 'rxdb-server/plugins/replication-server';
import { firstValueFrom } from 'rxjs';
import { filter } from 'rxjs/operators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type QueuedChild, queuedChildJsonSchema } from './application-fixture';
import { freePort, type PostgresServer, startPostgres } from './postgres-server';

// End to end: rxdb-server on our storage in its own process, Node rxdb clients (memory storage) with
// replicateServer. Initial two-way sync, live pull, and a server restart in between that reopens the
// same PGlite folder or PostgreSQL database; on PostgreSQL also two server processes side by side.
const serverScript = join(import.meta.dirname, 'replication-server-process.ts');

interface ServerProcess {
  url: string;
  stop(): Promise<void>;
}

async function startServerProcess(port: number, where: string, seed = 0): Promise<ServerProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', serverScript, String(port), where, String(seed)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('ready')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`sync server exited with ${code} before it was ready`)));
  });
  return {
    url: `http://127.0.0.1:${port}/queue/0`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.on('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

interface Client {
  db: RxDatabase;
  queue: RxCollection<QueuedChild>;
  cancel(): Promise<void>;
  synced(): Promise<void>;
}

async function startClient(
  url: string,
  before: (queue: RxCollection<QueuedChild>) => Promise<void> = async () => {},
) {
  const db = await createRxDatabase({ name: `client${randomCouchString(8)}`, storage: getRxStorageMemory() });
  await db.addCollections({ queue: { schema: queuedChildJsonSchema } });
  const queue = db.queue as RxCollection<QueuedChild>;
  await before(queue);
  const replication = replicateServer<QueuedChild>({
    collection: queue,
    replicationIdentifier: `queue-${url}`,
    url,
    live: true,
    push: {},
    pull: { batchSize: 20 },
    eventSource: EventSource,
    retryTime: 200,
  });
  await replication.awaitInitialReplication();
  const client: Client = {
    db,
    queue,
    async cancel() {
      await replication.cancel();
      await db.destroy();
    },
    synced: () => replication.awaitInSync().then(() => {}),
  };
  return client;
}

const child = (id: string, queueNumber: number, status = 'queued'): QueuedChild => ({
  id,
  childName: `Child ${id}`,
  queueNumber,
  birthYear: 2021,
  status,
  languages: ['kk', 'ru'],
  priority: false,
});

/** Resolves when the client holds the document in the given status (live pull delivered it). */
const arrives = (client: Client, id: string, status = 'queued') =>
  firstValueFrom(client.queue.findOne(id).$.pipe(filter((doc) => doc?.status === status)));

const ids = async (client: Client) => (await client.queue.find().exec()).map((d) => d.id).sort();

let postgres: PostgresServer;
let folder: string;
beforeAll(async () => {
  postgres = await startPostgres();
  folder = mkdtempSync(join(tmpdir(), 'oryn-sync-'));
});
afterAll(async () => {
  await postgres?.stop();
  rmSync(folder, { recursive: true, force: true });
});

describe.each([
  ['a PGlite data folder', () => join(folder, 'pglite')],
  ['PostgreSQL', () => postgres.url],
])('replication through rxdb-server on %s', (_name, where) => {
  it('syncs both ways, pulls live, and carries on after the server restarts', async () => {
    const port = await freePort();
    let server = await startServerProcess(port, where(), 30);
    // Staff worked offline before the first sync: two children recorded on the desktop.
    const desk = await startClient(server.url, async (queue) => {
      await queue.bulkInsert([child('desk-1', 402), child('desk-2', 403)]);
    });
    const office = await startClient(server.url);
    try {
      await desk.synced();
      await office.synced();
      expect(await desk.queue.count().exec()).toBe(32);
      expect(await ids(office)).toEqual(await ids(desk));

      // Live pull: a write on one client reaches the other through the server's pullStream.
      const live = arrives(office, 'desk-live');
      await desk.queue.insert(child('desk-live', 404));
      await live;
      const referred = arrives(desk, 'seed-0', 'referred');
      await (await office.queue.findOne('seed-0').exec())!.incrementalPatch({ status: 'referred' });
      await referred;

      // The server restarts; the desk keeps working meanwhile, and both clients reconnect.
      await server.stop();
      await desk.queue.insert(child('desk-offline', 405));
      server = await startServerProcess(port, where());
      await arrives(office, 'desk-offline');
      const back = arrives(desk, 'office-after', 'queued');
      await office.queue.insert(child('office-after', 406));
      await back;
      expect(await office.queue.count().exec()).toBe(35);
      expect(await ids(office)).toEqual(await ids(desk));
      expect((await office.queue.findOne('seed-0').exec())!.status).toBe('referred');
    } finally {
      await desk.cancel();
      await office.cancel();
      await server.stop();
    }
  });
});

describe('two sync server processes on one PostgreSQL', () => {
  it('a client of one server receives, live, a write taken by the other', async () => {
    const [portA, portB] = [await freePort(), await freePort()];
    const [serverA, serverB] = await Promise.all([
      startServerProcess(portA, postgres.url),
      startServerProcess(portB, postgres.url),
    ]);
    const onA = await startClient(serverA.url);
    const onB = await startClient(serverB.url);
    try {
      const live = arrives(onA, 'via-b', 'queued');
      await onB.queue.insert(child('via-b', 402));
      await live;
      const back = arrives(onB, 'via-b', 'referred');
      await (await onA.queue.findOne('via-b').exec())!.incrementalPatch({ status: 'referred' });
      await back;
    } finally {
      await onA.cancel();
      await onB.cancel();
      await Promise.all([serverA.stop(), serverB.stop()]);
    }
  });
});
