// Bahasa Indonesia by default, English on request. Strings live in ../locales/<lang>/<area>.json
// as flat "area.key" entries; Indonesian is bundled, English loads the first time it is chosen.
// tests/test_spa_i18n.py fails when a key used in the sources is missing from either language.
import { computed, signal } from "@preact/signals";
import id from "../locales/id.js";

const catalogues = { id };
const KEY = "rajut.locale";

export const locale = signal(localStorage.getItem(KEY) === "en" ? "en" : "id");
const loaded = signal(locale.value === "id" ? 1 : 0);

async function ensure(lang) {
  if (!catalogues[lang]) {
    catalogues[lang] = (await import("../locales/en.js")).default;
    loaded.value++;
  }
}
ensure(locale.value);

/** Switch the language (remembered on this device; the caller also saves it on the account). */
export async function setLocale(lang) {
  await ensure(lang);
  localStorage.setItem(KEY, lang);
  locale.value = lang;
  document.documentElement.lang = lang;
}

/** The string for `key` in the current language, with {name} placeholders filled from `params`. */
export function t(key, params) {
  loaded.value; // re-render when a catalogue arrives
  const text = (catalogues[locale.value] || id)[key] ?? id[key] ?? key;
  return params ? text.replace(/\{(\w+)\}/g, (_, name) => params[name] ?? "") : text;
}

const tag = computed(() => (locale.value === "en" ? "en-GB" : "id-ID"));

/** A date and time in the viewer's own time zone and locale. */
export function dateTime(value, options = { dateStyle: "medium", timeStyle: "short" }) {
  return value ? new Intl.DateTimeFormat(tag.value, options).format(new Date(value)) : "";
}

export function date(value) {
  return dateTime(value, { dateStyle: "medium" });
}

export function number(value, options) {
  return new Intl.NumberFormat(tag.value, options).format(value);
}

/** "3 minutes ago" / "3 menit yang lalu". */
export function ago(value) {
  const seconds = (new Date(value) - Date.now()) / 1000;
  const units = [["year", 31536000], ["month", 2592000], ["week", 604800], ["day", 86400], ["hour", 3600], ["minute", 60]];
  const rtf = new Intl.RelativeTimeFormat(tag.value, { numeric: "auto" });
  for (const [unit, size] of units) if (Math.abs(seconds) >= size) return rtf.format(Math.round(seconds / size), unit);
  return rtf.format(Math.round(seconds), "second");
}

/** The viewer's IANA time zone, e.g. Asia/Jakarta. */
export const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
