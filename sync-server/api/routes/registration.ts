import { z } from 'zod';
import {
  DEFAULT_CONSENT_VERSION,
  findParentByPhone,
  issueSession,
  lookupPerson,
  normalisePhone,
  OTP_RESEND_MS,
  registerParent,
  requestOtp,
  verifyOtp,
} from '../../auth';
import type { ServerContext } from '../../context';
import { collectionOf, type Parent } from '../../schema';
import { ApiError } from '../api-error';
import { iinField, passwordField, phoneInput } from '../fields';
import { Limiters } from '../limits';
import { me, person } from '../response-shapes';
import { type RouteSpec, route } from '../route';
import { setSessionCookies } from '../session-cookie';
import { meView } from '../views';

export function requirePhone(input: string): string {
  const phone = normalisePhone(input);
  if (!phone) throw new ApiError(400, 'phoneInvalid', {}, 'phone');
  return phone;
}

const purpose = z.enum(['register', 'reset']).default('register');

/**
 * Registration as the seed's four steps (SMS → Пароль → Аккаунт), and the SMS code of a password
 * reset, which follows the same first two steps.
 */
export function registrationRoutes(limits: Limiters): RouteSpec[] {
  return [
    route({
      method: 'post',
      path: '/auth/otp',
      operationId: 'requestCode',
      tag: 'registration',
      summary:
        'Step 1 "Запросить код": phone (+ consent to the data policy when registering) → an SMS code, valid 5 minutes; another after 77 s',
      access: 'public',
      body: z.object({ phone: phoneInput, consent: z.boolean().optional(), purpose }),
      response: z.object({ expiresAt: z.string(), resendAt: z.string(), resendAfterSeconds: z.number() }),
      errors: ['phoneInvalid', 'consentRequired', 'phoneTaken', 'otpResendTooSoon', 'rateLimited'],
      handle: async ({ ctx, body, req }) => {
        const phone = requirePhone(body.phone);
        if (body.purpose === 'register' && body.consent !== true)
          throw new ApiError(400, 'consentRequired', {}, 'consent');
        Limiters.check([limits.authPerAddress, req.ip ?? ''], [limits.smsPerAddress, req.ip ?? '']);
        const registered = await findParentByPhone(ctx, phone);
        if (body.purpose === 'register' && registered) throw new ApiError(409, 'phoneTaken', {}, 'phone');
        Limiters.check([limits.smsPerPhone, phone]);
        const now = ctx.now().getTime();
        let sent = { expiresAt: now + 5 * 60_000, resendAt: now + OTP_RESEND_MS };
        if (body.purpose === 'register') {
          sent = await requestOtp(ctx, phone, 'register', {
            version: ctx.config.consentVersion ?? DEFAULT_CONSENT_VERSION,
          });
        } else if (registered) {
          sent = await requestOtp(ctx, phone, 'reset');
        }
        // A reset for an unknown phone answers exactly like a real one: no way to test whose number has an account.
        return {
          expiresAt: new Date(sent.expiresAt).toISOString(),
          resendAt: new Date(sent.resendAt).toISOString(),
          resendAfterSeconds: OTP_RESEND_MS / 1000,
        };
      },
    }),
    route({
      method: 'post',
      path: '/auth/otp/verify',
      operationId: 'verifyCode',
      tag: 'registration',
      summary: 'Step 2 "Отправить": the SMS code → a ticket for the password step (registration or reset)',
      access: 'public',
      body: z.object({ phone: phoneInput, code: z.string().max(20), purpose }),
      response: z.object({ ticket: z.string() }),
      errors: ['phoneInvalid', 'otpInvalid', 'otpExpired', 'otpAttempts', 'otpNotRequested', 'rateLimited'],
      handle: async ({ ctx, body, req }) => {
        const phone = requirePhone(body.phone);
        Limiters.check([limits.authPerAddress, req.ip ?? '']);
        return { ticket: await verifyOtp(ctx, phone, body.purpose, body.code.trim()) };
      },
    }),
    route({
      method: 'post',
      path: '/auth/register',
      operationId: 'register',
      response: z.object({
        token: z.string(),
        refreshToken: z.string(),
        validUntil: z.number(),
        refreshValidUntil: z.number(),
        parent: me,
      }),
      tag: 'registration',
      summary:
        'Step 3 "Сохранить": password 8–40 and its confirmation → the account, logged in (cookies set)',
      access: 'public',
      status: 201,
      body: z.object({
        ticket: z.string().max(2000),
        password: passwordField,
        passwordConfirmation: passwordField,
      }),
      errors: ['passwordLength', 'passwordMismatch', 'otpTicketInvalid', 'consentRequired', 'phoneTaken'],
      handle: async ({ ctx, body, req, res }) => {
        Limiters.check([limits.authPerAddress, req.ip ?? '']);
        const parent = await registerParent(ctx, body);
        ctx.log.info({ parentId: parent.id }, 'parent registered');
        const session = await issueSession(ctx, {
          id: parent.id,
          role: 'parent',
          tokenVersion: parent.tokenVersion,
        });
        setSessionCookies(req, res, session, ctx.now());
        return { ...session, parent: meView(parent) };
      },
    }),
    route({
      method: 'post',
      path: '/me/iin/check',
      operationId: 'checkParentIin',
      response: person,
      tag: 'registration',
      summary: 'Step 4: the parent’s IIN → name and birth date from the registry, to confirm',
      access: 'registering',
      body: z.object({ iin: iinField }),
      errors: ['invalidIin', 'iinNotFound', 'iinMismatch', 'iinTaken'],
      handle: async ({ ctx, body, parent }) => {
        const person = await lookupPerson(ctx, body.iin);
        await refuseTakenIin(ctx, person.iin, parent!);
        return person;
      },
    }),
    route({
      method: 'post',
      path: '/me/iin',
      operationId: 'confirmParentIin',
      response: me,
      tag: 'registration',
      summary: 'Step 4 "Отправить": the profile takes the registry’s name, birth date and sex',
      access: 'registering',
      body: z.object({ iin: iinField }),
      errors: ['invalidIin', 'iinNotFound', 'iinMismatch', 'iinTaken', 'iinAlreadyConfirmed'],
      handle: async ({ ctx, body, parent }) => {
        const person = await lookupPerson(ctx, body.iin);
        if (parent!.iin) throw new ApiError(409, 'iinAlreadyConfirmed', {}, 'iin');
        await refuseTakenIin(ctx, person.iin, parent!);
        const doc = await collectionOf(ctx.db, 'parents').findOne(parent!.id).exec();
        const now = ctx.now().getTime();
        const updated = await doc!.incrementalModify((d) => {
          if (d.iin) return d;
          return {
            ...d,
            iin: person.iin,
            lastName: person.lastName,
            firstName: person.firstName,
            ...(person.middleName ? { middleName: person.middleName } : {}),
            birthDate: person.birthDate,
            sex: person.sex,
            contactPhone: d.contactPhone ?? d.phone,
            updatedAt: now,
          };
        });
        if (updated.iin !== person.iin) throw new ApiError(409, 'iinAlreadyConfirmed', {}, 'iin');
        return meView(updated.toJSON() as Parent);
      },
    }),
  ];
}

/** One account per person: an IIN confirmed by another account is refused. */
async function refuseTakenIin(ctx: ServerContext, iin: string, parent: Parent) {
  const other = await collectionOf(ctx.db, 'parents').findOne({ selector: { iin } }).exec();
  if (other && other.id !== parent.id) throw new ApiError(409, 'iinTaken', {}, 'iin');
}
