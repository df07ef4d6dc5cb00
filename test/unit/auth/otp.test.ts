import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AuthError,
  consumeOtpTicket,
  OTP_MAX_ATTEMPTS,
  OTP_RESEND_MS,
  OTP_TTL_MS,
  requestOtp,
  verifyOtp,
} from '../../../sync-server/auth';
import { collectionOf } from '../../../sync-server/schema';
import { createTestContext, type TestContext } from '../../support/test-context';

const phone = '+77012345678';
let ctx: TestContext;

beforeEach(async () => {
  ctx = await createTestContext();
});
afterEach(async () => {
  await ctx.close();
});

async function refusal(p: Promise<unknown>): Promise<{ code: string; params: Record<string, unknown> }> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AuthError) return { code: e.code, params: e.params };
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('SMS codes', () => {
  it('sends a 6-digit code by SMS and stores only its hash', async () => {
    await requestOtp(ctx, phone, 'register', { version: '2026-01' });
    const code = ctx.smsBox.lastCode(phone);
    expect(code).toMatch(/^\d{6}$/);
    const stored = await collectionOf(ctx.db, 'otps').findOne(`register:${phone}`).exec();
    expect(JSON.stringify(stored?.toJSON())).not.toContain(code);
    expect(ctx.logLines.join('')).not.toContain(code);
    expect(ctx.logLines.join('')).not.toContain('2345678');
  });

  it('accepts the right code once and gives a ticket that works once', async () => {
    await requestOtp(ctx, phone, 'register', { version: '2026-01' });
    const ticket = await verifyOtp(ctx, phone, 'register', ctx.smsBox.lastCode(phone));
    expect((await consumeOtpTicket(ctx, ticket, 'register')).phone).toBe(phone);
    expect((await refusal(consumeOtpTicket(ctx, ticket, 'register'))).code).toBe('otpTicketInvalid');
    expect((await refusal(verifyOtp(ctx, phone, 'register', '000000'))).code).toBe('otpNotRequested');
  });

  it('refuses a second code within the 77-second timer and says how long to wait', async () => {
    await requestOtp(ctx, phone, 'register');
    ctx.clock.advance(60_000);
    expect(await refusal(requestOtp(ctx, phone, 'register'))).toEqual({
      code: 'otpResendTooSoon',
      params: { seconds: 17 },
    });
    ctx.clock.advance(OTP_RESEND_MS - 60_000);
    await requestOtp(ctx, phone, 'register');
    expect(ctx.smsBox.sent).toHaveLength(2);
  });

  it('counts wrong codes and locks after 5 attempts, even for the right code', async () => {
    await requestOtp(ctx, phone, 'register');
    const right = ctx.smsBox.lastCode(phone);
    const wrong = right === '111111' ? '222222' : '111111';
    for (let left = OTP_MAX_ATTEMPTS - 1; left >= 1; left--) {
      expect(await refusal(verifyOtp(ctx, phone, 'register', wrong))).toEqual({
        code: 'otpInvalid',
        params: { attemptsLeft: left },
      });
    }
    expect((await refusal(verifyOtp(ctx, phone, 'register', wrong))).code).toBe('otpAttempts');
    expect((await refusal(verifyOtp(ctx, phone, 'register', right))).code).toBe('otpAttempts');
  });

  it('expires a code after 5 minutes', async () => {
    await requestOtp(ctx, phone, 'register');
    ctx.clock.advance(OTP_TTL_MS);
    expect((await refusal(verifyOtp(ctx, phone, 'register', ctx.smsBox.lastCode(phone)))).code).toBe(
      'otpExpired',
    );
  });

  it('keeps registration and password-reset codes apart', async () => {
    await requestOtp(ctx, phone, 'reset');
    const ticket = await verifyOtp(ctx, phone, 'reset', ctx.smsBox.lastCode(phone));
    expect((await refusal(consumeOtpTicket(ctx, ticket, 'register'))).code).toBe('otpTicketInvalid');
  });

  it('starts no timer when the SMS operator fails, so the parent can ask again at once', async () => {
    const operator = ctx.sms;
    ctx.sms = {
      async send() {
        throw new Error('operator down');
      },
    };
    expect((await refusal(requestOtp(ctx, phone, 'register'))).code).toBe('smsFailed');
    expect(await collectionOf(ctx.db, 'otps').count().exec()).toBe(0);
    ctx.sms = operator;
    await requestOtp(ctx, phone, 'register');
    expect(ctx.smsBox.sent).toHaveLength(1);
  });

  it('forgets a verified but unused code when a new one is sent', async () => {
    await requestOtp(ctx, phone, 'reset');
    const first = await verifyOtp(ctx, phone, 'reset', ctx.smsBox.lastCode(phone));
    ctx.clock.advance(OTP_RESEND_MS);
    await requestOtp(ctx, phone, 'reset');
    expect((await refusal(consumeOtpTicket(ctx, first, 'reset'))).code).toBe('otpTicketInvalid');
    const second = await verifyOtp(ctx, phone, 'reset', ctx.smsBox.lastCode(phone));
    expect((await consumeOtpTicket(ctx, second, 'reset')).phone).toBe(phone);
  });
});
