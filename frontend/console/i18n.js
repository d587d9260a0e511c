// The console's language (English or Simplified Chinese), remembered in this browser, and formatting.

import { MESSAGES } from "./messages.js";

const LANGUAGE_KEY = "console.language";
export const LANGUAGES = [
  { code: "en", label: "English", locale: "en-GB" },
  { code: "zh-Hans", label: "简体中文", locale: "zh-CN" },
];
const listeners = new Set();

function initialLanguage() {
  const saved = window.localStorage.getItem(LANGUAGE_KEY);
  if (LANGUAGES.some((item) => item.code === saved)) return saved;
  return (navigator.language || "").toLowerCase().startsWith("zh") ? "zh-Hans" : "en";
}

let current = initialLanguage();

export function language() {
  return current;
}

function locale() {
  return LANGUAGES.find((item) => item.code === current).locale;
}

export function setLanguage(code) {
  if (code === current || !LANGUAGES.some((item) => item.code === code)) return;
  current = code;
  window.localStorage.setItem(LANGUAGE_KEY, code);
  document.documentElement.lang = code;
  for (const listener of listeners) listener(code);
}

export function onLanguageChange(listener) {
  listeners.add(listener);
}

/** The message `key` in the current language, with `{name}` placeholders filled from `params`. */
export function t(key, params = {}) {
  const text = MESSAGES[current][key] ?? MESSAGES.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => (name in params ? String(params[name]) : `{${name}}`));
}

export function formatNumber(value) {
  return new Intl.NumberFormat(locale()).format(Number(value));
}

export function formatMoney(money) {
  if (!money) return "";
  return new Intl.NumberFormat(locale(), { style: "currency", currency: money.currency }).format(money.amount);
}

export function formatDateTime(iso) {
  if (!iso) return "";
  return new Intl.DateTimeFormat(locale(), { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
}

export function formatDate(iso) {
  if (!iso) return "";
  return new Intl.DateTimeFormat(locale(), { dateStyle: "medium" }).format(new Date(iso));
}
