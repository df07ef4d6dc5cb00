import { type FormEvent, useState } from 'react';
import type { StaffSession } from '../../state';
import { Notice, TextField } from '../../ui';
import { useStaffT } from '../i18n';
import { staffLogin } from '../session';
import { LanguageSwitch } from '../language-switch';

/** Login: online when the server answers, offline with the same password after a first online login. */
export function LoginScreen({
  serverUrl,
  error: initialError,
  onLoggedIn,
}: {
  serverUrl: string;
  error?: string;
  onLoggedIn: (session: StaffSession) => void;
}) {
  const { t } = useStaffT();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(initialError ?? null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const outcome = await staffLogin(window.localStorage, serverUrl, login, password);
    setBusy(false);
    if (outcome.ok) onLoggedIn(outcome.session);
    else setError(t([`staff.login.errors.${outcome.code}`, 'staff.login.errors.invalid']));
  };
  return (
    <main className="staff-centered">
      <form className="staff-card" onSubmit={submit} aria-busy={busy}>
        <div className="staff-card__top">
          <h1>{t('staff.login.title')}</h1>
          <LanguageSwitch />
        </div>
        {navigator.onLine ? null : <Notice>{t('staff.login.offlineLogin')}</Notice>}
        {error ? <Notice tone="error">{error}</Notice> : null}
        <TextField
          label={t('staff.login.username')}
          name="login"
          autoComplete="username"
          required
          value={login}
          onChange={(e) => setLogin(e.target.value)}
        />
        <TextField
          label={t('staff.login.password')}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <button className="ui-button" type="submit" disabled={busy}>
          {t('staff.login.submit')}
        </button>
        <p className="ui-hint">{serverUrl}</p>
      </form>
    </main>
  );
}
