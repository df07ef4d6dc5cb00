import { Notice, type Step, type StepState, Steps } from '../../../ui';
import { type ApplicationView, getApplication, type ServerStep } from '../api';
import { CabinetNav } from '../cabinet-nav';
import { formatDate, useT } from '../i18n';
import { useLiveVersion } from '../live';
import { Page } from '../page';
import { ReferralPanel } from '../referral-panel';
import { href, useRoute } from '../router';
import { problemKey } from '../use-form';
import { useLoad } from '../use-load';

/** The four steps in the order the server names them (the seed's Шаг 1 … Шаг 4). */
const STEP_KEYS = ['queue', 'respond', 'referral', 'result'] as const;

/** A step the server calls closed (a withdrawn or archived application) is shown as not reached. */
const shown = (s: ServerStep): StepState => (s === 'closed' ? 'upcoming' : s);

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
  // The server's steps, not a table of our own (issue 14, item 20: they disagreed for withdrawn ones).
  const state = (n: number) => shown(a.steps[STEP_KEYS[n - 1]]);
  const current = a.steps.respond === 'current' ? 2 : a.steps.referral === 'current' ? 3 : 0;
  const stateLabel = (n: number) =>
    state(n) === 'done'
      ? t('parent.applications.detail.done')
      : state(n) === 'current'
        ? t('parent.applications.detail.current')
        : undefined;
  const referral = a.referral;

  const steps: Step[] = [
    {
      title: `${t('parent.applications.detail.step', { n: 1 })}. ${t('parent.applications.detail.queue')}`,
      id: 's1',
      state: state(1),
      stateLabel: stateLabel(1),
      children: <p>{queueText(a, t)}</p>,
    },
    {
      title: `${t('parent.applications.detail.step', { n: 2 })}. ${t('parent.applications.detail.respond')}`,
      id: 's2',
      state: state(2),
      stateLabel: stateLabel(2),
      children:
        current > 2 || a.status === 'enrolled' ? (
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
              href={href(
                `bulletins?regionId=${a.regionId}&localityId=${a.localityId}&birthYear=${a.birthYear}&applicationId=${a.id}`,
              )}
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

/**
 * Step 1: the number while the child is in the queue; once the child has a place, that the child left
 * the queue and when (issue 14, item 1: it read «Ваш номер в очереди: —» after enrolment).
 */
function queueText(a: ApplicationView, t: ReturnType<typeof useT>['t']): string {
  if (a.status === 'enrolled') {
    const signed = a.referral?.contractDate ?? a.referral?.signedAt;
    return signed
      ? t('parent.applications.detail.leftQueueEnrolled', { date: formatDate(signed) })
      : t('parent.applications.detail.leftQueue');
  }
  if (a.queueNumber != null) return t('parent.applications.detail.queueText', { queueNumber: a.queueNumber });
  return t('parent.applications.detail.notInQueue');
}
