import { Suspense, useState } from 'react';
import { api, type Filters } from './api';
import { regionTitle } from './catalogue-names';
import { href, useHashRoute } from './hash-route';
import { ApiError } from './http';
import { changeLanguage, LANGUAGES, type Language, useT } from './i18n';
import { useLiveUpdates } from './live';
import {
  AuditPage,
  CalendarPage,
  CataloguePage,
  DashboardPage,
  DecisionPage,
  FairnessPage,
  LoginPage,
  PriorityPage,
  StaffPage,
} from './pages';
import { useLoad } from './use-load';

const NAV = [
  ['dashboard', 'supervisor.nav.dashboard'],
  ['fairness', 'supervisor.nav.fairness'],
  ['audit', 'supervisor.nav.audit'],
  ['management', 'supervisor.nav.kindergartens'],
  ['staff', 'supervisor.nav.staff'],
  ['priorities', 'supervisor.nav.priorities'],
  ['calendar', 'supervisor.nav.calendar'],
] as const;

/** The district supervisor's pages (issue 8), behind a supervisor sign-in. */
export function App() {
  const { t, i18n, language, errorText } = useT();
  const route = useHashRoute();
  const [session, setSession] = useState(0);
  const me = useLoad(() => api.me(), [session]);
  const signedIn = me.data !== null && !me.error;
  const live = useLiveUpdates(signedIn);
  const kindergartens = useLoad(
    () => (signedIn ? api.kindergartens() : Promise.resolve({ kindergartens: [] })),
    [signedIn, live.version, session],
  );
  const [filters, setFilters] = useState<Filters>({});

  if (me.loading && !me.data) return <p className="sv-page">{t('common.loading')}</p>;
  if (!signedIn) {
    const refused = me.error instanceof ApiError && me.error.status === 403 ? errorText(me.error) : null;
    return (
      <div className="sv-app">
        <header className="sv-header">
          <strong className="sv-brand">{t('common.appName')}</strong>
          <span className="sv-muted">{t('common.tagline')}</span>
          <div className="sv-header__end">
            <LanguageSwitch language={language} onChange={(l) => changeLanguage(i18n, l)} />
          </div>
        </header>
        <LoginPage refused={refused} onSignedIn={() => setSession((n) => n + 1)} />
      </div>
    );
  }
  const info = me.data!;
  const page = route[0] ?? 'dashboard';
  const kgs = kindergartens.data?.kindergartens ?? [];
  const common = { localities: info.localities, kindergartens: kgs, live, filters, onFilters: setFilters };

  return (
    <div className="sv-app">
      <header className="sv-header">
        <strong className="sv-brand">{t('common.appName')}</strong>
        <span className="sv-muted">{regionTitle(t, info, language)}</span>
        <nav aria-label={t('supervisor.header.nav')}>
          <ul className="sv-nav">
            {NAV.map(([id, key]) => (
              <li key={id}>
                <a href={href(id)} aria-current={page === id ? 'page' : undefined}>
                  {t(key)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="sv-header__end">
          <LanguageSwitch language={language} onChange={(l) => changeLanguage(i18n, l)} />
          <button
            type="button"
            className="ui-button ui-button--secondary sv-small"
            onClick={() => api.logout().then(() => setSession((n) => n + 1))}
          >
            {t('common.actions.logout')}
          </button>
        </div>
      </header>
      <Suspense fallback={<p className="sv-page">{t('common.loading')}</p>}>
        {page === 'fairness' ? (
          <FairnessPage route={route} {...common} />
        ) : page === 'decision' && route[1] ? (
          <DecisionPage entityId={route[1]} live={live} />
        ) : page === 'audit' ? (
          <AuditPage live={live} />
        ) : page === 'management' ? (
          <CataloguePage
            route={route}
            localities={info.localities}
            live={live}
            onChanged={kindergartens.reload}
          />
        ) : page === 'staff' ? (
          <StaffPage kindergartens={kgs} live={live} />
        ) : page === 'priorities' ? (
          <PriorityPage localities={info.localities} live={live} />
        ) : page === 'calendar' ? (
          <CalendarPage now={info.serverTime} />
        ) : (
          <DashboardPage {...common} />
        )}
      </Suspense>
    </div>
  );
}

function LanguageSwitch({ language, onChange }: { language: string; onChange: (l: Language) => void }) {
  const { t } = useT();
  return (
    <fieldset className="sv-lang" aria-label={t('common.language')}>
      {LANGUAGES.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          aria-pressed={language === l}
          className={language === l ? 'sv-lang__on' : ''}
          onClick={() => onChange(l)}
        >
          {l.toUpperCase()}
        </button>
      ))}
    </fieldset>
  );
}
