import { type Language, LANGUAGES } from '../../src/i18n';
import { useUiStore } from './state';
import { saveLanguage, useStaffT } from './i18n';

/** kk / ru / en, kept on this workstation (docs/architecture.md: language switch in the staff app). */
export function LanguageSwitch() {
  const { t, i18n } = useStaffT();
  const setLanguage = useUiStore((s) => s.setLanguage);
  const choose = (language: Language) => {
    void i18n.changeLanguage(language);
    document.documentElement.lang = language;
    saveLanguage(window.localStorage, language);
    setLanguage(language);
  };
  return (
    <fieldset className="staff-languages" aria-label={t('common.language')}>
      {LANGUAGES.map((language) => (
        <button
          key={language}
          type="button"
          className={i18n.language === language ? 'staff-lang staff-lang--current' : 'staff-lang'}
          aria-pressed={i18n.language === language}
          lang={language}
          onClick={() => choose(language)}
        >
          {language.toUpperCase()}
        </button>
      ))}
    </fieldset>
  );
}
