import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIin } from '../../../src/domain';
import { collectionOf } from '../../../sync-server/schema';
import {
  KG,
  LOCALITY,
  REGION,
  publishSeedBulletin,
  registerParent,
  seedCatalogue,
  staffAction,
  staffUser,
  startApi,
  type TestApi,
  logIn,
} from './harness';

// The seed's journey ("Инструкция для родителей") over HTTP, from registration to enrolment; the
// kindergarten's steps (publish, activate, sign) are staff actions through the action processor.
let api: TestApi;
let staffId: string;

/** Reads a Server-Sent Events stream until an event of `type` arrives. */
async function nextEvent(stream: ReadableStreamDefaultReader<Uint8Array>, type: string): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    const { value, done } = await stream.read();
    if (done) throw new Error(`stream ended before a ${type} event: ${text}`);
    text += decoder.decode(value);
    const match = text.split('\n\n').find((block) => block.includes(`event: ${type}\n`));
    if (match) return match;
  }
}

describe.each(['memory', 'pglite'] as const)('the parent journey (%s storage)', (storage) => {
  beforeAll(async () => {
    // The journey spans two weeks of test time: sessions last that long here (expiry has its own tests).
    api = await startApi({
      start: '2026-03-19T10:00:00+05:00',
      config: { accessTokenTtlMs: 60 * 86_400_000 },
      storage,
    });
    await seedCatalogue(api.ctx);
    staffId = (await staffUser(api.ctx)).id;
  });
  afterAll(async () => {
    await api.close();
  });

  let token: string;
  let cookie: string;
  let childId: string;
  let applicationId: string;
  let bulletinId: string;
  let referralId: string;

  it('registers in four steps: phone and consent, SMS code, password, IIN confirmed with name and birth date', async () => {
    const phone = '+7 701 234 56 78';
    const code = await api.call('POST', '/auth/otp', { body: { phone, consent: true } });
    expect(code.status).toBe(200);
    expect(code.body.resendAfterSeconds).toBe(77);
    const verified = await api.call('POST', '/auth/otp/verify', {
      body: { phone, code: api.ctx.smsBox.lastCode('+77012345678') },
    });
    expect(verified.status).toBe(200);
    const registered = await api.call('POST', '/auth/register', {
      body: { ticket: verified.body.ticket, password: 'Balapan-2019', passwordConfirmation: 'Balapan-2019' },
    });
    expect(registered.status).toBe(201);
    expect(registered.body.parent).toMatchObject({ phone: '+77012345678', needsIin: true });
    expect(registered.headers.getSetCookie().join(';')).toMatch(/oryn_session=.*HttpOnly.*SameSite=Lax/i);
    token = registered.body.token;
    cookie = registered.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');

    const person = await api.call('POST', '/me/iin/check', { token, body: { iin: '940225300128' } });
    expect(person.body).toMatchObject({
      lastName: 'КАМЕНОВ',
      firstName: 'ЕРМЕК',
      middleName: 'АХМЕТОВИЧ',
      birthDate: '1994-02-25',
      sex: 'male',
    });
    const me = await api.call('POST', '/me/iin', { token, body: { iin: '940225300128' } });
    expect(me.body).toMatchObject({ iin: '940225300128', lastName: 'КАМЕНОВ', needsIin: false });
  });

  it('logs in again with the phone and password', async () => {
    const login = await logIn(api, { phone: '8 701 234 56 78', password: 'Balapan-2019' });
    expect(login.status).toBe(200);
    expect(login.body.parent.lastName).toBe('КАМЕНОВ');
  });

  it('fills in the profile: contact phone and address', async () => {
    const updated = await api.call('PATCH', '/me', {
      token,
      body: { extraPhone: '+7 747 339 72 22', address: 'г.Туркестан, ул. Тауке хана 1' },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      extraPhone: '+77473397222',
      address: 'г.Туркестан, ул. Тауке хана 1',
    });
  });

  it('adds the child by IIN after "Проверить ИИН" shows her data', async () => {
    const check = await api.call('POST', '/children/check', { token, body: { iin: '170720600126' } });
    expect(check.body).toMatchObject({
      fullName: 'КАМЕНОВА ДАНИЯ ЕРМЕКОВНА',
      birthDate: '2017-07-20',
      sex: 'female',
    });
    const added = await api.call('POST', '/children', { token, body: { iin: '170720600126' } });
    expect(added.status).toBe(201);
    childId = added.body.id;
    const list = await api.call('GET', '/children', { token });
    expect(list.body.map((c: { fullName: string }) => c.fullName)).toEqual(['КАМЕНОВА ДАНИЯ ЕРМЕКОВНА']);
  });

  it('files an application: "В ожидании места", queue number, and the notification "Ваша заявка принята"', async () => {
    const filed = await api.call('POST', '/applications', {
      token,
      body: {
        childId,
        groupType: 'ordinary',
        languages: ['kk', 'ru'],
        regionId: REGION,
        localityId: LOCALITY,
      },
    });
    expect(filed.status).toBe(201);
    expect(filed.body).toMatchObject({
      status: 'waiting',
      queueNumber: 1,
      childName: 'КАМЕНОВА ДАНИЯ ЕРМЕКОВНА',
      localityName: 'г.Туркестан',
      steps: { queue: 'done', respond: 'current', referral: 'upcoming', result: 'upcoming' },
    });
    applicationId = filed.body.id;
    const inbox = await api.call('GET', '/notifications', { token });
    // Headed by the child's name (issue 14, item 15).
    expect(inbox.body[0].text).toMatch(/^[А-ЯЁӘҒҚҢӨҰҮҺІ ]+: Ваша заявка принята. Место в очереди 1$/);
    expect(inbox.headers.get('x-unread-count')).toBe('1');
  });

  it('sees a published bulletin under "Доступные мне" and may respond to it', async () => {
    api.ctx.clock.set('2026-03-19T10:30:00+05:00');
    bulletinId = 'bul-1';
    await publishSeedBulletin(api.ctx, staffId, bulletinId);
    const mine = await api.call('GET', `/bulletins?access=mine&regionId=${REGION}&birthYear=2017`, { token });
    expect(mine.body.map((b: { id: string }) => b.id)).toEqual([bulletinId]);
    expect(mine.body[0]).toMatchObject({
      kindergartenName: 'ГККП «Балапан» ясли - детский сад',
      groupName: 'Жұлдыз санаторлық тобы',
      totalPlaces: 3,
      freePlaces: 3,
      language: 'kk',
      birthYears: [2017, 2016, 2015, 2014],
      availableToMe: true,
    });
    const forAll = await api.call('GET', '/bulletins?access=all');
    expect(forAll.body).toEqual([]);
    const detail = await api.call('GET', `/bulletins/${bulletinId}`, { token });
    expect(detail.body.eligibility).toEqual([
      { applicationId, childName: 'КАМЕНОВА ДАНИЯ ЕРМЕКОВНА', ok: true, reasons: [] },
    ]);
  });

  it('responds ("Отправить заявку") and waits for activation', async () => {
    api.ctx.clock.set('2026-03-19T11:00:00+05:00');
    const responded = await api.call('POST', `/bulletins/${bulletinId}/responses`, {
      token,
      body: { applicationId },
    });
    expect(responded.status).toBe(201);
    expect(responded.body).toMatchObject({
      status: 'responded',
      steps: { respond: 'done', referral: 'current' },
    });
    expect(responded.body.response).toMatchObject({ bulletinId, status: 'active' });
  });

  it('hears the activation live on its event stream and gets a referral valid 5 working days', async () => {
    const res = await fetch(`${api.base}/events`, { headers: { cookie } });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader();
    await nextEvent(reader, 'ready');

    api.ctx.clock.set('2026-03-19T16:00:00+05:00');
    const app = await api.call('GET', `/applications/${applicationId}`, { token });
    await staffAction(api.ctx, staffId, 'response.activate', { responseId: app.body.response.id });

    expect(await nextEvent(reader, 'referral')).toContain(applicationId);
    await reader.cancel();

    const referred = await api.call('GET', `/applications/${applicationId}`, { token });
    expect(referred.body.status).toBe('referred');
    // docs/domain.md: activated Thu 19.03.2026 → 20.03 is day 1, Nauryz days off, 31.03.2026 is the last valid day.
    expect(referred.body.referral).toMatchObject({
      validUntil: '2026-03-31',
      status: 'active',
      canExtend: false,
      // "в течение 5-ти рабочих дней", counted on the day of activation.
      workingDaysLeft: 5,
    });
    referralId = referred.body.referral.id;
  });

  it('downloads the referral PDF with the child, kindergarten and last valid day', async () => {
    const pdf = await api.call('GET', `/referrals/${referralId}/pdf?lang=ru`, { token });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const dir = mkdtempSync(join(tmpdir(), 'oryn-pdf-'));
    writeFileSync(join(dir, 'referral.pdf'), pdf.body);
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'referral.pdf'), '-'], { encoding: 'utf8' });
    expect(text).toContain('КАМЕНОВА ДАНИЯ ЕРМЕКОВНА');
    expect(text).toContain('ГККП «Балапан» ясли - детский сад');
    expect(text).toContain('31.03.2026');
    const referral = await collectionOf(api.ctx.db, 'referrals').findOne(referralId).exec();
    expect(text).toContain(referral!.verificationCode);

    const kk = await api.call('GET', `/referrals/${referralId}/pdf?lang=kk`, { token });
    writeFileSync(join(dir, 'referral-kk.pdf'), kk.body);
    const kkText = execFileSync('pdftotext', ['-layout', join(dir, 'referral-kk.pdf'), '-'], {
      encoding: 'utf8',
    });
    expect(kkText).toContain('ЖОЛДАМА');
    expect(kkText).toContain('«Балапан» бөбекжай-бақшасы');
  });

  it('extends the referral only on its last valid day, with a supporting document', async () => {
    const form = () => {
      const f = new FormData();
      f.append('reason', 'Ребенок болеет');
      f.append('documents', new Blob(['%PDF-1.4 справка'], { type: 'application/pdf' }), 'spravka.pdf');
      f.append('descriptions', 'Медицинская справка');
      return f;
    };
    api.ctx.clock.set('2026-03-30T10:00:00+05:00');
    const early = await api.call('POST', `/referrals/${referralId}/extend`, { token, raw: form() });
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({ code: 'cannotExtend', params: { reasons: ['notLastDay'] } });
    expect(await collectionOf(api.ctx.db, 'uploads').count().exec()).toBe(0);

    api.ctx.clock.set('2026-03-31T10:00:00+05:00');
    const extended = await api.call('POST', `/referrals/${referralId}/extend`, { token, raw: form() });
    expect(extended.status).toBe(201);
    expect(extended.body).toMatchObject({ extendedUntil: '2026-04-30', canExtend: false });
    expect(extended.body.extension.documents).toEqual([
      {
        name: 'spravka.pdf',
        size: Buffer.byteLength('%PDF-1.4 справка'),
        description: 'Медицинская справка',
      },
    ]);
  });

  it('lets the kindergarten’s staff read the supporting documents, and nobody else', async () => {
    const staff = await logIn(api, { login: 'isenova', password: 'staff-password-1' });
    const list = await api.call('GET', `/referrals/${referralId}/documents`, { token: staff.body.token });
    expect(list.body).toEqual([
      expect.objectContaining({
        name: 'spravka.pdf',
        contentType: 'application/pdf',
        description: 'Медицинская справка',
      }),
    ]);
    const file = await api.call('GET', `/referrals/${referralId}/documents/${list.body[0].id}`, {
      token: staff.body.token,
    });
    expect(file.body.toString()).toBe('%PDF-1.4 справка');
    const stranger = await registerParent(
      api,
      '+7 707 000 11 22',
      makeIin({ birthDate: '1991-06-06', sex: 'female', serial: 3 })!,
    );
    const refused = await api.call('GET', `/referrals/${referralId}/documents`, { token: stranger.token });
    expect(refused.status).toBe(404);
  });

  it('lets the kindergarten’s staff print the referral PDF with the parent’s name, and nobody else', async () => {
    const staff = await logIn(api, { login: 'isenova', password: 'staff-password-1' });
    const pdf = await api.call('GET', `/referrals/${referralId}/pdf?lang=ru`, { token: staff.body.token });
    expect(pdf.status).toBe(200);
    const dir = mkdtempSync(join(tmpdir(), 'oryn-pdf-'));
    writeFileSync(join(dir, 'staff.pdf'), pdf.body);
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'staff.pdf'), '-'], { encoding: 'utf8' });
    expect(text).toContain('КАМЕНОВА ДАНИЯ ЕРМЕКОВНА');
    expect(text).toContain('КАМЕНОВ');
    const stranger = await registerParent(
      api,
      '+7 707 000 11 33',
      makeIin({ birthDate: '1990-03-03', sex: 'male', serial: 5 })!,
    );
    const refused = await api.call('GET', `/referrals/${referralId}/pdf`, { token: stranger.token });
    expect(refused.status).toBe(404);
  });

  it('sees the result after the contract: kindergarten and group, and "Договор успешно подписан"', async () => {
    api.ctx.clock.set('2026-04-02T10:00:00+05:00');
    await staffAction(api.ctx, staffId, 'referral.signContract', {
      referralId,
      contractNumber: '12/2026',
      contractDate: '2026-04-02',
    });
    const results = await api.call('GET', '/results', { token });
    expect(results.body).toEqual([
      expect.objectContaining({
        childName: 'КАМЕНОВА ДАНИЯ ЕРМЕКОВНА',
        kindergartenId: KG,
        kindergartenName: 'ГККП «Балапан» ясли - детский сад',
        groupName: 'Жұлдыз санаторлық тобы',
      }),
    ]);
    const inbox = await api.call('GET', '/notifications', { token });
    expect(inbox.body[0].text).toMatch(
      /^Договор успешно подписан\. Ваш ребенок КАМЕНОВА ДАНИЯ ЕРМЕКОВНА зачислен в/,
    );
    const kk = await api.call('GET', '/notifications', { token, headers: { 'accept-language': 'kk' } });
    expect(kk.body[0].text).not.toBe(inbox.body[0].text);
    const journal = await api.call('GET', '/journal', { token });
    expect(journal.body.map((e: { kind: string }) => e.kind)).toEqual([
      'referral.extend',
      'application.respond',
      'application.file',
    ]);
  });

  it('never logs the IIN, the phone or the SMS code in full', () => {
    const log = api.ctx.logLines.join('');
    for (const secret of ['940225300128', '170720600126', '7012345678', 'Balapan-2019']) {
      expect(log).not.toContain(secret);
    }
    for (const m of api.ctx.smsBox.sent) expect(log).not.toContain(/\d{6}/.exec(m.text)![0]);
  });

  it('registers a second parent the same way', async () => {
    const iin = makeIin({ birthDate: '1988-01-01', sex: 'male', serial: 12 })!;
    const other = await registerParent(api, '+7 702 000 00 01', iin);
    expect(other.token).toBeTruthy();
  });
});
