// Times: the backend speaks RFC 3339 in UTC; people see and type local time.

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, "0");

/** A Date as the value of an `<input type="datetime-local">`: "2026-11-26T14:30". */
export function toLocalInput(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A Date as RFC 3339 with the local offset: "2026-11-26T14:30:00+01:00". */
export function toRfc3339Local(d: Date): string {
  const offset = -d.getTimezoneOffset();
  const sign = offset >= 0 ? "+" : "-";
  return (
    `${toLocalInput(d)}:${pad(d.getSeconds())}` +
    `${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`
  );
}

/**
 * The value of a datetime-local input ("2026-11-26T14:30", seconds optional)
 * as RFC 3339 with the local offset, or null if it is not a time.
 */
export function localInputToRfc3339(value: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map((x) => Number(x ?? 0)) as [
    number, number, number, number, number, number,
  ];
  const d = new Date(year, month - 1, day, hour, minute, second);
  if (d.getMonth() !== month - 1 || d.getDate() !== day) return null;
  return toRfc3339Local(d);
}

/** Today's local date as YYYY-MM-DD. */
export function todayLocal(now: Date = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** A calendar date (YYYY-MM-DD) as a local Date at midnight, or null. */
export function parseDate(ymd: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  if (!m) return null;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return d.getDate() === Number(m[3]) ? d : null;
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function cached(map: Map<string, Intl.DateTimeFormat>, locale: string, options: Intl.DateTimeFormatOptions) {
  let f = map.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options);
    map.set(locale, f);
  }
  return f;
}

/** An RFC 3339 time shown in local time, e.g. "26 Nov 2026, 14:30". */
export function formatDateTime(iso: string, locale: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return cached(dateTimeFormats, locale, {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  }).format(d);
}

/** A calendar date (YYYY-MM-DD) shown as the locale writes dates; no time zone shift. */
export function formatDate(ymd: string, locale: string): string {
  const d = parseDate(ymd.slice(0, 10));
  if (!d) return ymd;
  return cached(dateFormats, locale, { year: "numeric", month: "short", day: "numeric" }).format(d);
}
