import { Notice, type Step, Steps, stepState } from '../../../ui';
import { getApplication } from '../api';
import { CabinetNav } from '../cabinet-nav';
import { formatDate, useT } from '../i18n';
import { useLiveVersion } from '../live';
import { Page } from '../page';
import { ReferralPanel } from '../referral-panel';
import { href, useRoute } from '../router';
import { problemKey } from '../use-form';
import { useLoad } from '../use-load';

/** Which of the seed's four steps an application is at: queue → response → referral → results. */
const STEP_OF: Record<string, number> = {
  waiting: 2,
  inactive: 2,
  stopListed: 2,
  responded: 3,
  referred: 3,
  enrolled: 5,
};

/** "Заявка": filing date, locality, languages and the four steps, kept live. */
export function ApplicationDetail({ id }: { id: string }) {
  const { t, tr } = useT();
  const filed = useRoute().query.get('filed') === '1';
  const version = useLiveVersion('application');
  const app = useLoad(() => getApplication(id), [id, version]);
  const a = app.data;
  if (!a) {
    return (
      <Page title={t('parent.applications.detail.title')}>
        <CabinetNav />
        {app.problem ? (
          <Notice tone="error">{tr(problemKey(app.problem))}</Notice>
        ) : (
          <p>{t('common.loading')}</p>
        )}
      </Page>
    );
  }
  const current = STEP_OF[a.status] ?? 1;
  const state = (n: number) => stepState(n, current);
  const stateLabel = (n: number) =>
    n < current
      ? t('parent.applications.detail.done')
      : n === current
        ? t('parent.applications.detail.current')
        : undefined;
  const referral = a.referral;

  const steps: Step[] = [
    {
      title: `${t('parent.applications.detail.step', { n: 1 })}. ${t('parent.applications.detail.queue')}`,
      id: 's1',
      state: state(1),
      stateLabel: stateLabel(1),
      children: (
        <p>
          {t('parent.applications.detail.queueText', {
            queueNumber: a.queueNumber ?? '—',
          })}
        </p>
      ),
    },
    {
      title: `${t('parent.applications.detail.step', { n: 2 })}. ${t('parent.applications.detail.respond')}`,
      id: 's2',
      state: state(2),
      stateLabel: stateLabel(2),
      children:
        current > 2 ? (
          <p>
            {t('parent.applications.detail.respondedText')}
            {a.response ? (
              <>
                {' '}
                <a href={href(`bulletins/${a.response.bulletinId}`)}>{t('common.actions.view')}</a>
              </>
            ) : null}
          </p>
        ) : a.status === 'stopListed' && a.stopListUntil ? (
          <p>{t('parent.applications.detail.stopListText', { until: a.stopListUntil })}</p>
        ) : (
          <>
            <p>{t('parent.applications.detail.respondText')}</p>
            <a
              className="ui-button ui-button--secondary"
              href={href(`bulletins?regionId=${a.regionId}&birthYear=${a.birthYear}&applicationId=${a.id}`)}
            >
              {t('common.actions.view')}
            </a>
          </>
        ),
    },
    {
      title: `${t('parent.applications.detail.step', { n: 3 })}. ${t('parent.applications.detail.referral')}`,
      id: 's3',
      state: state(3),
      stateLabel: stateLabel(3),
      children: referral ? (
        <ReferralPanel referral={referral} onChanged={app.reload} />
      ) : (
        <p>{t('parent.applications.detail.referralWaiting')}</p>
      ),
    },
    {
      title: `${t('parent.applications.detail.step', { n: 4 })}. ${t('parent.applications.detail.result')}`,
      id: 's4',
      state: state(4),
      stateLabel: stateLabel(4),
      children: (
        <p>
          {a.status === 'enrolled'
            ? t('parent.applications.detail.enrolledText', {
                kindergarten: a.enrolledKindergartenName ?? referral?.kindergartenName ?? '',
                group: a.enrolledGroupName ?? referral?.groupName ?? '',
              })
            : t('parent.applications.detail.resultText')}
        </p>
      ),
    },
  ];

  return (
    <Page title={`${t('parent.applications.detail.title')}: ${a.childName}`}>
      <CabinetNav />
      <p>
        <a href={href('applications')}>‹ {t('common.actions.back')}</a>
      </p>
      {filed ? <Notice tone="success">{t('parent.applications.filedNotice')}</Notice> : null}
      {a.status === 'withdrawn' || a.status === 'archived' ? (
        <Notice>{t(`common.applicationStatuses.${a.status}`)}</Notice>
      ) : null}
      <dl className="ui-dl">
        <div>
          <dt>{t('parent.applications.detail.filedAt')}</dt>
          <dd>{formatDate(a.filedAt)}</dd>
        </div>
        <div>
          <dt>{t('parent.applications.detail.locality')}</dt>
          <dd>{a.localityName ?? a.localityId}</dd>
        </div>
        <div>
          <dt>{t('parent.applications.detail.languages')}</dt>
          <dd>{a.languages.map((l) => t(`common.languages.${l}`)).join(', ')}</dd>
        </div>
        <div>
          <dt>{t('parent.applications.columns.status')}</dt>
          <dd>{t(`common.applicationStatuses.${a.status}`)}</dd>
        </div>
      </dl>
      <Steps label={t('parent.applications.detail.title')} steps={steps} />
    </Page>
  );
}
