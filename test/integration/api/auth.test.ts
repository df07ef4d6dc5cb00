import { afterEach, describe, expect, it } from 'vitest';
import { createUser, OTP_RESEND_MS, OTP_TTL_MS } from '../../../sync-server/auth';
import { collectionOf } from '../../../sync-server/schema';
import { KG, registerParent, startApi, type TestApi, logIn } from './harness';

// Auth over HTTP with an injected clock (issue 5): SMS codes, rate limits, sessions, refresh, logout.
let api: TestApi;
afterEach(async () => {
  await api.close();
});

const phone = '+77011234567';

describe('SMS codes over HTTP', () => {
  it('asks for consent to the data policy before sending a registration code', async () => {
    api = await startApi();
    const res = await api.call('POST', '/auth/otp', { body: { phone, consent: false } });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'consentRequired', field: 'consent' });
    expect(api.ctx.smsBox.sent).toEqual([]);
  });

  it('refuses a landline or foreign number', async () => {
    api = await startApi();
    const res = await api.call('POST', '/auth/otp', { body: { phone: '+7 727 339 72 22', consent: true } });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'phoneInvalid', field: 'phone' });
  });

  it('sends another code only after the 77-second timer', async () => {
    api = await startApi();
    await api.call('POST', '/auth/otp', { body: { phone, consent: true } });
    const early = await api.call('POST', '/auth/otp', { body: { phone, consent: true } });
    expect(early.status).toBe(429);
    expect(early.body.error).toMatchObject({ code: 'otpResendTooSoon', params: { seconds: 77 } });
    expect(early.body.error.message).toContain('77');
    api.ctx.clock.advance(OTP_RESEND_MS);
    const later = await api.call('POST', '/auth/otp', { body: { phone, consent: true } });
    expect(later.status).toBe(200);
    expect(api.ctx.smsBox.sent).toHaveLength(2);
  });

  it('refuses a code after 5 minutes', async () => {
    api = await startApi();
    await api.call('POST', '/auth/otp', { body: { phone, consent: true } });
    api.ctx.clock.advance(OTP_TTL_MS);
    const res = await api.call('POST', '/auth/otp/verify', {
      body: { phone, code: api.ctx.smsBox.lastCode(phone) },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('otpExpired');
  });

  it('locks a code after 5 wrong attempts', async () => {
    api = await startApi();
    await api.call('POST', '/auth/otp', { body: { phone, consent: true } });
    const right = api.ctx.smsBox.lastCode(phone);
    const wrong = right === '000000' ? '111111' : '000000';
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await api.call('POST', '/auth/otp/verify', { body: { phone, code: wrong } });
      codes.push(res.body.error.code);
    }
    expect(codes).toEqual(['otpInvalid', 'otpInvalid', 'otpInvalid', 'otpInvalid', 'otpAttempts']);
    const late = await api.call('POST', '/auth/otp/verify', { body: { phone, code: right } });
    expect(late.status).toBe(429);
    expect(late.body.error.code).toBe('otpAttempts');
  });

  it('refuses a password outside 8–40 characters or not confirmed, and keeps the ticket usable', async () => {
    api = await startApi();
    await api.call('POST', '/auth/otp', { body: { phone, consent: true } });
    const { body } = await api.call('POST', '/auth/otp/verify', {
      body: { phone, code: api.ctx.smsBox.lastCode(phone) },
    });
    const short = await api.call('POST', '/auth/register', {
      body: { ticket: body.ticket, password: 'short', passwordConfirmation: 'short' },
    });
    expect(short.body.error).toMatchObject({
      code: 'passwordLength',
      field: 'password',
      params: { min: 8, max: 40 },
    });
    const mismatch = await api.call('POST', '/auth/register', {
      body: { ticket: body.ticket, password: 'long-enough-1', passwordConfirmation: 'long-enough-2' },
    });
    expect(mismatch.body.error).toMatchObject({ code: 'passwordMismatch', field: 'passwordConfirmation' });
    expect(await collectionOf(api.ctx.db, 'parents').count().exec()).toBe(0);
    const ok = await api.call('POST', '/auth/register', {
      body: { ticket: body.ticket, password: 'long-enough-1', passwordConfirmation: 'long-enough-1' },
    });
    expect(ok.status).toBe(201);
    const reused = await api.call('POST', '/auth/register', {
      body: { ticket: body.ticket, password: 'long-enough-1', passwordConfirmation: 'long-enough-1' },
    });
    expect(reused.body.error.code).toBe('otpTicketInvalid');
  });
});

describe('rate limits', () => {
  it('limits SMS codes per phone', async () => {
    api = await startApi({ limits: { smsPerPhone: { capacity: 2, refillEveryMs: 3_600_000 } } });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await api.call('POST', '/auth/otp', { body: { phone, consent: true } });
      statuses.push(res.status);
      if (res.status === 429) expect(res.body.error.code).toBe('rateLimited');
      api.ctx.clock.advance(OTP_RESEND_MS);
    }
    expect(statuses).toEqual([200, 200, 429]);
    expect(api.ctx.smsBox.sent).toHaveLength(2);
  });

  it('limits SMS codes per address across phones', async () => {
    api = await startApi({ limits: { smsPerAddress: { capacity: 2, refillEveryMs: 3_600_000 } } });
    const statuses: number[] = [];
    for (const p of ['+77010000001', '+77010000002', '+77010000003']) {
      statuses.push((await api.call('POST', '/auth/otp', { body: { phone: p, consent: true } })).status);
    }
    expect(statuses).toEqual([200, 200, 429]);
  });

  it('slows password guesses down at the guessing address with a doubling wait, never a hard block', async () => {
    api = await startApi({
      limits: { loginBackoff: { free: 3, baseMs: 2_000, maxMs: 60_000, forgetAfterMs: 3_600_000 } },
    });
    const parent = await registerParent(api);
    const codes: string[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await logIn(api, { phone: parent.phone, password: 'wrong-password' });
      codes.push(res.body.error.code);
    }
    expect(codes).toEqual(['invalidCredentials', 'invalidCredentials', 'invalidCredentials', 'rateLimited']);
    api.ctx.clock.advance(2_000);
    expect((await logIn(api, { phone: parent.phone, password: 'wrong-password' })).status).toBe(401);
    const next = await logIn(api, { phone: parent.phone, password: 'Balapan-2019' });
    expect(next.body.error).toMatchObject({ code: 'rateLimited', params: { seconds: 4 } });
    api.ctx.clock.advance(4_000);
    expect((await logIn(api, { phone: parent.phone, password: 'Balapan-2019' })).status).toBe(200);
  });
});

describe('sessions', () => {
  it('refuses an expired access token, and a refresh gives a new one', async () => {
    api = await startApi();
    const parent = await registerParent(api);
    const login = await logIn(api, { phone: parent.phone, password: 'Balapan-2019' });
    api.ctx.clock.advance(60 * 60_000);
    const expired = await api.call('GET', '/me', { token: login.body.token });
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe('sessionExpired');
    const refreshed = await api.call('POST', '/auth/refresh', {
      body: { refreshToken: login.body.refreshToken },
    });
    expect(refreshed.status).toBe(200);
    expect((await api.call('GET', '/me', { token: refreshed.body.token })).status).toBe(200);
  });

  it('revokes the session when a used refresh token comes back', async () => {
    api = await startApi();
    const parent = await registerParent(api);
    const login = await logIn(api, { phone: parent.phone, password: 'Balapan-2019' });
    const first = await api.call('POST', '/auth/refresh', {
      body: { refreshToken: login.body.refreshToken },
    });
    const replay = await api.call('POST', '/auth/refresh', {
      body: { refreshToken: login.body.refreshToken },
    });
    expect(replay.status).toBe(401);
    expect((await api.call('GET', '/me', { token: first.body.token })).status).toBe(401);
  });

  it('refreshes from the refresh cookie, as the web view does', async () => {
    api = await startApi();
    const parent = await registerParent(api);
    const login = await logIn(api, { phone: parent.phone, password: 'Balapan-2019' });
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const refreshed = await api.call('POST', '/auth/refresh', { body: {}, headers: { cookie } });
    expect(refreshed.status).toBe(200);
  });

  it('logs out one session, and logs out everywhere', async () => {
    api = await startApi();
    const parent = await registerParent(api);
    const a = await logIn(api, { phone: parent.phone, password: 'Balapan-2019' });
    const b = await logIn(api, { phone: parent.phone, password: 'Balapan-2019' });
    await api.call('POST', '/auth/logout', { token: a.body.token });
    expect((await api.call('GET', '/me', { token: a.body.token })).status).toBe(401);
    expect((await api.call('GET', '/me', { token: b.body.token })).status).toBe(200);
    await api.call('POST', '/auth/logout-all', { token: b.body.token });
    expect((await api.call('GET', '/me', { token: b.body.token })).status).toBe(401);
    expect((await api.call('GET', '/me', { token: parent.token })).status).toBe(401);
    const refresh = await api.call('POST', '/auth/refresh', { body: { refreshToken: b.body.refreshToken } });
    expect(refresh.status).toBe(401);
  });

  it('logs staff in with login and password; a staff token cannot use the parents’ cabinet', async () => {
    api = await startApi();
    await createUser(api.ctx, {
      login: 'Isenova',
      password: 'staff-pass-1',
      role: 'staff',
      name: 'Исенова Г.',
      kindergartenId: KG,
    });
    const wrong = await logIn(api, { login: 'isenova', password: 'nope-nope' });
    expect(wrong.body.error.code).toBe('invalidCredentials');
    const unknown = await logIn(api, { login: 'nobody', password: 'nope-nope' });
    expect(unknown.body.error.code).toBe('invalidCredentials');
    const login = await logIn(api, { login: 'isenova', password: 'staff-pass-1' });
    expect(login.body.user).toMatchObject({ role: 'staff', kindergartenId: KG, login: 'isenova' });
    const session = await api.call('GET', '/auth/session', { token: login.body.token });
    expect(session.body).toMatchObject({ role: 'staff', kindergartenId: KG, userId: 'user:isenova' });
    const cabinet = await api.call('GET', '/applications', { token: login.body.token });
    expect(cabinet.status).toBe(403);
    expect(cabinet.body.error.code).toBe('forbidden');
  });

  it('asks a parent to finish registration (the IIN) before children and applications', async () => {
    api = await startApi();
    await api.call('POST', '/auth/otp', { body: { phone, consent: true } });
    const v = await api.call('POST', '/auth/otp/verify', {
      body: { phone, code: api.ctx.smsBox.lastCode(phone) },
    });
    const reg = await api.call('POST', '/auth/register', {
      body: { ticket: v.body.ticket, password: 'Balapan-2019', passwordConfirmation: 'Balapan-2019' },
    });
    const res = await api.call('GET', '/children', { token: reg.body.token });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('registrationIncomplete');
    expect((await api.call('GET', '/me', { token: reg.body.token })).body.needsIin).toBe(true);
  });

  it('refuses requests without a session, and with a forged one', async () => {
    api = await startApi();
    const none = await api.call('GET', '/applications');
    expect(none.body.error.code).toBe('unauthorized');
    const forged = await api.call('GET', '/applications', { token: 'v1.eyJ0eXAiOiJhY2Nlc3MifQ.AAAA' });
    expect(forged.body.error.code).toBe('sessionExpired');
  });

  it('resets a forgotten password by SMS and ends the old sessions', async () => {
    api = await startApi();
    const parent = await registerParent(api);
    api.ctx.clock.advance(OTP_RESEND_MS);
    const code = await api.call('POST', '/auth/otp', { body: { phone: parent.phone, purpose: 'reset' } });
    expect(code.status).toBe(200);
    const v = await api.call('POST', '/auth/otp/verify', {
      body: { phone: parent.phone, purpose: 'reset', code: api.ctx.smsBox.lastCode(parent.phone) },
    });
    const reset = await api.call('POST', '/auth/reset', {
      body: { ticket: v.body.ticket, password: 'New-password-1', passwordConfirmation: 'New-password-1' },
    });
    expect(reset.status).toBe(200);
    expect((await api.call('GET', '/me', { token: parent.token })).status).toBe(401);
    const login = await logIn(api, { phone: parent.phone, password: 'New-password-1' });
    expect(login.status).toBe(200);
  });

  it('answers a reset request for an unknown phone like a known one, sending no code', async () => {
    api = await startApi();
    const res = await api.call('POST', '/auth/otp', { body: { phone: '+77019998877', purpose: 'reset' } });
    expect(res.status).toBe(200);
    expect(api.ctx.smsBox.sent).toHaveLength(1);
    expect(() => api.ctx.smsBox.lastCode('+77019998877')).toThrow();
  });
});

describe('refresh without a body', () => {
  it('takes the refresh cookie when the request has no body at all', async () => {
    api = await startApi();
    const parent = await registerParent(api);
    const login = await logIn(api, { phone: parent.phone, password: 'Balapan-2019' });
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const res = await fetch(`${api.base}/auth/refresh`, { method: 'POST', headers: { cookie } });
    expect(res.status).toBe(200);
  });
});
