import type { Referral } from '../schema';
import type { Day } from './day';
import { iinBirthYear } from './iin';
import { almatyDay } from './instant';
import { hasLapsed } from './referral';
import { fail, ok, type Result } from './result';

/**
 * What anyone may learn from a referral's verification code (docs/domain.md, Transparency; issue 17): its
 * status today, where it is for, the child's initials and birth year, its dates — never a full name,
 * an IIN or anything of the parent. The public page, `GET /api/verify/:code` and the staff
 * workspace's offline check all answer this one shape.
 */

/**
 * - active: valid today, not extended;
 * - extended: valid today, on its one extension;
 * - used: the contract was signed (the child is enrolled);
 * - expired: its last valid day has passed (also before the scheduler has marked it);
 * - annulled: the child did not come, or the application was withdrawn.
 */
export const REFERRAL_CHECK_STATUSES = ['active', 'extended', 'used', 'expired', 'annulled'] as const;
export type ReferralCheckStatus = (typeof REFERRAL_CHECK_STATUSES)[number];

export interface ReferralCheck {
  /** The code is a real referral's (whatever its status). */
  valid: true;
  status: ReferralCheckStatus;
  /** Whether the referral can be presented today: active or extended. */
  validToday: boolean;
  kindergarten: string;
  group: string;
  /** 'К. Д. Е.' for КАМЕНОВА ДАНИЯ ЕРМЕКОВНА. */
  childInitials: string;
  /** From the child's IIN; null if the stored IIN is malformed. */
  birthYear: number | null;
  /** The activation day in Asia/Almaty. */
  issuedOn: Day;
  validUntil: Day;
  extendedUntil?: Day;
}

export type CheckedReferral = Pick<
  Referral,
  'status' | 'childName' | 'childIin' | 'activatedAt' | 'validUntil' | 'extendedUntil'
>;

/** The public status of a referral at `now`. Errors: `invalidTimestamp`, `invalidInput` (unknown status). */
export function referralCheckStatus(
  referral: Pick<Referral, 'status' | 'validUntil' | 'extendedUntil'>,
  now: string,
): Result<ReferralCheckStatus> {
  switch (referral?.status) {
    case 'enrolled':
      return ok('used');
    case 'annulled':
      return ok('annulled');
    case 'expired':
      return ok('expired');
    case 'active': {
      // The scheduler marks a lapsed referral within a minute; the check does not wait for it.
      const lapsed = hasLapsed(referral, now);
      if (!lapsed.ok) return lapsed;
      if (lapsed.value) return ok('expired');
      return ok(referral.extendedUntil ? 'extended' : 'active');
    }
    default:
      return fail('invalidInput', { field: 'status' });
  }
}

/** The first letter of each part of a name, 'К. Д. Е.': enough to match a paper, not to identify a child. */
export function nameInitials(name: unknown): string {
  if (typeof name !== 'string') return '';
  return name
    .split(/\s+/)
    .filter(Boolean)
    .map((part) => `${[...part][0]!.toLocaleUpperCase('ru')}.`)
    .join(' ');
}

/** The public answer for a referral, with its kindergarten's and group's names as the caller reads them. */
export function referralCheck(
  referral: CheckedReferral,
  names: { kindergarten: string; group: string },
  now: string,
): Result<ReferralCheck> {
  const status = referralCheckStatus(referral, now);
  if (!status.ok) return status;
  const issuedOn = almatyDay(referral.activatedAt);
  if (!issuedOn.ok) return issuedOn;
  return ok({
    valid: true,
    status: status.value,
    validToday: status.value === 'active' || status.value === 'extended',
    kindergarten: names.kindergarten,
    group: names.group,
    childInitials: nameInitials(referral.childName),
    birthYear: iinBirthYear(referral.childIin),
    issuedOn: issuedOn.value,
    validUntil: referral.validUntil,
    ...(referral.extendedUntil ? { extendedUntil: referral.extendedUntil } : {}),
  });
}
