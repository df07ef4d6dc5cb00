import { useEffect, useState } from 'react';
import { logout, unreadCount } from './api';
import { changeLanguage, useT } from './i18n';
import { useLiveVersion } from './live';
import { LANGUAGES, type Language, usePreferences } from './preferences';
import { AreaSelect } from './area-select';
import { currentPosition, nearestRegion } from './region-locator';
import { useRegions } from './regions';
import { href, navigate } from './router';
import { useSession } from './session';

const LANGUAGE_LABEL: Record<Language, string> = { kk: 'Қаз', ru: 'Рус', en: 'Eng' };

/** The unread count beside "Уведомления" (the seed: "Уведомления 0"), kept live. */
function useUnread(active: boolean): number {
  const version = useLiveVersion('notification');
  const [count, setCount] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reload on live notification events
  useEffect(() => {
    if (!active) return;
    unreadCount().then(setCount, () => undefined);
  }, [active, version]);
  return count;
}

export function Header() {
  const { t } = useT();
  const { language, setLanguage, regionId, localityId, setArea } = usePreferences();
  const { status, me } = useSession();
  const regions = useRegions();
  const signedIn = status === 'signedIn' && !!me && !me.needsIin;
  const unread = useUnread(signedIn);
  const [menuOpen, setMenuOpen] = useState(false);
  const [locateFailed, setLocateFailed] = useState(false);

  const locate = async () => {
    const position = await currentPosition();
    const region = position ? nearestRegion(regions, position) : null;
    setLocateFailed(!region);
    if (region) setArea({ regionId: region.id, localityId: null });
  };

  const switchLanguage = async (l: Language) => {
    await changeLanguage(l);
    setLanguage(l);
  };

  return (
    <header className="header">
      <div className="header__bar">
        <a className="brand" href={href('')}>
          {t('common.appName')}
        </a>
        <div className="header__switches">
          <label className="ui-visually-hidden" htmlFor="region-switch">
            {t('parent.nav.changeLocation')}
          </label>
          <AreaSelect
            id="region-switch"
            className="region-switch"
            regions={regions}
            value={{ regionId, localityId }}
            onChange={setArea}
            allLabel={t('parent.nav.allRegions')}
          />
          <button
            type="button"
            className="locate"
            aria-label={t('parent.nav.locate')}
            title={t('parent.nav.locate')}
            onClick={() => void locate()}
          >
            <svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
              <path
                fill="currentColor"
                d="M12 2a7 7 0 0 0-7 7c0 5 7 13 7 13s7-8 7-13a7 7 0 0 0-7-7zm0 9.5A2.5 2.5 0 1 1 12 6.5a2.5 2.5 0 0 1 0 5z"
              />
            </svg>
          </button>
          {/* biome-ignore lint/a11y/useSemanticElements: a group of toggle buttons, not a form fieldset */}
          <div className="language-switch" role="group" aria-label={t('common.language')}>
            {LANGUAGES.map((l) => (
              <button
                key={l}
                type="button"
                lang={l}
                aria-pressed={language === l}
                onClick={() => void switchLanguage(l)}
              >
                {LANGUAGE_LABEL[l]}
              </button>
            ))}
          </div>
        </div>
        <button
          type="button"
          className="menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="main-nav"
          onClick={() => setMenuOpen((o) => !o)}
        >
          {t('parent.nav.menu')}
          {signedIn && unread > 0 ? <span className="badge">{unread}</span> : null}
        </button>
      </div>
      {locateFailed ? (
        <p className="header__message" role="status">
          {t('parent.nav.locateFailed')}
        </p>
      ) : null}
      <nav id="main-nav" className={menuOpen ? 'nav nav--open' : 'nav'} aria-label={t('parent.nav.menu')}>
        {/* biome-ignore lint/a11y/useKeyWithClickEvents: closes the menu after a link is followed */}
        <ul onClick={() => setMenuOpen(false)}>
          <li>
            <a href={href('bulletins')}>{t('parent.nav.bulletins')}</a>
          </li>
          <li>
            <a href={href('catalogue')}>{t('parent.nav.catalogue')}</a>
          </li>
          {signedIn ? (
            <>
              <li>
                <a href={href('profile')}>{t('parent.nav.profile')}</a>
              </li>
              <li>
                <a href={href('children')}>{t('parent.nav.children')}</a>
              </li>
              <li>
                <a href={href('applications')}>{t('parent.nav.applications')}</a>
              </li>
              <li>
                <a href={href('notifications')}>
                  {t('parent.nav.notifications')}{' '}
                  <span className="badge" aria-hidden="true">
                    {unread}
                  </span>
                  <span className="ui-visually-hidden">
                    {t('parent.notifications.unread', { count: unread })}
                  </span>
                </a>
              </li>
              <li>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => void logout().finally(() => navigate(''))}
                >
                  {t('common.actions.logout')}
                </button>
              </li>
            </>
          ) : (
            <>
              <li>
                <a href={href('login')}>{t('parent.nav.login')}</a>
              </li>
              <li>
                <a href={href('register')}>{t('parent.nav.register')}</a>
              </li>
            </>
          )}
        </ul>
      </nav>
    </header>
  );
}
