import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { debounce } from "./debounce";

describe("debounce", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("runs once with the last arguments after the quiet time", () => {
    const seen: string[] = [];
    const d = debounce((s: string) => seen.push(s), 500);
    d("a");
    d("ab");
    vi.advanceTimersByTime(499);
    expect(seen).toEqual([]);
    d("abc");
    vi.advanceTimersByTime(500);
    expect(seen).toEqual(["abc"]);
  });

  it("flushes a pending call at once, and cancels", () => {
    const seen: string[] = [];
    const d = debounce((s: string) => seen.push(s), 500);
    d("x");
    expect(d.pending()).toBe(true);
    d.flush();
    expect(seen).toEqual(["x"]);
    d.flush();
    expect(seen).toEqual(["x"]);
    d("y");
    d.cancel();
    vi.advanceTimersByTime(1000);
    expect(seen).toEqual(["x"]);
  });
});
