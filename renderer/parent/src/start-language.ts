/**
 * The languages of the parent view, where the header's choices are remembered on this device
 * (preferences.ts), and the language the view starts in.
 *
 * The one copy of the start rule, used twice: preferences.ts imports it, and the parent build writes
 * this whole file, compiled, into index.html as an inline script (vite.config.ts, textsPreload), which
 * picks the language whose texts to fetch alongside the app code rather than after it (slow 3G). So
 * it imports nothing and touches nothing but the browser's storage and language.
 */
export type Language = 'kk' | 'ru' | 'en';
export const LANGUAGES: Language[] = ['kk', 'ru', 'en'];
export const PREFERENCES_KEY = 'oryn.parent.preferences';

/** The one chosen on this device, else the browser's language if the view has it, else Russian. */
export function startLanguage(): Language {
  let stored: unknown;
  try {
    stored = (JSON.parse(localStorage.getItem(PREFERENCES_KEY) ?? '{}') as { language?: unknown }).language;
  } catch {
    // Storage turned off, or not our JSON: as if nothing had been chosen.
  }
  if (LANGUAGES.includes(stored as Language)) return stored as Language;
  const browser = (navigator.language || 'ru').slice(0, 2) as Language;
  return LANGUAGES.includes(browser) ? browser : 'ru';
}
