import { useCallback, useEffect, useMemo, useRef, useState } from "preact/hooks";

import { errorMessage } from "../api";
import { debounce, type Debounced } from "../lib/debounce";
import { toTimeField } from "../lib/time";

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
 * A date-and-time field (the text of a `DateInput` of kind "time",
 * "2026-11-26 14:30") that follows the clock until the user changes it: the
 * quick log's and a stage move's "when". `edited` says whether the user
 * chose the time; `toNow` makes it follow the clock again.
 */
export function useClockTime() {
  const [time, setTime] = useState(() => toTimeField(new Date()));
  const [edited, setEdited] = useState(false);
  useEffect(() => {
    if (edited) return;
    const timer = setInterval(() => setTime(toTimeField(new Date())), 15_000);
    return () => clearInterval(timer);
  }, [edited]);
  /** Sets the time (as the user chose it, or as a draft kept it). */
  const set = useCallback((value: string, chosen = true) => {
    setTime(value);
    setEdited(chosen);
  }, []);
  const toNow = useCallback(() => {
    setEdited(false);
    setTime(toTimeField(new Date()));
  }, []);
  return { time, edited, set, toNow };
}

/**
 * What `run` and `attempt` come back with: the action's value, or null when
 * it failed (its error is shown), was refused (`run` while busy), or the
 * component has gone meanwhile (nothing more to show).
 */
export type Outcome<T> = { value: T } | null;

/**
 * Something the user set off (a command, a native dialog) with the
 * busy/error/try/finally around it written once. `run` makes the component
 * `busy` while the action runs (buttons disabled, "Saving…") and refuses a
 * second one meanwhile; `attempt` does not (a native dialog is open, no
 * command is running). Both clear `error` first and, if the action fails,
 * set it to why, in the UI language (`errorMessage`). Once the component has
 * gone, nothing is set, and the outcome is null: what must happen even then
 * (telling the parent that a case was created) belongs inside the action.
 * `setError` shows the form's own refusals ("Write the corrected text.") in
 * the same place; `clearError` removes what is shown.
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const mounted = useMounted();
  const running = useRef(false);

  const attempt = useCallback(
    async <T>(action: () => Promise<T>): Promise<Outcome<T>> => {
      setError(null);
      try {
        const value = await action();
        return mounted.current ? { value } : null;
      } catch (e) {
        if (mounted.current) setError(errorMessage(e));
        return null;
      }
    },
    [mounted],
  );

  const run = useCallback(
    async <T>(action: () => Promise<T>): Promise<Outcome<T>> => {
      if (running.current) return null;
      running.current = true;
      setBusy(true);
      try {
        return await attempt(action);
      } finally {
        running.current = false;
        if (mounted.current) setBusy(false);
      }
    },
    [attempt, mounted],
  );

  const clearError = useCallback(() => setError(null), []);
  return { run, attempt, busy, error, setError, clearError };
}
