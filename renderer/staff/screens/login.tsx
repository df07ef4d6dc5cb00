import type { StaffSession } from '../state';
import { CredentialsForm, Notice } from '../../ui';
import { useStaffT } from '../i18n';
import { LanguageSwitch } from '../language-switch';
import { staffLogin } from '../session';

/** Login: online when the server answers, offline with the same password after a first online login. */
export function LoginScreen({
  serverUrl,
  error,
  onLoggedIn,
}: {
  serverUrl: string;
  error?: string;
  onLoggedIn: (session: StaffSession) => void;
}) {
  const { t } = useStaffT();
  const logIn = async (login: string, password: string): Promise<string | null> => {
    const outcome = await staffLogin(window.localStorage, serverUrl, login, password);
    if (!outcome.ok) return t([`staff.login.errors.${outcome.code}`, 'staff.login.errors.invalid']);
    onLoggedIn(outcome.session);
    return null;
  };
  return (
    <main className="staff-centered">
      <CredentialsForm
        className="staff-card"
        labels={{
          login: t('staff.login.username'),
          password: t('staff.login.password'),
          submit: t('staff.login.submit'),
        }}
        initialError={error}
        onSubmit={logIn}
        footer={<p className="ui-hint">{serverUrl}</p>}
      >
        <div className="staff-card__top">
          <h1>{t('staff.login.title')}</h1>
          <LanguageSwitch />
        </div>
        {navigator.onLine ? null : <Notice>{t('staff.login.offlineLogin')}</Notice>}
      </CredentialsForm>
    </main>
  );
}
