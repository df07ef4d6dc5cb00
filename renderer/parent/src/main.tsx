import { createRoot } from 'react-dom/client';
import '../../ui/ui.css';
import './parent.css';
import { App } from './app';
import { startI18n } from './i18n';
import { usePreferences } from './preferences';
import { restoreSession } from './session';

// Start: the chosen language's texts and (when a session is remembered) the profile, in parallel.
const language = usePreferences.getState().language;
document.documentElement.lang = language;
restoreSession();
startI18n(language).then(() => {
  createRoot(document.getElementById('root')!).render(<App />);
});
