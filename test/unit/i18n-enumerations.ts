import type { AuditVerification } from '../../src/contract';
import { EXPORT_COLUMNS, EXPORT_MEASURES } from '../../sync-server/supervisor/export-tables';
import { DOCUMENT_FILE_STATES } from '../../renderer/staff/replica/document-files';
import { SYNC_PROBLEMS } from '../../renderer/staff/state/sync-store';
import { AGE_GROUPS, KZ_CALENDAR, PLACE_TYPES, REFERRAL_CHECK_STATUSES, type Sex } from '../../src/domain';
import { DOMAIN_ERROR_CODES } from '../../src/domain/errors';
import { HOST_ERROR_CODES } from '../../src/host/host-contract';
import {
  ACTION_KINDS,
  actionSchema,
  APPLICATION_STATUSES,
  bulletinSchema,
  groupSchema,
  kindergartenSchema,
  NOTIFICATION_KINDS,
  referralSchema,
  responseSchema,
} from '../../src/schema';
import { priorityField } from '../../src/schema/fields';

/**
 * A list the compiler holds to every member of the union U and nothing else, for enumerations that
 * exist only as a type: a member added to the union without a text here fails `npm run typecheck`.
 */
const every =
  <U extends string>() =>
  <const L extends readonly U[]>(
    list: L & ([U] extends [L[number]] ? unknown : { missing: Exclude<U, L[number]> }),
  ) =>
    list;

/**
 * Every group of texts the code looks up by a template key (`t(\`common.languages.${l}\`)`), with the
 * values that can fill it, taken from where the code gets them. The i18n tests require a text for
 * each value in every language, and a template key whose group is not here fails (add its
 * enumeration, or write the keys out as a literal map).
 */
export const TEXT_ENUMERATIONS: Record<string, readonly string[]> = {
  'common.groupTypes': ['ordinary', 'sanatorium', 'special', 'inclusive'],
  'common.ageGroups': AGE_GROUPS,
  'common.placeTypes': PLACE_TYPES,
  'common.languages': ['kk', 'ru', 'uz', 'en'],
  'common.priorities': priorityField.enum,
  'common.applicationStatuses': APPLICATION_STATUSES,
  'common.bulletinStatuses': bulletinSchema.properties.status.enum,
  'common.bulletinAccess': bulletinSchema.properties.access.enum,
  'common.referralStatuses': referralSchema.properties.status.enum,
  'common.responseStatuses': responseSchema.properties.status.enum,
  'common.actionKinds': ACTION_KINDS,
  'common.operations': ACTION_KINDS,
  'common.actionStatuses': actionSchema.properties.status.enum,
  'common.ownership': kindergartenSchema.properties.ownership.enum,
  'common.sex': every<Sex>()(['male', 'female']),
  'common.referralCheck.statuses': REFERRAL_CHECK_STATUSES,
  notifications: NOTIFICATION_KINDS,
  errors: DOMAIN_ERROR_CODES,
  'parent.notifications.journalStatuses': actionSchema.properties.status.enum,
  'parent.registration.smsInsteadOfCode': every<'register' | 'reset'>()(['register', 'reset']),
  'staff.hostErrors': HOST_ERROR_CODES,
  'staff.placeTypes': PLACE_TYPES,
  'staff.documents.states': [...DOCUMENT_FILE_STATES, 'server'],
  'staff.sync.problems': SYNC_PROBLEMS,
  'supervisor.exportColumns': EXPORT_COLUMNS,
  'supervisor.exportMeasures': EXPORT_MEASURES,
  'supervisor.audit.breaks': every<NonNullable<AuditVerification['brokenAt']>['reason']>()([
    'gap',
    'link',
    'hash',
  ]),
  'supervisor.calendar.names': [
    ...new Set([...KZ_CALENDAR.fixedHolidays, ...KZ_CALENDAR.religiousDays].map((d) => d.name)),
  ],
  // Every kind the audit log can hold has its sentence (src/i18n/auditSentence.ts): a new kind fails here.
  'supervisor.auditSentences': ACTION_KINDS,
  'supervisor.audit.roles': actionSchema.properties.actorRole.enum,
  'supervisor.management.statuses': [
    ...new Set([...kindergartenSchema.properties.status.enum, ...groupSchema.properties.status.enum]),
  ],
};

/**
 * Groups looked up by a template key only to find a more specific text, with a fallback written next
 * to the lookup (`t([\`staff.rejections.hints.${code}\`, 'staff.rejections.hints.default'])`): a code
 * without its own text still reads well, so these need no enumeration.
 */
export const GROUPS_WITH_FALLBACK: Record<string, string> = {
  'errors.invalidPayloadReasons':
    "a refused field's own reason, else the generic invalidPayload text (translateError.ts)",
  api: "an API error's own text, else errors.* or common.unknownError (translateError.ts)",
  'staff.rejections': "a rejection's own wording, else the error's (renderer/staff/i18n.ts)",
  'staff.rejections.hints': "a rejection's own hint, else staff.rejections.hints.default",
  'staff.login.errors': "a login failure's own text, else staff.login.errors.invalid",
  'supervisor.errors':
    "a supervisor API error's own text, else the common one (renderer/supervisor/src/i18n.ts)",
};
