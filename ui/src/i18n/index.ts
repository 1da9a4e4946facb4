// The UI's three languages, switchable at run time. Every string a person
// reads comes from en.ts, zh.ts or ru.ts (same keys; a test checks it), so
// a screen is never in two languages. Placeholders are written {name}.

import { createContext } from "preact";
import { useContext } from "preact/hooks";

import type { Language } from "./language";
import { en, type Messages } from "./en";
import { ru } from "./ru";
import { zh } from "./zh";

export type MessageKey = keyof Messages;

export const MESSAGES: Record<Language, Messages> = { en, zh, ru };

export const LANGUAGES: readonly Language[] = ["en", "zh", "ru"];

/** The locale used for dates and numbers in each UI language. */
export const LOCALES: Record<Language, string> = { en: "en-GB", zh: "zh-CN", ru: "ru-RU" };

/** The value of <html lang>, which also picks the CJK font. */
export const HTML_LANG: Record<Language, string> = { en: "en", zh: "zh-Hans", ru: "ru" };

/**
 * Each language by its own name, for the language switcher only: someone
 * who cannot read the current language must still find theirs.
 */
export const NATIVE_NAMES: Record<Language, string> = { en: "English", zh: "中文（简体）", ru: "Русский" };

export type Params = Record<string, string | number>;

export function translate(lang: Language, key: MessageKey, params?: Params): string {
  const text = MESSAGES[lang][key] ?? MESSAGES.en[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    return v === undefined ? whole : String(v);
  });
}

export function isLanguage(s: unknown): s is Language {
  return s === "en" || s === "zh" || s === "ru";
}

export type I18n = {
  lang: Language;
  locale: string;
  t: (key: MessageKey, params?: Params) => string;
  setLang: (lang: Language) => void;
};

export function makeI18n(lang: Language, setLang: (lang: Language) => void): I18n {
  return { lang, locale: LOCALES[lang], t: (key, params) => translate(lang, key, params), setLang };
}

export const I18nContext = createContext<I18n>(makeI18n("en", () => undefined));

export function useI18n(): I18n {
  return useContext(I18nContext);
}

/** The short topic of a clause letter ("k" → "Peaceful settlement of disputes"), or "". */
export function clauseTopic(t: I18n["t"], letter: string): string {
  const key = `clause.${letter}`;
  return key in en ? t(key as MessageKey) : "";
}
