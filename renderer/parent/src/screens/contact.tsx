import { useT } from '../i18n';
import { Page } from '../page';

/** The seed's last page: "Контакт-центр: 8 (727) 339-72-22, 8 (747) 339-72-22 (WhatsApp)". */
export function Contact() {
  const { t } = useT();
  return (
    <Page title={t('common.contactCentre.title')}>
      <ul className="plain-list">
        <li>
          <a href="tel:+77273397222">{t('common.contactCentre.phone')}</a>
        </li>
        <li>
          <a href="https://wa.me/77473397222">{t('common.contactCentre.whatsapp')}</a>
        </li>
      </ul>
      <p>{t('parent.contact.hours')}</p>
    </Page>
  );
}
