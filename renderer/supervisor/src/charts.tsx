import {
  ArcElement,
  BarElement,
  CategoryScale,
  Chart as ChartJS,
  Legend,
  LinearScale,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { Bar, Doughnut, Line } from 'react-chartjs-2';

// Chart.js is tree-shaken: only the pieces the dashboard draws are registered.
ChartJS.register(
  CategoryScale,
  LinearScale,
  BarElement,
  LineElement,
  PointElement,
  ArcElement,
  Tooltip,
  Legend,
);

/** A colour-blind-safe palette (Okabe–Ito) that keeps 3:1 contrast against white for bars and lines. */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'];

// No animation: numbers must be readable at once after a live update, and screenshots are stable.
const common = { responsive: true, maintainAspectRatio: false, animation: false } as const;

export interface Series {
  label: string;
  values: number[];
}

export function BarChart({
  labels,
  series,
  title,
  stacked,
}: {
  labels: string[];
  series: Series[];
  title: string;
  stacked?: boolean;
}) {
  return (
    <div className="sv-chart" role="img" aria-label={title}>
      <Bar
        aria-label={title}
        data={{
          labels,
          datasets: series.map((s, i) => ({
            label: s.label,
            data: s.values,
            backgroundColor: PALETTE[i % PALETTE.length],
          })),
        }}
        options={{
          ...common,
          plugins: { legend: { display: series.length > 1, position: 'bottom' } },
          scales: {
            x: { stacked: stacked === true },
            y: { stacked: stacked === true, beginAtZero: true, ticks: { precision: 0 } },
          },
        }}
      />
    </div>
  );
}

export function LineChart({ labels, series, title }: { labels: string[]; series: Series[]; title: string }) {
  return (
    <div className="sv-chart" role="img" aria-label={title}>
      <Line
        aria-label={title}
        data={{
          labels,
          datasets: series.map((s, i) => ({
            label: s.label,
            data: s.values,
            borderColor: PALETTE[i % PALETTE.length],
            backgroundColor: PALETTE[i % PALETTE.length],
            tension: 0.2,
          })),
        }}
        options={{
          ...common,
          plugins: { legend: { position: 'bottom' } },
          scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
        }}
      />
    </div>
  );
}

export function DoughnutChart({
  labels,
  values,
  title,
}: {
  labels: string[];
  values: number[];
  title: string;
}) {
  return (
    <div className="sv-chart sv-chart--round" role="img" aria-label={title}>
      <Doughnut
        aria-label={title}
        data={{
          labels,
          datasets: [{ data: values, backgroundColor: labels.map((_, i) => PALETTE[i % PALETTE.length]) }],
        }}
        options={{ ...common, plugins: { legend: { position: 'right' } } }}
      />
    </div>
  );
}
