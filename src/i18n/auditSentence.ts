import type { AuditEntry } from '../schema';
import { type CatalogueNames, catalogueName } from './catalogueName';
import type { Language } from './createI18n';

/**
 * Who and what an audit entry names, as people read them (issue 14, item 18: the log showed
 * "user:staff-tur-01 (staff)" and "parent:6070d2da-…"). The server resolves these for a page of entries
 * in bulk (sync-server/supervisor/audit-names.ts); the child is named by initials only, never by full
 * name or IIN.
 */
export interface AuditNames {
  /** The actor's name as their account holds it; absent for the system and for an account not found. */
  actorName?: string;
  /** The actor's account exists but holds no name yet (a parent before the registry step). */
  actorUnnamed?: true;
  /** Where a staff actor works (their kindergarten), in kk and ru. */
  actorPlace?: CatalogueNames;
  /** The child the entry is about, 'А. Н. М.'. */
  childInitials?: string;
  /** What a supervisor's change was made to: a kindergarten, a group, a staff member or a parent. */
  target?: CatalogueNames;
}

export type DescribedAuditEntry = AuditEntry & { names: AuditNames };

/** The part of i18next's `t` the sentences use. */
type Translate = (key: string, options?: Record<string, unknown>) => string;

/** The actor's role as a word of the page ("сотрудник"); an unknown role keeps its code. */
export function auditRole(t: Translate, role: string): string {
  return t(`supervisor.audit.roles.${role}`, { defaultValue: role });
}

/**
 * "Ахметова М.": the surname and the first name's initial, as Kazakh offices write a person in a log.
 * A one-word name is kept whole.
 */
export function shortPersonName(name: string): string {
  const [surname, first] = name.trim().split(/\s+/);
  if (!surname) return '';
  return first ? `${surname} ${[...first][0]!.toLocaleUpperCase('ru')}.` : surname;
}

/** A person's name in the page's language: en reads Cyrillic names in the Kazakh Latin alphabet. */
function personName(name: string, lng: Language): string {
  return catalogueName({ nameKk: name, nameRu: name }, lng);
}

/** "Ахметова М. (сотрудник, ДС №5)", "Каменов Е. (родитель)", "Система (сроки)". */
export function auditActor(t: Translate, entry: DescribedAuditEntry, lng: Language): string {
  if (entry.actorRole === 'system') return t('supervisor.audit.system');
  const { actorName, actorUnnamed } = entry.names;
  const name = actorName
    ? personName(shortPersonName(actorName), lng)
    : t(actorUnnamed ? 'supervisor.audit.unnamed' : 'supervisor.audit.unknownPerson');
  const role = auditRole(t, entry.actorRole);
  const place = entry.names.actorPlace ? catalogueName(entry.names.actorPlace, lng) : '';
  return place
    ? t('supervisor.audit.actorAt', { name, role, place })
    : t('supervisor.audit.actorAs', { name, role });
}

/**
 * One sentence per entry in the page's language: every kind has its own template under
 * `supervisor.auditSentences` (test/unit/audit-sentence.test.ts lists every kind, so a kind added
 * without a sentence fails there). The template names the actor, and the child or the record changed
 * where the kind has one.
 */
export function auditSentence(t: Translate, entry: DescribedAuditEntry, lng: Language): string {
  const { childInitials, target } = entry.names;
  const text = t(`supervisor.auditSentences.${entry.kind}`, {
    actor: auditActor(t, entry, lng),
    child: childInitials || t('supervisor.audit.unknownChild'),
    target: target ? catalogueName(target, lng) : t('supervisor.audit.unknownRecord'),
    defaultValue: entry.kind,
  });
  // Initials that end a sentence take its full stop ("…ребёнка А. Н.", not "А. Н..").
  const sentence = text.replace(/\.\.$/, '.');
  // A responder passed over is the fairness question a supervisor reads the log for: say why.
  const reason = entry.payload?.skipReason;
  return typeof reason === 'string' && reason
    ? `${sentence} ${t('supervisor.audit.skipReason', { reason })}`
    : sentence;
}
