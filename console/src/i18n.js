// Every string the console shows comes from one file per language (i18n/en.json, i18n/sw.json),
// each page's strings under its own top-level key. A key missing in Swahili falls back to English,
// a key missing in both shows as itself (visible, so it gets noticed).
import en from './i18n/en.json' with { type: 'json' };
import sw from './i18n/sw.json' with { type: 'json' };

export const LANGUAGES = { en: 'English', sw: 'Kiswahili' };
const strings = { en, sw };
const STORAGE_KEY = 'wispbill.language';
const listeners = new Set();
let current = initialLanguage();

function storage() {
  return typeof localStorage === 'undefined' ? null : localStorage;
}

function initialLanguage() {
  const kept = storage()?.getItem(STORAGE_KEY);
  if (kept && strings[kept]) return kept;
  const browser = typeof navigator === 'undefined' ? '' : navigator.language || '';
  return browser.toLowerCase().startsWith('sw') ? 'sw' : 'en';
}

function lookup(table, key) {
  let node = table;
  for (const part of key.split('.')) {
    if (node == null || typeof node !== 'object') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** The string {@code key} ("nav.overview") in the current language, with {name} replaced from params. */
export function t(key, params) {
  const text = lookup(strings[current], key) ?? lookup(strings.en, key) ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

export function language() {
  return current;
}

/** The locale for Intl formatting: Swahili as written in Kenya and Tanzania, English otherwise. */
export function locale() {
  return current === 'sw' ? 'sw-KE' : 'en-KE';
}

export function setLanguage(lang) {
  if (!strings[lang] || lang === current) return;
  current = lang;
  storage()?.setItem(STORAGE_KEY, lang);
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
  listeners.forEach(listener => listener(lang));
}

/** Calls listener after each change of language; returns the function that stops it. */
export function onLanguageChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
