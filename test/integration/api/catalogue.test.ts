import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIin } from '../../../src/domain';
import {
  fileSeedApplication,
  KG,
  LOCALITY,
  REGION,
  registerParent,
  seedCatalogue,
  startApi,
  type TestApi,
} from './harness';

// The seed's main page: catalogue, statistics, the queue by IIN and users' reviews.
let api: TestApi;
let token: string;

beforeAll(async () => {
  api = await startApi();
  await seedCatalogue(api.ctx);
  ({ token } = await registerParent(api));
  await fileSeedApplication(api, token);
});
afterAll(async () => {
  await api.close();
});

describe('catalogue', () => {
  it('lists regions with their localities in the requested language', async () => {
    const ru = await api.call('GET', '/regions');
    expect(ru.body).toEqual([
      {
        id: REGION,
        name: 'Туркестанская область',
        localities: [
          { id: 'arys', name: 'г.Арысь' },
          { id: LOCALITY, name: 'г.Туркестан' },
        ],
      },
    ]);
    const kk = await api.call('GET', '/regions', { headers: { 'accept-language': 'kk' } });
    expect(kk.body[0].name).toBe('Түркістан облысы');
  });

  it('lists kindergartens by region, locality and name, with their groups', async () => {
    const all = await api.call('GET', `/kindergartens?regionId=${REGION}`);
    expect(all.body.map((k: { name: string }) => k.name)).toEqual([
      'ГККП «Балапан» ясли - детский сад',
      'ТОО Аружан-2014-2',
    ]);
    const found = await api.call('GET', `/kindergartens?q=${encodeURIComponent('балапан')}`);
    expect(found.body.map((k: { id: string }) => k.id)).toEqual([KG]);
    const one = await api.call('GET', `/kindergartens/${KG}`, { headers: { 'accept-language': 'kk' } });
    expect(one.body).toMatchObject({ name: '«Балапан» бөбекжай-бақшасы', localityName: 'Түркістан қ.' });
    expect(one.body.groups.map((g: { name: string }) => g.name)).toEqual(['Жұлдыз санаторлық тобы']);
    expect((await api.call('GET', `/kindergartens/${KG}/groups`)).body).toHaveLength(1);
    expect((await api.call('GET', '/kindergartens/nope/groups')).status).toBe(404);
  });
});

describe('statistics and the queue', () => {
  it('counts queue sizes by locality, birth year and group type', async () => {
    const stats = await api.call('GET', `/statistics?regionId=${REGION}`);
    expect(stats.body).toMatchObject({ waiting: 1, enrolled: 0, kindergartens: 2, freePlaces: 0 });
    expect(stats.body.queues).toEqual([
      {
        regionId: REGION,
        localityId: LOCALITY,
        localityName: 'г.Туркестан',
        birthYear: 2017,
        groupType: 'ordinary',
        size: 1,
      },
    ]);
  });

  it('updates the figures as soon as an application is filed', async () => {
    expect((await api.call('GET', '/statistics')).body.waiting).toBe(1);
    const other = await registerParent(
      api,
      '+7 708 123 45 67',
      makeIin({ birthDate: '1992-04-04', sex: 'male', serial: 5 })!,
    );
    const child = await api.call('POST', '/children', {
      token: other.token,
      body: { iin: makeIin({ birthDate: '2018-02-02', sex: 'male', serial: 8 }) },
    });
    await api.call('POST', '/applications', {
      token: other.token,
      body: {
        childId: child.body.id,
        groupType: 'ordinary',
        languages: ['ru'],
        regionId: REGION,
        localityId: LOCALITY,
      },
    });
    const stats = await api.call('GET', '/statistics');
    expect(stats.body.waiting).toBe(2);
    expect(stats.body.queues.map((q: { birthYear: number; size: number }) => [q.birthYear, q.size])).toEqual([
      [2017, 1],
      [2018, 1],
    ]);
  });

  it('finds a child’s place in the queue by IIN, showing the name as initials only', async () => {
    const res = await api.call('GET', '/queue?iin=170720600126');
    expect(res.body).toEqual([
      expect.objectContaining({
        childName: 'КАМЕНОВА Д. Е.',
        queueNumber: 1,
        status: 'waiting',
        localityName: 'г.Туркестан',
      }),
    ]);
    const bad = await api.call('GET', '/queue?iin=170720600121');
    expect(bad.status).toBe(422);
    expect(bad.body.error).toMatchObject({ code: 'invalidIin', params: { reason: 'checksum' } });
  });
});

describe('reviews', () => {
  it('adds a review with the author shown as first name and initial, one per parent and kindergarten', async () => {
    const first = await api.call('POST', '/reviews', {
      token,
      body: { rating: 4, text: 'Хороший сад', kindergartenId: KG },
    });
    expect(first.status).toBe(201);
    await api.call('POST', '/reviews', {
      token,
      body: { rating: 5, text: 'Отличный сад', kindergartenId: KG },
    });
    const list = await api.call('GET', `/reviews?kindergartenId=${KG}`);
    expect(list.body).toEqual([
      expect.objectContaining({ authorName: 'ЕРМЕК К.', rating: 5, text: 'Отличный сад' }),
    ]);
    expect(list.body[0].authorId).toBeUndefined();
  });

  it('refuses a rating outside 1–5 and a review of an unknown kindergarten', async () => {
    const bad = await api.call('POST', '/reviews', { token, body: { rating: 6, text: 'x' } });
    expect(bad.body.error).toMatchObject({ code: 'validation', field: 'rating' });
    const unknown = await api.call('POST', '/reviews', {
      token,
      body: { rating: 3, text: 'x', kindergartenId: 'nope' },
    });
    expect(unknown.status).toBe(404);
    expect((await api.call('POST', '/reviews', { body: { rating: 3, text: 'x' } })).status).toBe(401);
  });
});
