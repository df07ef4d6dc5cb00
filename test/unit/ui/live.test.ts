import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type LiveEvent, openLiveStream, parseLiveEvents } from '../../../renderer/ui/live';

// The live stream both web apps share (issue 15: one client plumbing): the SSE format as it arrives in
// pieces, and a real stream over loopback that ends and is opened again.

describe('parseLiveEvents', () => {
  it('reads names, multi-line data, comments and CRLF, and keeps an unfinished event for later', () => {
    const { events, rest } = parseLiveEvents(
      ': heartbeat\n\nevent: change\ndata: {"a":1}\n\ndata: one\r\ndata:two\r\n\r\nevent: expired\n\nevent: half\ndata: x',
    );
    expect(events).toEqual([
      { name: 'change', data: '{"a":1}' },
      { name: 'message', data: 'one\ntwo' },
      { name: 'expired', data: '' },
    ]);
    expect(rest).toBe('event: half\ndata: x');
  });
});

describe('openLiveStream', () => {
  let server: Server | undefined;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });

  /** A stream that sends `chunks` a tick apart on each connection, then ends it. */
  async function streaming(chunks: string[]): Promise<{ url: string; requests: IncomingMessage[] }> {
    const requests: IncomingMessage[] = [];
    server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
      requests.push(req);
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      for (const chunk of chunks) {
        res.write(chunk);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      res.end();
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/live`, requests };
  }

  it('delivers events split across chunks, reconnects after the stream ends, and stops when closed', async () => {
    const { url, requests } = await streaming([
      'event: cha',
      'nge\ndata: 1\n',
      '\n: ping\n\ndata: {"type":"x"}\n\n',
    ]);
    const events: LiveEvent[] = [];
    const states: boolean[] = [];
    const reasons: string[] = [];
    let token = 0;
    const stop = openLiveStream({
      url,
      headers: () => ({ authorization: `Bearer t${++token}` }),
      onEvent: (e) => events.push(e),
      onConnected: (c) => states.push(c),
      beforeReconnect: (why) => {
        reasons.push(why);
        return reasons.length < 2; // connect once more, then give up
      },
      retryMs: 10,
    });
    await expect.poll(() => reasons.length, { timeout: 5_000 }).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 50));
    stop();
    expect(requests.length).toBe(2);
    // The headers are read again for each connection (a refreshed token is sent).
    expect(requests.map((r) => r.headers.authorization)).toEqual(['Bearer t1', 'Bearer t2']);
    expect(requests[0].headers.accept).toBe('text/event-stream');
    const once = [
      { name: 'change', data: '1' },
      { name: 'message', data: '{"type":"x"}' },
    ];
    expect(events).toEqual([...once, ...once]);
    expect(states).toEqual([true, false, true, false]);
    expect(reasons).toEqual(['ended', 'ended']);
  });

  it('tries again after a refused connection, and not after it was closed', async () => {
    let calls = 0;
    server = createServer((_req, res) => {
      calls++;
      res.writeHead(503).end();
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/live`;
    const reasons: string[] = [];
    const stop = openLiveStream({
      url,
      onEvent: () => {},
      beforeReconnect: (why) => {
        reasons.push(why);
        return true;
      },
      retryMs: 10,
    });
    await expect.poll(() => calls, { timeout: 5_000 }).toBeGreaterThanOrEqual(3);
    stop();
    const after = calls;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(calls).toBe(after);
    expect(new Set(reasons)).toEqual(new Set(['failed']));
  });
});
