// Dates and times: the backend speaks RFC 3339 (times) and YYYY-MM-DD
// (calendar dates); people see and type local time. This is the one place
// that shows a date or a time to people, and the one place that reads what
// they type into a date or time field.
//
// Shown as the UI language writes dates, whatever the system's locale:
//   en  26 Nov 2026     26 Nov 2026, 14:30
//   zh  2026年11月26日   2026年11月26日 14:30
//   ru  26.11.2026      26.11.2026, 14:30
// Written out here rather than asked of Intl.DateTimeFormat: what Intl gives
// depends on the ICU data of the web view ("Sept" in one version, "Sep" in
// another; Russian "26 нояб. 2026 г."), and a missing locale falls back to
// the US order.
//
// Typed as YYYY-MM-DD and YYYY-MM-DD HH:MM in every language: plain text
// fields (components/DateInput.tsx), because WebKitGTK shows <input
// type="date"> and "datetime-local" in the order of the system's locale
// (11/26/2026 on a US system) even in a Chinese or Russian window.

import { translate } from "../i18n";
import type { Language } from "../i18n/language";

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, "0");

const EN_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

/** A local Date's calendar day as the UI language writes it: "26 Nov 2026", "2026年11月26日", "26.11.2026". */
function dayText(d: Date, lang: Language): string {
  const year = d.getFullYear();
  const month = d.getMonth() + 1;
  const day = d.getDate();
  switch (lang) {
    case "zh":
      return `${year}年${month}月${day}日`;
    case "ru":
      return `${pad(day)}.${pad(month)}.${year}`;
    case "en":
      return `${day} ${EN_MONTHS[month - 1]} ${year}`;
  }
}

/** An RFC 3339 time shown in local time: "26 Nov 2026, 14:30", "2026年11月26日 14:30", "26.11.2026, 14:30". */
export function formatDateTime(iso: string, lang: Language): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const clock = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return lang === "zh" ? `${dayText(d, lang)} ${clock}` : `${dayText(d, lang)}, ${clock}`;
}

/**
 * A recent RFC 3339 time in local time: its clock alone when it is today
 * ("14:30"), else as formatDateTime says it. `now`: for tests.
 */
export function formatRecent(iso: string, lang: Language, now: Date = new Date()): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const today = d.getFullYear() === now.getFullYear() && d.getMonth() === now.getMonth() && d.getDate() === now.getDate();
  return today ? `${pad(d.getHours())}:${pad(d.getMinutes())}` : formatDateTime(iso, lang);
}

/** Formatters by time zone, made once each (making one costs the web view a few ms); null: a zone it does not know. */
const zoneFormats = new Map<string, Intl.DateTimeFormat | null>();

function zoneFormat(zone: string): Intl.DateTimeFormat | null {
  let format = zoneFormats.get(zone);
  if (format === undefined) {
    try {
      // Only the numbers are taken from it (formatToParts), never its words or order.
      format = new Intl.DateTimeFormat("en-US", {
        timeZone: zone,
        year: "numeric",
        month: "numeric",
        day: "numeric",
        hour: "numeric",
        minute: "numeric",
        hourCycle: "h23",
      });
    } catch {
      format = null;
    }
    zoneFormats.set(zone, format);
  }
  return format;
}

/**
 * An RFC 3339 time as the clocks read it in the IANA time zone `zone`
 * ("Europe/Zurich"), written as `formatDateTime` writes a local time; null
 * when the zone is not one the web view knows.
 */
export function formatDateTimeIn(iso: string, zone: string, lang: Language): string | null {
  const d = new Date(iso);
  const format = zoneFormat(zone);
  if (!format || Number.isNaN(d.getTime())) return null;
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(format.formatToParts(d).find((p) => p.type === type)?.value);
  const [year, month, day, hour, minute] = [part("year"), part("month"), part("day"), part("hour") % 24, part("minute")];
  if ([year, month, day, hour, minute].some(Number.isNaN)) return null;
  // The wall clock there, as a local Date only to be written out.
  const wall = new Date(year, month - 1, day);
  const clock = `${pad(hour)}:${pad(minute)}`;
  return lang === "zh" ? `${dayText(wall, lang)} ${clock}` : `${dayText(wall, lang)}, ${clock}`;
}

/** This machine's time zone (IANA), as the web view knows it; what the core records as where a time was read. */
export function machineZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/**
 * Whether two IANA zone names are one zone ("Etc/UTC" and "UTC",
 * "Asia/Calcutta" and "Asia/Kolkata"), as the web view's time zone data
 * names them; an unknown name is only itself.
 */
export function sameZone(a: string, b: string): boolean {
  if (a === b) return true;
  const canonical = (zone: string) => zoneFormat(zone)?.resolvedOptions().timeZone ?? zone;
  return canonical(a) === canonical(b);
}

/**
 * An RFC 3339 time as a number that orders times to the microsecond (the
 * precision the core stores), whether or not the text has a fraction.
 */
export function instant(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return Number.NEGATIVE_INFINITY;
  const fraction = /T\d{2}:\d{2}:\d{2}\.(\d+)/.exec(iso)?.[1] ?? "";
  return ms * 1000 + Number(fraction.slice(3, 6).padEnd(3, "0"));
}

/** The local day of an RFC 3339 time, without its clock: "26 Nov 2026", "2026年11月26日", "26.11.2026". */
export function formatDay(iso: string, lang: Language): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dayText(d, lang);
}

/** A calendar date (YYYY-MM-DD) as the UI language writes it; no time zone shift. */
export function formatDate(ymd: string, lang: Language): string {
  const d = parseDate(ymd.slice(0, 10));
  return d ? dayText(d, lang) : ymd;
}

/** A Date as the text of a time field, in local time: "2026-11-26 14:30". */
export function toTimeField(d: Date): string {
  return `${todayLocal(d)} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A Date as RFC 3339 with the local offset: "2026-11-26T14:30:00+01:00". */
export function toRfc3339Local(d: Date): string {
  const offset = -d.getTimezoneOffset();
  const sign = offset >= 0 ? "+" : "-";
  return (
    `${todayLocal(d)}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}` +
    `${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`
  );
}

/** Why the text of a date or time field cannot be used: not in the form asked for, or no such day or time. */
export type FieldProblem = "form" | "calendar";

/** What a date or time field holds: the value to send, or why there is none. */
export type FieldReading = { value: string } | { problem: FieldProblem };

const DATE_FIELD = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_FIELD = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * The text of a time field ("2026-11-26 14:30"; a "T" for the space, and
 * seconds, are taken too) as RFC 3339 with the local offset, what the
 * commands take as `occurred_at`.
 */
export function readTimeField(text: string): FieldReading {
  const m = TIME_FIELD.exec(text.trim());
  if (!m) return { problem: "form" };
  const [year, month, day, hour, minute, second] = m.slice(1).map((x) => Number(x ?? 0)) as [
    number, number, number, number, number, number,
  ];
  if (year < 1000 || hour > 23 || minute > 59 || second > 59) return { problem: "calendar" };
  const d = new Date(year, month - 1, day, hour, minute, second);
  if (d.getMonth() !== month - 1 || d.getDate() !== day) return { problem: "calendar" };
  return { value: toRfc3339Local(d) };
}

/** The text of a time field as RFC 3339 with the local offset, or null if it is not a time. */
export function localInputToRfc3339(text: string): string | null {
  const read = readTimeField(text);
  return "value" in read ? read.value : null;
}

/**
 * The text of a date field as the commands take a date: YYYY-MM-DD, a day
 * that exists, with a four-digit year (the core refuses any other form).
 * 11/26/2026 and 26.11.2026 are refused: which is the month is not certain.
 */
export function readDateField(text: string): FieldReading {
  const ymd = text.trim();
  if (!DATE_FIELD.test(ymd)) return { problem: "form" };
  return parseDate(ymd) ? { value: ymd } : { problem: "calendar" };
}

/**
 * Why a date or time field's text cannot be used, in the UI language, or
 * null when it can, or when it is empty (whether it may be is the form's
 * to say).
 */
export function fieldProblemText(kind: "date" | "time", text: string, lang: Language): string | null {
  if (!text.trim()) return null;
  const read = kind === "date" ? readDateField(text) : readTimeField(text);
  if ("value" in read) return null;
  if (kind === "date") {
    return read.problem === "form" ? translate(lang, "dateField.form") : translate(lang, "dateField.calendar", { date: text.trim() });
  }
  return read.problem === "form" ? translate(lang, "timeField.form") : translate(lang, "timeField.calendar", { time: text.trim() });
}

/** Today's local date as YYYY-MM-DD. */
export function todayLocal(now: Date = new Date()): string {
  return `${pad(now.getFullYear(), 4)}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** A calendar date (YYYY-MM-DD, year 1000 to 9999) as a local Date at midnight, or null. */
export function parseDate(ymd: string): Date | null {
  const m = DATE_FIELD.exec(ymd);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1000) return null;
  const d = new Date(year, month - 1, day);
  return d.getMonth() === month - 1 && d.getDate() === day ? d : null;
}
