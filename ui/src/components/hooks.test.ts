import { afterEach, describe, expect, it } from "vitest";
import { h, render } from "preact";
import { act } from "preact/test-utils";

import { setErrorLanguage } from "../api";
import { useAction } from "./hooks";

// The hook runs in a component that renders nothing, so no DOM is needed:
// a stand-in for the element it is rendered into is enough.
const root = { nodeType: 1, childNodes: [], firstChild: null, ownerDocument: {}, insertBefore() {}, appendChild() {}, removeChild() {} } as unknown as Element;

type Action = ReturnType<typeof useAction>;
let action: Action;
/** What the component rendered with, render after render: [busy, error]. */
let renders: [boolean, string | null][];

function Probe() {
  action = useAction();
  renders.push([action.busy, action.error]);
  return null;
}

function mount() {
  renders = [];
  now(() => render(h(Probe, null), root));
}

/** An action that finishes when told to. */
function later<T>() {
  let settle!: { resolve: (v: T) => void; reject: (e: unknown) => void };
  const promise = new Promise<T>((resolve, reject) => (settle = { resolve, reject }));
  return { promise, ...settle };
}

/** Runs `fn` and renders what it changed, there and then. */
function now(fn: () => void) {
  void act(fn);
}

afterEach(() => {
  now(() => render(null, root));
  setErrorLanguage("en");
});

describe("useAction", () => {
  it("is busy while the action runs, and gives its value", async () => {
    mount();
    const step = later<number>();
    let done: Promise<unknown> = Promise.resolve();
    now(() => {
      done = action.run(() => step.promise);
    });
    expect(action.busy).toBe(true);
    await act(async () => {
      step.resolve(7);
      await done;
    });
    await expect(done).resolves.toEqual({ value: 7 });
    expect(action.busy).toBe(false);
    expect(action.error).toBeNull();
  });

  it("shows why the action failed, in the UI language, and comes back with null", async () => {
    mount();
    setErrorLanguage("zh");
    const failed = { kind: "case_not_found", code: "case_not_found", message: "there is no case K-1", params: { case: "K-1" } };
    // The shell rejects with the error itself, a plain object.
    const step = later<never>();
    let outcome: unknown;
    await act(async () => {
      const done = action.run(() => step.promise);
      step.reject(failed);
      outcome = await done;
    });
    expect(outcome).toBeNull();
    expect(action.error).toBe("未找到案件 K-1。");
    expect(action.busy).toBe(false);
  });

  it("refuses a second run while the first is on its way (a double click files once)", async () => {
    mount();
    const step = later<string>();
    let calls = 0;
    let first: Promise<unknown> = Promise.resolve();
    let second: Promise<unknown> = Promise.resolve();
    now(() => {
      first = action.run(() => (calls++, step.promise));
      second = action.run(() => (calls++, Promise.resolve("again")));
    });
    await expect(second).resolves.toBeNull();
    await act(async () => {
      step.resolve("once");
      await first;
    });
    expect(calls).toBe(1);
    await expect(first).resolves.toEqual({ value: "once" });
  });

  it("clears the error when the next action starts, and lets the form show its own", async () => {
    mount();
    now(() => action.setError("Write the corrected text."));
    expect(action.error).toBe("Write the corrected text.");
    const step = later<null>();
    let done: Promise<unknown> = Promise.resolve();
    now(() => {
      done = action.run(() => step.promise);
    });
    expect([action.busy, action.error]).toEqual([true, null]);
    await act(async () => {
      step.resolve(null);
      await done;
    });
    await act(async () => {
      await action.run(() => Promise.reject(new Error("boom")));
    });
    expect(action.error).toBe("boom");
    now(() => action.clearError());
    expect(action.error).toBeNull();
  });

  it("attempts a native dialog without being busy, still showing why it failed", async () => {
    mount();
    const step = later<string | null>();
    let done: Promise<unknown> = Promise.resolve();
    now(() => {
      done = action.attempt(() => step.promise);
    });
    expect(action.busy).toBe(false);
    await act(async () => {
      step.resolve("/home/a/case.pacta");
      await done;
    });
    await expect(done).resolves.toEqual({ value: "/home/a/case.pacta" });
    await act(async () => {
      await action.attempt(() => Promise.reject(new Error("no dialog")));
    });
    expect(action.error).toBe("no dialog");
    expect(renders.every(([busy]) => !busy)).toBe(true);
  });

  it("sets nothing once the component has gone, and comes back with null", async () => {
    mount();
    const ok = later<number>();
    const bad = later<number>();
    let first: Promise<unknown> = Promise.resolve();
    let second: Promise<unknown> = Promise.resolve();
    now(() => {
      first = action.run(() => ok.promise);
      second = action.attempt(() => bad.promise);
    });
    const seen = renders.length;
    now(() => render(null, root));
    await act(async () => {
      ok.resolve(1);
      bad.reject(new Error("too late"));
      await Promise.all([first, second]);
    });
    await expect(first).resolves.toBeNull();
    await expect(second).resolves.toBeNull();
    expect(renders).toHaveLength(seen);
  });
});
