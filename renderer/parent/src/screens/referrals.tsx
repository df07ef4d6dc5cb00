import { useEffect, useState } from 'react';
import { type Column, DataTable, Notice, SelectField } from '../../../ui';
import { listKindergartenReferrals, listKindergartens, type RegisterEntry } from '../api';
import { formatDate, useT } from '../i18n';
import { Page } from '../page';
import { usePreferences } from '../preferences';
import { href, useRoute } from '../router';
import { problemKey } from '../use-form';
import { useLoad } from '../use-load';

const PAGE = 50;

/**
 * «Список всех направлений в детский сад» (the seed's bulletins page): the referrals a kindergarten
 * issued, newest first, with the child's initials, the queue number at issue, the day and the group —
 * how parents check that places went in queue order. The kindergarten is chosen among the parent's
 * area's (the header's choice); the choice and the page live in the URL, so a link keeps them.
 */
export function Referrals() {
  const { t, tr } = useT();
  const route = useRoute();
  const { regionId, localityId } = usePreferences();
  const [kindergartenId, setKindergartenId] = useState(route.query.get('kindergartenId') ?? '');
  const [offset, setOffset] = useState(Math.max(0, Number(route.query.get('offset')) || 0));
  useEffect(() => {
    const q = new URLSearchParams();
    if (kindergartenId) q.set('kindergartenId', kindergartenId);
    if (offset) q.set('offset', String(offset));
    window.history.replaceState(null, '', href(`referrals${q.size ? `?${q}` : ''}`));
  }, [kindergartenId, offset]);
  const kindergartens = useLoad(
    () => listKindergartens(regionId ?? undefined, localityId ?? undefined),
    [regionId, localityId],
  );
  const list = useLoad(
    () =>
      kindergartenId
        ? listKindergartenReferrals(kindergartenId, { limit: PAGE, offset })
        : Promise.resolve(null),
    [kindergartenId, offset],
  );
  const page = list.data;
  const options = (kindergartens.data ?? []).map((k) => ({ value: k.id, label: k.name }));
  // A linked kindergarten outside the chosen area is still offered, by the name the list answered.
  if (kindergartenId && page && !options.some((o) => o.value === kindergartenId))
    options.unshift({ value: kindergartenId, label: page.kindergarten });

  const columns: Column<RegisterEntry>[] = [
    {
      key: 'n',
      header: t('parent.bulletins.columns.number'),
      label: t('parent.bulletins.columns.number'),
      cell: (e) => offset + (page?.items.indexOf(e) ?? 0) + 1,
    },
    {
      key: 'child',
      header: t('parent.referrals.child'),
      label: t('parent.referrals.child'),
      cell: (e) => e.childInitials,
    },
    {
      key: 'queue',
      header: t('parent.referrals.queueNumber'),
      label: t('parent.referrals.queueNumber'),
      cell: (e) => e.queueNumber ?? t('parent.referrals.notRecorded'),
    },
    {
      key: 'issued',
      header: t('parent.referrals.issuedOn'),
      label: t('parent.referrals.issuedOn'),
      cell: (e) => formatDate(e.issuedOn),
    },
    {
      key: 'group',
      header: t('parent.kindergarten.group'),
      label: t('parent.kindergarten.group'),
      cell: (e) => e.group,
    },
    {
      key: 'age',
      header: t('parent.kindergarten.ageGroup'),
      label: t('parent.kindergarten.ageGroup'),
      cell: (e) => t(`common.ageGroups.${e.ageGroup}`, { defaultValue: e.ageGroup }),
    },
  ];

  return (
    <Page title={t('parent.bulletins.allReferrals')} wide>
      <p>{t('parent.referrals.intro')}</p>
      <SelectField
        label={t('parent.bulletins.filters.kindergarten')}
        placeholder={t('common.notSelected')}
        options={options}
        value={kindergartenId}
        onChange={(e) => {
          setKindergartenId(e.currentTarget.value);
          setOffset(0);
        }}
      />
      {kindergartenId ? (
        <p>
          <a href={href(`catalogue/${kindergartenId}`)}>{t('parent.referrals.toKindergarten')}</a>
        </p>
      ) : null}
      {list.problem ? <Notice tone="error">{tr(problemKey(list.problem))}</Notice> : null}
      {kindergartenId ? (
        <>
          <DataTable
            caption={
              page
                ? t('parent.referrals.caption', { kindergarten: page.kindergarten, total: page.total })
                : t('parent.bulletins.allReferrals')
            }
            columns={columns}
            rows={page?.items ?? []}
            rowKey={(e) => `${offset}-${page?.items.indexOf(e)}`}
            empty={list.loading ? t('common.loading') : t('parent.referrals.none')}
          />
          {page && page.total > PAGE ? (
            <nav className="pager" aria-label={t('parent.referrals.pages')}>
              <button
                type="button"
                className="ui-button ui-button--secondary"
                disabled={offset === 0}
                onClick={() => setOffset(Math.max(0, offset - PAGE))}
              >
                {t('parent.referrals.newer')}
              </button>
              <span>
                {t('parent.referrals.range', {
                  from: offset + 1,
                  to: Math.min(page.total, offset + PAGE),
                  total: page.total,
                })}
              </span>
              <button
                type="button"
                className="ui-button ui-button--secondary"
                disabled={offset + PAGE >= page.total}
                onClick={() => setOffset(offset + PAGE)}
              >
                {t('parent.referrals.older')}
              </button>
            </nav>
          ) : null}
        </>
      ) : (
        <Notice>{t('parent.referrals.chooseKindergarten')}</Notice>
      )}
    </Page>
  );
}
