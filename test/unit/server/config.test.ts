import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSettings, readEnvironment, serverConfigOf } from '../../../sync-server/config';
import { storageRequestOf } from '../../../sync-server/storage-choice';

describe('settings', () => {
  it('defaults to 127.0.0.1:8080 with PGlite in ./data', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'oryn-config-'));
    const s = loadSettings({}, cwd);
    expect(s).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      dataDir: join(cwd, 'data'),
      publicUrl: 'http://127.0.0.1:8080',
    });
    expect(storageRequestOf(s)).toEqual({ kind: 'pglite', dataDir: join(cwd, 'data', 'pglite') });
  });

  it('generates the token secret once and keeps it in the data folder', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'oryn-config-'));
    const first = loadSettings({}, cwd).tokenSecret;
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(loadSettings({}, cwd).tokenSecret).toBe(first);
    expect(readFileSync(join(cwd, 'data', 'token-secret'), 'utf8')).toBe(first);
    expect(loadSettings({ TOKEN_SECRET: 'from-the-environment-0123456789abcdef' }, cwd).tokenSecret).toBe(
      'from-the-environment-0123456789abcdef',
    );
  });

  it('runs on PostgreSQL when DATABASE_URL is set, reading .env under the environment', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'oryn-config-'));
    writeFileSync(
      join(cwd, '.env'),
      'PORT=9090\nDATABASE_URL=postgres://oryn@127.0.0.1/oryn\nHOST=0.0.0.0\n',
    );
    const s = loadSettings(readEnvironment({ PORT: '9191' }, cwd), cwd);
    expect(s.port).toBe(9191);
    expect(s.publicUrl).toBe('http://127.0.0.1:9191');
    expect(storageRequestOf(s)).toEqual({ kind: 'postgres', url: 'postgres://oryn@127.0.0.1/oryn' });
  });

  it('refuses a port that is not one and a database URL that is not PostgreSQL', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'oryn-config-'));
    expect(() => loadSettings({ PORT: 'eighty' }, cwd)).toThrow(/invalidPort/);
    expect(() => loadSettings({ DATABASE_URL: 'mysql://x' }, cwd)).toThrow(/invalidDatabaseUrl/);
  });

  it('shows SMS codes on the dev endpoint only when the operator turns it on and no SMS operator is set', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'oryn-config-'));
    expect(serverConfigOf(loadSettings({}, cwd)).devSmsEndpoint).toBe(false);
    expect(serverConfigOf(loadSettings({ DEV_SMS: '0' }, cwd)).devSmsEndpoint).toBe(false);
    expect(serverConfigOf(loadSettings({ DEV_SMS: '1' }, cwd)).devSmsEndpoint).toBe(true);
    const withOperator = loadSettings({ DEV_SMS: '1', SMS_GATEWAY_URL: 'http://127.0.0.1:9/sms' }, cwd);
    expect(serverConfigOf(withOperator).devSmsEndpoint).toBe(false);
  });

  it('trusts no proxy unless TRUST_PROXY names its addresses, and refuses what is not an address', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'oryn-config-'));
    expect(loadSettings({}, cwd).trustProxy).toEqual([]);
    expect(
      loadSettings({ TRUST_PROXY: ' 10.0.0.5, 192.168.0.0/16 ,loopback,fd00::/8' }, cwd).trustProxy,
    ).toEqual(['10.0.0.5', '192.168.0.0/16', 'loopback', 'fd00::/8']);
    expect(loadSettings({ TRUST_PROXY: '10.0.0.0/255.0.0.0' }, cwd).trustProxy).toEqual([
      '10.0.0.0/255.0.0.0',
    ]);
    for (const bad of ['true', '*', '10.0.0.300', '10.0.0.0/33', 'proxy.example.kz', '1']) {
      expect(() => loadSettings({ TRUST_PROXY: bad }, cwd)).toThrow(/invalidTrustProxy/);
    }
  });
});
