import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import '../ui/ui.css';
import './staff.css';
import { App } from './app';
import { detectHost } from './host';
import { staffI18n } from './i18n';

// The staff workspace (issue 6): in Electron behind the preload bridge, or in a browser at /staff/.
const host = detectHost();
document.documentElement.lang = staffI18n.language;
createRoot(document.getElementById('root')!).render(
  <I18nextProvider i18n={staffI18n}>
    <App host={host} />
  </I18nextProvider>,
);
