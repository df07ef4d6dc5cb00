// The public surface of src/domain: the pure rules of docs/domain.md.
export { type ActionResult, actionReads, applyAction } from './actions';
export type { Read } from './reads';
export { bulletinAccess, priorityWindowEnd } from './bulletin';
export {
  AGE_GROUPS,
  type AgeGroup,
  ageGroupCode,
  PLACE_TYPES,
  type PlaceType,
  placeTypeCode,
} from './catalogue-codes';
export { addWorkingDays, type Calendar, calendarOf, createCalendar, isWorkingDay } from './calendar';
export {
  type CalendarData,
  type DatedDayOff,
  type DayTransfer,
  type FixedHoliday,
  KZ_CALENDAR,
} from './calendar-data';
export {
  checkExtensionDocuments,
  contentMatchesType,
  type DocumentProblem,
  EXTENSION_DOCUMENTS,
  type ExtensionDocumentType,
  extensionDocumentId,
  parseExtensionDocumentId,
  sniffDocumentType,
} from './documents';
export { addDays, type Day, dayFromNumber, dayNumber, parseDay, weekday } from './day';
export {
  DOMAIN_ERROR_CODES,
  type DomainError,
  type DomainErrorCode,
  INVALID_PAYLOAD_REASONS,
  type InvalidPayloadReason,
} from './errors';
export { type IinData, iinBirthYear, iinCheckDigit, makeIin, maskIin, parseIin, type Sex } from './iin';
export { ADULT_AGE, ageOn, isAdultIin } from './parent-iin';
export { almatyDay, almatyDayOfMs, almatyOffsetMinutes, endOfAlmatyDay, parseInstant } from './instant';
export { canRespond, matchingQueue, type RespondContext } from './matching';
export {
  CALENDAR_LIMITS,
  checkCalendarData,
  checkPayloadBounds,
  type FieldRule,
  PAYLOAD_LIMITS,
  type PayloadSpec,
} from './payload';
export { type ActionOrigin, makeAction } from './make-action';
export {
  type ActionPayload,
  type ActionPayloads,
  checkPayload,
  type ExtensionDocumentRef,
  PAYLOAD_SPECS,
  parsePayload,
  REDACTED,
  redactPayload,
} from './payload-specs';
export { ACTION_ROLES, roleAllowed } from './permissions';
export { type GroupPlaces, groupPlaces, placeReturned } from './places';
export {
  explainRank,
  holdsQueuePlace,
  type Priority,
  QUEUE_STATUSES,
  type QueueMember,
  positionFromCounts,
  type QueueCounts,
  rankCategory,
  queueNumber,
  type Rankable,
  type RankExplanation,
  type RankSlot,
  rankApplications,
  sameQueue,
} from './queue';
export {
  canExtend,
  extensionUntil,
  hasLapsed,
  lastValidDay,
  referralValidUntil,
  referralValidUntilChecked,
  stopListUntil,
  stopListUntilChecked,
  workingDaysLeft,
} from './referral';
export type { Check, Result } from './result';
export { activeResponders } from './response-actions';
export {
  DEFAULT_PRIORITY_WINDOW_WORKING_DAYS,
  EXTENSION_CALENDAR_DAYS,
  REFERRAL_WORKING_DAYS,
  type RegionSettings,
  RESTORE_WITHIN_DAYS,
  STOP_LIST_DAYS,
} from './settings';
export { checkOccurredAt, MAX_CLOCK_AHEAD_MS } from './skew';
export {
  CODE_ALPHABET,
  CODE_LENGTH,
  LEGACY_CODE_LENGTH,
  normalizeVerificationCode,
  referralCheckPage,
  referralCheckUrl,
  verificationCode,
} from './verification-code';
export {
  type CheckedReferral,
  nameInitials,
  REFERRAL_CHECK_STATUSES,
  type ReferralCheck,
  type ReferralCheckStatus,
  referralCheck,
  referralCheckStatus,
} from './referral-check';
export {
  type CatalogueRefusal,
  edited,
  type GroupEdit,
  groupCreateRefusal,
  groupEditRefusal,
} from './catalogue-rules';
export { type AccountDoc, type RegionSettingsDoc, regionSettingsId } from './supervisor-actions';
export { IIN_RELEASE_REASON, type ParentAccountDoc } from './iin-release';
export type {
  ActionInput,
  Change,
  DomainNotification,
  DomainState,
  StateCollection,
  StateDocs,
} from './working-set';
