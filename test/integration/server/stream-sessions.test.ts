import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collections, actionSchema } from '../../../src/schema';
import { loginAs, seedSmallDistrict, startTestServer, type TestServer } from './harness';

/**
 * Issue 13, point 6: every stream (parents' and staff's /api/events, /api/supervisor/live, replication
 * pullStream, the audit's observe) checks its session again on every event and on a timer, and ends on
 * logout, logout everywhere, a disabled account or an expired token, even while nothing happens.
 */
const RECHECK_MS = 150;
/** The timer plus the check and the write: a stream must be over well within this. */
const WITHIN_MS = 3_000;

interface OpenStream {
  text(): string;
  /** Resolves with true once the server ended the stream, false if it is still open after `ms`. */
  endsWithin(ms: number): Promise<boolean>;
  close(): void;
}

async function openStream(url: string, token: string): Promise<OpenStream> {
  const abort = new AbortController();
  const res = await fetch(url, {
    headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
    signal: abort.signal,
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  let received = '';
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const ended = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        received += value;
      }
    } catch {
      // A connection the server closed without the last chunk ends the stream all the same.
    }
  })();
  return {
    text: () => received,
    endsWithin: (ms) =>
      Promise.race([ended.then(() => true), new Promise<boolean>((ok) => setTimeout(() => ok(false), ms))]),
    close: () => abort.abort(),
  };
}

describe('streams end with their session', () => {
  let t: TestServer;
  const streams: OpenStream[] = [];
  beforeEach(async () => {
    t = await startTestServer();
    await seedSmallDistrict(t.runtime);
    t.runtime.ctx.config.sessionRecheckMs = RECHECK_MS;
  });
  afterEach(async () => {
    for (const s of streams.splice(0)) s.close();
    await t.stop();
  });

  async function stream(path: string, token: string): Promise<OpenStream> {
    const s = await openStream(`${t.server.url}${path}`, token);
    streams.push(s);
    return s;
  }

  async function post(path: string, token: string) {
    const res = await fetch(`${t.server.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    await res.arrayBuffer();
    return res.status;
  }

  const staff = () => loginAs(t.runtime, { login: 'staff-a', role: 'staff', kindergartenId: 'kg-a' });
  const supervisor = () =>
    loginAs(t.runtime, { login: 'supervisor-t', role: 'supervisor', regionId: 'turkestan' });
  const auditObserve = `/rest/audit/0/query/observe?query=${Buffer.from(JSON.stringify({ selector: {} })).toString('base64')}`;

  it('ends /api/events on logout while no event arrives, with an expired event', async () => {
    const user = await staff();
    const events = await stream('/api/events', user.token);
    expect(await events.endsWithin(RECHECK_MS * 3)).toBe(false);
    expect(await post('/api/auth/logout', user.token)).toBe(200);
    expect(await events.endsWithin(WITHIN_MS)).toBe(true);
    expect(events.text()).toContain('event: expired');
  });

  it('ends /api/supervisor/live on logout everywhere', async () => {
    const user = await supervisor();
    const live = await stream('/api/supervisor/live', user.token);
    expect(await live.endsWithin(RECHECK_MS * 3)).toBe(false);
    expect(await post('/api/auth/logout-all', user.token)).toBe(200);
    expect(await live.endsWithin(WITHIN_MS)).toBe(true);
    expect(live.text()).toContain('event: expired');
  });

  it('delivers nothing more on /api/supervisor/live once logged out, even before the timer', async () => {
    t.runtime.ctx.config.sessionRecheckMs = 600_000;
    const user = await supervisor();
    const live = await stream('/api/supervisor/live', user.token);
    expect(await post('/api/auth/logout', user.token)).toBe(200);
    t.runtime.ctx.events.publish({ type: 'action', audience: ['region:turkestan'], data: {} });
    expect(await live.endsWithin(WITHIN_MS)).toBe(true);
    expect(live.text()).not.toContain('event: change');
  });

  it('ends a staff member’s replication pullStream when the supervisor disables the account', async () => {
    const user = await staff();
    const boss = await supervisor();
    const pull = await stream(
      `/replication/bulletins/${collections.bulletins.schema.version}/pullStream`,
      user.token,
    );
    expect(await pull.endsWithin(RECHECK_MS * 3)).toBe(false);
    expect(await post(`/api/supervisor/staff/${encodeURIComponent(user.userId)}/disable`, boss.token)).toBe(
      200,
    );
    expect(await pull.endsWithin(WITHIN_MS)).toBe(true);
  });

  it('ends a replication pullStream on logout', async () => {
    const user = await staff();
    const pull = await stream(`/replication/actions/${actionSchema.version}/pullStream`, user.token);
    expect(await post('/api/auth/logout', user.token)).toBe(200);
    expect(await pull.endsWithin(WITHIN_MS)).toBe(true);
  });

  it('ends the audit observe stream when the access token expires', async () => {
    const user = await supervisor();
    const audit = await stream(auditObserve, user.token);
    expect(await audit.endsWithin(RECHECK_MS * 3)).toBe(false);
    t.clock.advance(61 * 60_000);
    expect(await audit.endsWithin(WITHIN_MS)).toBe(true);
  });

  it('keeps a stream open while its session holds', async () => {
    const user = await staff();
    const events = await stream('/api/events', user.token);
    const pull = await stream(`/replication/actions/${actionSchema.version}/pullStream`, user.token);
    expect(await events.endsWithin(RECHECK_MS * 6)).toBe(false);
    expect(await pull.endsWithin(RECHECK_MS)).toBe(false);
  });
});
