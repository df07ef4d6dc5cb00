import { create } from 'zustand';
import { type Language, PREFERENCES_KEY, startLanguage } from './start-language';

export { type Language, LANGUAGES } from './start-language';

/**
 * The header's two switches (the seed: "В правом верхнем углу сайта имеется возможность сменить
 * геолокацию и язык"), remembered on this device. The area (a region, or one of its localities — the
 * seed's bulletins are filtered by «г.Туркестан») is the one the header, the bulletins' filter, the
 * catalogue and the statistics all read and set (issue 14, item 16: they disagreed).
 */
interface Stored {
  language: Language;
  regionId: string | null;
  /** A locality of `regionId`, or null for the whole region. */
  localityId: string | null;
}

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

function load(): Stored {
  const language = startLanguage();
  try {
    const s = JSON.parse(localStorage.getItem(PREFERENCES_KEY) ?? '{}') as Record<string, unknown>;
    const regionId = text(s.regionId);
    return { language, regionId, localityId: regionId ? text(s.localityId) : null };
  } catch {
    return { language, regionId: null, localityId: null };
  }
}

export interface Area {
  regionId: string | null;
  localityId: string | null;
}

interface PreferencesState extends Stored {
  setLanguage(language: Language): void;
  /** A region (its whole territory), a locality of it, or nothing (every region). */
  setArea(area: Area): void;
}

export const usePreferences = create<PreferencesState>((set, get) => {
  const save = (patch: Partial<Stored>) => {
    const { language, regionId, localityId } = { ...get(), ...patch };
    const next = { language, regionId, localityId };
    try {
      localStorage.setItem(PREFERENCES_KEY, JSON.stringify(next));
    } catch {
      // Storage turned off: the choice holds for this visit only.
    }
    set(next);
  };
  return {
    ...load(),
    setLanguage: (language) => save({ language }),
    setArea: ({ regionId, localityId }) =>
      save({ regionId: regionId || null, localityId: (regionId && localityId) || null }),
  };
});
