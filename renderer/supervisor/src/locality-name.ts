import type { Locality } from './api';

/** A locality's name in the page's language, falling back to Russian, then to its id. */
export function localityName(locality: Locality | undefined, language: string, id = ''): string {
  if (!locality) return id;
  const byLanguage = (locality as unknown as Record<string, string | undefined>)[language];
  return byLanguage ?? locality.ru ?? locality.kk ?? locality.id;
}
