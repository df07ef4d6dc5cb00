import { actionSchema } from './actions';
import { applicationSchema } from './applications';
import { auditSchema } from './audit';
import { bulletinSchema } from './bulletins';
import { ageGroupCode, placeTypeCode } from '../domain/catalogue-codes';
import { groupSchema } from './groups';
import { kindergartenSchema } from './kindergartens';
import { notificationSchema } from './notifications';
import { referralSchema } from './referrals';
import { responseSchema } from './responses';
import type { MigrationStrategies } from './migrations';
import type {
  Action,
  Application,
  AuditEntry,
  Bulletin,
  Group,
  Kindergarten,
  Notification,
  Referral,
  Response,
} from './index';

/**
 * Version 1 of groups and bulletins (issue 14, item 6): the age group and place type are codes shown
 * through i18n instead of Russian texts; a text of version 0 becomes its code (an unknown one stays).
 */
const groupStrategies: MigrationStrategies = {
  1: (old: Group) => ({ ...old, ageGroup: ageGroupCode(old.ageGroup) }),
};
const bulletinStrategies: MigrationStrategies = {
  1: (old: Bulletin) => ({
    ...old,
    ageGroup: ageGroupCode(old.ageGroup),
    placeType: placeTypeCode(old.placeType),
  }),
};

/**
 * Version 1 of referrals (issue 14, item 17): an optional `queueNumber`, the application's number in
 * its queue when the referral was issued. Nobody recorded it before, so an older referral has none
 * (the public list says so) rather than a number guessed from today's queue.
 */
const referralStrategies: MigrationStrategies = {
  1: (old: Referral) => old,
};

/**
 * Versions 1 and 2 of actions (issue 12, item 6): the supervisor's kinds joined the enum of `kind`,
 * then `parent.releaseIin`. A workstation's older actions (its pending ones too) are valid documents
 * of the next version as they are.
 */
const actionStrategies: MigrationStrategies = {
  1: (old: Action) => old,
  2: (old: Action) => old,
};

/** Every collection of docs/architecture.md with its schema and migration strategies (none before version 1). */
export const collections = {
  kindergartens: { schema: kindergartenSchema, migrationStrategies: {} },
  groups: { schema: groupSchema, migrationStrategies: groupStrategies },
  bulletins: { schema: bulletinSchema, migrationStrategies: bulletinStrategies },
  applications: { schema: applicationSchema, migrationStrategies: {} },
  responses: { schema: responseSchema, migrationStrategies: {} },
  referrals: { schema: referralSchema, migrationStrategies: referralStrategies },
  notifications: { schema: notificationSchema, migrationStrategies: {} },
  actions: { schema: actionSchema, migrationStrategies: actionStrategies },
  audit: { schema: auditSchema, migrationStrategies: {} },
} as const;
export type CollectionName = keyof typeof collections;

export interface DocTypes {
  kindergartens: Kindergarten;
  groups: Group;
  bulletins: Bulletin;
  applications: Application;
  responses: Response;
  referrals: Referral;
  notifications: Notification;
  actions: Action;
  audit: AuditEntry;
}
export type DocOf<C extends CollectionName> = DocTypes[C];

/**
 * The collections that replicate between the server and staff/supervisor replicas (docs/architecture.md);
 * `audit` never does (supervisors read it over REST, read-only).
 */
export const REPLICATED_COLLECTIONS = [
  'kindergartens',
  'groups',
  'bulletins',
  'applications',
  'responses',
  'referrals',
  'notifications',
  'actions',
] as const satisfies readonly CollectionName[];
export type ReplicatedCollection = (typeof REPLICATED_COLLECTIONS)[number];
