import { useState } from 'react';
import { resetPassword } from '../api';
import { useT } from '../i18n';
import { CodeStep, PasswordStep, PhoneStep } from '../otp-steps';
import { Page } from '../page';
import { navigate } from '../router';
import { useSession } from '../session';

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
      ) : (
        <PasswordStep
          onSave={async (password, confirm) => {
            await resetPassword(state.ticket, password, confirm);
            await useSession.getState().refreshMe();
            navigate('applications');
          }}
        />
      )}
    </Page>
  );
}
