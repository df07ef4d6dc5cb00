import { type FormEvent, useState } from 'react';
import { Notice, TextField } from '../../../ui';
import { getStatistics, lookupQueue, type QueueLookup } from '../api';
import { useT } from '../i18n';
import { Page } from '../page';
import { usePreferences } from '../preferences';
import { problemKey, type FieldError } from '../use-form';
import { useLoad } from '../use-load';
import { isApiError } from '../problem';
import { parseIin } from '../../../../src/domain/iin';
import { href } from '../router';
import { Reviews } from '../reviews';

/**
 * The seed's main page: free-place bulletins, the queue, the catalogue, statistics and reviews.
 * Kept small: it is part of the first load.
 */
export function Home() {
  const { t } = useT();
  const regionId = usePreferences((s) => s.regionId) ?? undefined;
  const stats = useLoad(() => getStatistics(regionId), [regionId]);
  return (
    <Page title={t('parent.home.title')}>
      <p className="lead">{t('parent.home.intro')}</p>
      <div className="tiles">
        <a className="tile" href={href('bulletins')}>
          {t('parent.home.sections.bulletins')}
        </a>
        <a className="tile" href={href('catalogue')}>
          {t('parent.home.sections.catalogue')}
        </a>
        <a className="tile" href={href('applications')}>
          {t('parent.nav.applications')}
        </a>
        <a className="tile" href={href('verify')}>
          {t('parent.home.sections.verify')}
        </a>
      </div>
      <QueueSearch />
      <section aria-labelledby="stats-title">
        <h2 id="stats-title">{t('parent.home.sections.statistics')}</h2>
        {stats.data ? (
          <dl className="stats">
            <div>
              <dt>{t('parent.home.stats.waiting')}</dt>
              <dd>{stats.data.waiting}</dd>
            </div>
            <div>
              <dt>{t('parent.home.stats.freePlaces')}</dt>
              <dd>{stats.data.freePlaces}</dd>
            </div>
            <div>
              <dt>{t('parent.home.stats.kindergartens')}</dt>
              <dd>{stats.data.kindergartens}</dd>
            </div>
            <div>
              <dt>{t('parent.home.stats.enrolled')}</dt>
              <dd>{stats.data.enrolled}</dd>
            </div>
          </dl>
        ) : (
          <p aria-busy={stats.loading}>{stats.loading ? t('common.loading') : t('common.empty')}</p>
        )}
      </section>
      <Reviews />
    </Page>
  );
}

/** "Очередь в ДДО": a child's place in the queue by the child's IIN, without logging in. */
function QueueSearch() {
  const { t, tr } = useT();
  const [iin, setIin] = useState('');
  const [error, setError] = useState<FieldError | null>(null);
  const [result, setResult] = useState<QueueLookup[] | null>(null);
  const search = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseIin(iin);
    if (!parsed.ok) {
      setError({ key: `errors.${parsed.error.code}` });
      return;
    }
    setError(null);
    try {
      setResult(await lookupQueue(iin.trim()));
    } catch (err) {
      setError(problemKey(isApiError(err) ? err.problem : { code: 'serverError', status: 0 }));
    }
  };
  return (
    <section aria-labelledby="queue-title">
      <h2 id="queue-title">{t('parent.home.sections.queue')}</h2>
      <form onSubmit={search} noValidate className="inline-form">
        <TextField
          label={t('parent.home.queueIin')}
          inputMode="numeric"
          autoComplete="off"
          maxLength={12}
          value={iin}
          onChange={(e) => setIin(e.currentTarget.value)}
          error={tr(error)}
          action={
            <button type="submit" className="ui-button">
              {t('common.actions.search')}
            </button>
          }
        />
      </form>
      {result ? (
        result.length === 0 ? (
          <Notice>{t('parent.home.queueNone')}</Notice>
        ) : (
          <ul className="plain-list">
            {result.map((r) => (
              <li key={`${r.filedAt}${r.localityName}`}>
                {t('parent.home.queueResult', {
                  child: r.childName,
                  number: r.queueNumber ?? '—',
                  locality: r.localityName ?? '',
                  status: t(`common.applicationStatuses.${r.status}`),
                })}
              </li>
            ))}
          </ul>
        )
      ) : null}
    </section>
  );
}
