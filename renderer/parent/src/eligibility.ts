import type { ApplicationView, BulletinView } from './api';

/**
 * Whether each of the parent's applications may respond to a bulletin, and if not, which conditions
 * fail (domain.md, Bulletins → Matching; the seed: "Если совпадают год рождения ребенка, язык обучения
 * и населенный пункт заявки с данными в бюллетени, то появится кнопка «Отправить заявку»").
 * The server's own answer (`bulletin.eligibility`, computed with src/domain/matching) wins; this
 * mirror of its simple conditions only covers a server that does not send it. The reason codes are
 * the domain's (errors.*), so both read the same.
 */
export interface Eligibility {
  applicationId: string;
  childName: string;
  ok: boolean;
  reasons: string[];
}

const OPEN = new Set(['waiting', 'stopListed']);

export function eligibilityFor(bulletin: BulletinView, applications: ApplicationView[]): Eligibility[] {
  if (bulletin.eligibility) return bulletin.eligibility;
  return applications
    .filter((a) => OPEN.has(a.status) || a.status === 'inactive')
    .map((a) => {
      const reasons: string[] = [];
      if (!bulletin.birthYears.includes(a.birthYear)) reasons.push('birthYear');
      if (!a.languages.includes(bulletin.language)) reasons.push('language');
      if (bulletin.localityId !== a.localityId) reasons.push('locality');
      if (bulletin.groupType !== a.groupType) reasons.push('groupType');
      if (a.status === 'stopListed') reasons.push('stopList');
      else if (a.status !== 'waiting') reasons.push('status');
      if (bulletin.access === 'priority' && !bulletin.availableToMe) reasons.push('access');
      return { applicationId: a.id, childName: a.childName, ok: reasons.length === 0, reasons };
    });
}
