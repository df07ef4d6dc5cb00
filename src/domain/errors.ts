/**
 * Every error and reason code a domain function can return. Codes are translated at the edge
 * (kk/ru/en, src/i18n); the domain never produces text. Keep this list complete: the i18n test checks
 * that each code has a translation in every language. The comment after a code names its params.
 * (TypeScript enforces completeness: DomainError.code and every reasons[] entry are typed by this list.)
 */
export const DOMAIN_ERROR_CODES = [
  // IIN (docs/domain.md, People and identity)
  'length', // { length }
  'digits',
  'century', // { digit }
  'date',
  'checksum',
  // Malformed input to a pure function (wrong type, missing field, unparsable value)
  'invalidInput', // { field? }
  'invalidDay', // { value }
  'invalidTimestamp', // { value }
  'invalidCount', // { value }
  // Matching reasons (canRespond; in cannotRespond.params.reasons): one per failed condition
  'birthYear',
  'language',
  'locality',
  'groupType',
  'access',
  'status',
  'stopList',
  // Extension reasons (canExtend; in cannotExtend.params.reasons); 'status' above also applies
  'notLastDay',
  'alreadyExtended',
  // The reducer (applyAction)
  'unknownKind', // { kind }
  'invalidAction', // { field }
  'invalidPayload', // { field, reason: one of INVALID_PAYLOAD_REASONS, max?, maxDays? }
  'notFound', // { collection, id }
  'forbidden', // { kind, role } or { kind, scope: 'kindergarten' | 'parent' }
  'wrongStatus', // { collection, id, status, expected: string[], access? }
  'cannotRespond', // { reasons }
  'cannotExtend', // { referralId, reasons }
  'duplicateApplication', // { applicationId } (the existing one)
  'outOfOrder', // { responseId, higherRankedIds }
  'alreadyActivated', // { responseId, by, at, deviceId }: "already activated by another workstation at 10:42"
  'noFreePlaces', // { bulletinId, freePlaces }
  'batchPlaces', // { batchId, needed, available }
  'groupFull', // { groupId, capacity }
  'groupClosed', // { groupId }
  'placesReserved', // { bulletinId, reserved }
  'groupPlaces', // { groupId, requested, capacity, enrolled, held, free, offered, available } (places.ts)
  'priorityWindow', // { bulletinId, until }
  'notExpired', // { referralId, lastValidDay }
  'referralLapsed', // { referralId, lastValidDay }
  'stopListNotOver', // { applicationId, until }
  'restoreExpired', // { applicationId, days }
  // A supervisor's management (supervisor-actions.ts, catalogue-rules.ts)
  'alreadyExists', // { collection, id }
  'capacityBelowEnrolled', // { enrolled }
  'groupHasPublishedBulletin', // { count }
  'kindergartenClosed',
  'loginTaken', // { login }
  // occurredAt rules (docs/domain.md, Offline-specific rules)
  'clockAhead', // { aheadMs, maxMs }
  'beforeLastChange', // { lastChangeMs }
] as const;

export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

/** The `reason` param of `invalidPayload` (with `field`, the payload field at fault). */
export const INVALID_PAYLOAD_REASONS = [
  'required',
  'type',
  'tooLong',
  'empty',
  'range',
  'value',
  'items',
  'day',
  'timestamp',
  'name',
  'description',
  'size',
  'sha256',
  'contentType',
  'exceedsTotal',
  // a field the kind's spec does not name (payload-specs.ts), a payload beyond PAYLOAD_LIMITS (with max)
  'unknown',
  'tooLarge',
  'tooDeep',
  // an IIN field: the IIN code, or a birth year outside 2000–2100
  'length',
  'digits',
  'century',
  'date',
  'checksum',
  'birthYear',
] as const;

export type InvalidPayloadReason = (typeof INVALID_PAYLOAD_REASONS)[number];

/** An error value: a code plus the parameters its translated text needs. */
export interface DomainError<C extends DomainErrorCode = DomainErrorCode> {
  code: C;
  params?: Record<string, unknown>;
}
