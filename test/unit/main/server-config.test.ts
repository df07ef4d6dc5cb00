import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { ServerConfig } from '../../../main/server-config';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'oryn-config-'));
});

describe('the sync server URL (first-run screen)', () => {
  it('is unset on the first run, so the first-run screen asks for it', async () => {
    expect(await new ServerConfig(folder).get()).toBeNull();
  });

  it('is remembered across restarts once saved, without a trailing slash', async () => {
    const saved = await new ServerConfig(folder).set('http://192.168.1.10:8080/');
    expect(saved).toEqual({ ok: true, value: 'http://192.168.1.10:8080' });
    expect(await new ServerConfig(folder).get()).toBe('http://192.168.1.10:8080');
    expect(JSON.parse(await readFile(join(folder, 'settings.json'), 'utf8'))).toEqual({
      serverUrl: 'http://192.168.1.10:8080',
    });
  });

  it('keeps a path prefix for a server behind a reverse proxy', async () => {
    expect(await new ServerConfig(folder).set('https://oryn.example.kz/district-7/')).toEqual({
      ok: true,
      value: 'https://oryn.example.kz/district-7',
    });
  });

  it.each([
    'javascript:alert(1)',
    'file:///C:/oryn',
    'ftp://server',
    'https://user:secret@oryn.example.kz',
    'https://oryn.example.kz/?token=1',
    'oryn.example.kz',
    42,
    null,
  ])('refuses %j', async (url) => {
    expect(await new ServerConfig(folder).set(url)).toEqual({
      ok: false,
      error: { code: 'host.invalidInput', params: { field: 'serverUrl' } },
    });
  });

  it('may be pre-set for a whole office by ORYN_SERVER_URL, and the saved one wins', async () => {
    expect(await new ServerConfig(folder, 'http://10.0.0.5:8080').get()).toBe('http://10.0.0.5:8080');
    await new ServerConfig(folder).set('http://10.0.0.6:8080');
    expect(await new ServerConfig(folder, 'http://10.0.0.5:8080').get()).toBe('http://10.0.0.6:8080');
  });

  it('asks again when the settings file is damaged', async () => {
    await writeFile(join(folder, 'settings.json'), '{"serverUrl": ');
    expect(await new ServerConfig(folder).get()).toBeNull();
  });
});
