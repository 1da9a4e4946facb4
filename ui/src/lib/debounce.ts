// A debounced function that can also be flushed (run now if pending) or
// cancelled: the quick log's draft is flushed when the case is left.

export type Debounced<A extends unknown[]> = {
  (...args: A): void;
  flush(): void;
  cancel(): void;
  pending(): boolean;
};

export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number): Debounced<A> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last: A | undefined;
  const run = () => {
    timer = undefined;
    const args = last;
    last = undefined;
    if (args) fn(...args);
  };
  const debounced = (...args: A) => {
    last = args;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(run, ms);
  };
  debounced.flush = () => {
    if (timer !== undefined) {
      clearTimeout(timer);
      run();
    }
  };
  debounced.cancel = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    last = undefined;
  };
  debounced.pending = () => timer !== undefined;
  return debounced;
}
