/**
 * The UI's words, in English and Korean. Kubernetes terms (Pod, Node, kube-apiserver, etcd, Ready, …)
 * stay in English in both, as Korean Kubernetes documentation writes them.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import ko from './ko.json';

export const LANGUAGES = [
  { code: 'en', label: 'English', short: 'EN' },
  { code: 'ko', label: '한국어', short: '한국어' },
] as const;

export type Language = (typeof LANGUAGES)[number]['code'];

const STORAGE_KEY = 'kubesim.lang';

export const resources = { en: { translation: en }, ko: { translation: ko } } as const;

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}

function isLanguage(v: unknown): v is Language {
  return LANGUAGES.some((l) => l.code === v);
}

function initialLanguage(): Language {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (isLanguage(saved)) return saved;
  } catch {
    // storage unavailable (private mode): fall back to the browser's language
  }
  return navigator.language.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}

function applyToDocument(lng: string): void {
  document.documentElement.lang = lng;
  document.title = i18next.t('app.title');
}

export function initI18n(): typeof i18next {
  void i18next.use(initReactI18next).init({
    resources,
    lng: initialLanguage(),
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  applyToDocument(i18next.language);
  i18next.on('languageChanged', (lng) => {
    applyToDocument(lng);
    try {
      localStorage.setItem(STORAGE_KEY, lng);
    } catch {
      // not persisted; the choice still holds for this page
    }
  });
  return i18next;
}
