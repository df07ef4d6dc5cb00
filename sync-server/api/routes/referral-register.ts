import { z } from 'zod';
import { almatyDay, nameInitials } from '../../../src/domain';
import type { Group, Kindergarten } from '../../../src/schema';
import { collection } from '../../database';
import { referralRegister as readReferralRegister } from '../../referral-register';
import { referralRegister } from '../../../src/contract';
import { readByIds, readOne } from '../../store';
import { notFound } from '../api-error';
import { idParam } from '../fields';
import { Limiters } from '../limits';
import { type RouteSpec, route } from '../route';
import { kindergartenName } from '../views';

/**
 * «Список всех направлений в детский сад» (the seed's bulletins page): every referral a kindergarten
 * issued, newest first, so that parents can check that places went in queue order — the child's
 * initials, the queue number at issue, the day and the group. Public like the referral check, and
 * limited per address like it (a list is no reason to let one address read the region in a loop).
 */
export function referralRegisterRoutes(limits: Limiters): RouteSpec[] {
  return [
    route({
      method: 'get',
      path: '/kindergartens/:id/referrals',
      operationId: 'listKindergartenReferrals',
      tag: 'catalogue',
      summary:
        'The referrals a kindergarten issued, newest first, a page at a time: the child’s initials, the queue number at issue, the day issued, the group and its age group. No name, no IIN. No login; limited per address',
      access: 'public',
      params: idParam,
      query: z.object({
        limit: z.coerce.number().int().min(1).max(100).default(50),
        offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
      }),
      response: referralRegister,
      errors: ['notFound', 'rateLimited'],
      handle: async ({ ctx, params, query, req, lng }) => {
        await Limiters.check([limits.registerPerAddress, req.ip ?? '']);
        const kindergarten = await readOne<Kindergarten>(collection(ctx.db, 'kindergartens'), params.id);
        if (!kindergarten) throw notFound('kindergarten');
        const page = await readReferralRegister(ctx.db, kindergarten.id, query);
        const groups = new Map(
          (
            await readByIds<Group>(collection(ctx.db, 'groups'), [
              ...new Set(page.entries.map((e) => e.groupId)),
            ])
          ).map((g) => [g.id, g]),
        );
        return {
          kindergartenId: kindergarten.id,
          kindergarten: kindergartenName(kindergarten, lng),
          total: page.total,
          limit: query.limit,
          offset: query.offset,
          items: page.entries.map((e) => {
            const day = almatyDay(e.activatedAt);
            const group = groups.get(e.groupId);
            return {
              childInitials: nameInitials(e.childName),
              queueNumber: e.queueNumber ?? null,
              issuedOn: day.ok ? day.value : e.activatedAt.slice(0, 10),
              group: group?.name ?? '',
              ageGroup: group?.ageGroup ?? '',
            };
          }),
        };
      },
    }),
  ];
}
