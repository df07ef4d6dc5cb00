import { type Column, DataTable, DefinitionList, Notice } from '../../../ui';
import { type GroupWithPlaces, getKindergarten } from '../api';
import { useT } from '../i18n';
import { Page } from '../page';
import { Reviews } from '../reviews';
import { href } from '../router';
import { problemKey } from '../use-form';
import { useLoad } from '../use-load';

/**
 * A kindergarten's page in the catalogue (issue 14, item 17): where it is, how to reach it, the
 * languages it teaches in and its groups with their age groups and free places, and the way to its
 * bulletins and to the list of referrals it issued. Parents' reviews of it close the page.
 */
export function Kindergarten({ id }: { id: string }) {
  const { t, tr } = useT();
  const kg = useLoad(() => getKindergarten(id), [id]);
  const k = kg.data;
  const columns: Column<GroupWithPlaces>[] = [
    {
      key: 'name',
      header: t('parent.kindergarten.group'),
      label: t('parent.kindergarten.group'),
      cell: (g) => g.name,
    },
    {
      key: 'age',
      header: t('parent.kindergarten.ageGroup'),
      label: t('parent.kindergarten.ageGroup'),
      cell: (g) => t(`common.ageGroups.${g.ageGroup}`, { defaultValue: g.ageGroup }),
    },
    {
      key: 'lang',
      header: t('parent.kindergarten.language'),
      label: t('parent.kindergarten.language'),
      cell: (g) => t(`common.languages.${g.language}`),
    },
    {
      key: 'years',
      header: t('parent.kindergarten.birthYears'),
      label: t('parent.kindergarten.birthYears'),
      cell: (g) => g.birthYears.join(', '),
    },
    {
      key: 'capacity',
      header: t('parent.kindergarten.capacity'),
      label: t('parent.kindergarten.capacity'),
      cell: (g) => g.places.capacity,
    },
    {
      key: 'free',
      header: t('parent.kindergarten.free'),
      label: t('parent.kindergarten.free'),
      cell: (g) => g.places.free,
    },
  ];
  if (!k)
    return (
      <Page title={t('parent.kindergarten.title')}>
        {kg.problem ? (
          <Notice tone="error">{tr(problemKey(kg.problem))}</Notice>
        ) : (
          <p>{t('common.loading')}</p>
        )}
      </Page>
    );
  const free = k.groups.reduce((sum, g) => sum + g.places.free, 0);
  return (
    <Page title={k.name} wide>
      <p>
        <a href={href('catalogue')}>‹ {t('parent.home.sections.catalogue')}</a>
      </p>
      <DefinitionList
        items={[
          [t('parent.bulletins.detail.type'), t(`common.ownership.${k.ownership}`)],
          [t('parent.kindergarten.locality'), [k.regionName, k.localityName].filter(Boolean).join(', ')],
          [t('parent.bulletins.detail.address'), k.address],
          [
            t('parent.kindergarten.phone'),
            k.phone ? (
              <a key="phone" href={`tel:${k.phone.replace(/[^\d+]/g, '')}`}>
                {k.phone}
              </a>
            ) : null,
          ],
          [t('parent.kindergarten.languages'), k.languages.map((l) => t(`common.languages.${l}`)).join(', ')],
          [t('parent.kindergarten.freeTotal'), free],
        ]}
      />
      <p className="actions">
        <a
          className="ui-button ui-button--secondary"
          href={href(`bulletins?regionId=${k.regionId}&localityId=${k.localityId}&kindergartenId=${k.id}`)}
        >
          {t('parent.nav.bulletins')}
        </a>{' '}
        <a className="ui-button ui-button--secondary" href={href(`referrals?kindergartenId=${k.id}`)}>
          {t('parent.bulletins.allReferrals')}
        </a>
      </p>
      <DataTable
        caption={t('parent.kindergarten.groups')}
        columns={columns}
        rows={k.groups}
        rowKey={(g) => g.id}
        empty={t('parent.kindergarten.noGroups')}
      />
      <p className="muted">{t('parent.kindergarten.freeHint')}</p>
      <Reviews kindergartenId={k.id} />
    </Page>
  );
}
