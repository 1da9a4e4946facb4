import { describe, expect, it } from "vitest";
import { actionFor, withShortcut } from "./shortcuts";

const key = (key: string, mods: Partial<{ ctrl: boolean; meta: boolean; alt: boolean; shift: boolean }> = {}, code?: string) => ({
  key,
  code,
  ctrlKey: mods.ctrl ?? false,
  metaKey: mods.meta ?? false,
  altKey: mods.alt ?? false,
  shiftKey: mods.shift ?? false,
});

describe("actionFor", () => {
  it("maps Ctrl+K, Ctrl+N, Ctrl+L and Ctrl+1..5", () => {
    expect(actionFor(key("k", { ctrl: true }))).toBe("search");
    expect(actionFor(key("n", { ctrl: true }))).toBe("new_case");
    expect(actionFor(key("l", { meta: true }))).toBe("focus_log");
    expect(actionFor(key("1", { ctrl: true }))).toBe("view_cases");
    expect(actionFor(key("5", { ctrl: true }))).toBe("view_settings");
  });

  it("ignores plain keys and other modifiers", () => {
    expect(actionFor(key("k"))).toBeNull();
    expect(actionFor(key("k", { ctrl: true, shift: true }))).toBeNull();
    expect(actionFor(key("k", { ctrl: true, alt: true }))).toBeNull();
    expect(actionFor(key("x", { ctrl: true }))).toBeNull();
  });

  it("works on a Russian keyboard layout by physical key", () => {
    expect(actionFor(key("л", { ctrl: true }, "KeyK"))).toBe("search");
    expect(actionFor(key("1", { ctrl: true }, "Digit1"))).toBe("view_cases");
  });

  it("does nothing while a modal dialog is open", () => {
    expect(actionFor(key("1", { ctrl: true }), true)).toBeNull();
    expect(actionFor(key("n", { ctrl: true }), true)).toBeNull();
    expect(actionFor(key("k", { ctrl: true }), true)).toBeNull();
    expect(actionFor(key("l", { ctrl: true }), true)).toBeNull();
    expect(actionFor(key("1", { ctrl: true }), false)).toBe("view_cases");
  });

  it("writes tooltips with the shortcut", () => {
    expect(withShortcut("Search", "search")).toBe("Search (Ctrl+K)");
  });
});
