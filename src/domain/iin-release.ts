import type { Outcome } from './bulletin-actions';
import { parseIin } from './iin';
import type { ActionPayload } from './payload-specs';
import type { WorkingSet } from './working-set';

/**
 * The dispute path of a parent's IIN (docs/domain.md, Parent account: "a wrongly taken IIN is freed by
 * a supervisor (contact centre) with an audited action"; issue 13, point 3), as the supervisor action
 * `parent.releaseIin` (issue 12, item 6: one write path). The IIN's owner calls the contact centre;
 * once their identity is checked there, the supervisor frees the IIN from the account holding it, with
 * the reason. That account keeps its phone, password, children and applications but goes back to
 * registration step 4 (no IIN, every session ended), and the owner can bind the IIN.
 */

/** A parent account as the server stores it (sync-server/schema/parents.ts). */
export type ParentAccountDoc = {
  id: string;
  phone: string;
  consentVersion: string;
  consentAt: string;
  passwordHash: string;
  iin?: string;
  lastName?: string;
  firstName?: string;
  middleName?: string;
  birthDate?: string;
  sex?: 'male' | 'female';
  contactPhone?: string;
  extraPhone?: string;
  address?: string;
  photoId?: string;
  /** Bumped to end every session of the account. */
  tokenVersion: number;
  createdAt: string;
  updatedAt: number;
};

/** What the holder's account loses with the IIN: everything the person registry filled in at step 4. */
export const FROM_REGISTRY = ['iin', 'lastName', 'firstName', 'middleName', 'birthDate', 'sex'] as const;

/** The supervisor's reason (how the owner's identity was checked): kept in the audit entry. */
export const IIN_RELEASE_REASON = { min: 3, max: 500 } as const;

/**
 * Frees the IIN from the account holding it. A supervisor frees it only from an account whose
 * applications are all in their region (an account without applications belongs to no region): any
 * other is refused as outside the region, which the API answers as not found, like an IIN nobody holds.
 */
export function releaseParentIin(ws: WorkingSet, p: ActionPayload<'parent.releaseIin'>): Outcome {
  const iin = parseIin(p.iin);
  if (!iin.ok) return { code: 'invalidPayload', params: { field: 'iin', reason: iin.error.code } };
  if (p.reason.trim().length < IIN_RELEASE_REASON.min)
    return { code: 'invalidPayload', params: { field: 'reason', reason: 'empty' } };
  const wanted = p.iin.trim();
  const holder = ws.all('parents').find((parent) => parent.iin === wanted);
  if (!holder) return { code: 'notFound', params: { collection: 'parents', id: wanted } };
  const elsewhere = ws.all('applications').some((a) => a.parentId === holder.id && a.regionId !== p.regionId);
  if (elsewhere) return { code: 'forbidden', params: { kind: ws.action.kind, reason: 'region' } };
  const freed: ParentAccountDoc = { ...holder, tokenVersion: holder.tokenVersion + 1 };
  for (const field of FROM_REGISTRY) delete freed[field];
  ws.put('parents', freed);
  return null;
}
