import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { verificationCode } from '../../../src/domain';
import type { Referral } from '../../../src/schema';
import { collection } from '../../../sync-server/database';
import { RxStorageInstancePostgres } from '../../../sync-server/storage';
import { writeDocs } from '../../../sync-server/store';
import { startOnReferralsLastDay, type TestApi } from './harness';

// GET /api/verify/:code (issue 17) over HTTP on loopback, on PGlite: every status a referral can be
// in, unknown and malformed codes, the limit per address, and no personal data in any answer.

// One journey (registration, application, bulletin, response, activation on 19.03.2026; the clock on
// 31.03.2026, its last valid day) is shared by the file: each test checks from its own address.
let api: TestApi;
let journey: Awaited<ReturnType<typeof startOnReferralsLastDay>>['journey'];
let referral: Referral;
let address = 0;
const nextAddress = () => `10.0.0.${++address}`;

beforeAll(async () => {
  ({ api, journey, referral } = await startOnReferralsLastDay({
    verifyPerAddress: { capacity: 6, refillEveryMs: 60_000 },
  }));
});
afterAll(async () => {
  await api.close();
});

/** GET /api/verify/<code> from a fresh address (the limit is tested on its own). */
function verify(code: string, headers: Record<string, string> = {}) {
  return api.call('GET', `/verify/${code}`, { headers: { 'x-forwarded-for': nextAddress(), ...headers } });
}

/** A referral like the journey's in another state, with its own code (written as stored, not via actions). */
async function copyOf(over: Partial<Referral>): Promise<Referral> {
  const id = `ref_copy_${over.status}_${address}`;
  const copy = { ...referral, id, verificationCode: verificationCode(id), ...over };
  await writeDocs(collection(api.ctx.db, 'referrals'), [copy]);
  return copy;
}

const ASKED = {
  valid: true,
  kindergarten: 'ГККП «Балапан» ясли - детский сад',
  group: 'Жұлдыз санаторлық тобы',
  birthYear: 2017,
  issuedOn: '2026-03-19',
  validUntil: '2026-03-31',
};

describe('GET /api/verify/:code', () => {
  it('answers an active referral on its last valid day, in the caller’s language, however the code is typed', async () => {
    expect(referral.verificationCode).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    const r = await verify(referral.verificationCode);
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.body).toEqual({ ...ASKED, status: 'active', validToday: true, childInitials: 'К. Д. Е.' });

    const typed = referral.verificationCode.toLowerCase().replaceAll('-', ' ');
    const kk = await verify(encodeURIComponent(typed), { 'accept-language': 'kk' });
    expect(kk.status).toBe(200);
    expect(kk.body.kindergarten).toBe('«Балапан» бөбекжай-бақшасы');
  });

  it('tells nothing of the child’s name, IIN or the parent, in any language', async () => {
    const parent = (await collection(api.ctx.db, 'parents').findOne(referral.parentId).exec())!.toJSON();
    for (const lang of ['kk', 'ru', 'en']) {
      const r = await verify(referral.verificationCode, { 'accept-language': lang });
      expect(Object.keys(r.body).sort()).toEqual(
        [
          'birthYear',
          'childInitials',
          'group',
          'issuedOn',
          'kindergarten',
          'status',
          'valid',
          'validToday',
          'validUntil',
        ].sort(),
      );
      const text = JSON.stringify(r.body);
      const [lastName, firstName] = referral.childName.split(' ');
      for (const secret of [
        referral.childIin,
        lastName!,
        firstName!,
        referral.id,
        referral.parentId,
        parent.phone,
        parent.iin,
        parent.lastName,
      ]) {
        expect(text).not.toContain(secret);
      }
    }
  });

  it('answers used once the contract is signed, annulled, and expired once the scheduler lapsed it', async () => {
    const used = await copyOf({ status: 'enrolled', contractNumber: '17/2026', contractDate: '2026-03-31' });
    expect((await verify(used.verificationCode)).body).toMatchObject({
      ...ASKED,
      status: 'used',
      validToday: false,
    });
    const annulled = await copyOf({ status: 'annulled' });
    expect((await verify(annulled.verificationCode)).body).toMatchObject({
      status: 'annulled',
      validToday: false,
    });
    const expired = await copyOf({ status: 'expired' });
    expect((await verify(expired.verificationCode)).body).toMatchObject({
      status: 'expired',
      validToday: false,
    });
  });

  it('answers 404 referralNotFound, in the caller’s language, for unknown and malformed codes', async () => {
    const code = referral.verificationCode;
    const unknown = `${code.startsWith('2') ? '3' : '2'}${code.slice(1)}`;
    for (const asked of [unknown, 'ABCD-EFGH', 'hello', '0000-0000-0000', 'x'.repeat(300), '%D0%96']) {
      const r = await verify(asked, { 'accept-language': 'ru' });
      expect(r.status, asked).toBe(404);
      expect(r.body.error).toEqual({
        code: 'referralNotFound',
        message:
          'Направление с таким кодом проверки не найдено. Проверьте, что код введён так, как напечатан в направлении.',
      });
    }
    const en = await verify(unknown, { 'accept-language': 'en' });
    expect(en.body.error.message).toMatch(/^No referral has this verification code/);
  });

  it('still checks a referral issued with an 8-character code before codes were lengthened', async () => {
    await copyOf({ status: 'active', verificationCode: 'JM5N-WW2G' });
    const r = await verify('jm5nww2g');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ ...ASKED, status: 'active' });
  });

  it('answers a stored referral it cannot read with 500, logging neither its code nor anything of the child', async () => {
    const broken = await copyOf({ status: 'active', activatedAt: 'yesterday' });
    const r = await verify(broken.verificationCode);
    expect(r.status).toBe(500);
    expect(r.body.error.code).toBe('serverError');
    const log = api.ctx.logLines.join('');
    expect(log).toContain('/verify/****');
    expect(log).not.toContain(broken.verificationCode);
    expect(log).not.toContain(broken.childIin);
  });

  it('does the same reads for a real code, an unknown one and text that cannot be a code', async () => {
    let instance: unknown = collection(api.ctx.db, 'referrals').storageInstance;
    while (instance && !(instance instanceof RxStorageInstancePostgres))
      instance = (instance as { originalStorageInstance?: unknown }).originalStorageInstance;
    const sql = (instance as RxStorageInstancePostgres<Referral>).sql;
    const spies = [
      vi.spyOn(sql, 'query'),
      vi.spyOn(collection(api.ctx.db, 'kindergartens').storageInstance, 'findDocumentsById'),
      vi.spyOn(collection(api.ctx.db, 'groups').storageInstance, 'findDocumentsById'),
    ];
    // How many statements, and how many ids each by-id read of a kindergarten or group asked for.
    const readsOf = async (code: string) => {
      for (const spy of spies) spy.mockClear();
      const r = await verify(code);
      const [queries, kindergartens, groups] = spies.map((spy) => spy.mock.calls);
      return {
        status: r.status,
        reads: [
          queries!.length,
          kindergartens!.map((c) => (c[0] as string[]).length),
          groups!.map((c) => (c[0] as string[]).length),
        ],
      };
    };
    try {
      const real = await readsOf(referral.verificationCode);
      // One statement on the database for the referral, the kindergarten and the group each (all go
      // through the one driver), and one by-id read of a kindergarten and of a group.
      expect(real).toEqual({ status: 200, reads: [3, [1], [1]] });
      for (const code of ['AAAA-BBBB-CCCC', 'AAAA-BBBB', 'not a code at all']) {
        expect(await readsOf(code)).toEqual({ status: 404, reads: real.reads });
      }
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });

  it('limits checks per address, counting real and unknown codes alike; another address is not held back', async () => {
    const from = (client: string, code: string) =>
      api.call('GET', `/verify/${code}`, { headers: { 'x-forwarded-for': client } });
    for (let i = 0; i < 3; i++) expect((await from('10.9.9.9', referral.verificationCode)).status).toBe(200);
    expect((await from('10.9.9.9', 'AAAA-BBBB-CCCC')).status).toBe(404);
    expect((await from('10.9.9.9', 'nonsense')).status).toBe(404);
    expect((await from('10.9.9.9', 'AAAA-BBBB')).status).toBe(404);
    const refused = await from('10.9.9.9', referral.verificationCode);
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({ code: 'rateLimited', params: { seconds: 60 } });
    expect((await from('10.9.9.8', referral.verificationCode)).status).toBe(200);
  });

  it('answers extended during the extension and expired after it, before the scheduler has marked it', async () => {
    const form = new FormData();
    form.append('reason', 'Ребенок болеет');
    form.append('documents', new Blob(['%PDF-1.4 справка'], { type: 'application/pdf' }), 'spravka.pdf');
    const extended = await api.call('POST', `/referrals/${journey.referralId}/extend`, {
      token: journey.parentToken,
      raw: form,
    });
    expect(extended.status).toBe(201);
    const during = await verify(referral.verificationCode);
    expect(during.body).toMatchObject({ status: 'extended', validToday: true, extendedUntil: '2026-04-30' });

    api.ctx.clock.set('2026-05-01T09:00:00+05:00');
    const after = await verify(referral.verificationCode);
    expect(after.body).toMatchObject({ status: 'expired', validToday: false, extendedUntil: '2026-04-30' });
  });
});
