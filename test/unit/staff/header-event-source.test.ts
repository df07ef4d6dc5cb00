import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { HeaderEventSource } from '../../../renderer/staff/replica/header-event-source';

let server: Server | null = null;
afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

/** rxdb-server's pullStream, reduced: 401 without the bearer token, else two events. */
function listen(): Promise<string> {
  server = createServer((req, res) => {
    if (req.headers.authorization !== 'Bearer token-1') {
      res.writeHead(401).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/event-stream' });
    res.write('data: {"documents":[{"id":"b-1"}],"checkpoint":{"id":"b-1","lwt":1}}\n\n');
    res.write(': comment\ndata: {"documents":[],\ndata: "checkpoint":null}\n\n');
  });
  return new Promise((ok) =>
    server!.listen(0, '127.0.0.1', () =>
      ok(`http://127.0.0.1:${(server!.address() as AddressInfo).port}/pullStream`),
    ),
  );
}

describe('the header-capable event stream of live pull', () => {
  it('sends the Authorization header and delivers each event, joining multi-line data', async () => {
    const url = await listen();
    const messages: string[] = [];
    let opened = false;
    const source = new HeaderEventSource(url, { headers: { Authorization: 'Bearer token-1' } });
    source.onopen = () => {
      opened = true;
    };
    await new Promise<void>((done) => {
      source.onmessage = (event) => {
        messages.push(event.data);
        if (messages.length === 2) done();
      };
    });
    source.close();
    expect(opened).toBe(true);
    expect(JSON.parse(messages[0]!).documents).toEqual([{ id: 'b-1' }]);
    expect(JSON.parse(messages[1]!)).toEqual({ documents: [], checkpoint: null });
  });

  it('reports 401 with its status, so rxdb-server reopens it with a fresh token', async () => {
    const url = await listen();
    const source = new HeaderEventSource(url, { headers: { Authorization: 'Bearer expired' } });
    const status = await new Promise<number | undefined>((done) => {
      source.onerror = (event) => done(event.status);
    });
    source.close();
    expect(status).toBe(401);
  });
});
