import { describe, expect, it } from "vitest";
import { parseSnippet } from "./snippet";

describe("parseSnippet", () => {
  it("marks every **hit**", () => {
    expect(parseSnippet("The **delegations** met. Repair of the **cable**.")).toEqual([
      { text: "The ", hit: false },
      { text: "delegations", hit: true },
      { text: " met. Repair of the ", hit: false },
      { text: "cable", hit: true },
      { text: ".", hit: false },
    ]);
  });

  it("handles Chinese, hits at the edges, and an unclosed marker", () => {
    expect(parseSnippet("双方同意进行**磋商**")).toEqual([
      { text: "双方同意进行", hit: false },
      { text: "磋商", hit: true },
    ]);
    expect(parseSnippet("**a** b **c")).toEqual([
      { text: "a", hit: true },
      { text: " b **c", hit: false },
    ]);
  });

  it("keeps markup as text", () => {
    expect(parseSnippet("<b>x</b> **<i>**")).toEqual([
      { text: "<b>x</b> ", hit: false },
      { text: "<i>", hit: true },
    ]);
  });
});
