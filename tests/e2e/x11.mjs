// The X display as xdotool sees it. Listing windows races with windows that
// close meanwhile (a tooltip, a dialog's popup): xdotool then stops on X's
// BadWindow error, which says nothing about the window asked for. Such a
// call is made again; only "no window matches" is an answer.
import { execFileSync } from "node:child_process";
import { sleep } from "./webdriver.mjs";

const raced = (error) => String(error.stderr ?? "").includes("X Error");

/** Runs xdotool, again if X reported a window gone under it; its output. */
export function xdo(...args) {
  for (let attempt = 1; ; attempt++) {
    try {
      return execFileSync("xdotool", args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
    } catch (error) {
      if (attempt < 5 && raced(error)) continue;
      throw error;
    }
  }
}

/** The ids of the visible windows whose title matches `name` (a regular expression); none if none does. */
export function windows(name) {
  try {
    return xdo("search", "--onlyvisible", "--name", name).split("\n").filter(Boolean);
  } catch (error) {
    // xdotool's exit status 1 with nothing said: no window matches.
    if (error.status === 1 && !raced(error)) return [];
    throw error;
  }
}

/** Waits until a window titled `name` shows; its id. */
export async function windowShown(name, timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const [id] = windows(name);
    if (id) return id;
    if (Date.now() > until) throw new Error(`no window titled "${name}" showed within ${timeoutMs / 1000} s`);
    await sleep(100);
  }
}
