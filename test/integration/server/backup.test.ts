import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyChain } from '../../../sync-server/audit';
import { BackupProblem, backupToFile, exportDatabase, restoreFromFile } from '../../../sync-server/backup';
import { collection } from '../../../sync-server/database';
import type { Runtime } from '../../../sync-server/runtime';
import { readAll } from '../../../sync-server/store';
import { seedSmallDistrict, startTestRuntime } from './harness';

// Rules over the data, not the storage: rxdb's memory storage keeps this suite quick (the processor
// and replication suites run on PGlite).
describe('backup and restore', () => {
  const open: Runtime[] = [];
  afterEach(async () => {
    for (const r of open.splice(0)) await r.close();
  });

  it('restores every collection exactly, the audit chain included', async () => {
    const { runtime: source } = await startTestRuntime({ kind: 'memory' });
    open.push(source);
    await seedSmallDistrict(source);
    const file = join(mkdtempSync(join(tmpdir(), 'oryn-backup-')), 'backup.json');
    const count = await backupToFile(source.ctx.db, file, source.ctx.now());
    expect(count).toBeGreaterThan(20);

    const { runtime: target } = await startTestRuntime({ kind: 'memory' });
    open.push(target);
    expect(await restoreFromFile(target.ctx.db, file)).toBe(count);
    const before = await exportDatabase(source.ctx.db, new Date(0));
    const after = await exportDatabase(target.ctx.db, new Date(0));
    expect(after).toEqual(before);
    expect(verifyChain(await readAll(collection(target.ctx.db, 'audit'), {}))).toMatchObject({
      ok: true,
      length: 9,
    });
  });

  it('refuses to restore over a database that holds data, and a file that is not a backup', async () => {
    const { runtime } = await startTestRuntime({ kind: 'memory' });
    open.push(runtime);
    await seedSmallDistrict(runtime);
    const file = join(mkdtempSync(join(tmpdir(), 'oryn-backup-')), 'backup.json');
    await backupToFile(runtime.ctx.db, file, runtime.ctx.now());
    await expect(restoreFromFile(runtime.ctx.db, file)).rejects.toMatchObject({ code: 'targetNotEmpty' });
    await expect(
      restoreFromFile(runtime.ctx.db, join(tmpdir(), 'no-such-backup.json')),
    ).rejects.toBeInstanceOf(BackupProblem);
  });
});
