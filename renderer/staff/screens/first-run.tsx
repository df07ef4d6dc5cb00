import { type FormEvent, useState } from 'react';
import { TextField } from '../../ui';
import { useStaffT } from '../i18n';
import { useStaffContext } from '../runtime-context';

/** The first start on a workstation: where the district's sync server is (issue 6). */
export function FirstRunScreen({ onSaved }: { onSaved: () => void }) {
  const { t } = useStaffT();
  const { host } = useStaffContext();
  const [url, setUrl] = useState('http://');
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const saved = await host.setServerUrl(url);
    if (!saved.ok) return setError(t('staff.firstRun.invalid'));
    // The desktop's CSP allows the new server from the next page load on.
    if (host.kind === 'electron') window.location.reload();
    else onSaved();
  };
  return (
    <main className="staff-centered">
      <form className="staff-card" onSubmit={submit}>
        <h1>{t('staff.firstRun.title')}</h1>
        <p>{t('staff.firstRun.hint')}</p>
        <TextField
          label={t('staff.firstRun.serverUrl')}
          type="url"
          required
          value={url}
          error={error}
          onChange={(e) => setUrl(e.target.value)}
        />
        <button className="ui-button" type="submit">
          {t('common.actions.save')}
        </button>
      </form>
    </main>
  );
}
