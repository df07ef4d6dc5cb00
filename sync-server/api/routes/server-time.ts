import { serverTime } from '../../../src/contract';
import { DEFAULT_TIME_ZONE } from '../../../src/i18n/dateFormat';
import { type RouteSpec, route } from '../route';

/**
 * "Эталонное время сервера" (the seed's application form and bulletins): the clock deadlines, priority
 * windows and filing times are decided by, so a parent whose phone runs late sees the time that counts.
 * The page asks once and ticks from the offset (renderer/parent/src/server-time.tsx).
 */
export function serverTimeRoutes(): RouteSpec[] {
  return [
    route({
      method: 'get',
      path: '/time',
      operationId: 'serverTime',
      tag: 'meta',
      summary: 'The server’s current time (“Эталонное время сервера”) and the zone its dates are kept in',
      access: 'public',
      response: serverTime,
      handle: async ({ ctx, res }) => {
        res.set('Cache-Control', 'no-store');
        return { now: ctx.now().toISOString(), timeZone: DEFAULT_TIME_ZONE } as const;
      },
    }),
  ];
}
