import { describe, expect, it } from 'vitest';
import {
  rememberForOffline,
  updateOfflineRefreshToken,
  verifyOffline,
} from '../../../renderer/staff/session/offline-verifier';
import { memoryStorage } from './memory-storage';

const server = 'http://127.0.0.1:8080';
const user = {
  id: 'user:balapan-a',
  login: 'balapan-a',
  role: 'staff',
  name: 'Исенова Гулмира Ибраимовна',
  kindergartenId: 'kg-1',
};

describe('logging in offline after a first online login', () => {
  it('opens with the same login and password, and keeps no password on the workstation', async () => {
    const storage = memoryStorage();
    await rememberForOffline(storage, server, 'balapan-a', 'staff-password-a', user, 'refresh-1');
    const record = await verifyOffline(storage, server, 'Balapan-A ', 'staff-password-a');
    expect(record?.user).toEqual(user);
    expect(record?.refreshToken).toBe('refresh-1');
    expect(
      JSON.stringify([...Array(storage.length).keys()].map((i) => storage.getItem(storage.key(i)!))),
    ).not.toContain('staff-password-a');
  });

  it('refuses a wrong password, and a login never used online on this workstation', async () => {
    const storage = memoryStorage();
    await rememberForOffline(storage, server, 'balapan-a', 'staff-password-a', user, 'refresh-1');
    expect(await verifyOffline(storage, server, 'balapan-a', 'staff-password-b')).toBeNull();
    expect(await verifyOffline(storage, server, 'balapan-b', 'staff-password-a')).toBeNull();
  });

  it('belongs to one server: the same login on another district server is unknown', async () => {
    const storage = memoryStorage();
    await rememberForOffline(storage, server, 'balapan-a', 'staff-password-a', user, 'refresh-1');
    expect(await verifyOffline(storage, 'http://10.0.0.5:8080', 'balapan-a', 'staff-password-a')).toBeNull();
  });

  it('keeps the newest refresh token so the session resumes when the connection returns', async () => {
    const storage = memoryStorage();
    await rememberForOffline(storage, server, 'balapan-a', 'staff-password-a', user, 'refresh-1');
    updateOfflineRefreshToken(storage, server, 'balapan-a', 'refresh-2');
    expect((await verifyOffline(storage, server, 'balapan-a', 'staff-password-a'))?.refreshToken).toBe(
      'refresh-2',
    );
  });
});
