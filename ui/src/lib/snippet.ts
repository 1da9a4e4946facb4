// Search snippets mark each matched word as **word**. They are shown as
// text with <mark> around the hits, never as HTML.

export type SnippetPart = { text: string; hit: boolean };

export function parseSnippet(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  const push = (text: string, hit: boolean) => {
    if (text) parts.push({ text, hit });
  };
  let rest = snippet;
  for (;;) {
    const start = rest.indexOf("**");
    if (start < 0) break;
    const end = rest.indexOf("**", start + 2);
    if (end < 0) break;
    push(rest.slice(0, start), false);
    push(rest.slice(start + 2, end), true);
    rest = rest.slice(end + 2);
  }
  push(rest, false);
  return parts;
}
