import type { Kindergarten } from '../../../../src/schema';
import { DataTable, Notice } from '../../../ui';
import { api, type Filters, type Locality } from '../api';
import { AsOf } from '../as-of';
import { BarChart, DoughnutChart, LineChart } from '../charts';
import { ExportButtons } from '../export-buttons';
import { FiltersBar } from '../filters-bar';
import { showDate, useT } from '../i18n';
import { localityName } from '../locality-name';
import { Section } from '../section';
import { useLoad } from '../use-load';

function percent(value: number | null): string {
  return value === null ? '—' : `${(value * 100).toFixed(1)} %`;
}

function Kpi({ id, label, value }: { id: string; label: string; value: string | number }) {
  return (
    <div className="sv-kpi" data-testid={`kpi-${id}`}>
      <span className="sv-kpi__value" data-value={value}>
        {value}
      </span>
      <span className="sv-kpi__label">{label}</span>
    </div>
  );
}

/** The district at a glance (issue 8, Dashboard): every number comes from /api/supervisor/dashboard. */
export function DashboardPage({
  filters,
  onFilters,
  localities,
  kindergartens,
  live,
}: {
  filters: Filters;
  onFilters: (f: Filters) => void;
  localities: Locality[];
  kindergartens: Kindergarten[];
  live: { version: number; connected: boolean };
}) {
  const { t, language, errorText } = useT();
  const { data, error } = useLoad(() => api.dashboard(filters), [JSON.stringify(filters), live.version]);
  const locality = (id: string) =>
    localityName(
      localities.find((l) => l.id === id),
      language,
      id,
    );
  const languageName = (code: string) => t(`common.languages.${code}`, { defaultValue: code });
  const priorityName = (p: string) => t(`common.priorities.${p}`, { defaultValue: p });

  return (
    <main className="sv-page" aria-labelledby="dashboard-title">
      <h1 id="dashboard-title">{t('supervisor.dashboard.title')}</h1>
      <AsOf at={data?.asOf} live={live.connected} />
      <FiltersBar
        filters={filters}
        onChange={onFilters}
        localities={localities}
        kindergartens={kindergartens}
      />
      {error ? <Notice tone="error">{errorText(error)}</Notice> : null}
      {!data ? (
        <p>{t('common.loading')}</p>
      ) : (
        <>
          <div className="sv-kpis">
            <Kpi id="queue" label={t('supervisor.dashboard.waiting')} value={data.totals.queue} />
            <Kpi
              id="freePlaces"
              label={t('supervisor.dashboard.freePlaces')}
              value={data.totals.freePlaces}
            />
            <Kpi
              id="publishedBulletins"
              label={t('supervisor.dashboard.bulletinsPublished')}
              value={data.totals.publishedBulletins}
            />
            <Kpi
              id="referralsActive"
              label={t('supervisor.dashboard.activeReferrals')}
              value={data.totals.referralsActive}
            />
            <Kpi
              id="stopListed"
              label={t('supervisor.dashboard.stopListed')}
              value={data.totals.stopListed}
            />
            <Kpi
              id="pendingPriority"
              label={t('supervisor.dashboard.pendingPriority')}
              value={data.totals.pendingPriority}
            />
            <Kpi
              id="enrolments"
              label={t('supervisor.dashboard.enrolments')}
              value={data.totals.enrolments}
            />
            <Kpi
              id="medianDays"
              label={t('supervisor.dashboard.medianDays')}
              value={data.totals.medianDaysToEnrolment ?? '—'}
            />
            <Kpi
              id="noShowRate"
              label={t('supervisor.dashboard.noShowRate')}
              value={percent(data.totals.noShowRate)}
            />
            <Kpi
              id="stopListRate"
              label={t('supervisor.dashboard.stopListRate')}
              value={percent(data.totals.stopListRate)}
            />
          </div>
          <p className="sv-muted">
            {t('supervisor.dashboard.period', {
              from: showDate(data.period.from),
              to: showDate(data.period.to),
            })}
          </p>

          <div className="sv-grid">
            <Section
              id="queue-by-locality"
              title={t('supervisor.dashboard.byLocality')}
              tools={<ExportButtons table="queue-by-locality" params={filters} />}
            >
              <BarChart
                title={t('supervisor.dashboard.byLocality')}
                labels={data.queueByLocality.map((r) => locality(r.localityId))}
                series={[
                  {
                    label: t('supervisor.dashboard.waiting'),
                    values: data.queueByLocality.map((r) => r.count),
                  },
                ]}
              />
              <DataTable
                caption={t('supervisor.dashboard.byLocality')}
                rowKey={(r) => r.localityId}
                rows={data.queueByLocality}
                empty={t('common.empty')}
                columns={[
                  {
                    key: 'l',
                    header: t('supervisor.filters.locality'),
                    label: t('supervisor.filters.locality'),
                    cell: (r) => locality(r.localityId),
                  },
                  {
                    key: 'c',
                    header: t('supervisor.dashboard.count'),
                    label: t('supervisor.dashboard.count'),
                    cell: (r) => r.count,
                  },
                ]}
              />
            </Section>

            <Section
              id="queue-by-birth-year"
              title={t('supervisor.dashboard.byAge')}
              tools={<ExportButtons table="queue-by-birth-year" params={filters} />}
            >
              <BarChart
                title={t('supervisor.dashboard.byAge')}
                labels={data.queueByBirthYear.map((r) => String(r.birthYear))}
                series={[
                  {
                    label: t('supervisor.dashboard.waiting'),
                    values: data.queueByBirthYear.map((r) => r.count),
                  },
                ]}
              />
              <DataTable
                caption={t('supervisor.dashboard.byAge')}
                rowKey={(r) => String(r.birthYear)}
                rows={data.queueByBirthYear}
                empty={t('common.empty')}
                columns={[
                  {
                    key: 'y',
                    header: t('supervisor.dashboard.birthYear'),
                    label: t('supervisor.dashboard.birthYear'),
                    cell: (r) => r.birthYear,
                  },
                  {
                    key: 'c',
                    header: t('supervisor.dashboard.count'),
                    label: t('supervisor.dashboard.count'),
                    cell: (r) => r.count,
                  },
                ]}
              />
            </Section>

            <Section
              id="queue-by-language"
              title={t('supervisor.dashboard.byLanguage')}
              tools={<ExportButtons table="queue-by-language" params={filters} />}
            >
              <BarChart
                title={t('supervisor.dashboard.byLanguage')}
                labels={data.queueByLanguage.map((r) => languageName(r.language))}
                series={[
                  {
                    label: t('supervisor.dashboard.waiting'),
                    values: data.queueByLanguage.map((r) => r.count),
                  },
                ]}
              />
              <p className="sv-muted">{t('supervisor.dashboard.languagesNote')}</p>
              <DataTable
                caption={t('supervisor.dashboard.byLanguage')}
                rowKey={(r) => r.language}
                rows={data.queueByLanguage}
                empty={t('common.empty')}
                columns={[
                  {
                    key: 'l',
                    header: t('common.language'),
                    label: t('common.language'),
                    cell: (r) => languageName(r.language),
                  },
                  {
                    key: 'c',
                    header: t('supervisor.dashboard.count'),
                    label: t('supervisor.dashboard.count'),
                    cell: (r) => r.count,
                  },
                ]}
              />
            </Section>

            <Section
              id="queue-by-priority"
              title={t('supervisor.dashboard.byPriority')}
              tools={<ExportButtons table="queue-by-priority" params={filters} />}
            >
              <DoughnutChart
                title={t('supervisor.dashboard.byPriority')}
                labels={data.queueByPriority.map((r) => priorityName(r.priority))}
                values={data.queueByPriority.map((r) => r.count)}
              />
              <DataTable
                caption={t('supervisor.dashboard.byPriority')}
                rowKey={(r) => r.priority}
                rows={data.queueByPriority}
                empty={t('common.empty')}
                columns={[
                  {
                    key: 'p',
                    header: t('supervisor.dashboard.priority'),
                    label: t('supervisor.dashboard.priority'),
                    cell: (r) => priorityName(r.priority),
                  },
                  {
                    key: 'c',
                    header: t('supervisor.dashboard.count'),
                    label: t('supervisor.dashboard.count'),
                    cell: (r) => r.count,
                  },
                ]}
              />
            </Section>
          </div>

          <Section
            id="bulletins-over-time"
            title={t('supervisor.dashboard.overTime')}
            tools={<ExportButtons table="bulletins-over-time" params={filters} />}
          >
            <LineChart
              title={t('supervisor.dashboard.overTime')}
              labels={data.bulletinsOverTime.map((r) => r.period)}
              series={[
                {
                  label: t('supervisor.dashboard.published'),
                  values: data.bulletinsOverTime.map((r) => r.published),
                },
                {
                  label: t('supervisor.dashboard.closed'),
                  values: data.bulletinsOverTime.map((r) => r.closed),
                },
                {
                  label: t('supervisor.dashboard.placesPublished'),
                  values: data.bulletinsOverTime.map((r) => r.placesPublished),
                },
              ]}
            />
          </Section>

          <Section
            id="expiring-referrals"
            title={t('supervisor.dashboard.expiring')}
            tools={<ExportButtons table="expiring-referrals" params={filters} />}
          >
            <DataTable
              caption={t('supervisor.dashboard.expiring')}
              rowKey={(r) => r.referralId}
              rows={data.expiringReferrals}
              empty={t('supervisor.dashboard.noneExpiring')}
              columns={[
                {
                  key: 'k',
                  header: t('supervisor.fairness.kindergarten'),
                  label: t('supervisor.fairness.kindergarten'),
                  cell: (r) =>
                    kindergartens.find((k) => k.id === r.kindergartenId)?.[
                      language === 'kk' ? 'nameKk' : 'nameRu'
                    ] ?? r.kindergartenName,
                },
                {
                  key: 'c',
                  header: t('supervisor.fairness.child'),
                  label: t('supervisor.fairness.child'),
                  cell: (r) => r.childName,
                },
                {
                  key: 'd',
                  header: t('supervisor.dashboard.lastDay'),
                  label: t('supervisor.dashboard.lastDay'),
                  cell: (r) => showDate(r.lastDay),
                },
                {
                  key: 'n',
                  header: t('supervisor.dashboard.daysLeft'),
                  label: t('supervisor.dashboard.daysLeft'),
                  cell: (r) => r.daysLeft,
                },
              ]}
            />
          </Section>
        </>
      )}
    </main>
  );
}
