import { useState } from 'react';
import { ChoiceGroup, ConfirmDialog, DefinitionList, Notice } from '../../../ui';
import { bulletinEligibility, getBulletin, respondToBulletin } from '../api';
import { FormError } from '../form-error';
import { formatDate, formatDateTime, useT } from '../i18n';
import { useLiveVersion } from '../live';
import { Page } from '../page';
import { isApiError } from '../problem';
import { href, navigate, useRoute } from '../router';
import { ServerTime } from '../server-time';
import { useSession } from '../session';
import { type FieldError, problemKey } from '../use-form';
import { useLoad } from '../use-load';

/**
 * One bulletin (the seed's "БЮЛЛЕТЕНЬ СВОБОДНЫХ МЕСТ" card) and "Отправить заявку": shown only for an
 * application that matches; otherwise the parent is told which condition fails, per child.
 */
export function BulletinDetail({ id }: { id: string }) {
  const { t, tr } = useT();
  const signedIn = useSession((s) => s.status === 'signedIn');
  const preferred = useRoute().query.get('applicationId');
  const version = useLiveVersion('bulletin');
  const bulletin = useLoad(() => getBulletin(id), [id, version, signedIn]);
  const apps = useLoad(
    () => (signedIn ? bulletinEligibility(id) : Promise.resolve([])),
    [id, signedIn, version],
  );
  const [chosen, setChosen] = useState<string[]>(preferred ? [preferred] : []);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<FieldError | undefined>();
  const b = bulletin.data;
  if (!b) {
    return (
      <Page title={t('parent.bulletins.title')}>
        {bulletin.problem ? (
          <Notice tone="error">{tr(problemKey(bulletin.problem))}</Notice>
        ) : (
          <p>{t('common.loading')}</p>
        )}
      </Page>
    );
  }
  const results = apps.data ?? [];
  const eligible = results.filter((r) => r.ok);
  const blocked = results.filter((r) => !r.ok);
  const selected =
    eligible.find((r) => r.applicationId === chosen[0]) ?? (eligible.length === 1 ? eligible[0] : undefined);

  const respond = async () => {
    setConfirming(false);
    if (!selected) return;
    try {
      await respondToBulletin(b.id, selected.applicationId);
      navigate(`applications/${selected.applicationId}`);
    } catch (e) {
      setError(problemKey(isApiError(e) ? e.problem : { code: 'serverError', status: 0 }));
    }
  };

  return (
    <Page title={t('parent.bulletins.title')}>
      <p>
        <a href={href('bulletins')}>‹ {t('common.actions.back')}</a>
      </p>
      <ServerTime />
      <DefinitionList
        items={[
          [
            t('parent.bulletins.detail.kindergarten'),
            <a key="kg" href={href(`catalogue/${b.kindergartenId}`)}>
              {b.kindergartenName}
            </a>,
          ],
          [t('parent.bulletins.detail.type'), b.ownership ? t(`common.ownership.${b.ownership}`) : ''],
          [t('parent.bulletins.detail.groupType'), t(`common.groupTypes.${b.groupType}`)],
          [t('parent.bulletins.detail.address'), b.address],
          [t('parent.bulletins.detail.group'), b.groupName],
          [t('parent.bulletins.detail.totalPlaces'), b.totalPlaces],
          [t('parent.bulletins.detail.freePlaces'), b.freePlaces],
          [t('parent.bulletins.detail.language'), t(`common.languages.${b.language}`)],
          [t('parent.bulletins.detail.birthYears'), b.birthYears.join(', ')],
          [
            t('parent.bulletins.detail.ageGroup'),
            t(`common.ageGroups.${b.ageGroup}`, { defaultValue: b.ageGroup }),
          ],
          [
            t('parent.bulletins.detail.placeType'),
            t(`common.placeTypes.${b.placeType}`, { defaultValue: b.placeType }),
          ],
          [t('parent.bulletins.detail.author'), b.authorName],
          [t('parent.bulletins.detail.vacancyAt'), formatDateTime(b.vacancyAt)],
          [t('parent.bulletins.detail.publishedAt'), formatDate(b.publishedAt)],
          [
            t('parent.bulletins.detail.status'),
            b.status === 'published'
              ? b.access === 'priority' && b.priorityUntil
                ? `${t('common.bulletinAccess.priority')} · ${t('parent.bulletins.opensToAllAt', { at: formatDateTime(b.priorityUntil) })}`
                : t(`common.bulletinAccess.${b.access}`)
              : t(`common.bulletinStatuses.${b.status}`),
          ],
        ]}
      />
      <p>
        <a href={href(`referrals?kindergartenId=${b.kindergartenId}`)}>
          {t('parent.bulletins.allReferrals')}
        </a>
      </p>
      {!signedIn ? (
        <Notice>
          <a href={href('login')}>{t('parent.nav.login')}</a> — {t('parent.bulletins.loginToRespond')}
        </Notice>
      ) : apps.loading ? null : (
        <section aria-labelledby="respond-title">
          <h2 id="respond-title">{t('parent.bulletins.respond')}</h2>
          {eligible.length > 1 ? (
            <ChoiceGroup
              kind="radio"
              legend={t('parent.bulletins.respondChoose')}
              options={eligible.map((r) => ({ value: r.applicationId, label: r.childName }))}
              value={selected ? [selected.applicationId] : chosen}
              onChange={setChosen}
            />
          ) : null}
          {eligible.length > 0 ? (
            <button
              type="button"
              className="ui-button"
              disabled={!selected}
              onClick={() => setConfirming(true)}
            >
              {t('parent.bulletins.respond')}
            </button>
          ) : null}
          {blocked.length > 0 ? (
            <div className={eligible.length ? 'muted' : ''}>
              <p>{t('parent.bulletins.cannotRespond')}</p>
              <ul>
                {blocked.map((r) => (
                  <li key={r.applicationId}>
                    <strong>{r.childName}</strong>
                    <ul className="reasons">
                      {r.reasons.map((code) => (
                        <li key={code}>
                          {/* When the priority window closes, not just "later" (issue 14, item 13). */}
                          {code === 'access' && b.priorityUntil
                            ? t('parent.bulletins.accessUntil', { at: formatDateTime(b.priorityUntil) })
                            : tr({ key: `problem:${code}` })}
                        </li>
                      ))}
                    </ul>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {results.length === 0 ? (
            <Notice>
              {t('parent.bulletins.noApplications')}{' '}
              <a href={href('applications/new')}>{t('parent.applications.add')}</a>
            </Notice>
          ) : null}
          <FormError error={error} />
          <ConfirmDialog
            open={confirming}
            title={t('parent.bulletins.respond')}
            confirmLabel={t('parent.bulletins.respondConfirm')}
            tone="primary"
            cancelLabel={t('common.actions.cancel')}
            onCancel={() => setConfirming(false)}
            onConfirm={() => void respond()}
          >
            <p>
              {t('parent.bulletins.respondQuestion', {
                child: selected?.childName ?? '',
                kindergarten: b.kindergartenName,
                group: b.groupName,
              })}
            </p>
          </ConfirmDialog>
        </section>
      )}
    </Page>
  );
}
