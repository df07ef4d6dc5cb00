import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import type { ServerContext } from '../context';
import { collectionOf, type OtpPurpose } from '../schema';
import { AuthError } from './auth-error';
import { rateStoreOf } from './rate-store';
import { readToken, signToken } from './token';

/** docs/domain.md, Parent account: 6 digits, valid 5 minutes, at most 5 attempts, resend after 77 s. */
export const OTP_DIGITS = 6;
export const OTP_TTL_MS = 5 * 60_000;
/**
 * Attempts at one code from one address (issue 13: failed attempts count per account and address, so
 * a stranger's wrong guesses do not use up the owner's).
 */
export const OTP_MAX_ATTEMPTS = 5;
/** Attempts at one code from all addresses together: a guess per 50,000 codes, whoever guesses. */
export const OTP_MAX_TOTAL_ATTEMPTS = 20;
/** "Код подтверждения придет в течении 77 секунд": the seed's timer before another code may be asked for. */
export const OTP_RESEND_MS = 77_000;
/** How long a verified code lets the parent finish the next step (password). */
export const OTP_TICKET_TTL_MS = 15 * 60_000;

const otpId = (purpose: OtpPurpose, phone: string) => `${purpose}:${phone}`;

function codeHash(ctx: ServerContext, purpose: OtpPurpose, phone: string, code: string): string {
  // An HMAC with the server secret: a leaked table of 6-digit hashes cannot be brute-forced offline.
  return createHmac('sha256', ctx.config.tokenSecret).update(`otp:${purpose}:${phone}:${code}`).digest('hex');
}

export interface OtpSent {
  /** Epoch ms when the code stops working. */
  expiresAt: number;
  /** Epoch ms from which another code may be requested. */
  resendAt: number;
}

/**
 * What the SMS says. Every request that passes the timer and the limits sends exactly one SMS, so no
 * answer (status, body, time) tells whether the phone has an account (issue 13): a registration code
 * for a phone that has one tells its owner to log in instead, a reset code for a phone that has none
 * says so; neither carries a code, and the code stored for it is one nobody was sent.
 */
export type OtpNotice = 'code' | 'alreadyRegistered' | 'noAccount';

const SMS_TEXT: Record<Exclude<OtpNotice, 'code'>, string> = {
  alreadyRegistered:
    'Oryn: бұл нөмірмен тіркелгі бар — кіріңіз не құпиясөзді қалпына келтіріңіз / с этим номером уже есть учётная запись — войдите или восстановите пароль',
  noAccount:
    'Oryn: бұл нөмірмен тіркелгі жоқ — тіркеліңіз / с этим номером нет учётной записи — зарегистрируйтесь',
};

export interface OtpRequestOptions {
  consent?: { version: string };
  notice?: OtpNotice;
  /**
   * Runs once the 77-second timer has passed, before the SMS goes out: the limits on codes sent. What
   * it answers is run if the operator then does not take the SMS (nothing was sent, nothing counts).
   */
  beforeSend?: () => Promise<(() => Promise<void>) | undefined>;
}

/** Sends a fresh code by SMS; refused (429 otpResendTooSoon) inside the 77-second timer. */
export async function requestOtp(
  ctx: ServerContext,
  phone: string,
  purpose: OtpPurpose,
  options: OtpRequestOptions | { version: string } = {},
): Promise<OtpSent> {
  const {
    consent,
    notice = 'code',
    beforeSend,
  } = 'version' in options ? ({ consent: options } as OtpRequestOptions) : options;
  const now = ctx.now().getTime();
  const otps = collectionOf(ctx.db, 'otps');
  const existing = await otps.findOne(otpId(purpose, phone)).exec();
  if (existing) {
    const resendAt = Date.parse(existing.sentAt) + OTP_RESEND_MS;
    if (now < resendAt) {
      throw new AuthError(429, 'otpResendTooSoon', { seconds: Math.ceil((resendAt - now) / 1000) });
    }
  }
  const undo = await beforeSend?.();
  const code = String(randomInt(0, 10 ** OTP_DIGITS)).padStart(OTP_DIGITS, '0');
  const sent = { expiresAt: now + OTP_TTL_MS, resendAt: now + OTP_RESEND_MS };
  // Sent first, stored after: a code the operator did not take leaves the previous state (and its
  // 77-second timer) as it was.
  try {
    await ctx.sms.send(
      phone,
      notice === 'code' ? `Oryn: ${code} — растау коды / код подтверждения` : SMS_TEXT[notice],
    );
  } catch (error) {
    await undo?.();
    throw error instanceof AuthError ? error : new AuthError(502, 'smsFailed');
  }
  await otps.upsert({
    id: otpId(purpose, phone),
    phone,
    purpose,
    codeHash: codeHash(ctx, purpose, phone, code),
    sentAt: new Date(now).toISOString(),
    expiresAt: new Date(sent.expiresAt).toISOString(),
    attempts: 0,
    ...(consent ? { consentVersion: consent.version, consentAt: new Date(now).toISOString() } : {}),
    updatedAt: now,
  });
  return sent;
}

/**
 * Checks a code. Each wrong code uses up one of the 5 attempts of the address it came from (and one of
 * the code's 20 in all); after that, or after 5 minutes, only a new code helps. A right code returns a
 * short-lived ticket for the next step (it proves the phone).
 */
export async function verifyOtp(
  ctx: ServerContext,
  phone: string,
  purpose: OtpPurpose,
  code: string,
  address = '',
): Promise<string> {
  const now = ctx.now().getTime();
  const doc = await collectionOf(ctx.db, 'otps').findOne(otpId(purpose, phone)).exec();
  if (!doc || doc.verifiedAt) throw new AuthError(400, 'otpNotRequested');
  if (now >= Date.parse(doc.expiresAt)) throw new AuthError(400, 'otpExpired');
  if (doc.attempts >= OTP_MAX_TOTAL_ATTEMPTS) throw new AuthError(429, 'otpAttempts');
  // This address's attempts at this code, counted in the shared rate store (atomic, every process).
  const mine = await rateStoreOf(ctx.db).update<{ n: number }, number>(
    `otp-attempts:${doc.id}:${doc.sentAt}|${address}`,
    now,
    (held) => {
      const n = held?.n ?? 0;
      const expiresAt = Date.parse(doc.expiresAt);
      if (n >= OTP_MAX_ATTEMPTS) return { state: { n }, expiresAt, result: -1 };
      return { state: { n: n + 1 }, expiresAt, result: n + 1 };
    },
  );
  if (mine < 0) throw new AuthError(429, 'otpAttempts');
  const given = Buffer.from(codeHash(ctx, purpose, phone, String(code)));
  const right = given.length === doc.codeHash.length && timingSafeEqual(given, Buffer.from(doc.codeHash));
  // Counted atomically, so parallel guesses cannot exceed the limit.
  let allowed = false;
  const updated = await doc.incrementalModify((d) => {
    if (d.attempts >= OTP_MAX_TOTAL_ATTEMPTS || d.verifiedAt || d.codeHash !== doc.codeHash) return d;
    allowed = true;
    d.attempts += 1;
    if (right) d.verifiedAt = new Date(now).toISOString();
    d.updatedAt = now;
    return d;
  });
  if (!allowed) throw new AuthError(429, 'otpAttempts');
  if (!right) {
    const attemptsLeft = Math.min(OTP_MAX_ATTEMPTS - mine, OTP_MAX_TOTAL_ATTEMPTS - updated.attempts);
    if (attemptsLeft <= 0) throw new AuthError(429, 'otpAttempts');
    throw new AuthError(400, 'otpInvalid', { attemptsLeft });
  }
  return signToken(ctx.config.tokenSecret, {
    typ: 'otp',
    sub: phone,
    purpose,
    sentAt: doc.sentAt,
    exp: now + OTP_TICKET_TTL_MS,
  });
}

/** The code document a ticket from `verifyOtp` stands for, while it is still good. */
async function ticketOtp(ctx: ServerContext, ticket: string, purpose: OtpPurpose) {
  const claims = readToken(ctx.config.tokenSecret, ticket, 'otp', ctx.now().getTime());
  if (!claims || claims.purpose !== purpose) throw new AuthError(400, 'otpTicketInvalid');
  const doc = await collectionOf(ctx.db, 'otps').findOne(otpId(purpose, claims.sub)).exec();
  if (!doc?.verifiedAt || doc.sentAt !== claims.sentAt) throw new AuthError(400, 'otpTicketInvalid');
  return doc;
}

/** What a used ticket proves: the phone, and for registration the consent given with the code request. */
export interface VerifiedPhone {
  phone: string;
  consentVersion?: string;
  consentAt?: string;
}

function verified(doc: { phone: string; consentVersion?: string; consentAt?: string }): VerifiedPhone {
  return doc.consentVersion && doc.consentAt
    ? { phone: doc.phone, consentVersion: doc.consentVersion, consentAt: doc.consentAt }
    : { phone: doc.phone };
}

/** Whether a ticket is still good, without using it. */
export async function checkOtpTicket(
  ctx: ServerContext,
  ticket: string,
  purpose: OtpPurpose,
): Promise<VerifiedPhone> {
  return verified(await ticketOtp(ctx, ticket, purpose));
}

/** Uses a ticket once: the code document is removed, so neither the code nor the ticket works again. */
export async function consumeOtpTicket(
  ctx: ServerContext,
  ticket: string,
  purpose: OtpPurpose,
): Promise<VerifiedPhone> {
  const doc = await ticketOtp(ctx, ticket, purpose);
  const result = verified(doc);
  await doc.remove();
  return result;
}
