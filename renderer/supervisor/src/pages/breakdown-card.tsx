import type { Filters } from '../api';
import { BarChart, DoughnutChart } from '../charts';
import { ExportButtons } from '../export-buttons';
import { useT } from '../i18n';
import { Section } from '../section';
import { Table } from '../components';

export interface BreakdownRow {
  /** The grouping value as the API gives it (a locality id, a year, a language code, a category). */
  key: string;
  /** The same value as people read it. */
  name: string;
  count: number;
}

/** One breakdown: the card's id is also the export's table name (sync-server/supervisor). */
export interface Breakdown {
  id: string;
  title: string;
  /** Heads the table's first column (what the queue is grouped by). */
  nameHeader: string;
  rows: BreakdownRow[];
  chart: 'bar' | 'doughnut';
  /** A remark shown between the chart and the table. */
  note?: string;
}

/**
 * One breakdown of the queue on the dashboard (issue 8: by locality, birth year, language, priority
 * category): a chart and the table behind it, exportable with the page's filters.
 */
export function BreakdownCard({
  id,
  title,
  nameHeader,
  rows,
  chart,
  note,
  filters,
}: Breakdown & { filters: Filters }) {
  const { t } = useT();
  const labels = rows.map((r) => r.name);
  const values = rows.map((r) => r.count);
  return (
    <Section id={id} title={title} tools={<ExportButtons table={id} params={filters} />}>
      {chart === 'bar' ? (
        <BarChart
          title={title}
          labels={labels}
          series={[{ label: t('supervisor.dashboard.waiting'), values }]}
        />
      ) : (
        <DoughnutChart title={title} labels={labels} values={values} />
      )}
      {note ? <p className="sv-muted">{note}</p> : null}
      <Table
        caption={title}
        rowKey={(r) => r.key}
        rows={rows}
        empty={t('common.empty')}
        columns={[
          { key: 'name', title: nameHeader, cell: (r) => r.name },
          { key: 'count', title: t('supervisor.dashboard.count'), cell: (r) => r.count },
        ]}
      />
    </Section>
  );
}
