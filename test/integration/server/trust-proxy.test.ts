import { afterEach, describe, expect, it } from 'vitest';
import type { Runtime } from '../../../sync-server/runtime';
import { type RunningServer, startServer } from '../../../sync-server/server';
import { startTestRuntime } from './harness';

/**
 * Issue 13, point 5: `X-Forwarded-For` names the client only when TRUST_PROXY names the proxy that
 * sent it; by default the socket's address is the client's, so rotating the header does not escape a
 * per-address limit (30 OTP requests with rotating headers all passed it before). Observed through the
 * per-address limit of the auth routes: a refresh with a token that is not one is cheap and counted.
 */
describe('X-Forwarded-For and TRUST_PROXY', () => {
  let runtime: Runtime | undefined;
  let server: RunningServer | undefined;
  afterEach(async () => {
    await server?.close();
    await runtime?.close();
    server = undefined;
    runtime = undefined;
  });

  async function start(trustProxy?: string[]) {
    ({ runtime } = await startTestRuntime());
    server = await startServer(runtime.ctx, {
      port: 0,
      host: '127.0.0.1',
      storage: runtime.storage.kind,
      processActions: false,
      ...(trustProxy ? { trustProxy } : {}),
    });
    return server.url;
  }

  /** Refreshes from 127.0.0.1, each claiming another client address; the statuses answered. */
  async function refreshesWithRotatingHeader(url: string, count: number): Promise<number[]> {
    const statuses: number[] = [];
    for (let i = 0; i < count; i++) {
      const res = await fetch(`${url}/api/auth/refresh`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          // What one proxy sends: the address it received the request from, a new one each time.
          'x-forwarded-for': `198.51.100.${i + 1}`,
        },
        body: JSON.stringify({ refreshToken: 'not-a-token' }),
      });
      await res.arrayBuffer();
      statuses.push(res.status);
      if (res.status === 429) break;
    }
    return statuses;
  }

  it('counts a client by its socket, whatever X-Forwarded-For it sends, when no proxy is trusted', async () => {
    const statuses = await refreshesWithRotatingHeader(await start(), 150);
    expect(statuses).toContain(429);
  });

  it('does not trust a loopback client that is not the named proxy', async () => {
    const statuses = await refreshesWithRotatingHeader(await start(['10.20.30.40']), 150);
    expect(statuses).toContain(429);
  });

  it('counts each forwarded client apart when the request comes from the named proxy', async () => {
    const statuses = await refreshesWithRotatingHeader(await start(['127.0.0.1']), 150);
    expect(statuses).toHaveLength(150);
    expect(statuses).not.toContain(429);
    expect(new Set(statuses)).toEqual(new Set([401]));
  });
});
