import type { Kindergarten } from '../../../src/schema';
import { SelectField, TextField } from '../../ui';
import type { Filters, Locality } from './api';
import { useT } from './i18n';
import type { LiveState } from './live';
import { localityName } from './locality-name';

/** What the app gives a page that the district's filters narrow (the dashboard, fairness). */
export interface FilteredPageProps {
  filters: Filters;
  onFilters: (f: Filters) => void;
  localities: Locality[];
  kindergartens: Kindergarten[];
  live: LiveState;
}

/** Locality, kindergarten and period (issue 8: "filters by locality, kindergarten, period"). */
export function FiltersBar({
  filters,
  onChange,
  localities,
  kindergartens,
}: {
  filters: Filters;
  onChange: (f: Filters) => void;
  localities: Locality[];
  kindergartens: Kindergarten[];
}) {
  const { t, language } = useT();
  const set = (patch: Partial<Filters>) => onChange({ ...filters, ...patch });
  const shown = kindergartens.filter((k) => !filters.localityId || k.localityId === filters.localityId);
  return (
    <form
      className="sv-filters"
      aria-label={t('supervisor.filters.title')}
      onSubmit={(e) => e.preventDefault()}
    >
      <SelectField
        label={t('supervisor.filters.locality')}
        placeholder={t('supervisor.filters.all')}
        value={filters.localityId ?? ''}
        options={localities.map((l) => ({ value: l.id, label: localityName(l, language) }))}
        onChange={(e) => set({ localityId: e.target.value || undefined, kindergartenId: undefined })}
      />
      <SelectField
        label={t('supervisor.filters.kindergarten')}
        placeholder={t('supervisor.filters.all')}
        value={filters.kindergartenId ?? ''}
        options={shown.map((k) => ({ value: k.id, label: language === 'kk' ? k.nameKk : k.nameRu }))}
        onChange={(e) => set({ kindergartenId: e.target.value || undefined })}
      />
      <TextField
        type="date"
        label={t('supervisor.filters.from')}
        value={filters.from ?? ''}
        onChange={(e) => set({ from: e.target.value || undefined })}
      />
      <TextField
        type="date"
        label={t('supervisor.filters.to')}
        value={filters.to ?? ''}
        onChange={(e) => set({ to: e.target.value || undefined })}
      />
      <div className="ui-field sv-filters__reset">
        <button type="button" className="ui-button ui-button--secondary" onClick={() => onChange({})}>
          {t('common.actions.reset')}
        </button>
      </div>
    </form>
  );
}
