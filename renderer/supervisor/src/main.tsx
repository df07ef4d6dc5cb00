import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import '../../ui/ui.css';
import './supervisor.css';
import { App } from './app';
import { initialLanguage, startI18n } from './i18n';

const i18n = startI18n(initialLanguage());
createRoot(document.getElementById('root')!).render(
  <I18nextProvider i18n={i18n}>
    <App />
  </I18nextProvider>,
);
