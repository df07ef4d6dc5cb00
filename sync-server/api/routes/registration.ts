import { z } from 'zod';
import {
  DEFAULT_CONSENT_VERSION,
  findParentByPhone,
  issueSession,
  lookupPerson,
  normalisePhone,
  refuseUnbindableIin,
  OTP_RESEND_MS,
  registerParent,
  requestOtp,
  verifyOtp,
} from '../../auth';
import { collectionOf, type Parent } from '../../schema';
import { ApiError } from '../api-error';
import { iinField, passwordField, phoneInput } from '../fields';
import { accountAtAddress, Limiters } from '../limits';
import { me, person } from '../../../src/contract';
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
      errors: ['phoneInvalid', 'consentRequired', 'otpResendTooSoon', 'rateLimited', 'smsFailed'],
      handle: async ({ ctx, body, req }) => {
        const phone = requirePhone(body.phone);
        if (body.purpose === 'register' && body.consent !== true)
          throw new ApiError(400, 'consentRequired', {}, 'consent');
        await Limiters.check([limits.authPerAddress, req.ip ?? '']);
        const registered = (await findParentByPhone(ctx, phone)) !== null;
        // The same answer, the same steps and one SMS whether or not the phone has an account (issue 13):
        // its owner reads in the SMS what to do; nobody else can tell.
        const notice =
          body.purpose === 'register'
            ? registered
              ? 'alreadyRegistered'
              : 'code'
            : registered
              ? 'code'
              : 'noAccount';
        const sent = await requestOtp(ctx, phone, body.purpose, {
          notice,
          ...(body.purpose === 'register'
            ? { consent: { version: ctx.config.consentVersion ?? DEFAULT_CONSENT_VERSION } }
            : {}),
          // Counted only when an SMS is about to go out, per phone at this address: requests inside the
          // 77-second timer, or a stranger's from elsewhere, never use up the owner's codes.
          beforeSend: () =>
            Limiters.check(
              [limits.smsPerPhone, accountAtAddress(phone, req.ip)],
              [limits.smsPerAddress, req.ip ?? ''],
            ),
        });
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
        await Limiters.check([limits.authPerAddress, req.ip ?? '']);
        return { ticket: await verifyOtp(ctx, phone, body.purpose, body.code.trim(), req.ip ?? '') };
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
        await Limiters.check([limits.authPerAddress, req.ip ?? '']);
        const parent = await registerParent(ctx, body);
        ctx.log.info({ parentId: parent.id }, 'parent registered');
        const session = await issueSession(ctx, {
          id: parent.id,
          role: 'parent',
          tokenVersion: parent.tokenVersion,
        });
        setSessionCookies(req, res, session, ctx.now(), 'parent');
        return { ...session, parent: meView(parent) };
      },
    }),
    route({
      method: 'post',
      path: '/me/iin/check',
      operationId: 'checkParentIin',
      response: person,
      tag: 'registration',
      summary:
        'Step 4: the parent’s IIN → name and birth date from the registry, to confirm. An adult’s IIN (18+ by its birth date), no registered child’s, no other account’s; a few look-ups per account and address',
      access: 'registering',
      body: z.object({ iin: iinField }),
      errors: [
        'invalidIin',
        'iinNotFound',
        'iinMismatch',
        'iinNotAdult',
        'iinOfChild',
        'iinTaken',
        'rateLimited',
      ],
      handle: async ({ ctx, body, parent, req }) => {
        await limitIinLookups(limits, parent!, req.ip);
        const person = await lookupPerson(ctx, body.iin);
        await refuseUnbindableIin(ctx, person.iin, parent!.id);
        return person;
      },
    }),
    route({
      method: 'post',
      path: '/me/iin',
      operationId: 'confirmParentIin',
      response: me,
      tag: 'registration',
      summary:
        'Step 4 "Отправить": the profile takes the registry’s name, birth date and sex (the same rules and limits as the check)',
      access: 'registering',
      body: z.object({ iin: iinField }),
      errors: [
        'invalidIin',
        'iinNotFound',
        'iinMismatch',
        'iinNotAdult',
        'iinOfChild',
        'iinTaken',
        'iinAlreadyConfirmed',
        'rateLimited',
      ],
      handle: async ({ ctx, body, parent, req }) => {
        if (parent!.iin) throw new ApiError(409, 'iinAlreadyConfirmed', {}, 'iin');
        await limitIinLookups(limits, parent!, req.ip);
        const person = await lookupPerson(ctx, body.iin);
        await refuseUnbindableIin(ctx, person.iin, parent!.id);
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

/**
 * Both IIN steps answer a person's name: a handful per account and per address, so a new account is
 * no IIN → name look-up service (issue 13).
 */
function limitIinLookups(limits: Limiters, parent: Parent, address: string | undefined) {
  return Limiters.check([limits.iinCheckPerAccount, parent.id], [limits.iinCheckPerAddress, address ?? '']);
}
