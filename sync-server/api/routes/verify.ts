import { z } from 'zod';
import { REFERRAL_CHECK_STATUSES } from '../../../src/domain';
import { ApiError } from '../api-error';
import { Limiters } from '../limits';
import { checkReferralCode } from '../referral-check';
import { type RouteSpec, route } from '../route';

const day = z.string().meta({ description: 'YYYY-MM-DD (Asia/Almaty)' });

/** The public answer (src/domain/referral-check.ts): no full name, no IIN, nothing of the parent. */
export const referralCheckShape = z.object({
  valid: z.literal(true),
  status: z.enum(REFERRAL_CHECK_STATUSES),
  validToday: z.boolean(),
  kindergarten: z.string().meta({ description: 'In the caller’s language' }),
  group: z.string(),
  childInitials: z.string().meta({ description: 'Initials only: «К. Д. Е.»' }),
  birthYear: z.number().int().nullable(),
  issuedOn: day,
  validUntil: day,
  extendedUntil: day.optional(),
});

/** "Проверить направление": anyone checks a referral's code, from the page the PDF's QR code opens. */
export function verifyRoutes(limits: Limiters): RouteSpec[] {
  return [
    route({
      method: 'get',
      path: '/verify/:code',
      operationId: 'verifyReferral',
      tag: 'verify',
      summary:
        'Check a referral by its verification code (as printed, any case, dashes optional): status (active / extended / used / expired / annulled), kindergarten, group, the child’s initials and birth year, dates. No login; limited per address; unknown codes answer 404 referralNotFound in the same time as real ones',
      access: 'public',
      // Any text: what cannot be a code is answered like an unknown code, not as a validation error.
      params: z.object({ code: z.string() }),
      response: referralCheckShape,
      errors: ['referralNotFound', 'rateLimited'],
      handle: async ({ ctx, params, req, res, lng }) => {
        await Limiters.check([limits.verifyPerAddress, req.ip ?? '']);
        res.set('Cache-Control', 'no-store');
        const answer = await checkReferralCode(ctx, params.code, lng);
        if (!answer) throw new ApiError(404, 'referralNotFound');
        return answer;
      },
    }),
  ];
}
