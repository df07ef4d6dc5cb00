import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SafeStorage } from 'electron';
import { type HostResult, invalidInput, userIdInput } from '../src/host/host-contract';

/**
 * The key that encrypts children's names and IINs in a staff user's replica (docs/architecture.md, Desktop
 * app). It is random, made once per user on this machine, and stored only encrypted by the operating
 * system (`safeStorage`: DPAPI on Windows, Keychain on macOS, libsecret on Linux), so copying the data
 * folder to another machine or account yields nothing readable.
 */
export class ReplicaKeyStore {
  constructor(
    private readonly safeStorage: Pick<
      SafeStorage,
      'isEncryptionAvailable' | 'encryptString' | 'decryptString'
    >,
    private readonly dataFolder: string,
  ) {}

  async keyFor(userId: unknown): Promise<HostResult<string>> {
    const parsed = userIdInput.safeParse(userId);
    if (!parsed.success) return invalidInput('userId');
    if (!this.safeStorage.isEncryptionAvailable()) {
      return { ok: false, error: { code: 'host.safeStorageUnavailable', params: {} } };
    }
    // File names from user ids: safe by userIdInput (letters, digits, _ . : -), ':' replaced for Windows.
    const file = join(this.dataFolder, 'keys', `${parsed.data.replaceAll(':', '_')}.key`);
    const stored = await readFile(file).catch(() => null);
    if (stored) {
      try {
        return { ok: true, value: this.safeStorage.decryptString(stored) };
      } catch {
        // Never replace an unreadable key silently: the replica encrypted with it would become garbage.
        return { ok: false, error: { code: 'host.replicaKeyUnreadable', params: {} } };
      }
    }
    const key = randomBytes(32).toString('base64url');
    await mkdir(join(this.dataFolder, 'keys'), { recursive: true });
    await writeFile(file, this.safeStorage.encryptString(key), { flag: 'wx' }).catch(async (err) => {
      // Another window of the same user won the race: use its key.
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    });
    return { ok: true, value: this.safeStorage.decryptString(await readFile(file)) };
  }
}
