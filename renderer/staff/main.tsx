import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { z } from 'zod';
import '../ui/ui.css';
import './staff.css';
import { App } from './app';
import { detectHost } from './host';
import { staffI18n } from './i18n';

// The staff workspace (issue 6): in Electron behind the preload bridge, or in a browser at /staff/.
// No eval under the pages' Content-Security-Policy: zod validates without its JIT.
z.config({ jitless: true });
const host = detectHost();
document.documentElement.lang = staffI18n.language;
createRoot(document.getElementById('root')!).render(
  <I18nextProvider i18n={staffI18n}>
    <App host={host} />
  </I18nextProvider>,
);

// In a browser, a service worker keeps the app shell so the page also reloads offline; the desktop
// app serves itself from app:// (main/app-protocol.ts).
if (host.kind === 'browser' && 'serviceWorker' in navigator && window.location.protocol.startsWith('http')) {
  void navigator.serviceWorker.register('./service-worker.js').catch(() => undefined);
}
