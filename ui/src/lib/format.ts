// Numbers as people read them.

const UNITS = ["B", "KB", "MB", "GB", "TB"] as const;

/** A size in bytes, e.g. "1.4 MB" (units are the same in every UI language). */
export function formatBytes(bytes: number, locale: string): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toLocaleString(locale, { maximumFractionDigits: digits })} ${UNITS[unit]}`;
}

/** A long hash shortened for lists; the full value goes in a tooltip. */
export function shortHash(hash: string, keep = 12): string {
  return hash.length > keep ? `${hash.slice(0, keep)}…` : hash;
}
