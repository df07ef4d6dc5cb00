export { type CatalogueNames, catalogueName, latinize } from './catalogueName';
export { createI18n, FALLBACK_LANGUAGE, LANGUAGES, type Language, resources } from './createI18n';
export { DEFAULT_TIME_ZONE, type DateInput, formatDate, formatDateTime } from './dateFormat';
export { addDateFormatters, displayDate, displayDateTime } from './dateFormatters';
export type { Resources } from './en';
export {
  type CodedError,
  type NotificationLike,
  type Translate,
  translateError,
  translateNotification,
} from './translateError';
