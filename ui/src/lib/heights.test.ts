import { describe, expect, it } from "vitest";
import { HeightIndex } from "./heights";

/** The same answers computed the slow, obvious way. */
function naiveTop(h: number[], seq: number) {
  let s = 0;
  for (let i = h.length; i > seq; i--) s += h[i - 1]!;
  return s;
}

describe("HeightIndex", () => {
  it("starts from the estimate, newest first", () => {
    const idx = new HeightIndex(5, 100);
    expect(idx.total()).toBe(500);
    expect(idx.top(5)).toBe(0);
    expect(idx.top(1)).toBe(400);
    expect(idx.seqAt(0)).toBe(5);
    expect(idx.seqAt(99)).toBe(5);
    expect(idx.seqAt(100)).toBe(4);
    expect(idx.seqAt(499)).toBe(1);
    expect(idx.seqAt(10_000)).toBe(1);
    expect(idx.seqAt(-5)).toBe(5);
  });

  it("agrees with a naive sum after random measurements", () => {
    const n = 1000;
    const idx = new HeightIndex(n, 80);
    const h = Array.from({ length: n }, () => 80);
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let k = 0; k < 3000; k++) {
      const seq = 1 + Math.floor(rand() * n);
      const height = 20 + Math.floor(rand() * 400);
      idx.set(seq, height);
      h[seq - 1] = height;
    }
    for (const seq of [1, 2, 17, 500, 999, 1000]) {
      expect(idx.top(seq)).toBe(naiveTop(h, seq));
    }
    for (let k = 0; k < 200; k++) {
      const offset = Math.floor(rand() * idx.total());
      const seq = idx.seqAt(offset);
      expect(idx.top(seq)).toBeLessThanOrEqual(offset);
      expect(idx.top(seq) + idx.height(seq)).toBeGreaterThan(offset);
    }
  });

  it("keeps measured heights when rows are added", () => {
    const idx = new HeightIndex(3, 50);
    idx.set(2, 120);
    idx.resize(5);
    expect(idx.height(2)).toBe(120);
    expect(idx.height(5)).toBe(50);
    expect(idx.total()).toBe(50 * 4 + 120);
    expect(idx.seqAt(0)).toBe(5);
  });

  it("handles an empty journal", () => {
    const idx = new HeightIndex(0, 50);
    expect(idx.total()).toBe(0);
    expect(idx.seqAt(0)).toBe(0);
  });
});
