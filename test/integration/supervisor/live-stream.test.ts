import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processAction } from '../../../sync-server/actions';
import { actionOf, seedSmallDistrict, startTestServer, type TestServer } from '../server/harness';
import { supervisorClient, supervisorsOf } from './supervisor-client';

/** Reads Server-Sent Events from the supervisor stream until `count` named events arrived. */
async function openStream(url: string, token: string) {
  const abort = new AbortController();
  const res = await fetch(`${url}/api/supervisor/live`, {
    headers: { authorization: `Bearer ${token}` },
    signal: abort.signal,
  });
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const events: { event: string; data: Record<string, unknown> }[] = [];
  async function next(): Promise<{ event: string; data: Record<string, unknown> }> {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.+)$/m.exec(block)?.[1];
        const data = /^data: (.+)$/m.exec(block)?.[1];
        if (event && data) {
          const parsed = { event, data: JSON.parse(data) as Record<string, unknown> };
          events.push(parsed);
          return parsed;
        }
        continue;
      }
      const { value, done } = await reader.read();
      if (done) throw new Error('stream ended');
      buffer += value;
    }
  }
  return { status: res.status, type: res.headers.get('content-type'), next, close: () => abort.abort() };
}

describe('the supervisor live stream', () => {
  let t: TestServer;
  let tokens: { own: string; other: string };
  beforeAll(async () => {
    t = await startTestServer();
    await seedSmallDistrict(t.runtime);
    const s = await supervisorsOf(t.runtime);
    tokens = { own: s.own.token, other: s.other.token };
  });
  afterAll(async () => {
    await t.stop();
  });

  it('tells a supervisor about changes in their district, and another district’s supervisor only about theirs', async () => {
    const own = await openStream(t.server.url, tokens.own);
    const other = await openStream(t.server.url, tokens.other);
    try {
      expect(own.status).toBe(200);
      expect(own.type).toContain('text/event-stream');
      expect((await own.next()).event).toBe('hello');
      expect((await other.next()).event).toBe('hello');

      // A supervisor change in Туркестан, then a parent's application in the other region.
      const edit = await supervisorClient(t.server.url, tokens.own)('PATCH', '/kindergartens/kg-a', {
        phone: '8 (72533) 3-12-45',
      });
      expect(edit.status).toBe(200);
      const filed = await processAction(
        t.runtime.ctx,
        actionOf(
          {
            kind: 'application.file',
            actor: 'par-5',
            actorRole: 'parent',
            payload: {
              applicationId: 'app-other-2',
              childId: 'child-other-2',
              childIin: '170720600126',
              childName: 'АХМЕТОВ АЛИ',
              parentId: 'par-5',
              groupType: 'ordinary',
              languages: ['ru'],
              regionId: 'other',
              localityId: 'other-city',
              claimedPriority: 'none',
            },
          },
          t.clock.now(),
        ),
      );
      expect(filed.status).toBe('applied');

      const ownFirst = await own.next();
      expect(ownFirst).toEqual({
        event: 'change',
        data: { type: 'supervisor', at: t.clock.now().toISOString() },
      });
      // The other district's first change is its own application: Туркестан's edit never reached it.
      const otherFirst = await other.next();
      expect(otherFirst.data.type).toBe('application');
    } finally {
      own.close();
      other.close();
    }
  });

  it('refuses the stream without a supervisor session', async () => {
    const res = await fetch(`${t.server.url}/api/supervisor/live`);
    expect(res.status).toBe(401);
  });
});
