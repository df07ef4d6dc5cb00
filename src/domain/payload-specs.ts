import type { ActionKind } from '../schema';
import type { DomainError } from './errors';
import { checkPayloadBounds, type PayloadSpec, validatePayload } from './payload';
import type { WorkingSet } from './working-set';

/**
 * Each action kind's payload, field by field (issue 12, "Limits at the push"): the one table the
 * reducer checks before any handler runs, on the server and in the desktop's optimistic overlay
 * alike, and the handlers read their typed payload through (`kindPayload`), so they cannot disagree.
 * A field not named here is refused (`invalidPayload` with reason `unknown`).
 */

const ID = { kind: 'string', max: 64 } as const;
const PRIORITIES = ['extraordinary', 'primary', 'none'] as const;

/** bulletin.saveDraft and bulletin.publish: publishing an existing draft may omit what it has. */
const UPSERT_BULLETIN: PayloadSpec = {
  bulletinId: ID,
  groupId: { ...ID, optional: true },
  totalPlaces: { kind: 'int', min: 0, max: 1000, optional: true },
  freePlaces: { kind: 'int', min: 0, max: 1000, optional: true },
  placeType: { kind: 'string', max: 40, optional: true },
  vacancyAt: { kind: 'instant', optional: true },
  ageGroup: { kind: 'string', max: 100, optional: true, nonEmpty: false },
  authorName: { kind: 'string', max: 200, optional: true },
};

export const PAYLOAD_SPECS: Record<ActionKind, PayloadSpec> = {
  'bulletin.saveDraft': UPSERT_BULLETIN,
  'bulletin.publish': UPSERT_BULLETIN,
  'bulletin.edit': {
    bulletinId: ID,
    freePlaces: { kind: 'int', min: 0, max: 1000, optional: true },
    totalPlaces: { kind: 'int', min: 0, max: 1000, optional: true },
    vacancyAt: { kind: 'instant', optional: true },
    placeType: { kind: 'string', max: 40, optional: true },
  },
  'bulletin.close': { bulletinId: ID },
  'bulletin.withdraw': { bulletinId: ID },
  'bulletin.openToAll': { bulletinId: ID },
  'application.file': {
    applicationId: ID,
    childId: ID,
    childIin: { kind: 'string', max: 20 },
    childName: { kind: 'string', max: 200 },
    parentId: ID,
    groupType: { kind: 'string', max: 20 },
    languages: { kind: 'strings', max: 8, minItems: 1 },
    regionId: ID,
    localityId: ID,
    claimedPriority: { kind: 'enum', values: PRIORITIES },
    batchId: { ...ID, optional: true },
  },
  'application.withdraw': { applicationId: ID },
  'application.confirmInterest': { applicationId: ID },
  'application.suspend': { applicationId: ID },
  'application.respond': { applicationId: ID, bulletinId: ID },
  'application.endStopList': { applicationId: ID },
  'application.confirmPriority': {
    applicationId: ID,
    confirmed: { kind: 'boolean' },
    // Kept for the audit log: the category the supervisor saw, and their note on the documents checked
    // (sync-server/supervisor/priority-confirmation.ts, at most 500 characters there).
    claimedPriority: { kind: 'enum', values: PRIORITIES, optional: true },
    documents: { kind: 'string', max: 500, optional: true },
  },
  'response.activate': { responseId: ID, skipReason: { kind: 'string', max: 500, optional: true } },
  'referral.extend': {
    referralId: ID,
    reason: { kind: 'string', max: 1000 },
    documents: { kind: 'documents' },
    /** The requested last day; at most 30 calendar days beyond the original last day (the default). */
    until: { kind: 'day', optional: true },
  },
  'referral.noShow': { referralId: ID },
  'referral.expire': { referralId: ID },
  'referral.signContract': {
    referralId: ID,
    contractNumber: { kind: 'string', max: 60 },
    contractDate: { kind: 'day' },
  },
};

/** A payload's bounds (PAYLOAD_LIMITS), then its kind's spec; null when the reducer may run. */
export function checkPayload(kind: ActionKind, payload: unknown): DomainError | null {
  const bounds = checkPayloadBounds(payload);
  if (bounds) return bounds;
  const checked = validatePayload(payload, PAYLOAD_SPECS[kind]);
  return checked.ok ? null : checked.error;
}

/** The action's payload, typed, as its kind's spec checks it. */
export function kindPayload<T>(ws: WorkingSet): { ok: true; value: T } | { ok: false; error: DomainError } {
  return validatePayload<T>(ws.action.payload, PAYLOAD_SPECS[ws.action.kind]);
}
