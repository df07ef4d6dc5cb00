import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import '../../ui/ui.css';
import './supervisor.css';
import { App } from './app';
import { initialLanguage, startI18n } from './i18n';

// The chosen language's texts are fetched first (i18n.ts), then the pages render in it.
startI18n(initialLanguage()).then((i18n) =>
  createRoot(document.getElementById('root')!).render(
    <I18nextProvider i18n={i18n}>
      <App />
    </I18nextProvider>,
  ),
);
