import { Notice } from '../../../ui';
import { kindergartenName } from '../catalogue-names';
import { api } from '../api';
import { AsOf } from '../as-of';
import { LineChart } from '../charts';
import { Table } from '../components';
import { ExportButtons } from '../export-buttons';
import { FiltersBar, type FilteredPageProps } from '../filters-bar';
import { showDate, useT } from '../i18n';
import { localityName } from '../locality-name';
import { Section } from '../section';
import { useLoad } from '../use-load';
import { type Breakdown, BreakdownCard } from './breakdown-card';

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
export function DashboardPage({ filters, onFilters, localities, kindergartens, live }: FilteredPageProps) {
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

  const kpis: [id: string, label: string, value: string | number][] = data
    ? [
        ['queue', t('supervisor.dashboard.waiting'), data.totals.queue],
        ['freePlaces', t('supervisor.dashboard.freePlaces'), data.totals.freePlaces],
        ['publishedBulletins', t('supervisor.dashboard.bulletinsPublished'), data.totals.publishedBulletins],
        ['referralsActive', t('supervisor.dashboard.activeReferrals'), data.totals.referralsActive],
        ['stopListed', t('supervisor.dashboard.stopListed'), data.totals.stopListed],
        ['pendingPriority', t('supervisor.dashboard.pendingPriority'), data.totals.pendingPriority],
        ['enrolments', t('supervisor.dashboard.enrolments'), data.totals.enrolments],
        ['medianDays', t('supervisor.dashboard.medianDays'), data.totals.medianDaysToEnrolment ?? '—'],
        ['noShowRate', t('supervisor.dashboard.noShowRate'), percent(data.totals.noShowRate)],
        ['stopListRate', t('supervisor.dashboard.stopListRate'), percent(data.totals.stopListRate)],
      ]
    : [];
  // The four breakdowns of the queue (issue 8); each id is also its export's table name.
  const breakdowns: Breakdown[] = data
    ? [
        {
          id: 'queue-by-locality',
          title: t('supervisor.dashboard.byLocality'),
          nameHeader: t('supervisor.filters.locality'),
          chart: 'bar',
          rows: data.queueByLocality.map((r) => ({
            key: r.localityId,
            name: locality(r.localityId),
            count: r.count,
          })),
        },
        {
          id: 'queue-by-birth-year',
          title: t('supervisor.dashboard.byAge'),
          nameHeader: t('supervisor.dashboard.birthYear'),
          chart: 'bar',
          rows: data.queueByBirthYear.map((r) => ({
            key: String(r.birthYear),
            name: String(r.birthYear),
            count: r.count,
          })),
        },
        {
          id: 'queue-by-language',
          title: t('supervisor.dashboard.byLanguage'),
          nameHeader: t('common.language'),
          chart: 'bar',
          note: t('supervisor.dashboard.languagesNote'),
          rows: data.queueByLanguage.map((r) => ({
            key: r.language,
            name: languageName(r.language),
            count: r.count,
          })),
        },
        {
          id: 'queue-by-priority',
          title: t('supervisor.dashboard.byPriority'),
          nameHeader: t('supervisor.dashboard.priority'),
          chart: 'doughnut',
          rows: data.queueByPriority.map((r) => ({
            key: r.priority,
            name: priorityName(r.priority),
            count: r.count,
          })),
        },
      ]
    : [];

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
            {kpis.map(([id, label, value]) => (
              <Kpi key={id} id={id} label={label} value={value} />
            ))}
          </div>
          <p className="sv-muted">
            {t('supervisor.dashboard.period', {
              from: showDate(data.period.from),
              to: showDate(data.period.to),
            })}
          </p>

          <div className="sv-grid">
            {breakdowns.map((b) => (
              <BreakdownCard
                key={b.id}
                {...b}
                title={t(b.title)}
                nameHeader={t(b.nameHeader)}
                filters={filters}
              />
            ))}
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
            <Table
              caption={t('supervisor.dashboard.expiring')}
              rowKey={(r) => r.referralId}
              rows={data.expiringReferrals}
              empty={t('supervisor.dashboard.noneExpiring')}
              columns={[
                {
                  key: 'k',
                  title: t('supervisor.fairness.kindergarten'),
                  cell: (r) =>
                    kindergartenName(kindergartens, r.kindergartenId, language, r.kindergartenName),
                },
                { key: 'c', title: t('supervisor.fairness.child'), cell: (r) => r.childName },
                { key: 'd', title: t('supervisor.dashboard.lastDay'), cell: (r) => showDate(r.lastDay) },
                { key: 'n', title: t('supervisor.dashboard.daysLeft'), cell: (r) => r.daysLeft },
              ]}
            />
          </Section>
        </>
      )}
    </main>
  );
}
