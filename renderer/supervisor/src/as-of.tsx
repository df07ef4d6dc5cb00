import { showDateTimeSeconds, useT } from './i18n';

/** The visible "as of" time of what a page shows (issue 8, Live), and whether live updates flow. */
export function AsOf({ at, live }: { at: string | undefined; live: boolean }) {
  const { t } = useT();
  if (!at) return null;
  return (
    <p className="sv-asof" data-testid="as-of" data-at={at}>
      {t('supervisor.live.asOf', { time: showDateTimeSeconds(at) })}{' '}
      <span className={live ? 'sv-live sv-live--on' : 'sv-live'}>
        {live ? t('supervisor.live.on') : t('supervisor.live.off')}
      </span>
    </p>
  );
}
