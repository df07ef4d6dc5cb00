import { create } from 'zustand';
import { type Language, PREFERENCES_KEY, startLanguage } from './start-language';

export { type Language, LANGUAGES } from './start-language';

/**
 * The header's two switches (the seed: "В правом верхнем углу сайта имеется возможность сменить
 * геолокацию и язык"), remembered on this device.
 */
interface Stored {
  language: Language;
  regionId: string | null;
}

function load(): Stored {
  const language = startLanguage();
  try {
    const s = JSON.parse(localStorage.getItem(PREFERENCES_KEY) ?? '{}') as Partial<Stored>;
    return { language, regionId: typeof s.regionId === 'string' ? s.regionId : null };
  } catch {
    return { language, regionId: null };
  }
}

interface PreferencesState extends Stored {
  setLanguage(language: Language): void;
  setRegion(regionId: string | null): void;
}

export const usePreferences = create<PreferencesState>((set, get) => {
  const save = (patch: Partial<Stored>) => {
    const next = { language: get().language, regionId: get().regionId, ...patch };
    localStorage.setItem(PREFERENCES_KEY, JSON.stringify(next));
    set(next);
  };
  return {
    ...load(),
    setLanguage: (language) => save({ language }),
    setRegion: (regionId) => save({ regionId }),
  };
});
