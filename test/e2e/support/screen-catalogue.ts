import type { APIRequestContext } from '@playwright/test';
import type { RussianText } from './screen-audit';

interface Region {
  id: string;
  name: string;
  localities: { id: string; name: string }[];
}

/**
 * Catalogue names that exist in Russian and in `lng` (issue 14, item 6): kindergartens (nameRu/nameKk),
 * regions and localities as the public catalogue API names them per language. In en a name given only
 * in Russian is a fallback, not a finding, so only names the API answers differently count.
 */
export async function catalogueNames(request: APIRequestContext, lng: 'kk' | 'en'): Promise<RussianText[]> {
  const regions = async (l: string) =>
    (await (await request.get('/api/regions', { headers: { 'Accept-Language': l } })).json()) as Region[];
  const [ru, mine] = await Promise.all([regions('ru'), regions(lng)]);
  const names: RussianText[] = [];
  for (const r of ru) {
    const other = mine.find((m) => m.id === r.id);
    if (!other) continue;
    names.push({ source: r.name, instead: other.name });
    for (const l of r.localities) {
      const o = other.localities.find((x) => x.id === l.id);
      if (o) names.push({ source: l.name, instead: o.name });
    }
  }
  if (lng === 'kk') {
    const kgs = (await (await request.get('/api/kindergartens')).json()) as {
      nameRu: string;
      nameKk: string;
    }[];
    for (const k of kgs) names.push({ source: k.nameRu, instead: k.nameKk });
  }
  return names.filter((n) => n.source !== n.instead);
}
