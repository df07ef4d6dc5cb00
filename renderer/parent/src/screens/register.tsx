import { useState } from 'react';
import { Steps, stepState } from '../../../ui';
import { confirmIin, createAccount, lookupPerson } from '../api';
import { useT } from '../i18n';
import { CodeStep, PasswordStep, PhoneStep } from '../otp-steps';
import { Page } from '../page';
import { PersonCheck } from '../person-check';
import { href, navigate, useRoute } from '../router';
import { useSession } from '../session';

/**
 * Registration in the seed's four steps: 1 phone + consent → 2 SMS code → 3 password → 4 parent IIN
 * (shown with name and birth date before it is sent). Progress is kept in sessionStorage, so a reload
 * or a trip to read the policy does not lose what was typed.
 */
interface Progress {
  step: 1 | 2 | 3 | 4;
  phone: string;
  resendAt: number;
  ticket: string;
}
const KEY = 'oryn.parent.registration';

function loadProgress(): Progress {
  try {
    const p = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Progress | null;
    if (p && [1, 2, 3].includes(p.step)) return p;
  } catch {
    // Nothing saved: start at step 1.
  }
  return { step: 1, phone: '', resendAt: 0, ticket: '' };
}

export function Register() {
  const { t } = useT();
  const route = useRoute();
  const me = useSession((s) => s.me);
  const setMe = useSession((s) => s.setMe);
  const [progress, setProgressState] = useState<Progress>(() =>
    route.query.get('step') === '4' || me?.needsIin ? { ...loadProgress(), step: 4 } : loadProgress(),
  );
  const setProgress = (p: Progress) => {
    setProgressState(p);
    if (p.step < 4) sessionStorage.setItem(KEY, JSON.stringify(p));
    else sessionStorage.removeItem(KEY);
  };
  const step = me?.needsIin ? 4 : progress.step;
  const state = (n: number) => stepState(n, step);
  const stepTitle = (n: number) =>
    n <= 2
      ? t('parent.registration.steps.sms')
      : n === 3
        ? t('parent.registration.steps.password')
        : t('parent.registration.steps.account');

  return (
    <Page title={t('parent.registration.title')}>
      <nav aria-label="breadcrumb" className="muted">
        <a href={href('')}>{t('parent.nav.home')}</a> › {t('parent.registration.title')}
      </nav>
      <Steps
        compact
        label={t('parent.registration.title')}
        steps={[1, 2, 3, 4].map((n) => ({
          title: stepTitle(n),
          id: String(n),
          state: state(n),
          stateLabel:
            n === step
              ? t('parent.applications.detail.current')
              : n < step
                ? t('parent.applications.detail.done')
                : undefined,
        }))}
      />
      <h2>{t('parent.registration.stepOf', { step, total: 4 })}</h2>
      {step === 1 ? (
        <PhoneStep
          purpose="register"
          initialPhone={progress.phone}
          onSent={(phone, resendAt) => setProgress({ ...progress, step: 2, phone, resendAt })}
        />
      ) : step === 2 ? (
        <CodeStep
          purpose="register"
          phone={progress.phone}
          resendAt={progress.resendAt}
          onResent={(resendAt) => setProgress({ ...progress, resendAt })}
          onVerified={(ticket) => setProgress({ ...progress, step: 3, ticket })}
          onChangePhone={() => setProgress({ ...progress, step: 1 })}
        />
      ) : step === 3 ? (
        <PasswordStep
          onSave={async (password, confirm) => {
            await createAccount(progress.ticket, password, confirm);
            setProgress({ ...progress, step: 4, ticket: '' });
            await useSession.getState().refreshMe();
          }}
        />
      ) : (
        <PersonCheck
          label={t('parent.registration.parentIin')}
          checkLabel={t('parent.children.checkIin')}
          saveLabel={t('common.actions.send')}
          check={lookupPerson}
          save={async (iin) => {
            setMe(await confirmIin(iin));
            navigate('profile?welcome=1');
          }}
        />
      )}
      {step === 1 ? (
        <p>
          {t('parent.login.haveAccount')} <a href={href('login')}>{t('parent.nav.login')}</a>
        </p>
      ) : null}
    </Page>
  );
}
