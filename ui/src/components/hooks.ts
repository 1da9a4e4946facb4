import { useCallback, useEffect, useMemo, useRef, useState } from "preact/hooks";
import { toLocalInput } from "../lib/time";

import { debounce, type Debounced } from "../lib/debounce";

/** A value that follows `value` once it has stopped changing for `ms`. */
export function useDebouncedValue<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** A debounced callback that always calls the latest `fn`; flushed on unmount. */
export function useDebouncedCallback<A extends unknown[]>(fn: (...args: A) => void, ms: number): Debounced<A> {
  const latest = useRef(fn);
  latest.current = fn;
  const debounced = useMemo(() => debounce((...args: A) => latest.current(...args), ms), [ms]);
  useEffect(() => () => debounced.flush(), [debounced]);
  return debounced;
}

/** True while the component is mounted; for async results that may come back late. */
export function useMounted(): { current: boolean } {
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  return mounted;
}

/**
 * A date-and-time field (`datetime-local`) that follows the clock until the
 * user changes it: the quick log's and a stage move's "when". `edited` says
 * whether the user chose the time; `toNow` makes it follow the clock again.
 */
export function useClockTime() {
  const [time, setTime] = useState(() => toLocalInput(new Date()));
  const [edited, setEdited] = useState(false);
  useEffect(() => {
    if (edited) return;
    const timer = setInterval(() => setTime(toLocalInput(new Date())), 15_000);
    return () => clearInterval(timer);
  }, [edited]);
  /** Sets the time (as the user chose it, or as a draft kept it). */
  const set = useCallback((value: string, chosen = true) => {
    setTime(value);
    setEdited(chosen);
  }, []);
  const toNow = useCallback(() => {
    setEdited(false);
    setTime(toLocalInput(new Date()));
  }, []);
  return { time, edited, set, toNow };
}
