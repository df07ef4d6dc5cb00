import type { Request } from 'express';
import { FALLBACK_LANGUAGE, LANGUAGES, type Language } from '../../src/i18n';

export type { Language };

const isLanguage = (v: unknown): v is Language =>
  typeof v === 'string' && (LANGUAGES as readonly string[]).includes(v);

/**
 * The caller's language: `?lang=` wins (the referral PDF link), then the first of kk/ru/en in
 * Accept-Language by quality, else Russian (the seed's wording).
 */
export function requestLanguage(req: Request): Language {
  const fromQuery = req.query.lang;
  if (isLanguage(fromQuery)) return fromQuery;
  const header = req.headers['accept-language'];
  if (typeof header !== 'string') return FALLBACK_LANGUAGE;
  const ranked = header
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^q=([\d.]+)$/.exec(p.trim())).find(Boolean);
      return { lang: tag.toLowerCase().split('-')[0], q: q ? Number(q[1]) : 1, i };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return ranked.map((x) => x.lang).find(isLanguage) ?? FALLBACK_LANGUAGE;
}
