import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIin } from '../../../src/domain';
import { collectionOf } from '../../../sync-server/schema';
import {
  GROUP,
  LOCALITY,
  REGION,
  registerParent,
  seedCatalogue,
  staffAction,
  staffUser,
  startApi,
  type TestApi,
} from './harness';

// "Заявки": file, list, withdraw to the archive, confirm interest; bulletins' eligibility with reasons.
let api: TestApi;
let token: string;
let childId: string;
let staffId: string;

beforeAll(async () => {
  api = await startApi({ config: { accessTokenTtlMs: 60 * 86_400_000 } });
  await seedCatalogue(api.ctx);
  staffId = (await staffUser(api.ctx)).id;
  ({ token } = await registerParent(api));
  childId = (await api.call('POST', '/children', { token, body: { iin: '170720600126' } })).body.id;
});
afterAll(async () => {
  await api.close();
});

const application = (languages: string[]) => ({
  childId,
  groupType: 'ordinary',
  languages,
  regionId: REGION,
  localityId: LOCALITY,
});

describe('applications', () => {
  let applicationId: string;

  it('refuses a second active application for the child in the same locality, naming the first', async () => {
    const first = await api.call('POST', '/applications', { token, body: application(['ru']) });
    applicationId = first.body.id;
    const second = await api.call('POST', '/applications', { token, body: application(['kk']) });
    expect(second.status).toBe(409);
    expect(second.body.error).toMatchObject({ code: 'duplicateApplication', params: { applicationId } });
    expect(await collectionOf(api.ctx.db, 'applications').count().exec()).toBe(1);
  });

  it('confirms interest ("Заинтересован")', async () => {
    const res = await api.call('POST', `/applications/${applicationId}/interest`, { token });
    expect(res.status).toBe(200);
    expect(res.body.interestConfirmedAt).toBe(api.ctx.now().toISOString());
  });

  it('tells every condition that fails for a bulletin: the language, and so no turn in its priority window', async () => {
    await staffAction(api.ctx, staffId, 'bulletin.publish', {
      bulletinId: 'bul-kk',
      groupId: GROUP,
      totalPlaces: 2,
      freePlaces: 1,
      placeType: 'Свободные места',
      vacancyAt: '2026-03-18T18:00:00+05:00',
    });
    const detail = await api.call('GET', '/bulletins/bul-kk', { token });
    expect(detail.body.eligibility).toEqual([
      { applicationId, childName: 'КАМЕНОВА ДАНИЯ ЕРМЕКОВНА', ok: false, reasons: ['language', 'access'] },
    ]);
    const respond = await api.call('POST', '/bulletins/bul-kk/responses', { token, body: { applicationId } });
    expect(respond.status).toBe(409);
    expect(respond.body.error).toMatchObject({
      code: 'cannotRespond',
      params: { reasons: ['language', 'access'] },
    });
    expect(await collectionOf(api.ctx.db, 'responses').count().exec()).toBe(0);
  });

  it('shows the bulletin under "Доступные всем" once the priority window is over', async () => {
    expect((await api.call('GET', '/bulletins?access=all')).body).toEqual([]);
    api.ctx.clock.set('2026-03-28T00:00:00+05:00');
    const all = await api.call('GET', '/bulletins?access=all');
    expect(all.body.map((b: { id: string; access: string }) => [b.id, b.access])).toEqual([
      ['bul-kk', 'all'],
    ]);
  });

  it('hides drafts and unknown bulletins behind the same 404', async () => {
    await staffAction(api.ctx, staffId, 'bulletin.saveDraft', {
      bulletinId: 'bul-draft',
      groupId: GROUP,
      totalPlaces: 1,
      freePlaces: 1,
      placeType: 'Свободные места',
      vacancyAt: '2026-03-27T18:00:00+05:00',
    });
    for (const id of ['bul-draft', 'bul-none']) {
      const res = await api.call('GET', `/bulletins/${id}`);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('notFound');
    }
  });

  it('withdraws an application to the archive with "Вы успешно отозвали заявку"', async () => {
    const res = await api.call('POST', `/applications/${applicationId}/withdraw`, { token });
    expect(res.body.status).toBe('withdrawn');
    expect((await api.call('GET', '/applications', { token })).body).toEqual([]);
    const archive = await api.call('GET', '/applications/archive', { token });
    expect(archive.body.map((a: { id: string; status: string }) => [a.id, a.status])).toEqual([
      [applicationId, 'withdrawn'],
    ]);
    const inbox = await api.call('GET', '/notifications', { token });
    // Headed by the child's name (issue 14, item 15).
    expect(inbox.body[0].text).toMatch(/^[А-ЯЁӘҒҚҢӨҰҮҺІ ]+: Вы успешно отозвали заявку$/);
    const again = await api.call('POST', `/applications/${applicationId}/withdraw`, { token });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('wrongStatus');
  });

  it('files anew after a withdrawal; the results stay empty until a contract is signed', async () => {
    const res = await api.call('POST', '/applications', { token, body: application(['kk', 'ru']) });
    expect(res.status).toBe(201);
    expect(res.body.queueNumber).toBe(1);
    expect((await api.call('GET', '/results', { token })).body).toEqual([]);
  });

  it('files twins as one batch, and refuses a "batch" of children born years apart', async () => {
    const twins = await Promise.all(
      [21, 22].map(async (serial) => {
        const iin = makeIin({ birthDate: '2019-05-10', sex: serial % 2 ? 'male' : 'female', serial })!;
        return (await api.call('POST', '/children', { token, body: { iin } })).body.id as string;
      }),
    );
    const before = await collectionOf(api.ctx.db, 'applications').count().exec();
    const apart = await api.call('POST', '/applications/batch', {
      token,
      body: { ...application(['kk']), childIds: [twins[0], childId] },
    });
    expect(apart.status).toBe(422);
    expect(apart.body.error).toMatchObject({ code: 'batchNotSiblings', field: 'childIds' });
    expect(await collectionOf(api.ctx.db, 'applications').count().exec()).toBe(before);

    const batch = await api.call('POST', '/applications/batch', {
      token,
      body: { ...application(['kk']), childIds: twins },
    });
    expect(batch.status).toBe(201);
    expect(batch.body).toHaveLength(2);
    expect(batch.body[0].batchId).toBeDefined();
    expect(batch.body[1].batchId).toBe(batch.body[0].batchId);
    expect(batch.body.map((a: { status: string }) => a.status)).toEqual(['waiting', 'waiting']);
  });
});
