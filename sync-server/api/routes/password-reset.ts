import { z } from 'zod';
import { resetParentPassword } from '../../auth';
import { passwordField } from '../fields';
import { Limiters } from '../limits';
import { ok } from '../../../src/contract';
import { type RouteSpec, route } from '../route';

/**
 * "Забыли пароль?": the SMS code comes from /auth/otp with purpose 'reset'; then a new password,
 * and every existing session of the account ends (whoever knew the old password is logged out).
 */
export function passwordResetRoutes(limits: Limiters): RouteSpec[] {
  return [
    route({
      method: 'post',
      path: '/auth/reset',
      operationId: 'resetPassword',
      response: ok,
      tag: 'auth',
      summary: 'The new password (8–40, twice) with a reset ticket; all sessions of the account end',
      access: 'public',
      body: z.object({
        ticket: z.string().max(2000),
        password: passwordField,
        passwordConfirmation: passwordField,
      }),
      errors: ['passwordLength', 'passwordMismatch', 'otpTicketInvalid'],
      handle: async ({ ctx, body, req }) => {
        await Limiters.check([limits.authPerAddress, req.ip ?? '']);
        await resetParentPassword(ctx, body);
        return { ok: true as const };
      },
    }),
  ];
}
