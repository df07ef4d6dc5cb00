import { useState } from 'react';
import { Notice } from '../../ui';
import { downloadReferral, type ReferralView } from './api';
import { saveResponse } from './download';
import { ExtensionForm } from './extension-form';
import { formatDate, useT } from './i18n';
import { isApiError } from './problem';
import { type FieldError, problemKey } from './use-form';

/**
 * Step 3 of an application: the referral to download, its validity in working days left, and the
 * extension — offered only on the last valid day and only once (docs/domain.md, Referrals; the seed's
 * "Скачать направление", "Продлить направление").
 */
export function ReferralPanel({ referral, onChanged }: { referral: ReferralView; onChanged: () => void }) {
  const { t, tr, language } = useT();
  const [extending, setExtending] = useState(false);
  const [error, setError] = useState<FieldError | null>(null);
  const [extended, setExtended] = useState(false);
  const lastDay = referral.extendedUntil ?? referral.validUntil;

  const download = async () => {
    setError(null);
    try {
      await saveResponse(
        await downloadReferral(referral.id, language),
        `referral-${referral.verificationCode}.pdf`,
      );
    } catch (e) {
      setError(problemKey(isApiError(e) ? e.problem : { code: 'serverError', status: 0 }));
    }
  };

  return (
    <div>
      {referral.status === 'active' ? (
        <>
          <p>{t('parent.applications.detail.referralText')}</p>
          <p>
            <strong>
              {referral.extendedUntil
                ? t('parent.referral.extendedUntil', { date: referral.extendedUntil })
                : t('parent.referral.validUntil', { date: referral.validUntil })}
            </strong>
            {referral.workingDaysLeft !== undefined ? (
              <> · {t('parent.referral.daysLeft', { days: referral.workingDaysLeft })}</>
            ) : null}
          </p>
          <p className="muted">{t('parent.referral.instruction')}</p>
        </>
      ) : (
        <p>
          {/* The date of what happened: the contract's signing for a used referral, not the referral's
              last valid day (issue 14, item 1: «Договор подписан · 11.12.2026», a future date). */}
          {t(`common.referralStatuses.${referral.status}`)} · {formatDate(closedOn(referral) ?? lastDay)}
          {referral.status === 'enrolled' && referral.contractNumber
            ? ` · ${t('parent.referral.contractNumber', { number: referral.contractNumber })}`
            : null}
        </p>
      )}
      <div className="ui-actions">
        <button type="button" className="ui-button" onClick={() => void download()}>
          {t('parent.referral.download')}
        </button>
        {referral.status === 'active' && referral.canExtend && !extending ? (
          <button type="button" className="ui-button ui-button--secondary" onClick={() => setExtending(true)}>
            {t('parent.referral.extend')}
          </button>
        ) : null}
      </div>
      {referral.status === 'active' && !referral.canExtend && !referral.extendedUntil ? (
        <p className="muted">{t('parent.referral.extendOnLastDay', { date: referral.validUntil })}</p>
      ) : null}
      {error ? <Notice tone="error">{tr(error)}</Notice> : null}
      {extended ? <Notice tone="success">{t('parent.referral.extendedNotice')}</Notice> : null}
      {extending ? (
        <ExtensionForm
          referral={referral}
          onDone={() => {
            setExtending(false);
            setExtended(true);
            onChanged();
          }}
        />
      ) : null}
    </div>
  );
}

/** When a referral that is no longer active ended: signed (contract date), annulled or expired (closedAt). */
function closedOn(r: ReferralView): string | undefined {
  if (r.status === 'enrolled') return r.contractDate ?? r.signedAt;
  return r.closedAt;
}
