import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import type { ServerContext } from '../context';
import { collectionOf, type OtpPurpose } from '../schema';
import { AuthError } from './auth-error';
import { readToken, signToken } from './token';

/** domain.md, Parent account: 6 digits, valid 5 minutes, at most 5 attempts, resend after 77 s. */
export const OTP_DIGITS = 6;
export const OTP_TTL_MS = 5 * 60_000;
export const OTP_MAX_ATTEMPTS = 5;
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

/** Sends a fresh code by SMS; refused (429 otpResendTooSoon) inside the 77-second timer. */
export async function requestOtp(
  ctx: ServerContext,
  phone: string,
  purpose: OtpPurpose,
  consent?: { version: string },
): Promise<OtpSent> {
  const now = ctx.now().getTime();
  const otps = collectionOf(ctx.db, 'otps');
  const existing = await otps.findOne(otpId(purpose, phone)).exec();
  if (existing) {
    const resendAt = Date.parse(existing.sentAt) + OTP_RESEND_MS;
    if (now < resendAt) {
      throw new AuthError(429, 'otpResendTooSoon', { seconds: Math.ceil((resendAt - now) / 1000) });
    }
  }
  const code = String(randomInt(0, 10 ** OTP_DIGITS)).padStart(OTP_DIGITS, '0');
  const sent = { expiresAt: now + OTP_TTL_MS, resendAt: now + OTP_RESEND_MS };
  // Sent first, stored after: a code the operator did not take leaves the previous state (and its
  // 77-second timer) as it was.
  try {
    await ctx.sms.send(phone, `Oryn: ${code} — растау коды / код подтверждения`);
  } catch (error) {
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
 * Checks a code. Each wrong code uses up one of the 5 attempts; after that, or after 5 minutes, only a
 * new code helps. A right code returns a short-lived ticket for the next step (it proves the phone).
 */
export async function verifyOtp(
  ctx: ServerContext,
  phone: string,
  purpose: OtpPurpose,
  code: string,
): Promise<string> {
  const now = ctx.now().getTime();
  const doc = await collectionOf(ctx.db, 'otps').findOne(otpId(purpose, phone)).exec();
  if (!doc || doc.verifiedAt) throw new AuthError(400, 'otpNotRequested');
  if (now >= Date.parse(doc.expiresAt)) throw new AuthError(400, 'otpExpired');
  if (doc.attempts >= OTP_MAX_ATTEMPTS) throw new AuthError(429, 'otpAttempts');
  const given = Buffer.from(codeHash(ctx, purpose, phone, String(code)));
  const right = given.length === doc.codeHash.length && timingSafeEqual(given, Buffer.from(doc.codeHash));
  // Counted atomically, so parallel guesses cannot exceed the limit.
  let allowed = false;
  const updated = await doc.incrementalModify((d) => {
    if (d.attempts >= OTP_MAX_ATTEMPTS || d.verifiedAt || d.codeHash !== doc.codeHash) return d;
    allowed = true;
    d.attempts += 1;
    if (right) d.verifiedAt = new Date(now).toISOString();
    d.updatedAt = now;
    return d;
  });
  if (!allowed) throw new AuthError(429, 'otpAttempts');
  if (!right) {
    const attemptsLeft = OTP_MAX_ATTEMPTS - updated.attempts;
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
