import { ADULT_AGE, almatyDayOfMs, isAdultIin } from '../../src/domain';
import type { ServerContext } from '../context';
import { parentsByIin } from '../parent-iin';
import { applicationsOfChild } from '../queue-rank';
import { collectionOf } from '../schema';
import { AuthError } from './auth-error';

/**
 * Whether a parent account may bind an IIN (docs/domain.md, Parent account; issue 13, point 3), as a
 * government service would: an adult's by the IIN's own birth date (18 or older today, Asia/Almaty),
 * never a child anyone has registered (a child record or an application's child), and bound to one
 * account only. A person whose IIN another account holds asks the contact centre, whose supervisor
 * frees it (supervisor/iin-disputes.ts); the refusals say so. Each question is one index lookup — the
 * children's `iin`, the applications' and the parents' server-kept IIN indexes on our storage
 * (queue-rank.ts, parent-iin.ts) — never a walk of the region's applications or accounts.
 */
export async function refuseUnbindableIin(ctx: ServerContext, iin: string, parentId: string): Promise<void> {
  if (!isAdultIin(iin, almatyDayOfMs(ctx.now().getTime())))
    throw new AuthError(422, 'iinNotAdult', { age: ADULT_AGE, field: 'iin' });
  const child =
    (await collectionOf(ctx.db, 'children').findOne({ selector: { iin } }).exec()) ??
    (await applicationsOfChild(ctx.db, iin))[0];
  if (child) throw new AuthError(409, 'iinOfChild', { field: 'iin' });
  const holders = await parentsByIin(ctx.db, iin);
  if (holders.some((holder) => holder.id !== parentId))
    throw new AuthError(409, 'iinTaken', { field: 'iin' });
}
