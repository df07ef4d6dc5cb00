import { create } from 'zustand';

/**
 * The header's two switches (the seed: "В правом верхнем углу сайта имеется возможность сменить
 * геолокацию и язык"), remembered on this device.
 */
export type Language = 'kk' | 'ru' | 'en';
export const LANGUAGES: Language[] = ['kk', 'ru', 'en'];

const KEY = 'oryn.parent.preferences';

interface Stored {
  language: Language;
  regionId: string | null;
}

function initialLanguage(): Language {
  const nav = (navigator.language || 'ru').slice(0, 2);
  return nav === 'kk' || nav === 'en' ? nav : 'ru';
}

function load(): Stored {
  try {
    const s = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<Stored>;
    return {
      language: s.language && LANGUAGES.includes(s.language) ? s.language : initialLanguage(),
      regionId: typeof s.regionId === 'string' ? s.regionId : null,
    };
  } catch {
    return { language: initialLanguage(), regionId: null };
  }
}

interface PreferencesState extends Stored {
  setLanguage(language: Language): void;
  setRegion(regionId: string | null): void;
}

export const usePreferences = create<PreferencesState>((set, get) => {
  const save = (patch: Partial<Stored>) => {
    const next = { language: get().language, regionId: get().regionId, ...patch };
    localStorage.setItem(KEY, JSON.stringify(next));
    set(next);
  };
  return {
    ...load(),
    setLanguage: (language) => save({ language }),
    setRegion: (regionId) => save({ regionId }),
  };
});
