import { useT } from './i18n';
import { href, useRoute } from './router';

/** The seed's tabs of "Заявки": Список заявлений · + Добавить заявление · Архив заявлений. */
export function ApplicationsNav() {
  const { t } = useT();
  const second = useRoute().path[1] ?? '';
  const items = [
    ['applications', '', t('parent.applications.list')],
    ['applications/new', 'new', `+ ${t('parent.applications.add')}`],
    ['applications/archive', 'archive', t('parent.applications.archive')],
  ] as const;
  return (
    <nav aria-label={t('parent.applications.title')}>
      <ul className="subnav">
        {items.map(([to, key, label]) => (
          <li key={to}>
            <a href={href(to)} aria-current={second === key ? 'page' : undefined}>
              {label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
