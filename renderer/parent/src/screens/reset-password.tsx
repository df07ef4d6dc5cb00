import { useState } from 'react';
import { Notice } from '../../../ui';
import { resetPassword } from '../api';
import { useT } from '../i18n';
import { CodeStep, PasswordStep, PhoneStep } from '../otp-steps';
import { Page } from '../page';
import { href } from '../router';

/** Password reset by SMS: the registration's first three steps on an existing phone number. */
export function ResetPassword() {
  const { t } = useT();
  const [state, setState] = useState({ step: 1, phone: '', resendAt: 0, ticket: '' });
  return (
    <Page title={t('parent.reset.title')}>
      <p>{t('parent.reset.intro')}</p>
      {state.step === 1 ? (
        <PhoneStep
          purpose="reset"
          initialPhone={state.phone}
          onSent={(phone, resendAt) => setState({ ...state, step: 2, phone, resendAt })}
        />
      ) : state.step === 2 ? (
        <CodeStep
          purpose="reset"
          phone={state.phone}
          resendAt={state.resendAt}
          onResent={(resendAt) => setState({ ...state, resendAt })}
          onVerified={(ticket) => setState({ ...state, step: 3, ticket })}
          onChangePhone={() => setState({ ...state, step: 1 })}
        />
      ) : state.step === 3 ? (
        <PasswordStep
          onSave={async (password, confirm) => {
            await resetPassword(state.ticket, password, confirm);
            setState({ ...state, step: 4, ticket: '' });
          }}
        />
      ) : (
        // Every session of the account ended with the reset: log in again with the new password.
        <Notice tone="success">
          {t('parent.reset.done')} <a href={href('login')}>{t('parent.nav.login')}</a>
        </Notice>
      )}
    </Page>
  );
}
