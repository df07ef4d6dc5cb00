import { useState } from 'react';
import { Notice, TextField } from '../../../ui';
import { api } from '../api';
import { useT } from '../i18n';

/** Sign-in of a district supervisor (accounts are created by the CLI or the demo seed). */
export function LoginPage({ onSignedIn, refused }: { onSignedIn: () => void; refused?: string | null }) {
  const { t, errorText } = useT();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <main className="sv-login" aria-labelledby="login-title">
      <h1 id="login-title">{t('supervisor.login.title')}</h1>
      {refused ? <Notice tone="error">{refused}</Notice> : null}
      {error ? <Notice tone="error">{error}</Notice> : null}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setBusy(true);
          setError(null);
          api
            .login(login, password)
            .then(onSignedIn, (err: unknown) => setError(errorText(err)))
            .finally(() => setBusy(false));
        }}
      >
        <TextField
          label={t('supervisor.login.login')}
          name="login"
          autoComplete="username"
          required
          value={login}
          onChange={(e) => setLogin(e.target.value)}
        />
        <TextField
          label={t('supervisor.login.password')}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <button type="submit" className="ui-button" disabled={busy}>
          {t('common.actions.login')}
        </button>
      </form>
    </main>
  );
}
