import { afterEach, describe, expect, it } from 'vitest';
import { makeIin } from '../../../src/domain';
import { verifyChain } from '../../../sync-server/audit';
import { createUser, OTP_RESEND_MS } from '../../../sync-server/auth';
import { collection } from '../../../sync-server/database';
import { collectionOf } from '../../../sync-server/schema';
import { readAll } from '../../../sync-server/store';
import {
  fileSeedApplication,
  logIn,
  publishSeedBulletin,
  REGION,
  registerParent,
  seedCatalogue,
  staffUser,
  startApi,
  type TestApi,
} from './harness';

// Issue 13, points 3 and 4: an IIN bound as a government service would, and no lockout of, or
// enumeration by, a stranger. Clients play several addresses through X-Forwarded-For.
let api: TestApi;
afterEach(async () => {
  await api.close();
});

const from = (address: string) => ({ 'x-forwarded-for': address });
const owner = '10.0.0.1';
const stranger = '10.0.0.66';

/** Registration steps 1–3 of a new account (no IIN yet), from an address. */
async function newAccount(phone: string, address = owner): Promise<string> {
  const headers = from(address);
  await api.call('POST', '/auth/otp', { body: { phone, consent: true }, headers });
  const verified = await api.call('POST', '/auth/otp/verify', {
    body: { phone, code: api.ctx.smsBox.lastCode(phone) },
    headers,
  });
  const registered = await api.call('POST', '/auth/register', {
    body: { ticket: verified.body.ticket, password: 'Balapan-2019', passwordConfirmation: 'Balapan-2019' },
    headers,
  });
  if (registered.status !== 201) throw new Error(JSON.stringify(registered.body));
  return registered.body.token;
}

/** An adult's IIN the demo registry knows: born 12.05.1990. */
const adult = (serial: number, birthDate = '1990-05-12') => makeIin({ birthDate, sex: 'female', serial })!;

describe('a parent account binds an adult’s IIN, once', () => {
  it('refuses a registered child’s IIN and a newborn’s, with the reason', async () => {
    api = await startApi({ addresses: true });
    await seedCatalogue(api.ctx);
    const family = await registerParent(api);
    await fileSeedApplication(api, family.token);
    const token = await newAccount('+77015550001');
    const child = await api.call('POST', '/me/iin', { token, body: { iin: '170720600126' } });
    expect(child.status).toBe(422);
    expect(child.body.error).toMatchObject({ code: 'iinNotAdult', field: 'iin', params: { age: 18 } });
    expect(child.body.error.message).toContain('18');
    const newborn = makeIin({ birthDate: '2026-03-01', sex: 'male', serial: 3 })!;
    expect((await api.call('POST', '/me/iin/check', { token, body: { iin: newborn } })).body.error.code).toBe(
      'iinNotAdult',
    );
    expect((await api.call('GET', '/me', { token })).body.needsIin).toBe(true);
  });

  it('counts the 18 years by the IIN’s own birth date: refused the day before the birthday, bound on it', async () => {
    api = await startApi({ addresses: true, start: '2026-03-19T10:00:00+05:00' });
    const token = await newAccount('+77015550002');
    const tomorrow = adult(7, '2008-03-20');
    const today = adult(7, '2008-03-19');
    expect((await api.call('POST', '/me/iin', { token, body: { iin: tomorrow } })).status).toBe(422);
    const bound = await api.call('POST', '/me/iin', { token, body: { iin: today } });
    expect(bound.status).toBe(200);
    expect(bound.body.birthDate).toBe('2008-03-19');
  });

  it('refuses an adult’s IIN that someone registered as a child', async () => {
    api = await startApi({ addresses: true });
    const family = await registerParent(api);
    const iin = adult(11);
    // A child record by that IIN (whoever wrote it): the IIN is a child's as far as the service knows.
    await collectionOf(api.ctx.db, 'children').insert({
      id: `child:${iin}`,
      iin,
      lastName: 'А',
      firstName: 'Б',
      birthDate: '1990-05-12',
      sex: 'female',
      parentId: 'parent:someone',
      createdAt: api.ctx.now().toISOString(),
      updatedAt: api.ctx.now().getTime(),
    });
    const token = await newAccount('+77015550003');
    const res = await api.call('POST', '/me/iin/check', { token, body: { iin } });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'iinOfChild', field: 'iin' });
    expect(family.token).toBeTruthy();
  });

  it('limits IIN look-ups per account and per address', async () => {
    api = await startApi({
      addresses: true,
      limits: {
        iinCheckPerAccount: { capacity: 2, refillEveryMs: 3_600_000 },
        iinCheckPerAddress: { capacity: 3, refillEveryMs: 3_600_000 },
      },
    });
    const first = await newAccount('+77015550004');
    const statuses: number[] = [];
    for (const serial of [21, 22, 23])
      statuses.push(
        (
          await api.call('POST', '/me/iin/check', {
            token: first,
            body: { iin: adult(serial) },
            headers: from(owner),
          })
        ).status,
      );
    expect(statuses).toEqual([200, 200, 429]);
    // Another account at the same address has the address's last look-up; elsewhere, its own two
    // (the look-up the address refused did not count against the account).
    const check = (token: string, address: string) =>
      api.call('POST', '/me/iin/check', { token, body: { iin: adult(24) }, headers: from(address) });
    const second = await newAccount('+77015550005');
    expect((await check(second, owner)).status).toBe(200);
    const limited = await check(second, owner);
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rateLimited');
    expect((await check(second, '10.0.0.2')).status).toBe(200);
    expect((await check(second, '10.0.0.3')).status).toBe(429);
  });
});

describe('a wrongly taken IIN is freed by the contact centre', () => {
  async function supervisorToken(login: string, regionId: string): Promise<string> {
    await createUser(api.ctx, {
      login,
      password: 'supervisor-pass-1',
      role: 'supervisor',
      name: 'Контакт-центр',
      regionId,
    });
    return (await logIn(api, { login, password: 'supervisor-pass-1' })).body.token;
  }

  it('frees the IIN from the account holding it, with the reason on the audit chain; the owner binds it', async () => {
    api = await startApi({ addresses: true });
    await seedCatalogue(api.ctx);
    const iin = adult(31);
    const taker = await newAccount('+77015550006');
    expect((await api.call('POST', '/me/iin', { token: taker, body: { iin } })).status).toBe(200);
    const realOwner = await newAccount('+77015550007');
    const taken = await api.call('POST', '/me/iin', { token: realOwner, body: { iin } });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('iinTaken');
    expect(taken.body.error.message).toMatch(/контакт-центр/i);

    const supervisor = await supervisorToken('contact-centre', REGION);
    const noReason = await api.call('POST', `/supervisor/iin-disputes/${iin}/release`, {
      token: supervisor,
      body: {},
    });
    expect(noReason.status).toBe(400);
    const released = await api.call('POST', `/supervisor/iin-disputes/${iin}/release`, {
      token: supervisor,
      body: { reason: 'Владелец ИИН обратился в контакт-центр с удостоверением личности' },
    });
    expect(released.status).toBe(200);
    expect(released.body).toMatchObject({ iin });
    // Freed once: asked again before anyone binds it, nobody holds it — refused, and nothing changes.
    const twice = await api.call('POST', `/supervisor/iin-disputes/${iin}/release`, {
      token: supervisor,
      body: { reason: 'Повторное обращение' },
    });
    expect(twice.status).toBe(404);
    expect(twice.body.error).toMatchObject({ code: 'notFound', message: expect.any(String) });

    // The holder's sessions end; logged in again, it is back at registration step 4.
    expect((await api.call('GET', '/me', { token: taker })).status).toBe(401);
    const again = await logIn(api, { phone: '+77015550006', password: 'Balapan-2019' });
    expect((await api.call('GET', '/me', { token: again.body.token })).body.needsIin).toBe(true);
    const bound = await api.call('POST', '/me/iin', { token: realOwner, body: { iin } });
    expect(bound.status).toBe(200);
    expect(bound.body.iin).toBe(iin);

    // An action of the processor like every supervisor change: stored applied, audited with the change.
    const [action] = await readAll(collection(api.ctx.db, 'actions'), {
      kind: 'parent.releaseIin',
      status: 'applied',
    });
    expect(action).toMatchObject({
      status: 'applied',
      actorRole: 'supervisor',
      kindergartenId: `region:${REGION}`,
    });
    const audit = await readAll(collection(api.ctx.db, 'audit'), {});
    const entries = audit.filter((e) => e.kind === 'parent.releaseIin');
    expect(entries).toHaveLength(1);
    const [entry] = entries;
    expect(entry).toMatchObject({
      actionId: action.id,
      actor: 'user:contact-centre',
      actorRole: 'supervisor',
      districtId: REGION,
      entityIds: [released.body.parentId],
      payload: {
        regionId: REGION,
        iin,
        reason: 'Владелец ИИН обратился в контакт-центр с удостоверением личности',
      },
    });
    expect(released.body.releasedAt).toBe(entry.at);
    expect(verifyChain(audit).ok).toBe(true);
  });

  it('does not free an IIN whose holder files applications in another region, nor one bound to nobody', async () => {
    api = await startApi({ addresses: true });
    await seedCatalogue(api.ctx);
    const holder = await registerParent(api);
    await fileSeedApplication(api, holder.token);
    const other = await supervisorToken('supervisor-shymkent', 'shymkent-region');
    const release = (iin: string) =>
      api.call('POST', `/supervisor/iin-disputes/${iin}/release`, {
        token: other,
        body: { reason: 'Обращение в контакт-центр' },
      });
    expect((await release('940225300128')).status).toBe(404);
    expect((await release(adult(41))).status).toBe(404);
    expect((await api.call('GET', '/me', { token: holder.token })).body.iin).toBe('940225300128');
  });
});

describe('no answer tells whether a phone is registered', () => {
  const known = '+77011234567';
  const unknown = '+77019998877';
  /** An answer without what differs by nature: headers and the request's own timestamps. */
  const shape = (r: { status: number; body: unknown }) => ({ status: r.status, body: r.body });

  it('answers registration’s code request for a registered phone exactly as for a new one; the SMS tells the owner', async () => {
    api = await startApi({ addresses: true });
    await registerParent(api, known);
    api.ctx.clock.advance(OTP_RESEND_MS);
    const ask = (phone: string) => api.call('POST', '/auth/otp', { body: { phone, consent: true } });
    const [a, b] = [await ask(known), await ask(unknown)];
    expect(shape(a)).toEqual(shape(b));
    expect(a.status).toBe(200);
    const told = api.ctx.smsBox.sent.at(-2)!;
    expect(told.to).toBe(known);
    expect(told.text).toMatch(/уже есть учётная запись/);
    expect(told.text).not.toMatch(/\d{6}/);
    // And the 77-second timer and a wrong code answer alike too.
    expect(shape(await ask(known))).toEqual(shape(await ask(unknown)));
    const verify = (phone: string) =>
      api.call('POST', '/auth/otp/verify', { body: { phone, code: '000000' } });
    const [va, vb] = [await verify(known), await verify(unknown)];
    if (vb.body.error?.code === 'otpInvalid') expect(shape(va)).toEqual(shape(vb));
    else expect(va.status).toBe(400);
  });

  it('answers a reset’s second request and a wrong reset code alike for registered and unknown phones', async () => {
    api = await startApi({ addresses: true });
    await registerParent(api, known);
    api.ctx.clock.advance(OTP_RESEND_MS);
    const ask = (phone: string) => api.call('POST', '/auth/otp', { body: { phone, purpose: 'reset' } });
    expect(shape(await ask(known))).toEqual(shape(await ask(unknown)));
    const again = [await ask(known), await ask(unknown)];
    expect(again[0].status).toBe(429);
    expect(shape(again[0])).toEqual(shape(again[1]));
    const wrong = (phone: string) =>
      api.call('POST', '/auth/otp/verify', { body: { phone, purpose: 'reset', code: '000000' } });
    const code = api.ctx.smsBox.lastCode(known);
    if (code !== '000000') {
      const [wa, wb] = [await wrong(known), await wrong(unknown)];
      expect(wa.body.error).toMatchObject({ code: 'otpInvalid', params: { attemptsLeft: 4 } });
      expect(shape(wa)).toEqual(shape(wb));
    }
  });

  it('takes roughly as long for a registered phone as for an unknown one', async () => {
    api = await startApi({ addresses: true });
    await registerParent(api, known);
    const time = async (phone: string, purpose: 'register' | 'reset') => {
      const t = performance.now();
      await api.call('POST', '/auth/otp', { body: { phone, consent: true, purpose } });
      return performance.now() - t;
    };
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
    const rounds: Record<string, number[]> = { known: [], unknown: [] };
    for (let i = 0; i < 7; i++) {
      api.ctx.clock.advance(OTP_RESEND_MS);
      for (const purpose of ['register', 'reset'] as const) {
        rounds.known!.push(await time(known, purpose));
        rounds.unknown!.push(await time(unknown, purpose));
      }
    }
    expect(Math.abs(median(rounds.known!) - median(rounds.unknown!))).toBeLessThan(50);
  });
});

describe('no stranger can lock an account out', () => {
  const phone = '+77011234567';

  it('counts only codes actually sent: requests inside the 77-second timer use up nothing', async () => {
    api = await startApi({ addresses: true });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await api.call('POST', '/auth/otp', { body: { phone, consent: true } })).status);
    expect(statuses).toEqual([200, 429, 429, 429, 429, 429]);
    for (const purpose of ['register', 'reset']) {
      api.ctx.clock.advance(OTP_RESEND_MS);
      const res = await api.call('POST', '/auth/otp', { body: { phone, consent: true, purpose } });
      expect(res.status).toBe(200);
    }
  });

  it('does not count an SMS the operator did not take', async () => {
    api = await startApi({
      addresses: true,
      limits: { smsPerPhone: { capacity: 1, refillEveryMs: 3_600_000 } },
    });
    const send = api.ctx.smsBox.send.bind(api.ctx.smsBox);
    api.ctx.smsBox.send = async () => {
      throw new Error('operator down');
    };
    const failed = await api.call('POST', '/auth/otp', { body: { phone, consent: true } });
    expect(failed.status).toBe(502);
    expect(failed.body.error.code).toBe('smsFailed');
    api.ctx.smsBox.send = send;
    expect((await api.call('POST', '/auth/otp', { body: { phone, consent: true } })).status).toBe(200);
  });

  it('a stranger’s code requests from elsewhere leave the owner’s SMS budget whole', async () => {
    api = await startApi({
      addresses: true,
      limits: { smsPerPhone: { capacity: 2, refillEveryMs: 3_600_000 } },
    });
    for (let i = 0; i < 3; i++) {
      await api.call('POST', '/auth/otp', { body: { phone, consent: true }, headers: from(stranger) });
      api.ctx.clock.advance(OTP_RESEND_MS);
    }
    const limited = await api.call('POST', '/auth/otp', {
      body: { phone, consent: true },
      headers: from(stranger),
    });
    expect(limited.body.error.code).toBe('rateLimited');
    const mine = await api.call('POST', '/auth/otp', {
      body: { phone, consent: true },
      headers: from(owner),
    });
    expect(mine.status).toBe(200);
  });

  it('a stranger’s wrong codes use up the attempts of the stranger’s address, not the owner’s', async () => {
    api = await startApi({ addresses: true });
    await api.call('POST', '/auth/otp', { body: { phone, consent: true }, headers: from(owner) });
    const right = api.ctx.smsBox.lastCode(phone);
    const wrong = right === '000000' ? '111111' : '000000';
    const codes: string[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await api.call('POST', '/auth/otp/verify', {
        body: { phone, code: wrong },
        headers: from(stranger),
      });
      codes.push(res.body.error.code);
    }
    expect(codes).toEqual([
      'otpInvalid',
      'otpInvalid',
      'otpInvalid',
      'otpInvalid',
      'otpAttempts',
      'otpAttempts',
    ]);
    const mine = await api.call('POST', '/auth/otp/verify', {
      body: { phone, code: right },
      headers: from(owner),
    });
    expect(mine.status).toBe(200);
    expect(mine.body.ticket).toBeTruthy();
  });

  it('logs staff in with the right password from a new address while a guesser’s address is being slowed down', async () => {
    api = await startApi({ addresses: true });
    await staffUser(api.ctx);
    const guess = () =>
      api.call('POST', '/auth/login', {
        body: { login: 'isenova', password: 'wrong-password' },
        headers: from(stranger),
      });
    const codes: string[] = [];
    for (let i = 0; i < 10; i++) codes.push((await guess()).body.error.code);
    expect(codes.slice(0, 5)).toEqual(Array(5).fill('invalidCredentials'));
    expect(codes.at(-1)).toBe('rateLimited');
    const ownerLogin = await api.call('POST', '/auth/login', {
      body: { login: 'isenova', password: 'staff-password-1' },
      headers: from(owner),
    });
    expect(ownerLogin.status).toBe(200);
    // The guesser waits, then may try again: a back-off, never a block.
    const wait = (await guess()).body.error.params.seconds as number;
    api.ctx.clock.advance(wait * 1000);
    expect((await guess()).body.error.code).toBe('invalidCredentials');
  });

  it('shows no staff login in the anonymous bulletin board, only the author’s name', async () => {
    api = await startApi();
    await seedCatalogue(api.ctx);
    const staff = await staffUser(api.ctx);
    await publishSeedBulletin(api.ctx, staff.id);
    const list = await api.call('GET', '/bulletins');
    const one = await api.call('GET', '/bulletins/bul-1');
    expect(list.body).toHaveLength(1);
    for (const b of [list.body[0], one.body]) {
      expect(b.authorName).toBe('Исенова Гулмира Ибраимовна');
      expect(b).not.toHaveProperty('authorId');
    }
    expect(JSON.stringify([list.body, one.body])).not.toContain('isenova');
    const openApi = await api.call('GET', '/openapi.json');
    expect(JSON.stringify(openApi.body.components.schemas.Bulletin)).not.toContain('authorId');
  });
});
