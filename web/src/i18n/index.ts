import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import da from './da.json';
import en from './en.json';

/** Danish is the default; English is the second language. Both files have the same keys (checked below by type). */
export const languages = ['da', 'en'] as const;
export type Language = (typeof languages)[number];

const storageKey = 'tovholder.language';
const english: typeof da = en;

export const resources = { da: { translation: da }, en: { translation: english } } as const;

function storedLanguage(): Language {
  try {
    const stored = window.localStorage.getItem(storageKey);
    return stored === 'en' ? 'en' : 'da';
  } catch {
    return 'da';
  }
}

/** Keeps `<html lang>` and the stored choice in step with the language shown. */
function applyLanguage(language: string): void {
  document.documentElement.lang = language;
  try {
    window.localStorage.setItem(storageKey, language);
  } catch {
    // Storage may be unavailable (private mode); the choice then lasts until reload.
  }
}

i18n.on('languageChanged', applyLanguage);

void i18n.use(initReactI18next).init({
  resources,
  lng: storedLanguage(),
  fallbackLng: 'da',
  supportedLngs: [...languages],
  interpolation: { escapeValue: false },
  returnNull: false,
});

applyLanguage(i18n.language);

export default i18n;
