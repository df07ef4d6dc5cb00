import { type FormEvent, useEffect, useState } from 'react';
import type { ReferralCheck } from '../../../../src/domain/referral-check';
import { normalizeVerificationCode } from '../../../../src/domain/verification-code';
import { DefinitionList, TextField } from '../../../ui';
import { verifyReferral } from '../api';
import { formatDate, useT } from '../i18n';
import { Page } from '../page';
import { isApiError } from '../problem';
import { href } from '../router';
import { type FieldError, problemKey } from '../use-form';

/**
 * "Проверка направления" (issue 17): anyone — a kindergarten receiving a printed referral, a parent —
 * types the code printed on it, or arrives from its QR code at `#/verify/<code>`, and sees whether the
 * referral is genuine and valid today, where it is for, and its dates. No login.
 */
export function Verify({ code }: { code?: string }) {
  const { t, tr } = useT();
  const [text, setText] = useState(code ?? '');
  const [error, setError] = useState<FieldError | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ReferralCheck | null>(null);

  const check = async (value: string) => {
    setResult(null);
    const asked = normalizeVerificationCode(value);
    if (!asked) {
      setError({ key: 'parent.verify.codeFormat' });
      return;
    }
    setError(null);
    setBusy(true);
    try {
      setResult(await verifyReferral(asked));
      setText(asked);
      // The address shows what was checked, so it can be shared or bookmarked.
      if (window.location.hash !== href(`verify/${asked}`))
        window.history.replaceState(null, '', href(`verify/${asked}`));
    } catch (err) {
      setError(problemKey(isApiError(err) ? err.problem : { code: 'serverError', status: 0 }));
    } finally {
      setBusy(false);
    }
  };

  // Opened from the QR code: check at once.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when the code in the address changes
  useEffect(() => {
    if (code) void check(code);
  }, [code]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void check(text);
  };

  return (
    <Page title={t('parent.verify.title')}>
      <p>{t('parent.verify.intro')}</p>
      <form onSubmit={submit} noValidate className="inline-form">
        <TextField
          label={t('parent.verify.code')}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={20}
          placeholder="XXXX-XXXX-XXXX"
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          error={tr(error)}
          action={
            <button type="submit" className="ui-button" disabled={busy}>
              {t('parent.verify.check')}
            </button>
          }
        />
      </form>
      <div aria-live="polite">
        {busy ? <p aria-busy="true">{t('common.loading')}</p> : null}
        {result ? <CheckResult result={result} /> : null}
      </div>
    </Page>
  );
}

function CheckResult({ result }: { result: ReferralCheck }) {
  const { t } = useT();
  return (
    <section
      className={`verify-result verify-result--${result.validToday ? 'valid' : 'invalid'}`}
      data-status={result.status}
      data-testid="verify-result"
      aria-labelledby="verify-status"
    >
      <h2 id="verify-status" className="verify-result__status">
        {t(`common.referralCheck.statuses.${result.status}`)}
      </h2>
      <p>
        {result.validToday ? t('common.referralCheck.validToday') : t('common.referralCheck.notValidToday')}
      </p>
      <DefinitionList
        items={[
          [t('common.referralCheck.kindergarten'), result.kindergarten],
          [t('common.referralCheck.group'), result.group],
          [
            t('common.referralCheck.child'),
            result.birthYear
              ? t('common.referralCheck.childValue', {
                  initials: result.childInitials,
                  year: result.birthYear,
                })
              : result.childInitials,
          ],
          [t('common.referralCheck.issuedOn'), formatDate(result.issuedOn)],
          [t('common.referralCheck.validUntil'), formatDate(result.validUntil)],
          ...(result.extendedUntil
            ? [
                [t('common.referralCheck.extendedUntil'), formatDate(result.extendedUntil)] as [
                  string,
                  string,
                ],
              ]
            : []),
        ]}
      />
    </section>
  );
}
