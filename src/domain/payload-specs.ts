import type { ActionKind, SupervisorActionKind } from '../schema';
import type { CalendarData } from './calendar-data';
import type { ExtensionDocumentType } from './documents';
import type { DomainError } from './errors';
import { IIN_RELEASE_REASON } from './iin-release';
import { checkPayloadBounds, type FieldRule, type PayloadSpec, validatePayload } from './payload';

/**
 * Each action kind's payload, field by field (issue 12, "Limits at the push"): the one table the
 * reducer checks before any handler runs, on the server and in the desktop's optimistic overlay
 * alike, and the handlers read their typed payload through (`kindPayload`), so they cannot disagree.
 * A field not named here is refused (`invalidPayload` with reason `unknown`). The payload *types*
 * every producer writes (`ActionPayloads`, below) are derived from this same table, so a renamed or
 * retyped field fails the typecheck of the staff app, the parents' API, the scheduler, the supervisor
 * pages and the tests, not an E2E run.
 */

const ID = { kind: 'string', max: 64 } as const;
const PRIORITIES = ['extraordinary', 'primary', 'none'] as const;

/** bulletin.saveDraft and bulletin.publish: publishing an existing draft may omit what it has. */
const UPSERT_BULLETIN = {
  bulletinId: ID,
  groupId: { ...ID, optional: true },
  totalPlaces: { kind: 'int', min: 0, max: 1000, optional: true },
  freePlaces: { kind: 'int', min: 0, max: 1000, optional: true },
  placeType: { kind: 'string', max: 40, optional: true },
  vacancyAt: { kind: 'instant', optional: true },
  ageGroup: { kind: 'string', max: 100, optional: true, nonEmpty: false },
  authorName: { kind: 'string', max: 200, optional: true },
} as const satisfies PayloadSpec;

const NAME = { kind: 'string', max: 200 } as const;
const LANGUAGE = { kind: 'string', max: 8 } as const;
const OPEN = { kind: 'enum', values: ['open'] } as const;

/** A kindergarten's catalogue fields (the supervisor API's form, sync-server/supervisor/catalogue.ts). */
const KINDERGARTEN_FIELDS = {
  nameKk: NAME,
  nameRu: NAME,
  ownership: { kind: 'enum', values: ['state', 'private'] },
  localityId: ID,
  address: { kind: 'string', max: 300 },
  phone: { kind: 'string', max: 40, optional: true, nonEmpty: false },
  languages: { kind: 'strings', max: 8, minItems: 1 },
} as const satisfies PayloadSpec;

/** A group's catalogue fields. */
const GROUP_FIELDS = {
  name: NAME,
  groupType: { kind: 'string', max: 20 },
  language: LANGUAGE,
  birthYears: { kind: 'ints', min: 2000, max: 2100, minItems: 1, maxItems: 7 },
  ageGroup: { kind: 'string', max: 100 },
  capacity: { kind: 'int', min: 0, max: 1000 },
} as const satisfies PayloadSpec;

/** Every field optional: an edit names only what it changes. */
type Partial<S extends PayloadSpec> = { [F in keyof S]: S[F] & { optional: true } };
function partial<S extends PayloadSpec>(spec: S): Partial<S> {
  return Object.fromEntries(
    Object.entries(spec).map(([f, r]) => [f, { ...r, optional: true }]),
  ) as Partial<S>;
}

/** A password's hash (the server hashes what the supervisor typed or generated; never the password). */
const PASSWORD_HASH = { kind: 'string', max: 200, secret: true } as const;

/** The supervisor's kinds (issue 12, item 6): supervisor-actions.ts applies them. */
const SUPERVISOR_SPECS = {
  'kindergarten.create': { kindergartenId: ID, regionId: ID, ...KINDERGARTEN_FIELDS },
  // `status: 'open'` reopens a closed kindergarten; closing is kindergarten.close.
  'kindergarten.edit': {
    kindergartenId: ID,
    ...partial(KINDERGARTEN_FIELDS),
    status: { ...OPEN, optional: true },
  },
  'kindergarten.close': { kindergartenId: ID },
  'group.create': { groupId: ID, kindergartenId: ID, ...GROUP_FIELDS },
  'group.edit': { groupId: ID, ...partial(GROUP_FIELDS), status: { ...OPEN, optional: true } },
  'group.close': { groupId: ID },
  'staff.create': {
    userId: ID,
    login: { kind: 'string', max: 48 },
    name: NAME,
    kindergartenId: ID,
    passwordHash: PASSWORD_HASH,
  },
  'staff.edit': { userId: ID, name: NAME },
  // A move to another kindergarten (of the same region), with a new name or not.
  'staff.assign': { userId: ID, kindergartenId: ID, name: { ...NAME, optional: true } },
  'staff.resetPassword': { userId: ID, passwordHash: PASSWORD_HASH },
  'staff.disable': { userId: ID },
  'staff.enable': { userId: ID },
  'calendar.edit': { regionId: ID, calendar: { kind: 'calendar' } },
  'settings.edit': {
    regionId: ID,
    priorityWindowWorkingDays: { kind: 'int', min: 1, max: 60 },
    stopListUnit: { kind: 'enum', values: ['working', 'calendar'] },
    // Absent: the region does not ask parents to confirm their interest.
    interestConfirmationDays: { kind: 'int', min: 1, max: 365, optional: true },
  },
  // The supervisor's region, the IIN as the owner dictated it, and how their identity was checked.
  'parent.releaseIin': {
    regionId: ID,
    iin: { kind: 'string', max: 20 },
    reason: { kind: 'string', max: IIN_RELEASE_REASON.max },
  },
} as const satisfies Record<SupervisorActionKind, PayloadSpec>;

export const PAYLOAD_SPECS = {
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
  ...SUPERVISOR_SPECS,
} as const satisfies Record<ActionKind, PayloadSpec>;

/** A supporting document named in `referral.extend` (payload.ts checks each field). */
export interface ExtensionDocumentRef {
  name: string;
  description?: string;
  size?: number;
  sha256?: string;
  contentType?: ExtensionDocumentType;
}

/** The value a field rule accepts. */
type FieldValue<R extends FieldRule> = R extends { kind: 'string' | 'day' | 'instant' }
  ? string
  : R extends { kind: 'int' }
    ? number
    : R extends { kind: 'boolean' }
      ? boolean
      : R extends { kind: 'enum'; values: readonly (infer V)[] }
        ? V
        : R extends { kind: 'strings' }
          ? string[]
          : R extends { kind: 'documents' }
            ? ExtensionDocumentRef[]
            : R extends { kind: 'ints' }
              ? number[]
              : R extends { kind: 'calendar' }
                ? CalendarData
                : never;

type Optional<S extends PayloadSpec> = {
  [F in keyof S]: S[F] extends { optional: true } ? F : never;
}[keyof S];

/** The payload a spec accepts: its required fields, its optional ones, nothing else. */
export type PayloadOf<S extends PayloadSpec> = {
  -readonly [F in Exclude<keyof S, Optional<S>>]: FieldValue<S[F]>;
} & { -readonly [F in Optional<S>]?: FieldValue<S[F]> };

/** Each action kind's payload, as its spec checks it. */
export type ActionPayloads = { [K in ActionKind]: PayloadOf<(typeof PAYLOAD_SPECS)[K]> };
export type ActionPayload<K extends ActionKind = ActionKind> = ActionPayloads[K];

/** A payload's bounds (PAYLOAD_LIMITS), then its kind's spec; null when the reducer may run. */
export function checkPayload(kind: ActionKind, payload: unknown): DomainError | null {
  const bounds = checkPayloadBounds(payload);
  if (bounds) return bounds;
  const checked = validatePayload(payload, PAYLOAD_SPECS[kind]);
  return checked.ok ? null : checked.error;
}

/** What a secret field (a password's hash) reads as in the audit log and the stored action. */
export const REDACTED = '[redacted]';

/**
 * The payload as the audit log and the stored action keep it: each field its kind's spec marks
 * `secret` replaced by REDACTED (the documents the action wrote hold the value itself).
 */
export function redactPayload(kind: string, payload: unknown): unknown {
  if (!Object.hasOwn(PAYLOAD_SPECS, kind) || typeof payload !== 'object' || payload === null) return payload;
  const spec: PayloadSpec = PAYLOAD_SPECS[kind as ActionKind];
  const secret = Object.keys(spec).filter((f) => (spec[f] as { secret?: boolean }).secret);
  const p = payload as Record<string, unknown>;
  if (!secret.some((f) => p[f] !== undefined)) return payload;
  return Object.fromEntries(Object.entries(p).map(([f, v]) => [f, secret.includes(f) ? REDACTED : v]));
}

/** A payload checked against its kind's spec, typed as that kind's. */
export function parsePayload<K extends ActionKind>(
  kind: K,
  payload: unknown,
): { ok: true; value: ActionPayloads[K] } | { ok: false; error: DomainError } {
  return validatePayload<ActionPayloads[K]>(payload, PAYLOAD_SPECS[kind]);
}
