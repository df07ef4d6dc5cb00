import { type FormEvent, useState } from 'react';
import { DefinitionList, TextField } from '../../ui';
import { formatDate, useStaffT } from '../i18n';
import { useStaffContext } from '../runtime-context';
import { useWorkspace } from '../workspace';
import type { CheckAnswer } from '../workspace/referral-check';

/**
 * "Проверить направление" (issue 17): the code on a paper a parent brings is checked with the server
 * (any kindergarten's referral), or — without a connection — against this workstation's replica, which
 * holds this kindergarten's referrals only; the answer says which.
 */
export function ReferralCheckBox() {
  const { t, language } = useStaffT();
  const { runtime } = useStaffContext();
  const { state } = useWorkspace();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<CheckAnswer | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!runtime) return;
    setBusy(true);
    try {
      setAnswer(await runtime.checkReferral(code, language, state));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="referral-check-title" className="staff-referral-check">
      <h2 id="referral-check-title">{t('staff.referralCheck.title')}</h2>
      <form onSubmit={submit} noValidate className="staff-inline-form">
        <TextField
          label={t('staff.referralCheck.code')}
          autoComplete="off"
          spellCheck={false}
          maxLength={20}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          error={
            answer && !answer.found && answer.source === 'format' ? t('staff.referralCheck.codeFormat') : null
          }
          action={
            <button type="submit" className="ui-button" disabled={busy}>
              {t('staff.referralCheck.check')}
            </button>
          }
        />
      </form>
      <div aria-live="polite" data-testid="referral-check-answer">
        {answer ? <Answer answer={answer} /> : null}
      </div>
    </section>
  );
}

function Answer({ answer }: { answer: CheckAnswer }) {
  const { t } = useStaffT();
  if (!answer.found) {
    if (answer.source === 'format') return null;
    let text = t('staff.referralCheck.notFoundHere');
    if (answer.source === 'server') text = t('api.referralNotFound');
    else if (answer.source === 'unavailable')
      text = answer.status === 429 ? t('api.rateLimited') : t('api.serverError');
    return (
      <p className="staff-check staff-check--invalid" role="status">
        {text}
      </p>
    );
  }
  const { check } = answer;
  return (
    <div
      className={`staff-check staff-check--${check.validToday ? 'valid' : 'invalid'}`}
      data-status={check.status}
      data-source={answer.source}
    >
      <p className="staff-check__status">
        <strong>{t(`common.referralCheck.statuses.${check.status}`)}</strong>{' '}
        {check.validToday ? t('common.referralCheck.validToday') : t('common.referralCheck.notValidToday')}
      </p>
      <DefinitionList
        items={[
          [t('common.referralCheck.kindergarten'), check.kindergarten],
          [t('common.referralCheck.group'), check.group],
          [
            t('common.referralCheck.child'),
            check.birthYear
              ? t('common.referralCheck.childValue', { initials: check.childInitials, year: check.birthYear })
              : check.childInitials,
          ],
          [t('common.referralCheck.issuedOn'), formatDate(check.issuedOn)],
          [t('common.referralCheck.validUntil'), formatDate(check.validUntil)],
          ...(check.extendedUntil
            ? [[t('common.referralCheck.extendedUntil'), formatDate(check.extendedUntil)] as [string, string]]
            : []),
        ]}
      />
      <p className="staff-reason">
        {answer.source === 'server'
          ? t('staff.referralCheck.fromServer')
          : t('staff.referralCheck.fromReplica')}
      </p>
    </div>
  );
}
