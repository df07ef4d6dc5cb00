import { type StaffScreen, useReplicaStore, useSessionStore, useUiStore } from './state';
import { useStaffT } from './i18n';
import { LanguageSwitch } from './language-switch';
import { BulletinsScreen } from './screens/bulletins';
import { EnrolledScreen } from './screens/enrolled';
import { GroupsScreen } from './screens/groups';
import { NotificationsScreen } from './screens/notifications';
import { OperationsLogScreen } from './screens/operations-log';
import { ReferralsScreen } from './screens/referrals';
import { RespondersScreen } from './screens/responders';
import { SettingsScreen } from './screens/settings';
import { SyncBar } from './sync-bar';
import { Toasts } from './toasts';

const NAV: Array<{ screen: StaffScreen; label: string }> = [
  { screen: 'bulletins', label: 'staff.nav.bulletins' },
  { screen: 'groups', label: 'staff.nav.groups' },
  { screen: 'referrals', label: 'staff.nav.referrals' },
  { screen: 'enrolled', label: 'staff.nav.enrolled' },
  { screen: 'notifications', label: 'staff.nav.notifications' },
  { screen: 'actions', label: 'staff.nav.actions' },
  { screen: 'settings', label: 'staff.nav.settings' },
];

/** The logged-in workspace: header, navigation, the sync bar (always visible) and the current screen. */
export function WorkspaceShell({ onLogout }: { onLogout: () => void }) {
  const { t, language } = useStaffT();
  const session = useSessionStore((s) => s.session);
  const screen = useUiStore((s) => s.screen);
  const bulletinId = useUiStore((s) => s.bulletinId);
  const show = useUiStore((s) => s.show);
  const kindergarten = useReplicaStore((s) =>
    session ? s.kindergartens[session.kindergartenId] : undefined,
  );
  const kgName = kindergarten ? (language === 'kk' ? kindergarten.nameKk : kindergarten.nameRu) : '';
  return (
    <div className="staff-shell">
      <header className="staff-header">
        <div className="staff-brand">
          <strong>{t('common.appName')}</strong>
          <span>{kgName}</span>
        </div>
        <div className="staff-header__right">
          <span className="staff-user">{session?.name}</span>
          <LanguageSwitch />
          <button type="button" className="ui-button ui-button--secondary" onClick={onLogout}>
            {t('common.actions.logout')}
          </button>
        </div>
      </header>
      <SyncBar />
      <div className="staff-body">
        <nav className="staff-nav" aria-label={t('staff.nav.label')}>
          {NAV.map((item) => (
            <button
              key={item.screen}
              type="button"
              className={
                screen === item.screen ? 'staff-nav__item staff-nav__item--current' : 'staff-nav__item'
              }
              aria-current={screen === item.screen ? 'page' : undefined}
              onClick={() => show(item.screen)}
            >
              {t(item.label)}
            </button>
          ))}
        </nav>
        {/* It scrolls on its own (the sync bar stays in view): focusable, so the keyboard can scroll it. */}
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus (WCAG 2.1.1) */}
        <main className="staff-main" tabIndex={0}>
          {screen === 'bulletins' && !bulletinId ? <BulletinsScreen /> : null}
          {screen === 'bulletins' && bulletinId ? <RespondersScreen bulletinId={bulletinId} /> : null}
          {screen === 'groups' ? <GroupsScreen /> : null}
          {screen === 'referrals' ? <ReferralsScreen /> : null}
          {screen === 'enrolled' ? <EnrolledScreen /> : null}
          {screen === 'notifications' ? <NotificationsScreen /> : null}
          {screen === 'actions' ? <OperationsLogScreen /> : null}
          {screen === 'settings' ? <SettingsScreen /> : null}
        </main>
      </div>
      <Toasts />
    </div>
  );
}
