import type { FormEvent } from 'react';
import { TextField } from '../../../ui';
import { login } from '../api';
import { FormError } from '../form-error';
import { useT } from '../i18n';
import { Page } from '../page';
import { looksLikeKzMobile } from '../phone';
import { href, navigate } from '../router';
import { useSession } from '../session';
import { useForm } from '../use-form';

/** "Вход": phone and password. A wrong pair is one message for both (no hint which one was wrong). */
export function Login() {
  const { t, tr } = useT();
  const form = useForm({ phone: '', password: '' }, 'password');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void form.submit(
      (v) => ({
        phone: looksLikeKzMobile(v.phone) ? undefined : { key: 'api.phoneInvalid' },
        password: v.password ? undefined : { key: 'parent.form.required' },
      }),
      async (v) => {
        await login(v.phone, v.password);
        await useSession.getState().refreshMe();
        navigate(useSession.getState().me?.needsIin ? 'register?step=4' : 'applications');
      },
    );
  };
  return (
    <Page title={t('parent.login.title')}>
      <form onSubmit={submit} noValidate>
        <TextField
          label={t('parent.login.phone')}
          type="tel"
          inputMode="tel"
          autoComplete="username"
          required
          placeholder="+7 7XX XXX XX XX"
          value={form.values.phone}
          onChange={(e) => form.set('phone', e.currentTarget.value)}
          error={tr(form.errors.phone)}
        />
        <TextField
          label={t('parent.login.password')}
          type="password"
          autoComplete="current-password"
          required
          value={form.values.password}
          onChange={(e) => form.set('password', e.currentTarget.value)}
          error={tr(form.errors.password)}
        />
        <FormError error={form.errors.form} />
        <button type="submit" className="ui-button" disabled={form.busy}>
          {t('parent.login.submit')}
        </button>
      </form>
      <p>
        <a href={href('reset')}>{t('parent.login.forgotPassword')}</a>
      </p>
      <p>
        {t('parent.login.noAccount')} <a href={href('register')}>{t('parent.nav.register')}</a>
      </p>
    </Page>
  );
}
