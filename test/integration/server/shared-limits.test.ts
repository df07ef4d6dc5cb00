import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiLimits, createApi } from '../../../sync-server/api';
import { createUser, RateLimiter, rateStoreOf } from '../../../sync-server/auth';
import { createLogger } from '../../../sync-server/logging';
import { openRuntime, type Runtime } from '../../../sync-server/runtime';
import { type PostgresServer, startPostgres } from '../storage/postgres-server';
import { RecordingSms, TestClock } from '../../support/test-context';
import { logSink } from './harness';

// Issue 13, point 5: the abuse limits hold across every process on one PostgreSQL, not N times over.
// Two runtimes on one real PostgreSQL, each with its own pool (as two server processes would be),
// each serving the parents' API.
describe('limits shared by two processes on one PostgreSQL', () => {
  let pg: PostgresServer;
  const runtimes: Runtime[] = [];
  const servers: Server[] = [];
  const bases: string[] = [];
  const clock = new TestClock('2026-03-19T10:00:00+05:00');
  const sms = new RecordingSms();
  const limits: Partial<ApiLimits> = {
    smsPerAddress: { capacity: 2, refillEveryMs: 3_600_000 },
    loginBackoff: { free: 3, baseMs: 60_000, maxMs: 600_000, forgetAfterMs: 3_600_000 },
  };

  beforeAll(async () => {
    pg = await startPostgres();
    // RxDB allows one database of a name per process: the second runtime names its own (its own
    // tables); the limits are the PostgreSQL database's, shared all the same.
    for (const [url, name] of [
      [pg.url, 'oryn'],
      [`${pg.url}?application_name=b`, 'orynb'],
    ] as const) {
      const runtime = await openRuntime({
        storage: { kind: 'postgres', url },
        name,
        config: { tokenSecret: 'shared-limits-secret-0123456789', publicUrl: 'http://127.0.0.1' },
        log: createLogger({ level: 'warn', destination: logSink([]) }),
        now: clock.now,
        sms,
      });
      runtimes.push(runtime);
      const app = express();
      app.use('/api', createApi(runtime.ctx, { limits }));
      const server = app.listen(0, '127.0.0.1');
      await once(server, 'listening');
      servers.push(server);
      bases.push(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api`);
    }
  }, 120_000);

  afterAll(async () => {
    for (const server of servers) {
      server.closeAllConnections();
      server.close();
    }
    for (const runtime of runtimes) await runtime.close();
    await pg?.stop();
  });

  const post = async (process: number, path: string, body: unknown) => {
    const res = await fetch(`${bases[process]}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as { error?: { code: string } } };
  };

  it('counts an address’s SMS codes once, whichever process sent them', async () => {
    const statuses = [];
    for (const [process, phone] of [
      [0, '+77010000011'],
      [1, '+77010000012'],
      [0, '+77010000013'],
      [1, '+77010000014'],
    ] as const)
      statuses.push((await post(process, '/auth/otp', { phone, consent: true })).status);
    expect(statuses).toEqual([200, 200, 429, 429]);
    expect(sms.sent).toHaveLength(2);
  });

  it('slows a password guesser down across processes', async () => {
    for (const runtime of runtimes)
      await createUser(runtime.ctx, {
        login: 'staff-tur-01',
        password: 'staff-password-1',
        role: 'staff',
        name: 'Исенова Г.',
        kindergartenId: 'kg-tur-01',
      });
    const guess = (process: number) =>
      post(process, '/auth/login', { login: 'staff-tur-01', password: 'wrong-password' });
    const codes = [];
    for (const process of [0, 1, 0, 1]) codes.push((await guess(process)).body.error?.code);
    expect(codes).toEqual(['invalidCredentials', 'invalidCredentials', 'invalidCredentials', 'rateLimited']);
  });

  it('gives out a bucket’s last tokens once when both processes take them at the same moment', async () => {
    const limit = { capacity: 5, refillEveryMs: 3_600_000 };
    const [a, b] = runtimes.map((r) => new RateLimiter('race', limit, r.ctx.now, rateStoreOf(r.ctx.db))) as [
      RateLimiter,
      RateLimiter,
    ];
    const verdicts = await Promise.all(
      Array.from({ length: 16 }, (_, i) => (i % 2 === 0 ? a : b).take('+77010000099')),
    );
    expect(verdicts.filter((v) => v.ok)).toHaveLength(5);
  });
});
