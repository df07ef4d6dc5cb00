import { type FormEvent, type ReactNode, useState } from 'react';
import { Notice } from './notice';
import { TextField } from './text-field';

export interface CredentialsFormProps {
  /** Translated texts (this folder has no i18n of its own). */
  labels: { login: string; password: string; submit: string };
  /**
   * Signs in. Resolves to null when it worked (the caller moves on), or to the translated reason it
   * did not; a rejection is the caller's bug, not a wrong password, and is left to propagate.
   */
  onSubmit: (login: string, password: string) => Promise<string | null>;
  /** An error to show before the first attempt, e.g. why the previous session ended. */
  initialError?: string | null;
  className?: string;
  /** Above the error and the fields: a title, a notice. */
  children?: ReactNode;
  /** Below the submit button. */
  footer?: ReactNode;
}

/**
 * The login form of staff and supervisors: login, password, submit, the error of the last attempt,
 * and a busy state that keeps a second click from sending the password twice.
 */
export function CredentialsForm({
  labels,
  onSubmit,
  initialError = null,
  className,
  children,
  footer,
}: CredentialsFormProps) {
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(initialError);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setError(await onSubmit(login, password));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className={className} onSubmit={submit} aria-busy={busy}>
      {children}
      {error ? <Notice tone="error">{error}</Notice> : null}
      <TextField
        label={labels.login}
        name="login"
        autoComplete="username"
        required
        value={login}
        onChange={(e) => setLogin(e.target.value)}
      />
      <TextField
        label={labels.password}
        name="password"
        type="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      <button className="ui-button" type="submit" disabled={busy}>
        {labels.submit}
      </button>
      {footer}
    </form>
  );
}
