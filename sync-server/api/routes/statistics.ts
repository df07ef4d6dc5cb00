import { z } from 'zod';
import { holdsQueuePlace, parseIin } from '../../../src/domain';
import type { ServerContext } from '../../context';
import { numberedApplicationsOfChild } from '../../queue-rank';
import { ApiError } from '../api-error';
import { placeNames } from '../catalogue-lookup';
import { iinField } from '../fields';
import { Limiters } from '../limits';
import { queueEntry, statistics } from '../../../src/contract';
import { type RouteSpec, route } from '../route';
import { StatisticsCache } from '../statistics-cache';

/** "КАМЕНОВА ДАНИЯ ЕРМЕКОВНА" → "КАМЕНОВА Д. Е.": enough to recognise one's own child, not to identify a stranger's. */
function initials(name: string): string {
  const [last, ...rest] = name.split(/\s+/).filter(Boolean);
  return [last, ...rest.map((p) => `${p[0]}.`)].join(' ');
}

/** The main page's "Статистика" and "Очередь в ДДО" (queue lookup by the child's IIN). */
export function statisticsRoutes(ctx: ServerContext, limits: Limiters): RouteSpec[] {
  const cache = new StatisticsCache(ctx);
  return [
    route({
      method: 'get',
      path: '/statistics',
      operationId: 'getStatistics',
      response: statistics,
      tag: 'statistics',
      summary:
        'Queue sizes by locality, birth year and group type; kindergartens, free places, enrolled children',
      access: 'public',
      query: z.object({ regionId: z.string().max(64).optional() }),
      handle: async ({ ctx, query, lng }) => {
        const stats = await cache.get(query.regionId);
        const places = await placeNames(
          ctx,
          stats.queues.map((q) => q.regionId),
        );
        return {
          ...stats,
          queues: stats.queues.map((q) => ({
            ...q,
            localityName: places.locality(q.regionId, q.localityId, lng) ?? undefined,
          })),
        };
      },
    }),
    route({
      method: 'get',
      path: '/queue',
      operationId: 'lookupQueue',
      response: z.array(queueEntry),
      tag: 'statistics',
      summary: '"Очередь в ДДО": a child’s place in the queue by IIN (name shown as initials)',
      access: 'public',
      query: z.object({ iin: iinField }),
      errors: ['invalidIin', 'rateLimited'],
      handle: async ({ ctx, query, req, lng }) => {
        await Limiters.check([limits.authPerAddress, req.ip ?? '']);
        const parsed = parseIin(query.iin);
        if (!parsed.ok) throw new ApiError(422, 'invalidIin', { reason: parsed.error.code }, 'iin');
        // The child's applications by IIN from the server's expression index, with their numbers counted
        // over their queues' index ranges in the same statement (queue-rank.ts): no scan of the region,
        // no queue ranked in JS.
        const mine = (await numberedApplicationsOfChild(ctx.db, query.iin.trim())).filter(
          ({ app }) => holdsQueuePlace(app.status) || app.status === 'enrolled',
        );
        const places = await placeNames(
          ctx,
          mine.map(({ app }) => app.regionId),
        );
        return mine.map(({ app, queueNumber }) => ({
          childName: initials(app.childName),
          queueNumber,
          status: app.status,
          localityName: places.locality(app.regionId, app.localityId, lng) ?? undefined,
          filedAt: app.filedAt,
        }));
      },
    }),
  ];
}
