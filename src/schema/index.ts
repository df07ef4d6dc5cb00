export {
  type Action,
  type ActionKind,
  ACTION_KINDS,
  actionSchema,
  SUPERVISOR_ACTION_KINDS,
  type SupervisorActionKind,
} from './actions';
export {
  type Application,
  type ApplicationStatus,
  APPLICATION_STATUSES,
  applicationSchema,
} from './applications';
export { type AuditEntry, auditSchema } from './audit';
export { type Bulletin, bulletinSchema } from './bulletins';
export { type Group, groupSchema } from './groups';
export { type Kindergarten, kindergartenSchema } from './kindergartens';
export {
  type Notification,
  type NotificationKind,
  NOTIFICATION_KINDS,
  notificationSchema,
} from './notifications';
export { type Referral, referralSchema } from './referrals';
export { type Response, responseSchema } from './responses';
export {
  type CollectionName,
  collections,
  type DocOf,
  REPLICATED_COLLECTIONS,
  type ReplicatedCollection,
} from './collections';
export { type MigrationStrategies, type MigrationStrategy, missingMigrationStrategies } from './migrations';
