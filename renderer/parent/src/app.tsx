import { lazy, type ReactNode, Suspense, useEffect } from 'react';
import { Header } from './header';
import { useT } from './i18n';
import { useLiveConnection } from './live';
import { navigate, useRoute } from './router';
import { Home } from './screens/home';
import { useSession } from './session';

// Every screen but the home page is its own chunk, fetched when first opened (issue 7: first load
// under 100 KB gzip).
const Register = lazy(() => import('./screens/register').then((m) => ({ default: m.Register })));
const Login = lazy(() => import('./screens/login').then((m) => ({ default: m.Login })));
const ResetPassword = lazy(() =>
  import('./screens/reset-password').then((m) => ({ default: m.ResetPassword })),
);
const Policy = lazy(() => import('./screens/policy').then((m) => ({ default: m.Policy })));
const Contact = lazy(() => import('./screens/contact').then((m) => ({ default: m.Contact })));
const Bulletins = lazy(() => import('./screens/bulletins').then((m) => ({ default: m.Bulletins })));
const BulletinDetail = lazy(() =>
  import('./screens/bulletin-detail').then((m) => ({ default: m.BulletinDetail })),
);
const Kindergarten = lazy(() => import('./screens/kindergarten').then((m) => ({ default: m.Kindergarten })));
const Referrals = lazy(() => import('./screens/referrals').then((m) => ({ default: m.Referrals })));
const Catalogue = lazy(() => import('./screens/catalogue').then((m) => ({ default: m.Catalogue })));
const Profile = lazy(() => import('./screens/profile').then((m) => ({ default: m.Profile })));
const Children = lazy(() => import('./screens/children').then((m) => ({ default: m.Children })));
const Applications = lazy(() => import('./screens/applications').then((m) => ({ default: m.Applications })));
const ApplicationNew = lazy(() =>
  import('./screens/application-new').then((m) => ({ default: m.ApplicationNew })),
);
const ApplicationDetail = lazy(() =>
  import('./screens/application-detail').then((m) => ({ default: m.ApplicationDetail })),
);
const Verify = lazy(() => import('./screens/verify').then((m) => ({ default: m.Verify })));
const Notifications = lazy(() =>
  import('./screens/notifications').then((m) => ({ default: m.Notifications })),
);

/** Screens of the personal account: only for a logged-in parent who finished registration. */
function Cabinet({ children }: { children: ReactNode }) {
  const { status, me } = useSession();
  useEffect(() => {
    if (status === 'anonymous') navigate('login');
    else if (me?.needsIin) navigate('register?step=4');
  }, [status, me]);
  if (status !== 'signedIn' || !me || me.needsIin) return null;
  return <>{children}</>;
}

function Screen() {
  const { path } = useRoute();
  const [first, second] = path;
  switch (first) {
    case undefined:
      return <Home />;
    case 'register':
      return <Register />;
    case 'login':
      return <Login />;
    case 'reset':
      return <ResetPassword />;
    case 'policy':
      return <Policy />;
    case 'contact':
      return <Contact />;
    case 'bulletins':
      return second ? <BulletinDetail id={second} /> : <Bulletins />;
    case 'catalogue':
      return second ? <Kindergarten key={second} id={second} /> : <Catalogue />;
    case 'referrals':
      return <Referrals />;
    case 'verify':
      return <Verify key={second ?? ''} code={second} />;
    case 'profile':
      return (
        <Cabinet>
          <Profile />
        </Cabinet>
      );
    case 'children':
      return (
        <Cabinet>
          <Children />
        </Cabinet>
      );
    case 'applications':
      return (
        <Cabinet>
          {second === 'new' ? (
            <ApplicationNew />
          ) : second && second !== 'archive' ? (
            <ApplicationDetail id={second} />
          ) : (
            <Applications archive={second === 'archive'} />
          )}
        </Cabinet>
      );
    case 'notifications':
      return (
        <Cabinet>
          <Notifications journal={second === 'journal'} />
        </Cabinet>
      );
    default:
      return <Home />;
  }
}

export function App() {
  const { t } = useT();
  const signedIn = useSession((s) => s.status === 'signedIn');
  useLiveConnection(signedIn);
  return (
    <>
      <a className="skip-link" href="#main">
        {t('parent.a11y.skipToContent')}
      </a>
      <Header />
      <main id="main" className="main">
        <Suspense fallback={<p aria-busy="true">{t('common.loading')}</p>}>
          <Screen />
        </Suspense>
      </main>
      <footer className="footer">
        <a href="#/contact">{t('common.contactCentre.title')}</a>: {t('common.contactCentre.phone')}
      </footer>
    </>
  );
}
