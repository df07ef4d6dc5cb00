import { networkInterfaces } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { ConsoleSmsGateway, HttpSmsGateway } from '../../../sync-server/auth';
import type { Runtime } from '../../../sync-server/runtime';
import { type RunningServer, startServer } from '../../../sync-server/server';
import { startTestRuntime } from './harness';

/**
 * Issue 13, point 8: the dev SMS endpoint exists only when the operator turns it on (DEV_SMS=1), answers
 * only clients on this computer by the socket's own address, and never when an SMS operator is set.
 */
const PHONE = '+77012345678';

/** An address of this machine that is not a loopback one, to call from "another computer". */
const outsideAddress = Object.values(networkInterfaces())
  .flat()
  .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;

describe('the dev SMS endpoint', () => {
  let runtime: Runtime | undefined;
  let server: RunningServer | undefined;
  afterEach(async () => {
    await server?.close();
    await runtime?.close();
    server = undefined;
    runtime = undefined;
  });

  async function start(devSmsEndpoint: boolean, trustProxy?: string[]) {
    ({ runtime } = await startTestRuntime());
    runtime.ctx.config.devSmsEndpoint = devSmsEndpoint;
    const sms = new ConsoleSmsGateway(runtime.ctx.log);
    runtime.ctx.sms = sms;
    server = await startServer(runtime.ctx, {
      port: 0,
      host: '0.0.0.0',
      storage: runtime.storage.kind,
      ...(trustProxy ? { trustProxy } : {}),
    });
    await sms.send(PHONE, 'Oryn: 482913 — код подтверждения');
    return server.port;
  }

  const ask = async (host: string, port: number, headers: Record<string, string> = {}) => {
    const res = await fetch(`http://${host}:${port}/api/dev/sms/${encodeURIComponent(PHONE)}`, { headers });
    return { status: res.status, text: await res.text() };
  };

  it('answers a client on this computer when the operator turned it on', async () => {
    const port = await start(true);
    const answer = await ask('127.0.0.1', port);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual({ phone: PHONE, code: '482913' });
  });

  it('does not exist unless the operator turned it on', async () => {
    const port = await start(false);
    const answer = await ask('127.0.0.1', port);
    expect(answer.status).toBe(404);
    expect(answer.text).not.toContain('482913');
  });

  it('never answers when an SMS operator is configured', async () => {
    const port = await start(true);
    runtime!.ctx.sms = new HttpSmsGateway({ url: 'http://127.0.0.1:9/sms' });
    const answer = await ask('127.0.0.1', port);
    expect(answer.status).toBe(404);
    expect(answer.text).not.toContain('482913');
  });

  it.skipIf(!outsideAddress)('answers nobody on another computer', async () => {
    const port = await start(true);
    const answer = await ask(outsideAddress!, port);
    expect(answer.status).toBe(404);
    expect(answer.text).not.toContain('482913');
    expect(JSON.parse(answer.text).error.code).toBe('notFound');
  });

  it('answers no request relayed by a proxy, and no X-Forwarded-For makes a client local', async () => {
    const port = await start(true, ['loopback']);
    const relayed: Record<string, string>[] = [
      { 'x-forwarded-for': '127.0.0.1' },
      { 'x-forwarded-for': '203.0.113.9' },
      { forwarded: 'for=127.0.0.1' },
    ];
    for (const headers of relayed) {
      const answer = await ask('127.0.0.1', port, headers);
      expect(answer.status).toBe(404);
      expect(answer.text).not.toContain('482913');
    }
    if (outsideAddress) {
      const spoofed = await ask(outsideAddress, port, { 'x-forwarded-for': '127.0.0.1' });
      expect(spoofed.status).toBe(404);
    }
  });
});
