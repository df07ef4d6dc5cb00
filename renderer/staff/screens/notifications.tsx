import { DataTable } from '../../ui';
import { useReplicaStore } from '../state';
import { formatDateTime, useStaffT } from '../i18n';

/** The staff member's notifications (kind + params, rendered in the chosen language). */
export function NotificationsScreen() {
  const { t, notification } = useStaffT();
  const notifications = Object.values(useReplicaStore((s) => s.notifications)).sort((a, b) =>
    b.createdAt.localeCompare(a.createdAt),
  );
  return (
    <section aria-labelledby="notifications-title">
      <h1 id="notifications-title">{t('staff.nav.notifications')}</h1>
      <DataTable
        caption={<span className="ui-visually-hidden">{t('staff.nav.notifications')}</span>}
        rows={notifications}
        rowKey={(n) => n.id}
        empty={t('common.empty')}
        columns={[
          {
            key: 'at',
            header: t('staff.actions.occurredAt'),
            label: t('staff.actions.occurredAt'),
            cell: (n) => formatDateTime(n.createdAt),
          },
          {
            key: 'text',
            header: t('staff.actions.description'),
            label: t('staff.actions.description'),
            cell: (n) => notification(n),
          },
        ]}
      />
    </section>
  );
}
