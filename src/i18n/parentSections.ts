import type { Resources } from './en';

/**
 * The sections of the texts the parent web view shows: its screens (`parent`), the shared labels
 * (`common`), and the domain errors, API codes and notifications that translateError and
 * translateNotification turn into text. Each language's parentTexts (./<lng>/parentTexts.ts) holds
 * these alone, so a parent's phone does not fetch the staff and supervisor texts (issue 7: the first
 * load on slow 3G). The server, the staff and supervisor apps and the tests use the whole kk/ru/en.
 */
export const PARENT_SECTIONS = [
  'common',
  'errors',
  'notifications',
  'api',
  'parent',
] as const satisfies readonly (keyof Resources)[];

export type ParentTexts = Pick<Resources, (typeof PARENT_SECTIONS)[number]>;
