import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { actionSchema } from '../../../src/schema';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../../sync-server/server';
import type { Runtime } from '../../../sync-server/runtime';
import { loginAs, startTestRuntime } from './harness';

// The HTTP surface around replication and the API; rxdb's memory storage is enough here.
describe('the server over HTTP', () => {
  let runtime: Runtime;
  let server: RunningServer;
  beforeAll(async () => {
    ({ runtime } = await startTestRuntime({ kind: 'memory' }));
    const pages = mkdtempSync(join(tmpdir(), 'oryn-pages-'));
    for (const app of ['staff', 'supervisor', 'parent']) {
      mkdirSync(join(pages, app));
      writeFileSync(join(pages, app, 'index.html'), `<!doctype html><title>${app}</title>`);
    }
    writeFileSync(
      join(pages, 'parent', 'app.js'),
      `export const texts = ${JSON.stringify('Балабақша '.repeat(2000))};`,
    );
    server = await startServer(runtime.ctx, {
      port: 0,
      host: '127.0.0.1',
      storage: 'memory',
      rendererDir: pages,
    });
  });
  afterAll(async () => {
    await server.close();
    await runtime.close();
  });

  it('answers /api/health with the storage in use and the public address referrals’ QR codes open', async () => {
    const res = await fetch(`${server.url}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      ok: true,
      storage: 'memory',
      publicUrl: runtime.ctx.config.publicUrl,
    });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('serves the staff app at /staff, the supervisor pages at /supervisor and parents at /, with their client-side routes', async () => {
    const title = async (path: string) => {
      const res = await fetch(`${server.url}${path}`, { headers: { accept: 'text/html' } });
      return /<title>(.*)<\/title>/.exec(await res.text())?.[1];
    };
    expect(await title('/staff/')).toBe('staff');
    expect(await title('/staff/bulletins/bul-1')).toBe('staff');
    expect(await title('/supervisor/')).toBe('supervisor');
    expect(await title('/')).toBe('parent');
    expect(await title('/applications/app-1')).toBe('parent');
  });

  it('sends the pages gzip-compressed to a browser that accepts it (parents on slow mobile networks)', async () => {
    const res = await fetch(`${server.url}/app.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(await res.text()).toContain('Балабақша');
  });

  it('refuses an oversize replication push with 413 and a code', async () => {
    const staff = await loginAs(runtime, { login: 'staff-a', role: 'staff', kindergartenId: 'kg-a' });
    const res = await fetch(`${server.url}/replication/actions/${actionSchema.version}/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${staff.token}` },
      body: JSON.stringify([
        { newDocumentState: { id: 'x', payload: { pad: 'x'.repeat(6 * 1024 * 1024) } } },
      ]),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: 'payloadTooLarge' } });
  });

  it('answers an unknown replication address with a JSON 404', async () => {
    const res = await fetch(`${server.url}/replication/users/0/pull`);
    expect(res.status).toBe(404);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('notFound');
    expect(body.error.message).toMatch(/найден/);
  });
});
