import { useReplicaStore } from '../state';
import { DataTable } from '../../ui';
import { formatDateTime, useStaffT } from '../i18n';
import { useWorkspace } from '../workspace';
import { HeldFiles } from './documents';

/**
 * Every operation of this staff member with its sync status; a rejected one shows the reason and what
 * to do (docs/architecture.md: "a rejected action stays visible to staff with its reason and a way to act
 * on it. Nothing is lost silently").
 */
export function OperationsLogScreen() {
  const { t, explain, hint } = useStaffT();
  const actions = Object.values(useReplicaStore((s) => s.actions)).sort((a, b) =>
    b.occurredAt.localeCompare(a.occurredAt),
  );
  const { doomed } = useWorkspace();
  return (
    <section aria-labelledby="operations-title">
      <h1 id="operations-title">{t('staff.nav.actions')}</h1>
      <DataTable
        caption={<span className="ui-visually-hidden">{t('staff.nav.actions')}</span>}
        rows={actions}
        rowKey={(a) => a.id}
        empty={t('common.empty')}
        columns={[
          {
            key: 'at',
            header: t('staff.actions.occurredAt'),
            label: t('staff.actions.occurredAt'),
            cell: (a) => formatDateTime(a.occurredAt),
          },
          {
            key: 'kind',
            header: t('staff.actions.kind'),
            label: t('staff.actions.kind'),
            cell: (a) => t(`common.operations.${a.kind}`),
          },
          {
            key: 'status',
            header: t('staff.actions.status'),
            label: t('staff.actions.status'),
            cell: (a) => (
              <span className={`staff-status staff-status--${a.status}`} data-testid={`action-${a.status}`}>
                {t(`common.actionStatuses.${a.status}`)}
              </span>
            ),
          },
          {
            key: 'reason',
            header: t('staff.actions.reason'),
            label: t('staff.actions.reason'),
            cell: (a) => {
              const problem = a.reason ?? (a.status === 'pending' ? doomed.get(a.id) : undefined);
              if (!problem) return <HeldFiles actionId={a.id} />;
              return (
                <div data-testid="action-reason">
                  <p>{explain(problem)}</p>
                  <p className="ui-hint">{hint(problem)}</p>
                  <HeldFiles actionId={a.id} />
                </div>
              );
            },
          },
        ]}
      />
    </section>
  );
}
