// Messages from i18n/<language>.json, chosen from navigator.languages unless the person picks one;
// dates and durations formatted by Intl in that language.
const SUPPORTED = ["en", "ja", "zh-CN"];
let language = "en";
let messages = {};

/** The first of the browser's languages we have (zh-* is Simplified Chinese), else English. */
export function preferredLanguage() {
  for (const tag of navigator.languages || [navigator.language]) {
    const lower = tag.toLowerCase();
    if (lower.startsWith("ja")) return "ja";
    if (lower.startsWith("zh")) return "zh-CN";
    if (lower.startsWith("en")) return "en";
  }
  return "en";
}

export async function useLanguage(tag) {
  language = SUPPORTED.includes(tag) ? tag : "en";
  const response = await fetch("i18n/" + language + ".json");
  messages = await response.json();
  document.documentElement.lang = language;
  for (const element of document.querySelectorAll("[data-i18n]")) {
    element.textContent = t(element.dataset.i18n);
  }
  for (const element of document.querySelectorAll("[data-i18n-aria]")) {
    element.setAttribute("aria-label", t(element.dataset.i18nAria));
  }
  document.title = t("title");
}

export function currentLanguage() {
  return language;
}

/** The message for key, {name} placeholders filled from values; the key itself when missing. */
export function t(key, values = {}) {
  const message = messages[key] ?? key;
  return message.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

/** The message for a value of a fixed vocabulary (status, action, ...), else the value itself. */
export function term(prefix, value) {
  if (value === null || value === undefined) return "";
  return messages[prefix + "." + value] ?? String(value);
}

export function formatDateTime(iso) {
  if (!iso) return "";
  return new Intl.DateTimeFormat(language, { dateStyle: "medium", timeStyle: "medium" }).format(new Date(iso));
}

export function formatDuration(ms) {
  if (ms === null || ms === undefined) return "";
  const total = Math.round(ms / 1000);
  const parts = { hours: Math.floor(total / 3600), minutes: Math.floor(total / 60) % 60, seconds: total % 60 };
  return new Intl.DurationFormat(language, { style: "digital", hoursDisplay: "auto" }).format(parts);
}

export function formatNumber(value) {
  return value === null || value === undefined ? "" : new Intl.NumberFormat(language).format(value);
}
