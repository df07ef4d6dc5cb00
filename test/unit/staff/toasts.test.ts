import { describe, expect, it } from 'vitest';
import { createI18n } from '../../../src/i18n';
import { nextToasts, type Toast } from '../../../renderer/staff/state';
import { savedText } from '../../../renderer/staff/saved-text';

const info = (id: number, text = `saved ${id}`): Toast => ({ id, kind: 'info', text });
const error = (id: number, text: string): Toast => ({ id, kind: 'error', text });

describe('staff toasts', () => {
  it('replace the previous confirmation instead of stacking up', () => {
    let shown: Toast[] = [];
    for (let id = 1; id <= 5; id++) shown = nextToasts(shown, info(id));
    expect(shown).toEqual([info(5)]);
  });

  it('keep refusals until dismissed, each text once, at most three on screen', () => {
    let shown = nextToasts([], error(1, 'Группа заполнена'));
    shown = nextToasts(shown, info(2));
    shown = nextToasts(shown, error(3, 'Группа заполнена'));
    expect(shown).toEqual([info(2), error(3, 'Группа заполнена')]);
    for (const [id, text] of [
      [4, 'a'],
      [5, 'b'],
      [6, 'c'],
    ] as const)
      shown = nextToasts(shown, error(id, text));
    expect(shown.map((t) => t.id)).toEqual([4, 5, 6]);
  });

  it('say "sent to the server" when online and "saved here" only when offline, grammatically', async () => {
    const i18n = createI18n('ru');
    const t = i18n.t.bind(i18n) as (key: string, o?: Record<string, unknown>) => string;
    const online = { online: true, problem: null };
    const offline = { online: false, problem: null };
    expect(savedText(t, 'response.activate', online)).toBe('Отправлено на сервер: активация заявки.');
    expect(savedText(t, 'response.activate', offline)).toBe(
      'Сохранено на этом компьютере: активация заявки. Отправится на сервер, когда появится связь.',
    );
    // A session that expired stops the sync even online: the operation waits here.
    expect(savedText(t, 'referral.signContract', { online: true, problem: 'sessionExpired' })).toMatch(
      /^Сохранено на этом компьютере: подписание договора\./,
    );
    for (const lng of ['kk', 'en'] as const) {
      await i18n.changeLanguage(lng);
      expect(savedText(t, 'bulletin.publish', online)).not.toMatch(/синхрон|sync/i);
      expect(savedText(t, 'bulletin.publish', online)).toContain(
        t('common.operations.bulletin.publish').toLocaleLowerCase().slice(0, 5),
      );
    }
  });
});
