import { describe, expect, it } from 'vitest';
import { createI18n, LANGUAGES, resources } from '../../../src/i18n';
import {
  auditActor,
  auditSentence,
  type DescribedAuditEntry,
  shortPersonName,
} from '../../../src/i18n/auditSentence';
import { ACTION_KINDS } from '../../../src/schema';

/** Every kind the audit chain can hold: the action kinds (supervisors' changes among them). */
const ALL_KINDS = ACTION_KINDS;

function entry(kind: string, over: Partial<DescribedAuditEntry> = {}): DescribedAuditEntry {
  return {
    id: `aud_${kind}`,
    seq: 7,
    actionId: `act_${kind}`,
    kind,
    actor: 'user:staff-tur-05',
    actorRole: 'staff',
    districtId: 'turkestan',
    kindergartenId: 'kg-5',
    entityIds: ['app-1'],
    payload: {},
    at: '2026-12-06T10:17:09.751Z',
    prevHash: '0'.repeat(64),
    hash: '1'.repeat(64),
    updatedAt: 1,
    names: {
      actorName: 'Ахметова Мадина',
      actorPlace: { nameKk: '№5 бөбекжай-бақша', nameRu: 'Ясли-сад №5' },
      childInitials: 'А. Н. М.',
      target: { nameKk: 'Жұлдыз', nameRu: 'Жұлдыз' },
    },
    ...over,
  };
}

/** A text of the language's own resources, with no fallback to Russian. */
function own(lng: (typeof LANGUAGES)[number], key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], {
    ...resources[lng].translation,
  });
}

describe('the audit log in sentences (issue 14, item 18)', () => {
  it('has a sentence for every kind in kk, ru and en, naming the actor and the child or record', () => {
    for (const lng of LANGUAGES) {
      const i18n = createI18n(lng);
      for (const kind of ALL_KINDS) {
        expect(typeof own(lng, `supervisor.auditSentences.${kind}`), `${lng}: ${kind}`).toBe('string');
        const text = auditSentence(i18n.t, entry(kind), lng);
        expect(text, `${lng}: ${kind}`).not.toBe(kind);
        expect(text, `${lng}: ${kind}`).not.toMatch(/{{|}}|undefined/);
        // Each sentence starts with who acted, and ends as a sentence.
        expect(text.startsWith(auditActor(i18n.t, entry(kind), lng)), `${lng}: ${kind}`).toBe(true);
        expect(text, `${lng}: ${kind}`).toMatch(/\.$/);
      }
    }
  });

  it('a kind without a sentence is caught (as a kind added by another change would be)', () => {
    const i18n = createI18n('en');
    expect(auditSentence(i18n.t, entry('bulletin.reopen'), 'en')).toBe('bulletin.reopen');
    expect(typeof own('en', 'supervisor.auditSentences.bulletin.reopen')).toBe('undefined');
  });

  it('names the staff member, their role and kindergarten, and the child by initials', () => {
    const ru = createI18n('ru');
    expect(auditSentence(ru.t, entry('response.activate'), 'ru')).toBe(
      // One full stop after the initials that end the sentence.
      'Ахметова М. (сотрудник, Ясли-сад №5): активирован отклик, выдано направление для ребёнка А. Н. М.',
    );
    const kk = createI18n('kk');
    expect(auditActor(kk.t, entry('response.activate'), 'kk')).toBe(
      'Ахметова М. (қызметкер, №5 бөбекжай-бақша)',
    );
    const en = createI18n('en');
    // en reads the name in the Kazakh Latin alphabet.
    expect(auditSentence(en.t, entry('application.file', { actorRole: 'parent' }), 'en')).toBe(
      'Ahmetova M. (parent, №5 böbekjai-baqşa) filed an application to the queue for child А. Н. М.',
    );
  });

  it('says why a responder was passed over', () => {
    const ru = createI18n('ru');
    const skipped = entry('response.activate', { payload: { responseId: 'r-2', skipReason: 'Не отвечает' } });
    expect(auditSentence(ru.t, skipped, 'ru')).toBe(
      'Ахметова М. (сотрудник, Ясли-сад №5): активирован отклик, выдано направление для ребёнка А. Н. М. Вне очереди, причина: «Не отвечает».',
    );
  });

  it('the system acts by deadlines; a removed account is said to be missing, not shown as an id', () => {
    const ru = createI18n('ru');
    expect(auditActor(ru.t, entry('referral.expire', { actorRole: 'system', actor: 'system' }), 'ru')).toBe(
      'Система (сроки)',
    );
    const gone = entry('staff.disable', { actorRole: 'supervisor', names: {} });
    expect(auditSentence(ru.t, gone, 'ru')).toBe(
      'Учётная запись не найдена (куратор): отключена учётная запись сотрудника — запись не найдена.',
    );
    expect(auditSentence(ru.t, gone, 'ru')).not.toContain('user:');
  });

  it('shortens a name to the surname and an initial', () => {
    expect(shortPersonName('Ахметова Мадина Серикқызы')).toBe('Ахметова М.');
    expect(shortPersonName('  Әлиев  ')).toBe('Әлиев');
  });
});
