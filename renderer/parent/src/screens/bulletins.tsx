import { useEffect, useState } from 'react';
import { type Column, DataTable, Field, Notice, SelectField } from '../../../ui';
import { type BulletinFilters, type BulletinRow, listBulletins, listKindergartens } from '../api';
import { AreaSelect } from '../area-select';
import { formatDateTime, useT } from '../i18n';
import { useLiveVersion } from '../live';
import { Page } from '../page';
import { usePreferences } from '../preferences';
import { useRegions } from '../regions';
import { href, useRoute } from '../router';
import { ServerTime } from '../server-time';
import { useSession } from '../session';
import { problemKey } from '../use-form';
import { useLoad } from '../use-load';

/**
 * "Бюллетень свободных мест": the seed's filters (region → locality, children's birth year,
 * kindergarten, "Доступные мне" / "Доступные всем"), the server's time and columns. The area is the
 * parent's one chosen area (preferences.ts), the header's too; a link's regionId/localityId become it.
 * Filters live in the URL, so "Назад" and a shared link keep them.
 */
export function Bulletins() {
  const { t, tr } = useT();
  const route = useRoute();
  const regions = useRegions();
  const { regionId, localityId, setArea } = usePreferences();
  const signedIn = useSession((s) => s.status === 'signedIn');
  const version = useLiveVersion('bulletin');
  const [linked] = useState(() => ({
    regionId: route.query.get('regionId'),
    localityId: route.query.get('localityId'),
  }));
  const [adopted, setAdopted] = useState(!linked.regionId);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a link's area is taken once, on opening
  useEffect(() => {
    if (linked.regionId) setArea(linked);
    setAdopted(true);
  }, []);
  const [rest, setRest] = useState<Omit<BulletinFilters, 'regionId' | 'localityId'>>(() => ({
    birthYear: route.query.get('birthYear') ?? '',
    kindergartenId: route.query.get('kindergartenId') ?? '',
    access: (route.query.get('access') as BulletinFilters['access']) ?? '',
  }));
  const area = adopted ? { regionId, localityId } : linked;
  const filters: BulletinFilters = {
    regionId: area.regionId ?? '',
    localityId: area.localityId ?? '',
    ...rest,
  };
  const applicationId = route.query.get('applicationId');
  const key = JSON.stringify(filters);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` is the filters' value
  useEffect(() => {
    const q = new URLSearchParams(Object.entries(filters).filter(([, v]) => v) as [string, string][]);
    if (applicationId) q.set('applicationId', applicationId);
    window.history.replaceState(null, '', href(`bulletins?${q}`));
  }, [key, applicationId]);
  const bulletins = useLoad(() => listBulletins(filters), [key, version]);
  const kindergartens = useLoad(
    () => listKindergartens(filters.regionId || undefined, filters.localityId || undefined),
    [filters.regionId, filters.localityId],
  );
  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: 8 }, (_, i) => String(thisYear - i));
  const set = (patch: Partial<typeof rest>) => setRest((f) => ({ ...f, ...patch }));
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
        <Field label={t('parent.bulletins.filters.region')}>
          {(control) => (
            <AreaSelect
              {...control}
              regions={regions}
              value={area}
              onChange={(next) => {
                setArea(next);
                set({ kindergartenId: '' });
              }}
              allLabel={t('parent.nav.allRegions')}
            />
          )}
        </Field>
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
      <ServerTime />
      <p>
        <a href={href(`referrals${rest.kindergartenId ? `?kindergartenId=${rest.kindergartenId}` : ''}`)}>
          {t('parent.bulletins.allReferrals')}
        </a>
      </p>
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
