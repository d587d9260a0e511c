// The member's language (English or Simplified Chinese), remembered in this browser, and formatting.

import { MESSAGES } from "./messages.js";

const LANGUAGE_KEY = "mall.language";
export const LANGUAGES = [
  { code: "en", label: "English", locale: "en-GB", api: "EN" },
  { code: "zh-Hans", label: "简体中文", locale: "zh-CN", api: "ZH_HANS" },
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

/** The API's LanguageCodeEnum for the member's language. */
export function apiLanguage() {
  return LANGUAGES.find((item) => item.code === current).api;
}

/** The mall's language for an account's LanguageCodeEnum ("ZH_HANS" -> "zh-Hans"), or null if it has none. */
export function languageOfApi(apiCode) {
  const found = LANGUAGES.find((item) => item.api === apiCode);
  return found ? found.code : null;
}

/** Whether this browser remembers a language the member chose (the header's switch, or the account page). */
export function hasChosenLanguage() {
  return LANGUAGES.some((item) => item.code === window.localStorage.getItem(LANGUAGE_KEY));
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

/** The message `key` in the member's language, with `{name}` placeholders filled from `params`. */
export function t(key, params = {}) {
  const text = MESSAGES[current][key] ?? MESSAGES.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => (name in params ? String(params[name]) : `{${name}}`));
}

export function formatNumber(value) {
  return new Intl.NumberFormat(locale()).format(value);
}

// What the mall's programme calls its points, by the API's language code ({ EN: "points", ZH_HANS: "积分" }).
let unitNames = {};
// ...and of exactly one point ({ EN: "point" }); a language without one reads its plural name ("1 积分").
let unitNamesSingular = {};

const byLanguage = (names) => Object.fromEntries((names || []).map((item) => [item.languageCode, item.name]));

/** The programme's names of its unit (the channel's `pointsUnitNames` and `pointsUnitNamesSingular`), read
 * once at boot. */
export function setUnitNames(names, singularNames = []) {
  unitNames = byLanguage(names);
  unitNamesSingular = byLanguage(singularNames);
}

/** The programme's points unit as the member reads it beside `amount`: the programme's name for the member's
 * language (its singular name beside exactly 1, "1 point"), else its code ("PTS") in English and 积分 in
 * Chinese. */
export function unitName(unit, amount = null) {
  const singular = amount === 1 ? unitNamesSingular[apiLanguage()] : "";
  return singular || unitNames[apiLanguage()] || t("points.unitName", { unit });
}

/** "12,345 PTS" or "12,345 积分": points are whole numbers with the programme's unit. */
export function formatPoints(amount, unit = "") {
  const rounded = Math.round(amount);
  const number = formatNumber(rounded);
  return unit ? t("points.amount", { number, unit: unitName(unit, rounded) }) : number;
}

/** A catalogue object's `field` in the member's language: its translation's (asked for with
 * `translation(languageCode:)`), or the original where nothing is translated. */
export function translated(node, field = "name") {
  if (!node) return "";
  const translation = node.translation;
  return (translation && translation[field]) || node[field];
}

export function formatMoney(money) {
  if (!money) return "";
  return new Intl.NumberFormat(locale(), { style: "currency", currency: money.currency }).format(money.amount);
}

export function formatDate(iso) {
  return new Intl.DateTimeFormat(locale(), { year: "numeric", month: "short", day: "numeric" }).format(new Date(iso));
}

/** A calendar day ("2026-12-07"), the same day wherever the member is. */
export function formatDay(isoDay) {
  return new Intl.DateTimeFormat(locale(), { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" })
    .format(new Date(`${isoDay}T00:00:00Z`));
}

export function formatDateTime(iso) {
  return new Intl.DateTimeFormat(locale(), { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
}
