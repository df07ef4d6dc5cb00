import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { AuthError, ConsoleSmsGateway, HttpSmsGateway, lookupPerson } from '../../../sync-server/auth';
import type { PersonRecord, PersonRegistry } from '../../../sync-server/context';
import { createLogger } from '../../../sync-server/logging';
import { fileSeedApplication, registerParent, seedCatalogue, startApi, type TestApi, logIn } from './harness';

let api: TestApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

describe('console SMS gateway', () => {
  it('logs a masked line without the code, and keeps the last code for the dev endpoint', async () => {
    const lines: string[] = [];
    const log = createLogger({
      destination: new Writable({
        write(chunk, _e, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    });
    const sms = new ConsoleSmsGateway(log);
    await sms.send('+77012345678', 'Oryn: 482913 — код подтверждения');
    expect(sms.lastCode('+77012345678')).toBe('482913');
    expect(lines.join('')).not.toContain('482913');
    expect(lines.join('')).not.toContain('7012345678');
  });

  it('serves the last code at /api/dev/sms/:phone only when the dev endpoint is enabled', async () => {
    api = await startApi({ config: { devSmsEndpoint: true } });
    const gateway = new ConsoleSmsGateway(api.ctx.log);
    api.ctx.sms = gateway;
    await api.call('POST', '/auth/otp', { body: { phone: '+77012345678', consent: true } });
    const dev = await api.call('GET', `/dev/sms/${encodeURIComponent('+7 701 234 56 78')}`);
    expect(dev.body).toEqual({ phone: '+77012345678', code: gateway.lastCode('+77012345678') });
    await api.close();

    api = await startApi();
    const off = await api.call('GET', '/dev/sms/+77012345678');
    expect(off.status).toBe(404);
  });
});

describe('HTTP SMS gateway', () => {
  it('posts { to, text } to the operator with its key, and fails with smsFailed when the operator does', async () => {
    const received: { auth?: string; body: string }[] = [];
    let answer = 200;
    const operator = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        received.push({ auth: req.headers.authorization, body });
        res.statusCode = answer;
        res.end();
      });
    }).listen(0, '127.0.0.1');
    await once(operator, 'listening');
    const url = `http://127.0.0.1:${(operator.address() as AddressInfo).port}/send`;
    const gateway = new HttpSmsGateway({ url, apiKey: 'k-123' });
    await gateway.send('+77012345678', 'Oryn: 123456');
    expect(received).toEqual([
      { auth: 'Bearer k-123', body: JSON.stringify({ to: '+77012345678', text: 'Oryn: 123456' }) },
    ]);
    answer = 503;
    await expect(gateway.send('+77012345678', 'x')).rejects.toMatchObject({ code: 'smsFailed', status: 502 });
    operator.close();
  });
});

describe('person registry', () => {
  it('refuses a registry record that disagrees with the birth date the IIN encodes (iinMismatch)', async () => {
    api = await startApi();
    // The state registry is an outside boundary like the SMS operator: this one returns a stale record.
    const stale: PersonRegistry = {
      async lookup(iin: string): Promise<PersonRecord> {
        return { iin, lastName: 'КАМЕНОВА', firstName: 'ДАНИЯ', birthDate: '2017-07-21', sex: 'female' };
      },
    };
    api.ctx.people = stale;
    await expect(lookupPerson(api.ctx, '170720600126')).rejects.toBeInstanceOf(AuthError);
    await expect(lookupPerson(api.ctx, '170720600126')).rejects.toMatchObject({
      code: 'iinMismatch',
      status: 422,
    });
  });
});

describe('live events', () => {
  it('accepts the session as ?token= (EventSource cannot send headers) and refuses a stream without one', async () => {
    api = await startApi();
    const parent = await registerParent(api);
    const none = await fetch(`${api.base}/events`);
    expect(none.status).toBe(401);
    const res = await fetch(`${api.base}/events?token=${encodeURIComponent(parent.token)}`);
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toContain('event: ready');
    await reader.cancel();
  });

  it('ends the stream with an "expired" event once the session is logged out', async () => {
    api = await startApi();
    await seedCatalogue(api.ctx);
    const parent = await registerParent(api);
    const res = await fetch(`${api.base}/events`, { headers: { authorization: `Bearer ${parent.token}` } });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = decoder.decode((await reader.read()).value);
    expect(text).toContain('event: ready');
    await api.call('POST', '/auth/logout', { token: parent.token });
    // Any change for this parent now reaches the stream: adding a child writes nothing it hears, so
    // file an application with a fresh session, which notifies the parent.
    const again = await logIn(api, { phone: parent.phone, password: 'Balapan-2019' });
    await fileSeedApplication(api, again.body.token);
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value);
    }
    expect(text).toContain('event: expired');
    expect(text).not.toContain('event: notification');
  });
});
