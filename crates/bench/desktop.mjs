// Desktop benchmark: the release build of the real window on the reference
// corpus (see BENCHMARKS.md). Needs DISPLAY, tauri-driver and a corpus:
//   node crates/bench/desktop.mjs /tmp/corpus target/release/pacta-desktop
import { spawn, execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { Session, sleep } from "../../tests/e2e/webdriver.mjs";

const [corpus, app] = process.argv.slice(2);
const env = { ...process.env, PACTA_DATA_DIR: corpus };
const driver = spawn("tauri-driver", ["--port", "4447", "--native-port", "4448"], { env, stdio: "ignore" });
await sleep(1000);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pids = () => {
  let out = "";
  try {
    out = execFileSync("pgrep", ["-f", "pacta-desktop|WebKitWebProcess|WebKitNetworkProcess"], { encoding: "utf8" });
  } catch {
    return [];
  }
  return out.trim().split("\n").filter(Boolean);
};
const rssMb = () =>
  pids().reduce((sum, pid) => {
    try {
      const m = readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+) kB/);
      return sum + (m ? Number(m[1]) / 1024 : 0);
    } catch {
      return sum;
    }
  }, 0);

const launches = [];
let s;
for (let i = 0; i < 3; i++) {
  const t0 = performance.now();
  s = await Session.start("http://127.0.0.1:4447", app);
  await s.byTestId("case-row", 30000);
  launches.push(performance.now() - t0);
  if (i < 2) {
    await s.end();
    await sleep(1500);
  }
}

// Opens a case from the cases list, or, when it is beyond the rows shown,
// through search (Ctrl+K, its reference, Enter), as a user would.
async function open(reference) {
  const t0 = performance.now();
  const rows = await s.findAll(`[data-testid="case-row"][data-reference="${reference}"] td`);
  if (rows.length > 0) {
    await rows[0].click();
  } else {
    await (await s.find("body")).type("\uE009k\uE000");
    await (await s.byTestId("search-input")).type(reference);
    await s.find(`[data-testid="search-result"][data-reference="${reference}"]`, 30000);
    await (await s.byTestId("search-input")).type("\uE007");
  }
  await s.waitFor(`${reference} open`, async () => {
    const v = await s.byTestId("case-view", 30000);
    return (await v.attribute("data-reference")) === reference && (await s.findAll('[data-testid="entry"]')).length > 0;
  }, 30000);
  return performance.now() - t0;
}

const largest = "K-2026-0001";
const opens = [];
const switches = [];
opens.push(await open(largest));
for (let i = 0; i < 5; i++) {
  const t0 = performance.now();
  await (await s.byTestId("nav-cases")).click();
  await s.byTestId("case-row");
  const back = performance.now() - t0;
  const other = await open(i % 2 ? largest : "K-2026-0002");
  switches.push(back + other);
}
await (await s.byTestId("nav-cases")).click();
await open(largest);
// Scroll the timeline from the newest entry to the oldest, in steps.
for (let i = 0; i < 40; i++) {
  await s.execute("const t = document.querySelector('[data-testid=\"timeline\"]'); const el = t.querySelector('[data-virtual-scroll]') || t; el.scrollTop += el.clientHeight * 6;");
  await sleep(50);
}
await sleep(1000);
const memory = rssMb();
console.log(`| launch of the release build to a usable window (the cases list shown, through WebDriver) | median ${median(launches).toFixed(0)} ms of ${launches.map((x) => x.toFixed(0)).join(", ")} | ≤ 1 s |`);
console.log(`| open the 10,000-entry case, as seen in the window | ${opens[0].toFixed(0)} ms | ≤ 100 ms |`);
console.log(`| switch cases (back to the list, open another) | median ${median(switches).toFixed(0)} ms | ≤ 100 ms |`);
console.log(`| resident memory, app and its web processes, after opening the largest case and scrolling its timeline | ${memory.toFixed(0)} MB | ≤ 150 MB |`);
await s.end();
driver.kill();
