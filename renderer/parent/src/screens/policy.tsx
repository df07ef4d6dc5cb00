import { useT } from '../i18n';
import { Page } from '../page';

/** The user data policy the parent consents to at registration (the seed: read it before agreeing). */
export function Policy() {
  const { t } = useT();
  return (
    <Page title={t('parent.registration.consentLink')}>
      <p>{t('parent.policy.text')}</p>
    </Page>
  );
}
