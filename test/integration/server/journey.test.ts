import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createUser } from '../../../sync-server/auth';
import { verifyChain } from '../../../sync-server/audit';
import { collection } from '../../../sync-server/database';
import { readAll } from '../../../sync-server/store';
import { type RecordingSms, startTestServer, type TestServer } from './harness';
import { openReplica, type ReplicaClient } from './staff-client';

// The seed's journey end to end on the whole server: the parent over the JSON API, the kindergarten's
// steps (publish, activate, sign) as actions made on a staff replica and pushed by replication.
describe('the parent journey with the kindergarten on a replica', () => {
  let t: TestServer;
  let staff: ReplicaClient;
  let staffId: string;
  let token: string;
  let applicationId: string;
  const bulletinId = `bul_${randomUUID()}`;

  const api = async (method: string, path: string, body?: unknown, bearer = token) => {
    const res = await fetch(`${t.server.url}/api${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const type = res.headers.get('content-type') ?? '';
    return {
      status: res.status,
      body: type.includes('json') ? await res.json() : Buffer.from(await res.arrayBuffer()),
    };
  };

  /** A staff action made on the replica (the device's clock is the test clock) and its outcome once synced. */
  const act = async (kind: string, payload: Record<string, unknown>) => {
    const now = t.runtime.ctx.now();
    const id = randomUUID();
    await staff.col('actions').insert({
      id,
      kind,
      payload,
      actor: staffId,
      actorRole: 'staff',
      kindergartenId: 'kg-balapan',
      deviceId: 'workstation-1',
      occurredAt: now.toISOString(),
      status: 'pending',
      updatedAt: now.getTime(),
    });
    let doc: Record<string, unknown> | undefined;
    await vi.waitFor(
      async () => {
        doc = (await staff.col('actions').findOne(id).exec())?.toJSON() as Record<string, unknown>;
        expect(doc?.status).not.toBe('pending');
      },
      { timeout: 20_000, interval: 100 },
    );
    return doc!;
  };

  beforeAll(async () => {
    t = await startTestServer();
    const { ctx } = t.runtime;
    const ms = ctx.now().getTime();
    await collection(ctx.db, 'kindergartens').insert({
      id: 'kg-balapan',
      nameKk: '«Балапан» бөбекжай-бақшасы МКҚК',
      nameRu: 'ГККП «Балапан» ясли - детский сад',
      ownership: 'state',
      regionId: 'turkestan',
      localityId: 'arys',
      address: 'Туркестанская область, город Арыс, Саликбайы №33а',
      languages: ['kk'],
      status: 'open',
      updatedAt: ms,
    });
    await collection(ctx.db, 'groups').insert({
      id: 'grp-zhuldyz',
      kindergartenId: 'kg-balapan',
      name: 'Жұлдыз санаторлық тобы',
      groupType: 'ordinary',
      language: 'kk',
      birthYears: [2017, 2016, 2015, 2014],
      ageGroup: 'Разновозрастная группа',
      capacity: 20,
      enrolled: 17,
      status: 'open',
      updatedAt: ms,
    });
    const user = await createUser(ctx, {
      login: 'isenova',
      password: 'staff-password-1',
      role: 'staff',
      name: 'Исенова Гулмира Ибраимовна',
      kindergartenId: 'kg-balapan',
    });
    staffId = user.id;
    const login = await api('POST', '/auth/login', { login: 'isenova', password: 'staff-password-1' }, '');
    expect(login.status).toBe(200);
    staff = await openReplica(t.server.url, login.body.token, user.id);
    await staff.synced();
  });
  afterAll(async () => {
    await staff?.close();
    await t?.stop();
  });

  it('registers the parent and files the child: "В ожидании места"', async () => {
    const phone = '+77012345678';
    expect((await api('POST', '/auth/otp', { phone, consent: true }, '')).status).toBe(200);
    const sms = t.runtime.ctx.sms as RecordingSms;
    const code = /\b\d{6}\b/.exec(sms.sent.at(-1)!.text)![0];
    const verified = await api('POST', '/auth/otp/verify', { phone, code }, '');
    const registered = await api(
      'POST',
      '/auth/register',
      { ticket: verified.body.ticket, password: 'Balapan-2019', passwordConfirmation: 'Balapan-2019' },
      '',
    );
    expect(registered.status).toBe(201);
    token = registered.body.token;
    expect((await api('POST', '/me/iin', { iin: '940225300128' })).body).toMatchObject({
      lastName: 'КАМЕНОВ',
    });
    const child = await api('POST', '/children', { iin: '170720600126' });
    expect(child.status).toBe(201);
    const filed = await api('POST', '/applications', {
      childId: child.body.id,
      groupType: 'ordinary',
      languages: ['kk', 'ru'],
      regionId: 'turkestan',
      localityId: 'arys',
    });
    expect(filed.status).toBe(201);
    expect(filed.body).toMatchObject({ status: 'waiting', queueNumber: 1 });
    applicationId = filed.body.id;
  });

  it('lets the parent respond to the bulletin the kindergarten published from its replica', async () => {
    const published = await act('bulletin.publish', {
      bulletinId,
      groupId: 'grp-zhuldyz',
      totalPlaces: 3,
      freePlaces: 3,
      placeType: 'Свободные места',
      vacancyAt: t.runtime.ctx.now().toISOString(),
      authorName: 'Исенова Гулмира Ибраимовна',
    });
    expect(published.status).toBe('applied');
    const responded = await api('POST', `/bulletins/${bulletinId}/responses`, { applicationId });
    expect(responded.status).toBe(201);
    // The answer is built from what the action wrote, not read back: it is the application as read.
    expect(responded.body).toMatchObject({ status: 'responded', response: { bulletinId, status: 'active' } });
    const read = await api('GET', `/applications/${applicationId}`);
    expect(responded.body).toEqual(read.body);
  });

  it('activates the responder on the replica; the parent downloads a referral valid to 31.03.2026', async () => {
    // The response reaches the kindergarten's replica, with the child it may now see.
    let responseId = '';
    await vi.waitFor(
      async () => {
        const [r] = await staff.col('responses').find().exec();
        expect(r).toBeDefined();
        responseId = String(r.primary);
      },
      { timeout: 20_000, interval: 100 },
    );
    expect((await staff.col('applications').findOne(applicationId).exec())?.get('childName')).toBe(
      'КАМЕНОВА ДАНИЯ ЕРМЕКОВНА',
    );
    expect((await act('response.activate', { responseId })).status).toBe('applied');
    const app = await api('GET', `/applications/${applicationId}`);
    expect(app.body).toMatchObject({ status: 'referred', referral: { validUntil: '2026-03-31' } });
    const pdf = await api('GET', `/referrals/${app.body.referral.id}/pdf?lang=ru`);
    expect(pdf.status).toBe(200);
    const dir = mkdtempSync(join(tmpdir(), 'oryn-journey-'));
    writeFileSync(join(dir, 'referral.pdf'), pdf.body as Buffer);
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'referral.pdf'), '-'], { encoding: 'utf8' });
    expect(text).toContain('КАМЕНОВА ДАНИЯ ЕРМЕКОВНА');
    expect(text).toContain('ГККП «Балапан» ясли - детский сад');
    expect(text).toContain('31.03.2026');
  });

  it('signs the contract on the replica: the child is enrolled and the parent told so', async () => {
    t.clock.advance(30 * 60_000);
    const [referral] = await staff.col('referrals').find().exec();
    const signed = await act('referral.signContract', {
      referralId: referral.primary,
      contractNumber: '12/2026',
      contractDate: '2026-03-19',
    });
    expect(signed.status).toBe('applied');
    const app = await api('GET', `/applications/${applicationId}`);
    expect(app.body.status).toBe('enrolled');
    const inbox = await api('GET', '/notifications');
    expect(inbox.body[0].text).toMatch(
      /^Договор успешно подписан\. Ваш ребенок КАМЕНОВА ДАНИЯ ЕРМЕКОВНА зачислен в/,
    );
    const audit = await readAll(collection(t.runtime.ctx.db, 'audit'), {});
    expect(audit.map((e) => e.kind).sort()).toEqual(
      [
        'application.file',
        'application.respond',
        'bulletin.publish',
        'referral.signContract',
        'response.activate',
      ].sort(),
    );
    expect(verifyChain(audit).ok).toBe(true);
  });
});
