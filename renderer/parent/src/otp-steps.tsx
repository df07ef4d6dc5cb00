import { type FormEvent, useState } from 'react';
import { TextField } from '../../ui';
import { requestCode, verifyCode } from './api';
import { useT } from './i18n';
import { looksLikeKzMobile } from './phone';
import { useCountdown } from './use-countdown';
import { FormError } from './form-error';
import { useForm } from './use-form';

/** The seed: "Код подтверждения придет в течении 77 секунд"; a new code only after the timer. */
export const RESEND_SECONDS = 77;

/** Step 1 — phone (and, for registration, consent to the data policy), then "Запросить код". */
export function PhoneStep({
  purpose,
  initialPhone,
  onSent,
}: {
  purpose: 'register' | 'reset';
  initialPhone: string;
  onSent: (phone: string, resendAt: number) => void;
}) {
  const { t, tr } = useT();
  const form = useForm({ phone: initialPhone, consent: false }, 'phone');
  const [policyOpen, setPolicyOpen] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void form.submit(
      (v) => ({
        phone: looksLikeKzMobile(v.phone) ? undefined : { key: 'api.phoneInvalid' },
        consent: purpose === 'reset' || v.consent ? undefined : { key: 'api.consentRequired' },
      }),
      async (v) => {
        const sent = await requestCode(v.phone, purpose === 'reset' || v.consent, purpose);
        onSent(v.phone, Date.now() + (sent?.resendAfterSeconds ?? RESEND_SECONDS) * 1000);
      },
    );
  };
  return (
    <form onSubmit={submit} noValidate>
      <TextField
        label={t('parent.registration.phone')}
        type="tel"
        autoComplete="tel"
        inputMode="tel"
        required
        placeholder="+7 7XX XXX XX XX"
        value={form.values.phone}
        onChange={(e) => form.set('phone', e.currentTarget.value)}
        error={tr(form.errors.phone)}
      />
      {purpose === 'register' ? (
        <div className={form.errors.consent ? 'ui-field consent ui-field--invalid' : 'ui-field consent'}>
          <label className="ui-choice">
            <input
              type="checkbox"
              checked={form.values.consent}
              aria-invalid={form.errors.consent ? true : undefined}
              aria-describedby={form.errors.consent ? 'consent-error' : undefined}
              onChange={(e) => form.set('consent', e.currentTarget.checked)}
            />
            <span>{t('parent.registration.consent')}</span>
          </label>
          <button
            type="button"
            className="link-button"
            aria-expanded={policyOpen}
            aria-controls="policy-text"
            onClick={() => setPolicyOpen((o) => !o)}
          >
            {t('parent.registration.consentLink')}
          </button>
          {policyOpen ? (
            <div id="policy-text" className="ui-notice">
              <p>{t('parent.policy.text')}</p>
            </div>
          ) : null}
          {form.errors.consent ? (
            <p id="consent-error" className="ui-error" role="alert">
              {tr(form.errors.consent)}
            </p>
          ) : null}
        </div>
      ) : null}
      <FormError error={form.errors.form} />
      <button type="submit" className="ui-button" disabled={form.busy}>
        {t('parent.registration.requestCode')}
      </button>
    </form>
  );
}

/** Step 2 — the SMS code, the 77-second countdown and "send again" when it runs out. */
export function CodeStep({
  purpose,
  phone,
  resendAt,
  onResent,
  onVerified,
  onChangePhone,
}: {
  purpose: 'register' | 'reset';
  phone: string;
  resendAt: number;
  onResent: (resendAt: number) => void;
  onVerified: (ticket: string) => void;
  onChangePhone: () => void;
}) {
  const { t, tr } = useT();
  const seconds = useCountdown(resendAt);
  const form = useForm({ code: '' }, 'code');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void form.submit(
      (v) => ({
        code: /^\d{6}$/.test(v.code.trim()) ? undefined : { key: 'parent.registration.codeFormat' },
      }),
      async (v) => onVerified((await verifyCode(phone, v.code.trim(), purpose)).ticket),
    );
  };
  const resend = () =>
    void form.submit(
      () => ({}),
      async () => {
        const sent = await requestCode(phone, true, purpose);
        onResent(Date.now() + (sent?.resendAfterSeconds ?? RESEND_SECONDS) * 1000);
      },
    );
  return (
    <form onSubmit={submit} noValidate>
      <p aria-live="polite" className="countdown">
        {seconds > 0
          ? t('parent.registration.codeTimer', { seconds })
          : t('parent.registration.codeNotReceived')}
      </p>
      <p className="muted">{t(`parent.registration.smsInsteadOfCode.${purpose}`)}</p>
      <TextField
        label={t('parent.registration.smsCode')}
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={6}
        required
        value={form.values.code}
        onChange={(e) => form.set('code', e.currentTarget.value)}
        error={tr(form.errors.code)}
      />
      <FormError error={form.errors.form} />
      <div className="ui-actions">
        <button type="submit" className="ui-button" disabled={form.busy}>
          {t('common.actions.send')}
        </button>
        <button
          type="button"
          className="ui-button ui-button--secondary"
          disabled={seconds > 0 || form.busy}
          onClick={resend}
        >
          {t('parent.registration.resendCode')}
        </button>
        <button type="button" className="link-button" onClick={onChangePhone}>
          {t('parent.registration.changePhone')}
        </button>
      </div>
    </form>
  );
}

/** Step 3 — a password of 8–40 characters, typed twice (the seed: "Пароль должен состоять из 8-40 символов"). */
export function PasswordStep({ onSave }: { onSave: (password: string, confirm: string) => Promise<void> }) {
  const { t, tr } = useT();
  const form = useForm({ password: '', passwordConfirmation: '' });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void form.submit(
      (v) => ({
        password: v.password.length < 8 || v.password.length > 40 ? { key: 'api.passwordLength' } : undefined,
        passwordConfirmation:
          v.passwordConfirmation !== v.password ? { key: 'api.passwordMismatch' } : undefined,
      }),
      (v) => onSave(v.password, v.passwordConfirmation),
    );
  };
  return (
    <form onSubmit={submit} noValidate>
      <p>{t('parent.registration.passwordIntro')}</p>
      <TextField
        label={t('parent.registration.password')}
        type="password"
        autoComplete="new-password"
        required
        maxLength={40}
        hint={t('parent.registration.passwordHint')}
        value={form.values.password}
        onChange={(e) => form.set('password', e.currentTarget.value)}
        error={tr(form.errors.password)}
      />
      <TextField
        label={t('parent.registration.passwordConfirm')}
        type="password"
        autoComplete="new-password"
        required
        maxLength={40}
        hint={t('parent.registration.passwordHint')}
        value={form.values.passwordConfirmation}
        onChange={(e) => form.set('passwordConfirmation', e.currentTarget.value)}
        error={tr(form.errors.passwordConfirmation)}
      />
      <FormError error={form.errors.form} />
      <button type="submit" className="ui-button" disabled={form.busy}>
        {t('common.actions.save')}
      </button>
    </form>
  );
}
