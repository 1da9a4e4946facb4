import { describe, expect, it } from "vitest";
import css from "../styles.css?raw";
import { TYPE_SCALE, warmUpStyles } from "./warmup";

describe("font warm-up", () => {
  it("knows every step of the type scale that styles.css defines", () => {
    const defined = [...css.matchAll(/--fs-([a-z]+):/g)].map((m) => m[1]);
    expect(defined).toEqual([...TYPE_SCALE]);
  });

  it("styles.css sizes text only from the scale, so no face is met cold", () => {
    const sizes = [...css.matchAll(/font-size:\s*([^;]+);/g)].map((m) => m[1]!.trim());
    const off = sizes.filter((s) => !/^var\(--fs-[a-z]+\)$/.test(s) && s !== "14px");
    expect(off).toEqual([]);
  });

  it("styles.css sets text in two weights only", () => {
    const weights = new Set([...css.matchAll(/font-weight:\s*([^;]+);/g)].map((m) => m[1]!.trim()));
    expect([...weights].filter((w) => w !== "400" && w !== "600" && w !== "normal")).toEqual([]);
  });

  it("styles.css turns on no font feature outside the cases list's number column", () => {
    // letter-spacing (which turns ligatures off) and font-variant-numeric each
    // cost ~20 ms in WebKitGTK the first time a screen shows them.
    expect(css).not.toMatch(/letter-spacing|font-feature-settings|font-kerning/);
    expect([...css.matchAll(/font-variant-numeric/g)]).toHaveLength(1);
  });

  it("meets each step in the text and the monospace family, regular and semibold", () => {
    const styles = warmUpStyles();
    expect(styles).toHaveLength(TYPE_SCALE.length * 2 * 2);
    expect(styles).toContain("font-family:var(--mono);font-size:var(--fs-sm);font-weight:400");
    expect(styles).toContain("font-family:inherit;font-size:var(--fs-xl);font-weight:600");
  });
});
