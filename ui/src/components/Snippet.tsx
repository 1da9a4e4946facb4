import { parseSnippet } from "../lib/snippet";

/** A search snippet with its hits in <mark>; always text, never HTML. */
export function Snippet({ text }: { text: string }) {
  return (
    <span class="snippet">
      {parseSnippet(text).map((part, i) => (part.hit ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
    </span>
  );
}
