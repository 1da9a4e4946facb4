import { shortHash } from "../lib/format";

/** A SHA-256, shown whole (selectable) or shortened with the whole in a tooltip. */
export function Hash({ value, full = false, testid }: { value: string; full?: boolean; testid?: string }) {
  return (
    <code class={full ? "hash hash--full" : "hash"} title={value} data-testid={testid}>
      {full ? value : shortHash(value)}
    </code>
  );
}
