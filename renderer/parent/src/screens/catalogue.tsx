import { type Column, DataTable, Notice } from '../../../ui';
import { type KindergartenView, listKindergartens } from '../api';
import { useT } from '../i18n';
import { Page } from '../page';
import { usePreferences } from '../preferences';
import { href } from '../router';
import { problemKey } from '../use-form';
import { useLoad } from '../use-load';

/** "Каталог дошкольных организаций" of the chosen area (the header's region or locality). */
export function Catalogue() {
  const { t, tr } = useT();
  const { regionId, localityId } = usePreferences();
  const list = useLoad(
    () => listKindergartens(regionId ?? undefined, localityId ?? undefined),
    [regionId, localityId],
  );
  const columns: Column<KindergartenView>[] = [
    {
      key: 'name',
      header: t('parent.catalogue.name'),
      label: t('parent.catalogue.name'),
      cell: (k) => <a href={href(`catalogue/${k.id}`)}>{k.name}</a>,
    },
    {
      key: 'type',
      header: t('parent.bulletins.detail.type'),
      label: t('parent.bulletins.detail.type'),
      cell: (k) => t(`common.ownership.${k.ownership}`),
    },
    {
      key: 'address',
      header: t('parent.bulletins.detail.address'),
      label: t('parent.bulletins.detail.address'),
      cell: (k) => k.address,
    },
    {
      key: 'languages',
      header: t('parent.bulletins.detail.language'),
      label: t('parent.bulletins.detail.language'),
      cell: (k) => k.languages.map((l) => t(`common.languages.${l}`)).join(', '),
    },
    {
      key: 'phone',
      header: t('parent.catalogue.phone'),
      label: t('parent.catalogue.phone'),
      cell: (k) => k.phone ?? '—',
    },
    {
      key: 'bulletins',
      header: t('parent.bulletins.columns.operations'),
      label: t('parent.bulletins.columns.operations'),
      cell: (k) => (
        <a href={href(`bulletins?regionId=${k.regionId}&localityId=${k.localityId}&kindergartenId=${k.id}`)}>
          {t('parent.nav.bulletins')}
        </a>
      ),
    },
  ];
  return (
    <Page title={t('parent.home.sections.catalogue')} wide>
      {list.problem ? <Notice tone="error">{tr(problemKey(list.problem))}</Notice> : null}
      <DataTable
        caption={t('parent.home.sections.catalogue')}
        columns={columns}
        rows={list.data ?? []}
        rowKey={(k) => k.id}
        empty={list.loading ? t('common.loading') : t('common.empty')}
      />
    </Page>
  );
}
