/**
 * Every error and reason code a domain function can return. Codes are translated at the edge
 * (kk/ru/en, src/i18n); the domain never produces text. Keep this list complete: the i18n test checks
 * that each code has a translation in every language.
 */
export const DOMAIN_ERROR_CODES = [
  // IIN (domain.md, People and identity)
  'length',
  'digits',
  'century',
  'date',
  'checksum',
  // Malformed input to a pure function (wrong type, missing field, unparsable value)
  'invalidInput',
  'invalidDay',
  'invalidTimestamp',
  'invalidCount',
  // Matching reasons (canRespond): one per failed condition
  'birthYear',
  'language',
  'locality',
  'groupType',
  'access',
  'status',
  'stopList',
  // Extension reasons (canExtend)
  'notLastDay',
  'alreadyExtended',
  // The reducer (applyAction)
  'unknownKind',
  'invalidAction',
  'invalidPayload',
  'notFound',
  'forbidden',
  'wrongStatus',
  'cannotRespond',
  'cannotExtend',
  'duplicateApplication',
  'outOfOrder',
  'alreadyActivated',
  'noFreePlaces',
  'batchPlaces',
  'groupFull',
  'groupClosed',
  'placesReserved',
  'priorityWindow',
  'notExpired',
  'stopListNotOver',
  'restoreExpired',
  // occurredAt rules (domain.md, Offline-specific rules)
  'clockAhead',
  'beforeLastChange',
] as const;

export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

/** An error value: a code plus the parameters its translated text needs. */
export interface DomainError<C extends DomainErrorCode = DomainErrorCode> {
  code: C;
  params?: Record<string, unknown>;
}
