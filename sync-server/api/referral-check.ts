import { createHash, timingSafeEqual } from 'node:crypto';
import { normalizeVerificationCode, type ReferralCheck, referralCheck } from '../../src/domain';
import type { Group, Kindergarten, Referral } from '../../src/schema';
import type { ServerContext } from '../context';
import { collection } from '../database';
import { referralsByCode } from '../referral-lookup';
import { readByIds } from '../store';
import type { Language } from './language';
import { kindergartenName } from './views';

/**
 * Never issued: '0' is not in the code alphabet. A request whose code cannot be one looks this up
 * instead, so it costs the same index lookup as any unknown code.
 */
const DECOY_CODE = '0000-0000-0000';

/**
 * What an unknown code is checked against: a referral shaped like a real one, whose kindergarten and
 * group do not exist (their look-ups run and find nothing), so that every request runs the same
 * steps and an unknown code is not answered sooner than a real one (issue 17: equal timing).
 */
const DECOY: Referral = {
  id: 'ref_decoy',
  applicationId: 'app_decoy',
  bulletinId: 'bul_decoy',
  responseId: 'resp_decoy',
  kindergartenId: 'kg_verify_decoy',
  groupId: 'grp_verify_decoy',
  childIin: '170720600126',
  childName: 'ДЕКОЙ ДЕКОЙ ДЕКОЙ',
  parentId: 'parent_decoy',
  activatedAt: '2026-03-19T10:00:00+05:00',
  activatedBy: 'staff_decoy',
  validUntil: '2026-03-31',
  status: 'active',
  verificationCode: DECOY_CODE,
  updatedAt: 0,
};

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * The public answer for a code as typed or scanned, or null when it is no referral's. Every call does
 * the same work whatever the code: one index lookup (of the decoy code when the text cannot be a
 * code), a constant-time comparison of the stored code with the asked one, the look-ups of a
 * kindergarten and a group by id past rxdb's caches, and the answer built — only then is an unknown
 * code told apart.
 */
export async function checkReferralCode(
  ctx: ServerContext,
  code: string,
  lng: Language,
): Promise<ReferralCheck | null> {
  const asked = normalizeVerificationCode(code) ?? DECOY_CODE;
  // Two referrals share a code only if two older 8-character codes collided: the latest one is meant.
  const found = (await referralsByCode(ctx.db, asked)).sort((a, b) =>
    b.activatedAt.localeCompare(a.activatedAt),
  );
  const candidate = found[0] ?? DECOY;
  const matches = timingSafeEqual(digest(candidate.verificationCode), digest(asked)) && candidate !== DECOY;
  const [kindergarten] = await readByIds<Kindergarten>(collection(ctx.db, 'kindergartens'), [
    candidate.kindergartenId,
  ]);
  const [group] = await readByIds<Group>(collection(ctx.db, 'groups'), [candidate.groupId]);
  const answer = referralCheck(
    candidate,
    { kindergarten: kindergarten ? kindergartenName(kindergarten, lng) : '', group: group?.name ?? '' },
    ctx.now().toISOString(),
  );
  if (!matches) return null;
  if (!answer.ok) {
    // A stored referral the domain cannot read (a malformed date): the server's fault, not the caller's.
    throw new Error(`referral ${candidate.id}: ${answer.error.code}`);
  }
  return answer.value;
}
