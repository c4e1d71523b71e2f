/**
 * Every string of the web app in zh-CN and English. Each area registers its own namespace
 * (common, login, agent, supervisor, admin); zh-CN is the default when the browser asks for
 * Chinese, the choice is kept in localStorage. Ant Design's own texts follow the same switch.
 */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { common } from './common.ts';

export type Lang = 'zh-CN' | 'en';
export type Texts = { 'zh-CN': Record<string, string>; en: Record<string, string> };

const langKey = 'kefu.lang';

export function initialLang(): Lang {
  const saved = localStorage.getItem(langKey);
  if (saved === 'zh-CN' || saved === 'en') return saved;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export function setLang(lang: Lang): void {
  localStorage.setItem(langKey, lang);
  document.documentElement.lang = lang;
  void i18n.changeLanguage(lang);
}

/** Adds an area's texts (called at module load by each area). */
export function registerTexts(ns: string, texts: Texts): void {
  i18n.addResourceBundle('zh-CN', ns, texts['zh-CN'], true, true);
  i18n.addResourceBundle('en', ns, texts.en, true, true);
}

void i18n.use(initReactI18next).init({
  lng: initialLang(),
  fallbackLng: 'en',
  ns: ['common'],
  defaultNS: 'common',
  resources: {},
  interpolation: { escapeValue: false },
  returnNull: false,
});
registerTexts('common', common);
document.documentElement.lang = i18n.language;

export { i18n };
