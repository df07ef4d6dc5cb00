import { groupPlaces } from '../../../src/domain';
import { DataTable } from '../../ui';
import { useStaffT } from '../i18n';
import { NotSynced } from '../not-synced';
import { useWorkspace } from '../workspace';

/**
 * The kindergarten's groups and places: capacity, enrolled, held by live referrals, free — counted by
 * the domain's groupPlaces, the rule the server checks a bulletin's places against.
 */
export function GroupsScreen() {
  const { t } = useStaffT();
  const { state, unsynced } = useWorkspace();
  const groups = Object.values(state.groups).sort((a, b) => a.name.localeCompare(b.name));
  const referrals = Object.values(state.referrals);
  return (
    <section aria-labelledby="groups-title">
      <h1 id="groups-title">{t('staff.groups.title')}</h1>
      <DataTable
        caption={<span className="ui-visually-hidden">{t('staff.groups.title')}</span>}
        rows={groups}
        rowKey={(g) => g.id}
        empty={t('common.empty')}
        columns={[
          {
            key: 'name',
            header: t('staff.groups.name'),
            label: t('staff.groups.name'),
            cell: (g) => (
              <>
                {g.name}
                <NotSynced show={unsynced.has(`groups/${g.id}`)} />
              </>
            ),
          },
          {
            key: 'type',
            header: t('staff.groups.groupType'),
            label: t('staff.groups.groupType'),
            cell: (g) => t(`common.groupTypes.${g.groupType}`),
          },
          {
            key: 'lang',
            header: t('staff.groups.language'),
            label: t('staff.groups.language'),
            cell: (g) => t(`common.languages.${g.language}`),
          },
          {
            key: 'years',
            header: t('staff.groups.birthYears'),
            label: t('staff.groups.birthYears'),
            cell: (g) => g.birthYears.join(', '),
          },
          {
            key: 'age',
            header: t('staff.groups.ageGroup'),
            label: t('staff.groups.ageGroup'),
            cell: (g) => t(`common.ageGroups.${g.ageGroup}`, { defaultValue: g.ageGroup }),
          },
          {
            key: 'capacity',
            header: t('staff.groups.capacity'),
            label: t('staff.groups.capacity'),
            cell: (g) => g.capacity,
          },
          {
            key: 'enrolled',
            header: t('staff.groups.enrolled'),
            label: t('staff.groups.enrolled'),
            cell: (g) => g.enrolled,
          },
          {
            key: 'held',
            header: t('staff.groups.held'),
            label: t('staff.groups.held'),
            cell: (g) => groupPlaces(g, referrals).held,
          },
          {
            key: 'free',
            header: t('staff.groups.free'),
            label: t('staff.groups.free'),
            cell: (g) => <span data-testid="group-free">{groupPlaces(g, referrals).free}</span>,
          },
          {
            key: 'status',
            header: t('staff.groups.status'),
            label: t('staff.groups.status'),
            cell: (g) => (g.status === 'open' ? t('staff.groups.open') : t('staff.groups.closed')),
          },
        ]}
      />
    </section>
  );
}
