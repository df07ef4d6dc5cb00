import { useState } from 'react';
import { api } from './api';
import { useT } from './i18n';

/** CSV and XLSX downloads of one table, with the page's current filters (issue 8: export every table). */
export function ExportButtons({ table, params }: { table: string; params?: object }) {
  const { t, errorText, language } = useT();
  const [error, setError] = useState<string | null>(null);
  const run = (format: 'csv' | 'xlsx') => {
    setError(null);
    // The file in the page's language: column names, measures and times as the screen shows them.
    api
      .exportTable(table, format, { ...params, lang: language })
      .catch((e: unknown) => setError(errorText(e)));
  };
  return (
    <span className="sv-export">
      <button
        type="button"
        className="ui-button ui-button--secondary sv-small"
        onClick={() => run('csv')}
        data-export={`${table}.csv`}
      >
        CSV
      </button>
      <button
        type="button"
        className="ui-button ui-button--secondary sv-small"
        onClick={() => run('xlsx')}
        data-export={`${table}.xlsx`}
      >
        XLSX
      </button>
      {error ? (
        <span className="ui-error" role="alert">
          {error}
        </span>
      ) : null}
      <span className="ui-visually-hidden">{t('supervisor.export.hint')}</span>
    </span>
  );
}
