import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { appProtocolHandler } from '../../../main/app-protocol';

let root: string;
let secret: string;
beforeAll(async () => {
  const base = await mkdtemp(join(tmpdir(), 'oryn-app-'));
  root = join(base, 'staff');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html><title>Oryn</title>');
  await writeFile(join(root, 'assets', 'index.js'), 'console.log(1)');
  secret = join(base, 'secret.txt');
  await writeFile(secret, 'not for the renderer');
});

const serve = (url: string) =>
  appProtocolHandler(root, async () => 'http://127.0.0.1:8080')(new Request(url));

describe('the app:// protocol that serves the staff renderer', () => {
  it('serves the built files with their type and the CSP as a header', async () => {
    const response = await serve('app://oryn/assets/index.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toContain(
      "connect-src 'self' http://127.0.0.1:8080",
    );
    expect(await response.text()).toBe('console.log(1)');
  });

  it('serves the app for its client-side routes', async () => {
    expect(await (await serve('app://oryn/bulletins/b-1')).text()).toContain('<title>Oryn</title>');
  });

  it.each([
    'app://oryn/%2e%2e/secret.txt',
    'app://oryn/..%2fsecret.txt',
    'app://oryn/assets/..%2f..%2fsecret.txt',
    'app://other/index.html',
    'app://oryn/missing.js',
  ])('answers 404 to %s', async (url) => {
    expect((await serve(url)).status).toBe(404);
  });
});
