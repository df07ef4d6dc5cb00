import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { verificationCode } from '../../../src/domain';
import type { Referral } from '../../../src/schema';
import {
  checkInReplica,
  checkReferral,
  knownPublicUrl,
  learnPublicUrl,
} from '../../../renderer/staff/workspace/referral-check';

// The workstation's side of issue 17: the public address kept for offline PDFs, and which answer a
// check gives online, offline, and when the server cannot be reached. A real HTTP server on loopback
// stands for the sync server's two routes.

class MemoryStorage {
  private items = new Map<string, string>();
  getItem = (k: string) => this.items.get(k) ?? null;
  setItem = (k: string, v: string) => void this.items.set(k, v);
}

let server: Server | undefined;
afterEach(() => server?.close());

async function serve(handler: (url: string) => { status: number; body: unknown }): Promise<string> {
  server = createServer((req, res) => {
    const { status, body } = handler(req.url ?? '');
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const code = verificationCode('act-1');
const referral = {
  id: 'ref_act-1',
  kindergartenId: 'kg-1',
  groupId: 'grp-1',
  childIin: '170720600126',
  childName: 'КАМЕНОВА ДАНИЯ ЕРМЕКОВНА',
  activatedAt: '2026-03-19T10:00:00+05:00',
  validUntil: '2026-03-31',
  status: 'active',
  verificationCode: code,
} as Referral;
const state = {
  referrals: { [referral.id]: referral },
  kindergartens: { 'kg-1': { nameKk: '«Балапан»', nameRu: 'ГККП «Балапан»' } as never },
  groups: { 'grp-1': { name: 'Жұлдыз' } as never },
};
const now = '2026-03-20T10:00:00+05:00';

describe('the public address printed in the QR code', () => {
  it('is what the server says at /api/health, kept for offline; the server’s own address until then', async () => {
    const url = await serve(() => ({
      status: 200,
      body: { ok: true, publicUrl: 'https://oryn.example.kz/' },
    }));
    const storage = new MemoryStorage() as unknown as Storage;
    expect(knownPublicUrl(storage, url)).toBe(url);
    expect(await learnPublicUrl(storage, url)).toBe(true);
    expect(knownPublicUrl(storage, url)).toBe('https://oryn.example.kz');
  });

  it('keeps nothing from a server that says something else than a web address, or cannot be reached', async () => {
    const url = await serve(() => ({ status: 200, body: { ok: true, publicUrl: 'javascript:alert(1)' } }));
    const storage = new MemoryStorage() as unknown as Storage;
    expect(await learnPublicUrl(storage, url)).toBe(false);
    expect(await learnPublicUrl(storage, 'http://127.0.0.1:9')).toBe(false);
    expect(knownPublicUrl(storage, url)).toBe(url);
  });
});

describe('checking a code on the workstation', () => {
  const options = (serverUrl: string, online = true) => ({
    online,
    serverUrl,
    state,
    language: 'ru' as const,
    now,
  });

  it('asks the server online, in the workspace’s language', async () => {
    const seen: string[] = [];
    const url = await serve((path) => {
      seen.push(path);
      return { status: 200, body: { valid: true, status: 'used', kindergarten: 'ГККП «Балапан»' } };
    });
    expect(await checkReferral(options(url), code.toLowerCase())).toMatchObject({
      found: true,
      source: 'server',
      check: { status: 'used' },
    });
    expect(seen).toEqual([`/api/verify/${encodeURIComponent(code.toLowerCase())}`]);
  });

  it('answers from the replica offline, and when the server cannot be reached', async () => {
    const offline = await checkReferral(options('http://127.0.0.1:9', false), code);
    expect(offline).toMatchObject({
      found: true,
      source: 'replica',
      check: { status: 'active', kindergarten: 'ГККП «Балапан»', group: 'Жұлдыз', childInitials: 'К. Д. Е.' },
    });
    expect(await checkReferral(options('http://127.0.0.1:9'), code)).toMatchObject({
      found: true,
      source: 'replica',
    });
    expect(await checkReferral(options('http://127.0.0.1:9', false), '2222-3333-4444')).toEqual({
      found: false,
      source: 'replica',
    });
  });

  it('trusts the server’s “not found” unless this workstation holds the referral (activated, not yet synced)', async () => {
    const url = await serve(() => ({
      status: 404,
      body: { error: { code: 'referralNotFound', message: '…' } },
    }));
    expect(await checkReferral(options(url), '2222-3333-4444')).toEqual({ found: false, source: 'server' });
    expect(await checkReferral(options(url), code)).toMatchObject({ found: true, source: 'replica' });
  });

  it('says the server refused (rate limit) rather than answering from the replica', async () => {
    const url = await serve(() => ({
      status: 429,
      body: { error: { code: 'rateLimited', message: '…', params: { seconds: 9 } } },
    }));
    expect(await checkReferral(options(url), code)).toEqual({
      found: false,
      source: 'unavailable',
      status: 429,
      seconds: 9,
    });
  });

  it('asks nothing for text that cannot be a code', async () => {
    expect(await checkReferral(options('http://127.0.0.1:9'), 'ABC')).toEqual({
      found: false,
      source: 'format',
    });
    expect(checkInReplica(state, 'ABC', 'kk', now)).toEqual({ found: false, source: 'format' });
  });
});
