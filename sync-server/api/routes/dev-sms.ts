import { z } from 'zod';
import { ApiError } from '../api-error';
import { type RouteSpec, route } from '../route';
import { requirePhone } from './registration';

interface CodeKeeper {
  lastCode(phone: string): string | undefined;
}
const keepsCodes = (sms: unknown): sms is CodeKeeper => typeof (sms as CodeKeeper)?.lastCode === 'function';

/**
 * Development and e2e only (config.devSmsEndpoint): the last code the console SMS gateway "sent".
 * Not mounted at all otherwise.
 */
export function devSmsRoutes(): RouteSpec[] {
  return [
    route({
      method: 'get',
      path: '/dev/sms/:phone',
      operationId: 'devLastSmsCode',
      response: z.object({ phone: z.string(), code: z.string() }),
      tag: 'dev',
      summary: 'DEV ONLY: the last SMS code sent to a phone by the console gateway',
      access: 'public',
      params: z.object({ phone: z.string().max(40) }),
      handle: async ({ ctx, params }) => {
        const phone = requirePhone(params.phone);
        const code = keepsCodes(ctx.sms) ? ctx.sms.lastCode(phone) : undefined;
        if (!code) throw new ApiError(404, 'notFound', { what: 'sms' });
        return { phone, code };
      },
    }),
  ];
}
