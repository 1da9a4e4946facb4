// Numbers as people read them.

const UNITS = ["B", "KB", "MB", "GB", "TB"] as const;

const numberFormats = new Map<string, Intl.NumberFormat>();

/**
 * A number in the locale's digits and grouping. The formatter is made once
 * per locale and kind: `toLocaleString` makes one a call, ~70 µs each in
 * WebKitGTK, 14 ms for the 200 rows of the cases list.
 */
export function formatNumber(value: number, locale: string, maximumFractionDigits = 0): string {
  const key = `${locale}/${maximumFractionDigits}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { maximumFractionDigits });
    numberFormats.set(key, f);
  }
  return f.format(value);
}

/** A size in bytes, e.g. "1.4 MB" (units are the same in every UI language). */
export function formatBytes(bytes: number, locale: string): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${formatNumber(value, locale, digits)} ${UNITS[unit]}`;
}

/** A long hash shortened for lists; the full value goes in a tooltip. */
export function shortHash(hash: string, keep = 12): string {
  return hash.length > keep ? `${hash.slice(0, keep)}…` : hash;
}
