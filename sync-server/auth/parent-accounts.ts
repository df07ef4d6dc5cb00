import { randomUUID } from 'node:crypto';
import type { ServerContext } from '../context';
import { collectionOf, type Parent } from '../schema';
import { AuthError } from './auth-error';
import { consumeOtpTicket } from './otp';
import { hashPassword, PASSWORD_MAX, PASSWORD_MIN, verifyPassword } from './password';

export const DEFAULT_CONSENT_VERSION = '2026-01';

/** The seed's step 3: "Пароль должен состоять из 8-40 символов", typed twice. */
export function checkNewPassword(password: string, confirmation: string): void {
  if (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX) {
    throw new AuthError(400, 'passwordLength', { min: PASSWORD_MIN, max: PASSWORD_MAX, field: 'password' });
  }
  if (password !== confirmation)
    throw new AuthError(400, 'passwordMismatch', { field: 'passwordConfirmation' });
}

export async function findParentByPhone(ctx: ServerContext, phone: string) {
  return collectionOf(ctx.db, 'parents').findOne({ selector: { phone } }).exec();
}

/**
 * Registration step 3 ("Сохранить"): the phone proven by the SMS code becomes the login. The consent
 * given at step 1 is stored with its version and time. The IIN follows at step 4.
 */
export async function registerParent(
  ctx: ServerContext,
  input: { ticket: string; password: string; passwordConfirmation: string },
): Promise<Parent> {
  checkNewPassword(input.password, input.passwordConfirmation);
  const passwordHash = await hashPassword(input.password);
  const { phone, consentVersion, consentAt } = await consumeOtpTicket(ctx, input.ticket, 'register');
  if (!consentVersion || !consentAt) throw new AuthError(400, 'consentRequired');
  if (await findParentByPhone(ctx, phone)) throw new AuthError(409, 'phoneTaken');
  const now = ctx.now();
  const doc = await collectionOf(ctx.db, 'parents').insert({
    id: `parent:${randomUUID()}`,
    phone,
    consentVersion,
    consentAt,
    passwordHash,
    tokenVersion: 0,
    createdAt: now.toISOString(),
    updatedAt: now.getTime(),
  });
  return doc.toJSON() as Parent;
}

let decoyHash: Promise<string> | null = null;

/** "Вход" by phone and password; an unknown phone and a wrong password give the same answer. */
export async function authenticateParent(
  ctx: ServerContext,
  phone: string,
  password: string,
): Promise<Parent> {
  const doc = await findParentByPhone(ctx, phone);
  if (!doc) {
    decoyHash ??= hashPassword('decoy-password');
    await verifyPassword(await decoyHash, password);
    throw new AuthError(401, 'invalidCredentials');
  }
  if (!(await verifyPassword(doc.passwordHash, password))) throw new AuthError(401, 'invalidCredentials');
  return doc.toJSON() as Parent;
}

/**
 * Password reset by SMS: a new password, and every existing session ends (whoever knew the old
 * password is logged out everywhere).
 */
export async function resetParentPassword(
  ctx: ServerContext,
  input: { ticket: string; password: string; passwordConfirmation: string },
): Promise<Parent> {
  checkNewPassword(input.password, input.passwordConfirmation);
  const passwordHash = await hashPassword(input.password);
  const { phone } = await consumeOtpTicket(ctx, input.ticket, 'reset');
  const doc = await findParentByPhone(ctx, phone);
  if (!doc) throw new AuthError(400, 'otpTicketInvalid');
  const now = ctx.now().getTime();
  const updated = await doc.incrementalModify((d) => ({
    ...d,
    passwordHash,
    tokenVersion: d.tokenVersion + 1,
    updatedAt: now,
  }));
  return updated.toJSON() as Parent;
}
