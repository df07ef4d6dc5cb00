import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Referral } from '../../../src/schema';
import { collection } from '../../../sync-server/database';
import { registerSql } from '../../../sync-server/referral-register';
import { postgresInstanceOf } from '../../../sync-server/server-sql';
import { writeDocs } from '../../../sync-server/store';
import { GROUP, KG, startOnReferralsLastDay, type TestApi } from './harness';

// Issue 14, item 17, over HTTP on loopback, on PGlite: the public list of the referrals a kindergarten
// issued (initials, queue number at issue, day, group — nothing that identifies a child; paged; limited
// per address), the kindergarten's page with its groups' free places, and the server's time.

let api: TestApi;
let referral: Referral;
let address = 0;
const nextAddress = () => `10.1.0.${++address}`;

beforeAll(async () => {
  ({ api, referral } = await startOnReferralsLastDay({
    registerPerAddress: { capacity: 3, refillEveryMs: 60_000 },
  }));
});
afterAll(async () => {
  await api.close();
});

function register(query = '', headers: Record<string, string> = {}, kg = KG) {
  return api.call('GET', `/kindergartens/${kg}/referrals${query}`, {
    headers: { 'x-forwarded-for': nextAddress(), ...headers },
  });
}

describe('GET /api/kindergartens/:id/referrals', () => {
  it('records the application’s queue number when the referral is issued', () => {
    // The journey's child was the only one in its queue (г.Туркестан, 2017, ordinary) at activation.
    expect(referral.queueNumber).toBe(1);
  });

  it('lists the referral with the child’s initials, the queue number at issue, the day and the group', async () => {
    const r = await register('', { 'accept-language': 'kk' });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      kindergartenId: KG,
      kindergarten: '«Балапан» бөбекжай-бақшасы',
      total: 1,
      limit: 50,
      offset: 0,
      items: [
        {
          childInitials: 'К. Д. Е.',
          queueNumber: 1,
          issuedOn: '2026-03-19',
          group: 'Жұлдыз санаторлық тобы',
          // The harness writes the catalogue as version 0 did, with the age group's text.
          ageGroup: 'Разновозрастная группа',
        },
      ],
    });
    // Nothing of the child's name or IIN, nor of the parent, anywhere in the answer.
    const text = JSON.stringify(r.body);
    for (const secret of [referral.childIin, referral.parentId, ...referral.childName.split(' ')])
      expect(text).not.toContain(secret);
  });

  it('pages newest first, without overlaps, and says “not recorded” for referrals issued before numbers were kept', async () => {
    const older: Referral[] = [1, 2, 3, 4].map((n) => {
      const { queueNumber: _kept, ...before } = referral;
      return {
        ...before,
        id: `ref_older_${n}`,
        applicationId: `app_older_${n}`,
        activatedAt: `2026-03-1${n}T10:00:00.000Z`,
        ...(n % 2 === 0 ? { queueNumber: 10 + n } : {}),
      };
    });
    await writeDocs(collection(api.ctx.db, 'referrals'), older);
    const first = await register('?limit=2');
    const second = await register('?limit=2&offset=2');
    const third = await register('?limit=2&offset=4');
    expect([first.body.total, second.body.total, third.body.total]).toEqual([5, 5, 5]);
    const days = [...first.body.items, ...second.body.items, ...third.body.items].map(
      (e: { issuedOn: string; queueNumber: number | null }) => [e.issuedOn, e.queueNumber],
    );
    expect(days).toEqual([
      ['2026-03-19', 1],
      ['2026-03-14', 14],
      ['2026-03-13', null],
      ['2026-03-12', 12],
      ['2026-03-11', null],
    ]);
  });

  it('reads a page and the count over the server’s index, not the table', async () => {
    const instance = postgresInstanceOf(collection(api.ctx.db, 'referrals'))!;
    const sql = registerSql(instance.table);
    // Few rows here, so the planner would scan anyway: forbid that to see the index can serve both.
    const plans = await instance.sql.transaction(async (tx) => {
      await tx.query('SET LOCAL enable_seqscan = off');
      const page = await tx.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql.page}`, [KG, 2, 0]);
      const count = await tx.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql.count}`, [KG]);
      return [page, count].map((rows) => rows.map((r) => r['QUERY PLAN']).join('\n'));
    });
    for (const plan of plans) {
      expect(plan).toMatch(/Index (Only )?Scan using \S*_kg_issued/);
      expect(plan).not.toMatch(/Sort/);
    }
  });

  it('answers an unknown kindergarten and a bad page with a 4xx in the caller’s language', async () => {
    const missing = await register('', { 'accept-language': 'kk' }, 'kg-nowhere');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('notFound');
    const ru = await register('', { 'accept-language': 'ru' }, 'kg-nowhere');
    expect(missing.body.error.message).not.toBe(ru.body.error.message);
    for (const bad of ['?limit=0', '?limit=101', '?offset=-1', '?limit=abc']) {
      const r = await register(bad, { 'accept-language': 'en' });
      expect(r.status, bad).toBe(400);
      expect(typeof r.body.error.code).toBe('string');
      expect(r.body.error.message).toMatch(/[a-z]/i);
    }
  });

  it('limits one address, not the others', async () => {
    const one = { 'x-forwarded-for': '10.2.0.1' };
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push((await register('', one)).status);
    expect(answers).toEqual([200, 200, 200, 429]);
    const limited = await register('', { ...one, 'accept-language': 'ru' });
    expect(limited.body.error.code).toBe('rateLimited');
    expect((await register('')).status).toBe(200);
  });
});

describe('GET /api/kindergartens/:id', () => {
  it('gives each group its places: a place held by the live referral is not free', async () => {
    const r = await api.call('GET', `/kindergartens/${KG}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ name: 'ГККП «Балапан» ясли - детский сад', localityName: 'г.Туркестан' });
    expect(r.body.regionName).toBe('Туркестанская область');
    const group = r.body.groups.find((g: { id: string }) => g.id === GROUP);
    // 25 places, 22 enrolled, 1 held by the journey's active referral (the copies are not of this group's
    // live ones: they share its group, so count them too).
    const active = (
      await collection(api.ctx.db, 'referrals')
        .find({ selector: { groupId: GROUP, status: 'active' } })
        .exec()
    ).length;
    expect(active).toBeGreaterThan(0);
    expect(group.places).toEqual({ capacity: 25, enrolled: 22, free: Math.max(0, 25 - 22 - active) });
  });
});

describe('GET /api/time', () => {
  it('answers the server’s clock, not cached', async () => {
    const r = await api.call('GET', '/time');
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.body).toEqual({ now: api.ctx.now().toISOString(), timeZone: 'Asia/Almaty' });
    // The test clock stands on 31.03.2026 10:00 in Almaty, far from this machine's.
    expect(r.body.now).toBe('2026-03-31T05:00:00.000Z');
  });
});
