import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// The operating system's key store is the Electron binary's: mocked at the module boundary.
const safeStorage = {
  isEncryptionAvailable: vi.fn(() => true),
  encryptString: vi.fn((text: string) => Buffer.from(`sealed:${Buffer.from(text).toString('hex')}`)),
  decryptString: vi.fn((sealed: Buffer) => {
    const text = sealed.toString();
    if (!text.startsWith('sealed:'))
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return Buffer.from(text.slice(7), 'hex').toString();
  }),
};
vi.mock('electron', () => ({ safeStorage }));

const { safeStorage: mocked } = await import('electron');
const { ReplicaKeyStore } = await import('../../../main/replica-key');

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'oryn-key-'));
  safeStorage.isEncryptionAvailable.mockReturnValue(true);
});

describe('the replica encryption key', () => {
  it('is made once per user and returned the same on every later start', async () => {
    const first = await new ReplicaKeyStore(mocked, folder).keyFor('staff-aigerim');
    const again = await new ReplicaKeyStore(mocked, folder).keyFor('staff-aigerim');
    expect(first.ok && first.value.length).toBeGreaterThanOrEqual(43);
    expect(again).toEqual(first);
  });

  it('differs between two staff users of the same computer', async () => {
    const store = new ReplicaKeyStore(mocked, folder);
    const a = await store.keyFor('staff-aigerim');
    const b = await store.keyFor('staff-daniyar');
    expect(a.ok && b.ok && a.value !== b.value).toBe(true);
  });

  it('is stored only sealed by the operating system, never in plain text', async () => {
    const key = await new ReplicaKeyStore(mocked, folder).keyFor('staff-aigerim');
    const [file] = await readdir(join(folder, 'keys'));
    const onDisk = await readFile(join(folder, 'keys', file!), 'utf8');
    expect(key.ok).toBe(true);
    expect(onDisk).not.toContain(key.ok ? key.value : '');
    expect(safeStorage.encryptString).toHaveBeenCalled();
  });

  it('refuses to make a key when the operating system cannot seal it', async () => {
    safeStorage.isEncryptionAvailable.mockReturnValue(false);
    const result = await new ReplicaKeyStore(mocked, folder).keyFor('staff-aigerim');
    expect(result).toEqual({ ok: false, error: { code: 'host.safeStorageUnavailable', params: {} } });
  });

  it('reports an unreadable key instead of silently replacing it (the replica would become garbage)', async () => {
    const store = new ReplicaKeyStore(mocked, folder);
    await store.keyFor('staff-aigerim');
    const [file] = await readdir(join(folder, 'keys'));
    await writeFile(join(folder, 'keys', file!), 'copied from another machine');
    expect(await store.keyFor('staff-aigerim')).toEqual({
      ok: false,
      error: { code: 'host.replicaKeyUnreadable', params: {} },
    });
  });

  it.each(['../../etc/passwd', 'a/b', '', 'x'.repeat(65), 'C:\\keys'])(
    'refuses the user id %j',
    async (userId) => {
      const result = await new ReplicaKeyStore(mocked, folder).keyFor(userId);
      expect(result).toEqual({
        ok: false,
        error: { code: 'host.invalidInput', params: { field: 'userId' } },
      });
    },
  );
});
