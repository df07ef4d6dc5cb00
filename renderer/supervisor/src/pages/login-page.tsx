import { CredentialsForm, Notice } from '../../../ui';
import { api } from '../api';
import { useT } from '../i18n';

/** Sign-in of a district supervisor (accounts are created by the CLI or the demo seed). */
export function LoginPage({ onSignedIn, refused }: { onSignedIn: () => void; refused?: string | null }) {
  const { t, errorText } = useT();
  const signIn = (login: string, password: string): Promise<string | null> =>
    api.login(login, password).then(
      () => {
        onSignedIn();
        return null;
      },
      (err: unknown) => errorText(err),
    );
  return (
    <main className="sv-login" aria-labelledby="login-title">
      <h1 id="login-title">{t('supervisor.login.title')}</h1>
      {refused ? <Notice tone="error">{refused}</Notice> : null}
      <CredentialsForm
        labels={{
          login: t('supervisor.login.login'),
          password: t('supervisor.login.password'),
          submit: t('common.actions.login'),
        }}
        onSubmit={signIn}
      />
    </main>
  );
}
