import { createI18n } from 'vue-i18n';
import { toErrorData } from '../ipc/errors';
import { en, type MessageSchema } from './en';
import { wordError } from './error-wording';
import { zhCN } from './zh-CN';

export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

const STORAGE_KEY = 'latentshop.locale';

/** Maps a BCP 47 tag (navigator.language) to a locale we ship; any Chinese goes to zh-CN. */
export function matchLocale(tag: string | undefined): Locale {
  return tag?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

function initialLocale(): Locale {
  const saved = localStorage.getItem(STORAGE_KEY);
  if ((LOCALES as readonly string[]).includes(saved ?? '')) return saved as Locale;
  return matchLocale(navigator.language);
}

export const i18n = createI18n<[MessageSchema], Locale, false>({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'en',
  messages: { en, 'zh-CN': zhCN },
});

/** Switches language and remembers the choice; without a saved choice we follow the system. */
export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  localStorage.setItem(STORAGE_KEY, locale);
  document.documentElement.lang = locale;
}

/** Anything a request or job failed with, as a photographer reads it in the chosen language. */
export function errorText(error: unknown): string {
  return wordError(toErrorData(error), i18n.global.locale.value);
}

/** The error of one file among several: named first, unless the wording names it already. */
export function errorAbout(name: string, error: unknown): string {
  const text = errorText(error);
  return text.includes(name) ? text : i18n.global.t('common.aboutFile', { name, message: text });
}
