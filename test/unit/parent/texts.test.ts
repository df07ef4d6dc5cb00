import { describe, expect, it } from 'vitest';
import { loadTexts, switchTexts, textsOf } from '../../../renderer/parent/src/texts';
import { kk } from '../../../src/i18n/kk';
import { ru } from '../../../src/i18n/ru';
import { translateNotification } from '../../../src/i18n/translateError';

// The parent view's own i18next instances, each loading its one language as the browser would.
const inRu = textsOf(await loadTexts('ru'));
const inKk = textsOf(await loadTexts('kk'));

describe("the parent view's texts", () => {
  it("renders the seed's notification with the queue number", () => {
    expect(inRu('notifications.applicationAccepted', { queueNumber: 212 })).toBe(
      'Ваша заявка принята. Место в очереди 212',
    );
  });

  it('formats a day as DD.MM.YYYY without moving it across time zones', () => {
    expect(inRu('parent.referral.validUntil', { date: '2026-03-31' })).toContain('31.03.2026');
  });

  it('formats an instant as DD.MM.YYYY HH:mm in Asia/Almaty', () => {
    // 05:42 UTC is 10:42 in Almaty (UTC+5 since 2024): docs/domain.md's "activated … at 10:42".
    expect(inRu('common.serverTime', { time: '2026-03-19T05:42:00Z' })).toContain('19.03.2026 10:42');
  });

  it('takes the first existing key of several, then defaultValue, then the key itself', () => {
    expect(inRu(['errors.noSuchCode', 'api.otpInvalid'])).toBe(ru.api.otpInvalid);
    expect(inRu('parent.noSuchKey', { defaultValue: 'запасной текст' })).toBe('запасной текст');
    expect(inRu('parent.noSuchKey')).toBe('parent.noSuchKey');
  });

  it('renders a missing parameter empty rather than as a placeholder', () => {
    expect(inRu('notifications.applicationAccepted')).toBe('Ваша заявка принята. Место в очереди ');
  });

  it('shows a malformed date as it is instead of failing the screen', () => {
    expect(inRu('parent.referral.validUntil', { date: 'not-a-day' })).toContain('not-a-day');
  });

  it('answers in Kazakh from the Kazakh resources', () => {
    expect(inKk('common.actions.send')).toBe(kk.common.actions.send);
    expect(inKk.exists('parent.registration.title')).toBe(true);
    expect(inKk.exists('parent.registration')).toBe(false);
  });

  it('loads another language when the parent switches to it', async () => {
    const texts = await loadTexts('ru');
    const t = textsOf(texts);
    expect(t('common.actions.send')).toBe(ru.common.actions.send);
    await switchTexts(texts, 'kk');
    expect(t('common.actions.send')).toBe(kk.common.actions.send);
  });
});

describe('notification parameters', () => {
  const stored = {
    childName: 'КАМЕНОВА ДАНИЯ ЕРМЕКОВНА',
    kindergartenNameRu: 'ГККП «Балапан» ясли - детский сад',
    kindergartenNameKk: '«Балапан» бөбекжай-бақшасы МКҚК',
    groupName: 'Жұлдыз санаторлық тобы',
  };

  const note = (lng: 'ru' | 'kk', params: Record<string, unknown>) =>
    translateNotification(lng === 'ru' ? inRu : inKk, { kind: 'contractSigned', params }, lng);

  it("renders the seed's contract message in full, naming the kindergarten in the reader’s language", () => {
    expect(note('ru', stored)).toBe(
      'Договор успешно подписан. Ваш ребенок КАМЕНОВА ДАНИЯ ЕРМЕКОВНА зачислен в ГККП «Балапан» ясли - детский сад',
    );
    expect(note('kk', stored)).toContain('«Балапан» бөбекжай-бақшасы МКҚК');
  });

  it('keeps parameters that already carry the texts’ names', () => {
    expect(note('ru', { ...stored, kindergarten: 'Айгөлек' })).toContain('Айгөлек');
  });
});
