import { describe, expect, it } from 'vitest';
import { DOMAIN_ERROR_CODES, INVALID_PAYLOAD_REASONS } from '../../src/domain/errors';
import {
  createI18n,
  formatDate,
  formatDateTime,
  LANGUAGES,
  resources,
  translateError,
  translateNotification,
} from '../../src/i18n';
import { parentTexts as enParent } from '../../src/i18n/en/parentTexts';
import { parentTexts as kkParent } from '../../src/i18n/kk/parentTexts';
import { PARENT_SECTIONS } from '../../src/i18n/parentSections';
import { parentTexts as ruParent } from '../../src/i18n/ru/parentTexts';
import { NOTIFICATION_KINDS } from '../../src/schema';
import { TEXT_ENUMERATIONS } from './i18n-enumerations';

type Tree = { [key: string]: string | Tree };

/** Every leaf of a resource tree as 'a.b.c' → text. */
function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

const trees = Object.fromEntries(LANGUAGES.map((lng) => [lng, leaves(resources[lng].translation as Tree)]));

/** The interpolation placeholders of a text, e.g. {{queueNumber}} or {{validUntil, date}}. */
function placeholders(text: string): string[] {
  return [...text.matchAll(/{{\s*([^}]+?)\s*}}/g)].map((m) => m[1].replace(/\s+/g, '')).sort();
}

describe('i18n resources', () => {
  it('kk, ru and en have exactly the same keys', () => {
    const en = [...trees.en.keys()].sort();
    for (const lng of LANGUAGES) {
      const keys = [...trees[lng].keys()].sort();
      expect(
        keys.filter((k) => !trees.en.has(k)),
        `${lng} has keys en lacks`,
      ).toEqual([]);
      expect(
        en.filter((k) => !trees[lng].has(k)),
        `${lng} lacks keys`,
      ).toEqual([]);
    }
  });

  it('no text is empty', () => {
    for (const lng of LANGUAGES) {
      const empty = [...trees[lng]].filter(([, text]) => text.trim() === '').map(([key]) => key);
      expect(empty, lng).toEqual([]);
    }
  });

  it('every interpolation placeholder is the same in all three languages', () => {
    const differing = [...trees.en.keys()].filter((key) => {
      const reference = placeholders(trees.en.get(key)!).join(' ');
      return LANGUAGES.some((lng) => placeholders(trees[lng].get(key) ?? '').join(' ') !== reference);
    });
    expect(differing).toEqual([]);
  });

  it('every domain error and reason code has a text in every language', () => {
    for (const lng of LANGUAGES) {
      const missing = DOMAIN_ERROR_CODES.filter((code) => !trees[lng].has(`errors.${code}`));
      expect(missing, lng).toEqual([]);
    }
  });

  it('every notification kind has a text in every language', () => {
    for (const lng of LANGUAGES) {
      const missing = NOTIFICATION_KINDS.filter((kind) => !trees[lng].has(`notifications.${kind}`));
      expect(missing, lng).toEqual([]);
    }
  });

  it('every enum value shown to people has a label in every language', () => {
    for (const lng of LANGUAGES) {
      const missing = Object.entries(TEXT_ENUMERATIONS).flatMap(([group, values]) =>
        values.map((value) => `${group}.${value}`).filter((key) => !trees[lng].has(key)),
      );
      expect(missing, lng).toEqual([]);
    }
  });

  it('the Kazakh texts are written with Kazakh letters', () => {
    const kazakh = /[әғқңөұүһі]/i;
    for (const key of ['notifications.referralIssued', 'errors.checksum', 'referralPdf.instruction']) {
      expect(trees.kk.get(key), key).toMatch(kazakh);
    }
  });
});

// What the parent web view fetches of each language (renderer/parent/src/texts.ts).
const parentTexts = { kk: kkParent, ru: ruParent, en: enParent };

describe("the parent view's texts", () => {
  it('are the parent sections of the whole texts, the very same objects, in every language', () => {
    for (const lng of LANGUAGES) {
      expect(Object.keys(parentTexts[lng]), lng).toEqual([...PARENT_SECTIONS]);
      for (const section of PARENT_SECTIONS) {
        expect(parentTexts[lng][section], `${lng} ${section}`).toBe(resources[lng].translation[section]);
      }
    }
  });

  it('leave out the staff and supervisor texts and the referral PDF', () => {
    for (const lng of LANGUAGES) {
      expect(Object.keys(parentTexts[lng]), lng).not.toContain('staff');
      expect(Object.keys(parentTexts[lng]), lng).not.toContain('supervisor');
      expect(Object.keys(parentTexts[lng]), lng).not.toContain('referralPdf');
    }
  });

  it('kk, ru and en have exactly the same keys', () => {
    const en = [...leaves(parentTexts.en as Tree).keys()].sort();
    expect(en.length).toBeGreaterThan(0);
    for (const lng of LANGUAGES) {
      expect([...leaves(parentTexts[lng] as Tree).keys()].sort(), lng).toEqual(en);
    }
  });
});

describe('notifications', () => {
  it('say in Russian what the seed shows parents', () => {
    const t = createI18n('ru').t;
    expect(t('notifications.applicationAccepted', { queueNumber: 212 })).toBe(
      'Ваша заявка принята. Место в очереди 212',
    );
    expect(t('notifications.applicationWithdrawn')).toBe('Вы успешно отозвали заявку');
    expect(t('notifications.responded')).toBe(
      'Вы откликнулись на бюллетень. Дождитесь активации вашей заявки',
    );
    expect(t('notifications.referralIssued', { kindergarten: 'ГККП «Балапан» ясли - детский сад' })).toBe(
      'Ваша заявка была утверждена. Вам необходимо предоставить направление, документы, удостоверяющие личность заявителя и ребенка, медицинскую справку в ГККП «Балапан» ясли - детский сад для заключения договора в течение 5-ти рабочих дней. В ином случае ваша заявка попадет в стоп-лист на 10 рабочих дней.',
    );
    expect(
      t('notifications.contractSigned', {
        child: 'КАМЕНОВА ДАНИЯ ЕРМЕКОВНА',
        kindergarten: 'ГККП «Балапан» ясли - детский сад',
      }),
    ).toBe(
      'Договор успешно подписан. Ваш ребенок КАМЕНОВА ДАНИЯ ЕРМЕКОВНА зачислен в ГККП «Балапан» ясли - детский сад',
    );
  });

  it('render the queue number in Kazakh and English too', () => {
    expect(createI18n('kk').t('notifications.applicationAccepted', { queueNumber: 402 })).toBe(
      'Сіздің өтінішіңіз қабылданды. Кезектегі орын 402',
    );
    expect(createI18n('en').t('notifications.applicationAccepted', { queueNumber: 402 })).toContain('402');
  });

  it('render date parameters as DD.MM.YYYY', () => {
    const t = createI18n('ru').t;
    expect(
      t('notifications.referralExtended', { kindergarten: '«Балапан»', extendedUntil: '2026-04-30' }),
    ).toBe('Направление в «Балапан» продлено до 30.04.2026');
  });

  it("name the child and the kindergarten from what the domain stores, in the reader's language", () => {
    const stored = {
      kind: 'contractSigned',
      params: {
        childName: 'КАМЕНОВА ДАНИЯ',
        kindergartenNameRu: 'ГККП «Балапан»',
        kindergartenNameKk: '«Балапан» МКҚК',
      },
    };
    expect(translateNotification(createI18n('ru').t, stored, 'ru')).toBe(
      'Договор успешно подписан. Ваш ребенок КАМЕНОВА ДАНИЯ зачислен в ГККП «Балапан»',
    );
    expect(translateNotification(createI18n('kk').t, stored, 'kk')).toContain('«Балапан» МКҚК');
  });

  it('name the child of every notification about one, so a parent of two knows which (issue 14, item 15)', () => {
    const accepted = {
      kind: 'applicationAccepted',
      params: { applicationId: 'a-1', childName: 'КАМЕНОВА ДАНИЯ ЕРМЕКОВНА', queueNumber: 401 },
    };
    expect(translateNotification(createI18n('ru').t, accepted, 'ru')).toBe(
      'КАМЕНОВА ДАНИЯ ЕРМЕКОВНА: Ваша заявка принята. Место в очереди 401',
    );
    for (const lng of ['kk', 'en'] as const) {
      expect(translateNotification(createI18n(lng).t, accepted, lng)).toMatch(
        /^КАМЕНОВА ДАНИЯ ЕРМЕКОВНА: .*401/,
      );
    }
    // A text that names the child itself is not headed by the name again.
    const signed = {
      kind: 'contractSigned',
      params: { childName: 'КАМЕНОВА ДАНИЯ', kindergartenNameRu: 'ГККП «Балапан»' },
    };
    expect(translateNotification(createI18n('ru').t, signed, 'ru')).toMatch(/^Договор успешно подписан/);
    // en names the kindergarten in Latin letters rather than in Russian.
    const issued = {
      kind: 'referralIssued',
      params: { kindergartenNameKk: '«Балапан» МКҚК', kindergartenNameRu: 'ГККП «Балапан»' },
    };
    expect(translateNotification(createI18n('en').t, issued, 'en')).toContain('«Balapan» MKQK');
  });

  it('translate the rejected action and its reason inside an actionRejected notification', () => {
    const text = translateNotification(createI18n('ru').t, {
      kind: 'actionRejected',
      params: {
        action: 'response.activate',
        reason: { code: 'alreadyActivated', params: { at: '2026-03-19T05:42:00Z' } },
      },
    });
    expect(text).toBe(
      'Операция «Активация заявки» отклонена: Уже активировано с другого рабочего места в 19.03.2026 10:42.',
    );
  });
});

describe('translateError', () => {
  it('translates a domain code', () => {
    expect(translateError(createI18n('ru').t, { code: 'notLastDay' })).toBe(
      'Продлить направление можно в последний день действия направления.',
    );
  });

  it('translates an API code with its parameters', () => {
    expect(translateError(createI18n('en').t, { code: 'otpResendTooSoon', params: { seconds: 77 } })).toBe(
      'A new code can be requested in 77 seconds.',
    );
  });

  it('names the time another workstation activated the responder first', () => {
    const text = translateError(createI18n('ru').t, {
      code: 'alreadyActivated',
      params: { responseId: 'resp-1', at: '2026-03-19T10:42:00+05:00' },
    });
    expect(text).toBe('Уже активировано с другого рабочего места в 19.03.2026 10:42.');
  });

  it('tells the parent every condition that keeps an application from responding', () => {
    const text = translateError(createI18n('en').t, {
      code: 'cannotRespond',
      params: { reasons: ['birthYear', 'language'] },
    });
    expect(text).toBe(
      "The application cannot respond to this bulletin: The child's birth year is not among the bulletin's birth years. The bulletin's language of instruction is not one of the application's languages.",
    );
  });

  it('leaves a missing date parameter empty rather than printing "undefined"', () => {
    expect(createI18n('en').t('staff.sync.lastSync', {})).toBe('Last sync: ');
  });

  it('says which field an operation does not take, and falls back to the generic text for other reasons', () => {
    const t = createI18n('en').t;
    expect(
      translateError(t, { code: 'invalidPayload', params: { field: 'comment', reason: 'unknown' } }),
    ).toBe('The operation carries a field it does not take: comment.');
    expect(translateError(t, { code: 'invalidPayload', params: { field: 'reason', reason: 'empty' } })).toBe(
      'The operation data is incomplete or malformed.',
    );
  });

  it('has a text for the refusals of the payload limits in every language, and only for listed reasons', () => {
    for (const lng of LANGUAGES) {
      const own = [...trees[lng].keys()]
        .filter((k) => k.startsWith('errors.invalidPayloadReasons.'))
        .map((k) => k.split('.').pop());
      expect(own, lng).toEqual(expect.arrayContaining(['unknown', 'tooLarge', 'tooDeep']));
      for (const reason of own) expect(INVALID_PAYLOAD_REASONS, lng).toContain(reason);
      expect(trees[lng].has('api.tooManyRows'), lng).toBe(true);
    }
  });

  it('names an unknown code instead of failing', () => {
    expect(translateError(createI18n('kk').t, { code: 'somethingNew' })).toContain('somethingNew');
  });

  it('falls back to Russian for an unsupported language', () => {
    const i18n = createI18n('ru');
    i18n.changeLanguage('de');
    expect(i18n.t('common.actions.save')).toBe('Сохранить');
  });
});

describe('dates', () => {
  it('render an evening UTC timestamp as the next day in Asia/Almaty', () => {
    expect(formatDate('2026-03-19T20:30:00Z')).toBe('20.03.2026');
    expect(formatDateTime('2026-03-19T20:30:00Z')).toBe('20.03.2026 01:30');
  });

  it('render a calendar day as it is, without shifting it across zones', () => {
    expect(formatDate('2026-03-31')).toBe('31.03.2026');
  });

  it('render a timestamp with an offset in another region zone', () => {
    expect(formatDateTime('2019-06-19T10:39:00Z', 'Asia/Aqtobe')).toBe('19.06.2019 15:39');
    expect(formatDateTime('2019-06-19T10:39:00Z')).toBe('19.06.2019 16:39');
  });

  it('let a text pick a region zone for its date parameter', () => {
    const i18n = createI18n('ru');
    i18n.addResource('ru', 'translation', 'test.aqtobe', '{{at, dateTime(timeZone: Asia/Aqtobe)}}');
    expect(i18n.t('test.aqtobe', { at: '2019-06-19T10:39:00Z' })).toBe('19.06.2019 15:39');
  });

  it('refuse a date that does not exist', () => {
    expect(() => formatDate('2026-02-30')).toThrow(RangeError);
    expect(() => formatDateTime('not a date')).toThrow(RangeError);
  });
});
