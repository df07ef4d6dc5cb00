import { useEffect, useState } from 'react';
import { type Column, DataTable, Notice, SelectField } from '../../../ui';
import { type BulletinFilters, type BulletinRow, listBulletins, listKindergartens } from '../api';
import { formatDateTime, useT } from '../i18n';
import { useLiveVersion } from '../live';
import { Page } from '../page';
import { usePreferences } from '../preferences';
import { useRegions } from '../regions';
import { href, useRoute } from '../router';
import { useSession } from '../session';
import { problemKey } from '../use-form';
import { useLoad } from '../use-load';

/**
 * "Бюллетень свободных мест": the seed's filters (region, children's birth year, kindergarten,
 * "Доступные мне" / "Доступные всем") and columns. Filters live in the URL, so "Назад" and a shared
 * link keep them.
 */
export function Bulletins() {
  const { t, tr } = useT();
  const route = useRoute();
  const regions = useRegions();
  const preferredRegion = usePreferences((s) => s.regionId);
  const signedIn = useSession((s) => s.status === 'signedIn');
  const version = useLiveVersion('bulletin');
  const [filters, setFilters] = useState<BulletinFilters>(() => ({
    regionId: route.query.get('regionId') ?? preferredRegion ?? '',
    birthYear: route.query.get('birthYear') ?? '',
    kindergartenId: route.query.get('kindergartenId') ?? '',
    access: (route.query.get('access') as BulletinFilters['access']) ?? '',
  }));
  const applicationId = route.query.get('applicationId');
  useEffect(() => {
    const q = new URLSearchParams(Object.entries(filters).filter(([, v]) => v) as [string, string][]);
    if (applicationId) q.set('applicationId', applicationId);
    window.history.replaceState(null, '', href(`bulletins?${q}`));
  }, [filters, applicationId]);
  const bulletins = useLoad(() => listBulletins(filters), [JSON.stringify(filters), version]);
  const kindergartens = useLoad(() => listKindergartens(filters.regionId || undefined), [filters.regionId]);
  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: 8 }, (_, i) => String(thisYear - i));
  const set = (patch: Partial<BulletinFilters>) => setFilters((f) => ({ ...f, ...patch }));
  const view = (b: BulletinRow) =>
    href(`bulletins/${b.id}${applicationId ? `?applicationId=${applicationId}` : ''}`);

  const columns: Column<BulletinRow>[] = [
    {
      key: 'n',
      header: t('parent.bulletins.columns.number'),
      label: t('parent.bulletins.columns.number'),
      cell: (b) => (bulletins.data ?? []).indexOf(b) + 1,
    },
    {
      key: 'kg',
      header: t('parent.bulletins.columns.kindergarten'),
      label: t('parent.bulletins.columns.kindergarten'),
      cell: (b) => b.kindergartenName ?? '—',
    },
    {
      key: 'group',
      header: t('parent.bulletins.columns.group'),
      label: t('parent.bulletins.columns.group'),
      cell: (b) => b.groupName ?? '—',
    },
    {
      key: 'total',
      header: t('parent.bulletins.columns.totalPlaces'),
      label: t('parent.bulletins.columns.totalPlaces'),
      cell: (b) => b.totalPlaces,
    },
    {
      key: 'free',
      header: t('parent.bulletins.columns.freePlaces'),
      label: t('parent.bulletins.columns.freePlaces'),
      cell: (b) => b.freePlaces,
    },
    {
      key: 'lang',
      header: t('parent.bulletins.columns.language'),
      label: t('parent.bulletins.columns.language'),
      cell: (b) => t(`common.languages.${b.language}`),
    },
    {
      key: 'years',
      header: t('parent.bulletins.columns.birthYears'),
      label: t('parent.bulletins.columns.birthYears'),
      cell: (b) => b.birthYears.join(', '),
    },
    {
      key: 'place',
      header: t('parent.bulletins.columns.placeType'),
      label: t('parent.bulletins.columns.placeType'),
      cell: (b) => t(`common.placeTypes.${b.placeType}`, { defaultValue: b.placeType }),
    },
    {
      key: 'vacancy',
      header: t('parent.bulletins.columns.vacancyAt'),
      label: t('parent.bulletins.columns.vacancyAt'),
      cell: (b) => formatDateTime(b.vacancyAt),
    },
    {
      key: 'ops',
      header: t('parent.bulletins.columns.operations'),
      label: t('parent.bulletins.columns.operations'),
      cell: (b) => (
        <a
          className="ui-button ui-button--secondary"
          href={view(b)}
          aria-label={t('parent.bulletins.viewOne', { kindergarten: b.kindergartenName, group: b.groupName })}
        >
          🔍 {t('common.actions.view')}
        </a>
      ),
    },
  ];

  return (
    <Page title={t('parent.bulletins.title')} wide>
      <form
        className="filters"
        onSubmit={(e) => e.preventDefault()}
        aria-label={t('parent.bulletins.filtersLabel')}
      >
        <SelectField
          label={t('parent.bulletins.filters.region')}
          placeholder={t('common.notSelected')}
          options={regions.map((r) => ({ value: r.id, label: r.name }))}
          value={filters.regionId}
          onChange={(e) => set({ regionId: e.currentTarget.value, kindergartenId: '' })}
        />
        <SelectField
          label={t('parent.bulletins.filters.birthYear')}
          placeholder={t('common.notSelected')}
          options={years.map((y) => ({ value: y, label: y }))}
          value={filters.birthYear}
          onChange={(e) => set({ birthYear: e.currentTarget.value })}
        />
        <SelectField
          label={t('parent.bulletins.filters.kindergarten')}
          placeholder={t('common.notSelected')}
          options={(kindergartens.data ?? []).map((k) => ({ value: k.id, label: k.name }))}
          value={filters.kindergartenId}
          onChange={(e) => set({ kindergartenId: e.currentTarget.value })}
        />
        <fieldset className="ui-field ui-choices">
          <legend>{t('parent.bulletins.filters.access')}</legend>
          {(
            [
              ['', t('parent.bulletins.filters.any')],
              ['mine', t('parent.bulletins.filters.availableToMe')],
              ['all', t('parent.bulletins.filters.availableToAll')],
            ] as const
          ).map(([value, label]) =>
            value === 'mine' && !signedIn ? null : (
              <label key={value} className="ui-choice">
                <input
                  type="radio"
                  name="access"
                  value={value}
                  checked={(filters.access ?? '') === value}
                  onChange={() => set({ access: value })}
                />
                {label}
              </label>
            ),
          )}
        </fieldset>
      </form>
      {bulletins.problem ? <Notice tone="error">{tr(problemKey(bulletins.problem))}</Notice> : null}
      <DataTable
        caption={t('parent.bulletins.listCaption')}
        columns={columns}
        rows={bulletins.data ?? []}
        rowKey={(b) => b.id}
        empty={bulletins.loading ? t('common.loading') : t('parent.bulletins.none')}
      />
    </Page>
  );
}
