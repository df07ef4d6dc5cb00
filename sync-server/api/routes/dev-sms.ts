import type { Request } from 'express';
import { z } from 'zod';
import { ApiError } from '../api-error';
import { type RouteSpec, route } from '../route';
import { requirePhone } from './registration';

interface CodeKeeper {
  lastCode(phone: string): string | undefined;
}
const keepsCodes = (sms: unknown): sms is CodeKeeper => typeof (sms as CodeKeeper)?.lastCode === 'function';

const LOOPBACK = /^(127(\.\d{1,3}){3}|::1|::ffff:127(\.\d{1,3}){3})$/;

/**
 * A client on this computer: the socket's own address is a loopback one, and no proxy relayed the
 * request (a proxy on this computer would make every remote client look local). `X-Forwarded-For` is
 * never believed here, whatever TRUST_PROXY says: it is the client's to write.
 */
export function isLocalClient(req: Request): boolean {
  const address = req.socket.remoteAddress ?? '';
  const relayed = ['x-forwarded-for', 'forwarded', 'x-real-ip', 'via'].some((h) => h in req.headers);
  return LOOPBACK.test(address) && !relayed;
}

/**
 * Development and e2e only: the last code the console SMS gateway "sent". Mounted only when the
 * operator turned it on (DEV_SMS=1, config.devSmsEndpoint; `npm start`'s demo does) and no SMS operator
 * is configured; it answers only clients on this computer (issue 13, point 8: anyone could read a
 * stranger's reset code here). Anyone else gets the 404 of a route that does not exist.
 */
export function devSmsRoutes(): RouteSpec[] {
  return [
    route({
      method: 'get',
      path: '/dev/sms/:phone',
      operationId: 'devLastSmsCode',
      response: z.object({ phone: z.string(), code: z.string() }),
      tag: 'dev',
      summary:
        'DEV ONLY (DEV_SMS=1, this computer only): the last SMS code sent to a phone by the console gateway',
      access: 'public',
      params: z.object({ phone: z.string() }),
      handle: async ({ ctx, params, req }) => {
        if (!isLocalClient(req) || !keepsCodes(ctx.sms)) throw new ApiError(404, 'notFound');
        const phone = requirePhone(params.phone.slice(0, 40));
        const code = ctx.sms.lastCode(phone);
        if (!code) throw new ApiError(404, 'notFound', { what: 'sms' });
        return { phone, code };
      },
    }),
  ];
}
