// Row heights of the virtualised timeline, by entry number (seq 1..n), with
// prefix sums in a Fenwick tree: setting one height and finding the row at
// a scroll offset both take O(log n), so 10,000+ rows with heights measured
// one by one stay cheap.
//
// The timeline shows the newest entry first: the row of seq n is at offset
// 0, and the row of seq s starts at `top(s)` = the sum of the heights of
// every entry after s.

export class HeightIndex {
  private n = 0;
  private heights = new Float64Array(1);
  private tree = new Float64Array(1);
  private sum = 0;

  constructor(
    count: number,
    /** Height assumed for a row not measured yet. */
    readonly estimate: number,
  ) {
    this.resize(count);
  }

  get count(): number {
    return this.n;
  }

  /** Changes the number of rows, keeping the heights of those that stay. */
  resize(count: number): void {
    const heights = new Float64Array(count + 1);
    heights.fill(this.estimate);
    heights.set(this.heights.subarray(1, Math.min(this.n, count) + 1), 1);
    heights[0] = 0;
    const tree = Float64Array.from(heights);
    for (let i = 1; i <= count; i++) {
      const j = i + (i & -i);
      if (j <= count) tree[j] = (tree[j] ?? 0) + (tree[i] ?? 0);
    }
    this.n = count;
    this.heights = heights;
    this.tree = tree;
    this.sum = count > 0 ? this.prefix(count) : 0;
  }

  height(seq: number): number {
    return this.heights[seq] ?? 0;
  }

  /** Sets a row's height; returns how much it changed. */
  set(seq: number, height: number): number {
    if (seq < 1 || seq > this.n) return 0;
    const delta = height - (this.heights[seq] ?? 0);
    if (delta === 0) return 0;
    this.heights[seq] = height;
    for (let i = seq; i <= this.n; i += i & -i) this.tree[i] = (this.tree[i] ?? 0) + delta;
    this.sum += delta;
    return delta;
  }

  total(): number {
    return this.sum;
  }

  /** Sum of the heights of seq 1..seq. */
  prefix(seq: number): number {
    let s = 0;
    for (let i = Math.min(seq, this.n); i > 0; i -= i & -i) s += this.tree[i] ?? 0;
    return s;
  }

  /** Offset of the top of row `seq` (newest first). */
  top(seq: number): number {
    return this.sum - this.prefix(seq);
  }

  /** The row at a scroll offset (newest first); 0 when there are no rows. */
  seqAt(offset: number): number {
    if (this.n === 0) return 0;
    const want = this.sum - offset;
    if (want <= 0) return 1;
    if (want > this.sum) return this.n;
    // Smallest seq whose prefix sum reaches `want`.
    let pos = 0;
    let rest = want;
    let step = 1;
    while (step * 2 <= this.n) step *= 2;
    for (; step > 0; step >>= 1) {
      const next = pos + step;
      const value = this.tree[next] ?? 0;
      if (next <= this.n && value < rest) {
        pos = next;
        rest -= value;
      }
    }
    return Math.min(pos + 1, this.n);
  }
}
