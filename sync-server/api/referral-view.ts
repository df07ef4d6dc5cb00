import { canExtend, extensionUntil, lastValidDay, workingDaysLeft } from '../../src/domain';
import type { Group, Kindergarten, Referral } from '../../src/schema';
import type { ServerContext } from '../context';
import { groupsById, kindergartensById } from './catalogue-lookup';
import type { Language } from './language';
import { kindergartenName } from './views';

const daysLeft = (r: Referral, now: string) => {
  const left = workingDaysLeft(r, now);
  return left.ok ? left.value : 0;
};

/**
 * A referral as the parent sees it in "Получение направления": the referral itself plus the names it
 * refers to, how many working days are left, and whether "Продлить направление" is offered today
 * (only on the last valid day, once).
 */
export async function referralView(
  ctx: ServerContext,
  r: Referral,
  lng: Language,
  /** The referral's kindergarten and group, when the caller has read them for a whole list. */
  names?: { kindergarten?: Kindergarten; group?: Group },
) {
  const kg = names
    ? names.kindergarten
    : (await kindergartensById(ctx, [r.kindergartenId])).get(r.kindergartenId);
  const group = names ? names.group : (await groupsById(ctx, [r.groupId])).get(r.groupId);
  const now = ctx.now();
  const check = canExtend(r, now.toISOString());
  const last = lastValidDay(r);
  return {
    ...r,
    kindergartenName: kg ? kindergartenName(kg, lng) : undefined,
    address: kg?.address,
    groupName: group?.name,
    lastValidDay: last,
    workingDaysLeft: r.status === 'active' ? daysLeft(r, now.toISOString()) : 0,
    canExtend: check.ok,
    extendReasons: check.ok ? [] : check.reasons,
    extensionMaxUntil: r.extension ? undefined : extensionUntil(r),
    pdfUrl: `/api/referrals/${encodeURIComponent(r.id)}/pdf?lang=${lng}`,
  };
}
