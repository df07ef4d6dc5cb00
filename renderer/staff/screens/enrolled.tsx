import { DataTable } from '../../ui';
import { formatDate, useStaffT } from '../i18n';
import { NotSynced } from '../not-synced';
import { useWorkspace } from '../workspace';

/** Children enrolled by a signed contract, per group. */
export function EnrolledScreen() {
  const { t } = useStaffT();
  const { state, unsynced } = useWorkspace();
  const enrolled = Object.values(state.referrals).filter((r) => r.status === 'enrolled');
  const groups = Object.values(state.groups).sort((a, b) => a.name.localeCompare(b.name));
  return (
    <section aria-labelledby="enrolled-title">
      <h1 id="enrolled-title">{t('staff.enrolled.title')}</h1>
      {groups.map((group) => {
        const rows = enrolled.filter((r) => r.groupId === group.id);
        return (
          <DataTable
            key={group.id}
            caption={`${group.name} (${rows.length})`}
            rows={rows}
            rowKey={(r) => r.id}
            empty={`${group.name}: ${t('common.empty')}`}
            columns={[
              {
                key: 'child',
                header: t('staff.enrolled.child'),
                label: t('staff.enrolled.child'),
                cell: (r) => (
                  <>
                    <span data-testid="enrolled-child">{r.childName}</span>
                    <NotSynced show={unsynced.has(`referrals/${r.id}`)} />
                  </>
                ),
              },
              {
                key: 'contract',
                header: t('staff.enrolled.contract'),
                label: t('staff.enrolled.contract'),
                cell: (r) => `№ ${r.contractNumber ?? ''} · ${formatDate(r.contractDate)}`,
              },
              {
                key: 'at',
                header: t('staff.enrolled.enrolledAt'),
                label: t('staff.enrolled.enrolledAt'),
                cell: (r) => formatDate(r.signedAt),
              },
            ]}
          />
        );
      })}
    </section>
  );
}
