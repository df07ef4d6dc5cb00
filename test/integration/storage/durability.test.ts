import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomCouchString } from 'rxdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getRxStoragePostgres } from '../../../sync-server/storage';
import { type QueuedChild, queuedChildSchema } from './application-fixture';
import { BATCH } from './durability-constants';
import { type PostgresServer, startPostgres } from './postgres-server';

// Durability: a writer process is killed with SIGKILL in the middle of its bulk writes. After reopening,
// every bulkWrite is there entirely or not at all, and the data folder opens without any repair step.
const writerScript = join(import.meta.dirname, 'durability-writer.ts');

/** Runs the writer from batch `first` and kills it with SIGKILL right after it starts batch `killAt`. */
function writeUntilKilled(where: string, first: number, killAt: number): Promise<{ lastDone: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', writerScript, where, String(first)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let lastDone = first - 1;
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const lines = out.split('\n');
      out = lines.pop()!;
      for (const line of lines) {
        const [word, n] = line.split(' ');
        if (word === 'done') lastDone = Number(n);
        if (word === 'writing' && Number(n) >= killAt) child.kill('SIGKILL');
      }
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve({ lastDone });
      else reject(new Error(`writer exited by itself (${code}) before it was killed`));
    });
  });
}

/** Reopens the data and answers, per batch, how many children it holds and which statuses they have. */
async function batchesIn(where: string, upTo: number) {
  const storage = getRxStoragePostgres(where.startsWith('postgres://') ? { url: where } : { dataDir: where });
  try {
    const instance = await storage.createStorageInstance<QueuedChild>({
      databaseInstanceToken: randomCouchString(10),
      databaseName: 'durability',
      collectionName: 'queue',
      schema: queuedChildSchema,
      options: {},
      multiInstance: false,
      devMode: false,
    });
    const batches: { count: number; statuses: string[] }[] = [];
    for (let k = 0; k <= upTo; k++) {
      const ids = Array.from({ length: BATCH }, (_, i) => `b${k}-${i}`);
      const docs = await instance.findDocumentsById(ids, true);
      batches.push({ count: docs.length, statuses: [...new Set(docs.map((d) => d.status))] });
    }
    await instance.close();
    return batches;
  } finally {
    await storage.close();
  }
}

function expectWholeBatches(batches: { count: number; statuses: string[] }[], lastDone: number): number {
  let present = -1;
  batches.forEach((batch, k) => {
    // Each bulkWrite landed entirely or not at all: a batch is full or empty, and its update (written
    // by batch k+1 in the same transaction) is either on every child or on none.
    expect([0, BATCH]).toContain(batch.count);
    expect(batch.statuses.length).toBeLessThanOrEqual(1);
    if (batch.count === BATCH) present = k;
  });
  // Everything acknowledged before the kill survived; at most the batch in flight was added.
  expect(present).toBeGreaterThanOrEqual(lastDone);
  expect(present).toBeLessThanOrEqual(lastDone + 1);
  for (let k = 0; k < present; k++) {
    expect(batches[k].statuses).toEqual([`seen-by-${k + 1}`]);
  }
  return present;
}

let folder: string;
let postgres: PostgresServer;
beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'oryn-durability-'));
  postgres = await startPostgres({ durable: true });
});
afterAll(async () => {
  rmSync(folder, { recursive: true, force: true });
  await postgres?.stop();
});

describe('a writer killed with SIGKILL in the middle of bulk writes', () => {
  it('leaves a PGlite data folder that reopens with every bulkWrite whole or absent, twice over', async () => {
    const dir = join(folder, 'pglite');
    const first = await writeUntilKilled(dir, 0, 6);
    const present = expectWholeBatches(await batchesIn(dir, 8), first.lastDone);
    // Write on after the crash, and crash again.
    const second = await writeUntilKilled(dir, present + 1, present + 5);
    expectWholeBatches(await batchesIn(dir, present + 8), second.lastDone);
  });

  it('leaves PostgreSQL with every bulkWrite whole or absent', async () => {
    const { lastDone } = await writeUntilKilled(postgres.url, 0, 6);
    expectWholeBatches(await batchesIn(postgres.url, 8), lastDone);
  });
});
