import { type ChildProcess, spawn } from 'node:child_process';
import { actionSchema } from '../../../src/schema';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { postgresCoordination } from '../../../sync-server/actions';
import { verifyChain } from '../../../sync-server/audit';
import { issueSession, revokeAllSessions, revokeSession, verifySession } from '../../../sync-server/auth';
import { collection } from '../../../sync-server/database';
import { createLogger } from '../../../sync-server/logging';
import { openRuntime, type Runtime } from '../../../sync-server/runtime';
import { type RunningServer, startServer } from '../../../sync-server/server';
import { openPgDriver } from '../../../sync-server/storage';
import { readAll } from '../../../sync-server/store';
import { freePort, type PostgresServer, startPostgres } from '../storage/postgres-server';
import { kgAActivation, loginAs, logSink, seedSmallDistrict } from './harness';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const SECRET = 'two-processes-share-this-secret-0123456789';

/** An SSE client over fetch: collects `event:`/`data:` frames as they arrive. */
function listen(url: string) {
  const events: { event: string; data: Record<string, unknown> }[] = [];
  const controller = new AbortController();
  const done = (async () => {
    const res = await fetch(url, { signal: controller.signal });
    const reader = res.body!.getReader();
    let buffer = '';
    for (;;) {
      const { value, done: end } = await reader.read();
      if (end) return;
      buffer += new TextDecoder().decode(value);
      let cut = buffer.indexOf('\n\n');
      while (cut >= 0) {
        const frame = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const event = /^event: (.*)$/m.exec(frame)?.[1];
        const data = /^data: (.*)$/m.exec(frame)?.[1];
        if (event && data) events.push({ event, data: JSON.parse(data) });
        cut = buffer.indexOf('\n\n');
      }
    }
  })().catch(() => undefined);
  return { events, stop: () => controller.abort(), done };
}

describe('two server processes on one PostgreSQL', () => {
  let pg: PostgresServer;
  let runtime: Runtime;
  let serverA: RunningServer;
  let processB: ChildProcess;
  let urlB: string;

  beforeAll(async () => {
    pg = await startPostgres();
    const lines: string[] = [];
    runtime = await openRuntime({
      storage: { kind: 'postgres', url: pg.url },
      config: { tokenSecret: SECRET, publicUrl: 'http://127.0.0.1' },
      log: createLogger({ level: 'warn', destination: logSink(lines) }),
    });
    await seedSmallDistrict(runtime);
    serverA = await startServer(runtime.ctx, { port: 0, host: '127.0.0.1', storage: 'postgres' });
    const portB = await freePort();
    urlB = `http://127.0.0.1:${portB}`;
    // Process B is the real command line, as a second instance behind a load balancer would run it.
    const tsx = join(ROOT, 'node_modules', 'tsx', 'dist');
    processB = spawn(
      process.execPath,
      [
        '--require',
        join(tsx, 'preflight.cjs'),
        '--import',
        pathToFileURL(join(tsx, 'loader.mjs')).href,
        join(ROOT, 'sync-server', 'cli.ts'),
        'serve',
      ],
      {
        cwd: mkdtempSync(join(tmpdir(), 'oryn-b-')),
        env: {
          ...process.env,
          DATABASE_URL: pg.url,
          PORT: String(portB),
          HOST: '127.0.0.1',
          TOKEN_SECRET: SECRET,
          LOG_LEVEL: 'warn',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    processB.stdout?.on('data', (d) => (output += d));
    processB.stderr?.on('data', (d) => (output += d));
    await vi.waitFor(
      async () => {
        if (processB.exitCode !== null) throw new Error(`process B exited: ${output.slice(-2000)}`);
        const res = await fetch(`${urlB}/api/health`);
        expect(await res.json()).toMatchObject({ ok: true, storage: 'postgres' });
      },
      { timeout: 90_000, interval: 500 },
    );
  }, 180_000);

  afterAll(async () => {
    if (processB && processB.exitCode === null) {
      const exited = new Promise((ok) => processB.once('exit', ok));
      processB.kill('SIGTERM');
      await exited;
    }
    // Each step on its own: a failure in one must not leave the PostgreSQL server running.
    await serverA?.close().catch(() => undefined);
    await runtime?.close().catch(() => undefined);
    await pg?.stop();
  }, 60_000);

  it('refuses on one process a session revoked, or an account logged out everywhere, on the other', async () => {
    // Each process keeps the sessions and accounts it checked (auth/account-cache.ts) until it hears of a change.
    const now = runtime.ctx.now();
    const parents = ['parent:kept-1', 'parent:kept-2'];
    await collection(runtime.ctx.db, 'parents').bulkInsert(
      parents.map((id, i) => ({
        id,
        phone: `+7701555000${i}`,
        consentVersion: '2026-01',
        consentAt: now.toISOString(),
        passwordHash: '!',
        tokenVersion: 0,
        createdAt: now.toISOString(),
        updatedAt: now.getTime(),
      })),
    );
    const [one, two] = await Promise.all(
      parents.map((id) => issueSession(runtime.ctx, { id, role: 'parent', tokenVersion: 0 })),
    );
    const me = (token: string) =>
      fetch(`${urlB}/api/me`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.status);
    expect(await me(one.token)).toBe(200);
    expect(await me(two.token)).toBe(200);
    expect(await me(one.token)).toBe(200);
    const principal = await verifySession(runtime.ctx, one.token);
    await revokeSession(runtime.ctx, principal!.sessionId);
    await revokeAllSessions(runtime.ctx, 'parent:kept-2', 'parent');
    await vi.waitFor(async () => expect(await me(one.token)).toBe(401), { timeout: 5_000, interval: 50 });
    await vi.waitFor(async () => expect(await me(two.token)).toBe(401), { timeout: 5_000, interval: 50 });
  });

  it("brings a staff action pushed to one process to a parent's event stream on the other, applied once", async () => {
    const parent = await issueSession(runtime.ctx, { id: 'par-1', role: 'parent', tokenVersion: 0 });
    const stream = listen(`${urlB}/api/events?token=${encodeURIComponent(parent.token)}`);
    await vi.waitFor(() => expect(stream.events.map((e) => e.event)).toContain('ready'), { timeout: 20_000 });

    const staff = await loginAs(runtime, { login: 'staff-a', role: 'staff', kindergartenId: 'kg-a' });
    const action = kgAActivation(staff.userId, runtime.ctx.now());
    const push = await fetch(`${serverA.url}/replication/actions/${actionSchema.version}/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${staff.token}` },
      body: JSON.stringify([{ newDocumentState: { ...action, _deleted: false } }]),
    });
    expect(push.status).toBe(200);

    await vi.waitFor(
      () =>
        expect(stream.events).toContainEqual(
          expect.objectContaining({
            event: 'notification',
            data: expect.objectContaining({ kind: 'referralIssued' }),
          }),
        ),
      { timeout: 30_000, interval: 200 },
    );
    stream.stop();
    // The action is marked last (after its documents, notifications and audit entry).
    await vi.waitFor(
      async () =>
        expect((await readAll(collection(runtime.ctx.db, 'actions'), { id: action.id }))[0].status).toBe(
          'applied',
        ),
      { timeout: 10_000, interval: 100 },
    );
    const audit = await readAll(collection(runtime.ctx.db, 'audit'), {});
    expect(audit.filter((e) => e.actionId === action.id)).toHaveLength(1);
    expect(verifyChain(audit).ok).toBe(true);
  });

  it('lets one process lead the scheduler at a time, and applies actions one at a time across processes', async () => {
    const [d1, d2] = await Promise.all([openPgDriver(pg.url, 2), openPgDriver(pg.url, 2)]);
    try {
      const one = postgresCoordination(async () => d1);
      const two = postgresCoordination(async () => d2);
      let release!: () => void;
      const held = new Promise<void>((ok) => (release = ok));
      let entered!: () => void;
      const inside = new Promise<void>((ok) => (entered = ok));
      const leading = one.ifLeader('scheduler', async () => {
        entered();
        await held;
      });
      await inside;
      expect(await two.ifLeader('scheduler', async () => {})).toBe(false);
      release();
      expect(await leading).toBe(true);
      expect(await two.ifLeader('scheduler', async () => {})).toBe(true);

      const order: string[] = [];
      let releaseA!: () => void;
      const gate = new Promise<void>((ok) => (releaseA = ok));
      let aIn!: () => void;
      const aInside = new Promise<void>((ok) => (aIn = ok));
      const a = one.exclusive(async () => {
        aIn();
        order.push('a starts');
        await gate;
        order.push('a ends');
      });
      await aInside;
      const b = two.exclusive(async () => {
        order.push('b runs');
      });
      await new Promise((ok) => setTimeout(ok, 300));
      releaseA();
      await Promise.all([a, b]);
      expect(order).toEqual(['a starts', 'a ends', 'b runs']);
    } finally {
      await d1.close();
      await d2.close();
    }
  });
});
