import { useCallback, useEffect, useState } from 'react';
import { type StaffSession, useSessionStore, useUiStore } from './state';
import type { OrynHost } from './host';
import { useStaffT } from './i18n';
import { StaffContextValue } from './runtime-context';
import { FirstRunScreen } from './screens/first-run';
import { LoginScreen } from './screens/login';
import { loadSession, logoutOnline, saveSession } from './session';
import { WorkspaceShell } from './workspace-shell';
import { browserPorts, StaffRuntime } from './workspace';

type Phase =
  | { name: 'boot' }
  | { name: 'firstRun' }
  | { name: 'login'; serverUrl: string; error?: string }
  | { name: 'opening' }
  | { name: 'workspace'; runtime: StaffRuntime };

/** First run (server URL) → login (online, or offline after a first online login) → the workspace. */
export function App({ host }: { host: OrynHost }) {
  const { t } = useStaffT();
  const [phase, setPhase] = useState<Phase>({ name: 'boot' });
  const setSession = useSessionStore((s) => s.setSession);

  const open = useCallback(
    async (session: StaffSession) => {
      setPhase({ name: 'opening' });
      setSession(session);
      saveSession(window.sessionStorage, session);
      const started = await StaffRuntime.start(host, browserPorts(window));
      if (started.ok) {
        setPhase({ name: 'workspace', runtime: started.runtime });
        return;
      }
      setSession(null);
      saveSession(window.sessionStorage, null);
      setPhase({
        name: 'login',
        serverUrl: session.serverUrl,
        error: t(`staff.hostErrors.${started.error.code}`),
      });
    },
    [host, setSession, t],
  );

  useEffect(() => {
    if (phase.name !== 'boot') return;
    void (async () => {
      const serverUrl = await host.getServerUrl();
      if (!serverUrl) return setPhase({ name: 'firstRun' });
      const saved = loadSession(window.sessionStorage);
      if (saved && saved.serverUrl === serverUrl) return open(saved);
      setPhase({ name: 'login', serverUrl });
    })();
  }, [phase.name, host, open]);

  const logout = useCallback(async () => {
    if (phase.name !== 'workspace') return;
    const session = useSessionStore.getState().session;
    await phase.runtime.stop();
    if (session?.token) await logoutOnline(session.serverUrl, session.token);
    setSession(null);
    saveSession(window.sessionStorage, null);
    useUiStore.getState().show('bulletins');
    setPhase({ name: 'boot' });
  }, [phase, setSession]);

  const runtime = phase.name === 'workspace' ? phase.runtime : null;
  return (
    <StaffContextValue.Provider value={{ host, runtime }}>
      {phase.name === 'firstRun' ? <FirstRunScreen onSaved={() => setPhase({ name: 'boot' })} /> : null}
      {phase.name === 'login' ? (
        <LoginScreen serverUrl={phase.serverUrl} error={phase.error} onLoggedIn={open} />
      ) : null}
      {phase.name === 'boot' || phase.name === 'opening' ? (
        <p className="staff-loading" role="status">
          {t('common.loading')}
        </p>
      ) : null}
      {runtime ? <WorkspaceShell onLogout={logout} /> : null}
    </StaffContextValue.Provider>
  );
}
