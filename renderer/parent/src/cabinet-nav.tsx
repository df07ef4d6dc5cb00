import { useT } from './i18n';
import { href, useRoute } from './router';

/** The personal account's menu (the seed: Профиль · Мои дети · Заявки · Уведомления). */
export function CabinetNav() {
  const { t } = useT();
  const here = useRoute().path[0];
  const items = [
    ['profile', t('parent.nav.profile')],
    ['children', t('parent.nav.children')],
    ['applications', t('parent.nav.applications')],
    ['notifications', t('parent.nav.notifications')],
  ] as const;
  return (
    <nav aria-label={t('parent.nav.cabinet')}>
      <ul className="subnav">
        {items.map(([to, label]) => (
          <li key={to}>
            <a href={href(to)} aria-current={here === to ? 'page' : undefined}>
              {label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
