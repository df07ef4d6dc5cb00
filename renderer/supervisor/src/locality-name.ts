import type { Locality } from './api';
import { placeName } from './catalogue-names';

/** A locality's name in the page's language (en: given, else the Kazakh name in Latin letters), else its id. */
export function localityName(locality: Locality | undefined, language: string, id = ''): string {
  return placeName(locality, language, id);
}
