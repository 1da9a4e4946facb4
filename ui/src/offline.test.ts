// Pacta runs with no network, under the CSP `default-src 'self'`: nothing in
// the front end may point at the network, and index.html has no inline script.

import { describe, expect, it } from "vitest";
import indexHtml from "../index.html?raw";

const sources: Record<string, string> = import.meta.glob<string>(["./**/*.{ts,tsx,css}", "!./**/*.test.ts"], {
  query: "?raw",
  import: "default",
  eager: true,
});

describe("offline and CSP", () => {
  it("finds the sources to check", () => {
    expect(Object.keys(sources).length).toBeGreaterThan(20);
  });

  it("loads nothing from the network", () => {
    for (const [file, text] of Object.entries(sources)) {
      // Generated type declarations (no runtime code) name ts-rs's home page.
      if (file.startsWith("./bindings/")) continue;
      expect(text, file).not.toMatch(/\bhttps?:\/\//);
      expect(text, file).not.toMatch(/@import\s+url|fonts\.googleapis|\bfetch\(|XMLHttpRequest|WebSocket/);
    }
  });

  it("has no inline script or style in index.html", () => {
    expect(indexHtml).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(indexHtml).not.toMatch(/<style|\sstyle=|\son\w+=/);
  });

  it("writes no style attributes as strings (CSP blocks them; element.style is fine)", () => {
    for (const [file, text] of Object.entries(sources)) {
      expect(text, file).not.toMatch(/style="|style=\{`|setAttribute\(\s*["']style/);
    }
  });
});
