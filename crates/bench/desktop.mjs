// Desktop benchmark: the release build of the real window on the reference
// corpus (see BENCHMARKS.md). Needs DISPLAY, tauri-driver and a corpus:
//   cargo build --release -p pacta-desktop --bin pacta-desktop --example bare-window
//   node crates/bench/desktop.mjs /tmp/corpus target/release/pacta-desktop \
//        target/release/examples/bare-window
//
// Memory is measured against a bare Tauri 2 window (an empty page, the same
// crate, profile and settings) launched in the same run: the figure that
// is Pacta's own, on a machine whose WebKitGTK alone takes ~220 MB.
// Launch is timed without WebDriver: from spawning the binary to the line
// the app prints (PACTA_TIMINGS) once the cases list is on screen. Opening
// and switching cases are timed inside the window, from the app's own
// performance marks (pacta:navigate to pacta:case-ready), so WebDriver's
// round trips are not counted; the same with WebDriver's view is shown too.
import { spawn, execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Session, sleep } from "../../tests/e2e/webdriver.mjs";

const [corpus, app, bare] = process.argv.slice(2);
if (!bare) throw new Error("usage: desktop.mjs CORPUS PACTA-DESKTOP BARE-WINDOW");
const env = { ...process.env, PACTA_DATA_DIR: corpus };
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (xs) => xs.map((x) => x.toFixed(0)).join(", ");

// Launch: spawn → "usable N ms after start".
const launches = [];
for (let i = 0; i < 9; i++) {
  const t0 = performance.now();
  const child = spawn(app, [], { env: { ...env, PACTA_TIMINGS: "1" }, stdio: ["ignore", "ignore", "pipe"] });
  await new Promise((resolve, reject) => {
    let err = "";
    child.stderr.on("data", (d) => {
      err += d;
      if (err.includes("usable")) resolve();
    });
    child.on("exit", () => reject(new Error(`the app exited: ${err}`)));
  });
  launches.push(performance.now() - t0);
  child.kill();
  await new Promise((r) => child.on("exit", r));
  await sleep(500);
}

const driver = spawn("tauri-driver", ["--port", "4447", "--native-port", "4448"], { env, stdio: "ignore" });
await sleep(1000);
const s = await Session.start("http://127.0.0.1:4447", app);
await s.byTestId("case-row", 30000);
// The corpus has no signing key, so the window offers to make one at start,
// until "Not now" has been answered once (it is remembered in settings).
const notNow = await s.byTestId("key-not-now", 3000).catch(() => null);
if (notNow) await notNow.click();

/** The app's performance marks so far, as [name, start time]. */
const pactaMarks = () =>
  s.execute(
    `return performance.getEntriesByType("mark").filter((m) => m.name.startsWith("pacta:")).map((m) => [m.name, m.startTime]);`,
  );

/** Milliseconds between the last pacta:navigate and the pacta:<ready> after it. */
async function inWindow(ready, count) {
  return s.waitFor(`${ready} #${count}`, async () => {
    const marks = await pactaMarks();
    const readies = marks.filter(([name]) => name === `pacta:${ready}`);
    if (readies.length < count) return null;
    const end = readies[readies.length - 1][1];
    const start = marks.filter(([name, t]) => name === "pacta:navigate" && t <= end).pop();
    return start ? end - start[1] : null;
  }, 30000);
}

const count = async (name) =>
  s.execute(`return performance.getEntriesByName("pacta:${name}").length;`);

// Opens a case from the cases list, or, when it is beyond the rows shown,
// through search (Ctrl+K, its reference, Enter), as a user would.
async function open(reference) {
  const before = await count("case-ready");
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
  const window = await inWindow("case-ready", before + 1);
  return { window, store: await storePart(), driver: performance.now() - t0 };
}

/** Of the last case opened, the milliseconds until the store's answers were in (pacta:case-data). */
async function storePart() {
  const marks = await pactaMarks();
  const start = marks.filter(([name]) => name === "pacta:navigate").pop();
  const data = marks.filter(([name, t]) => name === "pacta:case-data" && start && t >= start[1]).shift();
  return start && data ? data[1] - start[1] : NaN;
}

async function backToList() {
  const before = await count("cases-ready");
  await (await s.byTestId("nav-cases")).click();
  return inWindow("cases-ready", before + 1);
}

const largest = "K-2026-0001";
const first = await open(largest);
const switches = [];
const switchStores = [];
const lists = [];
for (let i = 0; i < 6; i++) {
  lists.push(await backToList());
  const opened = await open(i % 2 ? largest : "K-2026-0002");
  switches.push(opened.window);
  switchStores.push(opened.store);
}
await s.end();
driver.kill();

// PSS shares a library's pages out among every process that maps them, so
// the figure is only the app's own while no other WebKit process runs (the
// WebDriver session's app takes a moment to go; an e2e run must not be on).
const others = () =>
  // Process names as the kernel keeps them (15 characters).
  ["pacta-desktop", "WebKitWebProces", "WebKitNetworkPr"]
    .flatMap((name) => {
      try {
        return execFileSync("pgrep", ["-l", "-x", name], { encoding: "utf8" }).trim().split("\n");
      } catch {
        return []; // none
      }
    })
    .join(", ");
for (let i = 0; others() !== "" && i < 50; i++) await sleep(200);
if (others() !== "") throw new Error(`other WebKit processes are running; memory would be shared with them:\n${others()}`);

// Memory: the app as a user runs it, without WebDriver, driven through X
// (xdotool): Ctrl+K, the largest case's reference, Enter (search lands on its
// first entry), then a click in the timeline and Page Up x 200 scroll it up
// through ~500 entries.
const xdo = (...args) => execFileSync("xdotool", args, { encoding: "utf8" }).trim();
const user = spawn(app, [], { env: { ...env, PACTA_TIMINGS: "1" }, stdio: ["ignore", "ignore", "pipe"] });
await new Promise((resolve) => user.stderr.on("data", (d) => String(d).includes("usable") && resolve()));
await sleep(1000);
const [win] = xdo("search", "--onlyvisible", "--name", "^Pacta$").split("\n");
xdo("windowfocus", "--sync", win);
xdo("key", "Escape"); // "Not now" to the signing key's offer
await sleep(500);
xdo("key", "ctrl+k");
await sleep(500);
xdo("type", "--delay", "20", largest);
await sleep(1500);
xdo("key", "Return");
await sleep(2000);
xdo("mousemove", "--window", win, "450", "400", "click", "1");
for (let i = 0; i < 20; i++) {
  xdo("key", "--repeat", "10", "--delay", "100", "Page_Up");
  await sleep(200);
}
await sleep(2000);

// The app's process and its WebKit children (not other apps that run here).
// RSS counts the shared WebKit and GTK libraries once per process; PSS
// shares them out, so the PSS sum is what the app takes from the machine.
function memoryOf(child) {
  const memory = { rss: 0, pss: 0, parts: [] };
  const children = (pid) => {
    try {
      return execFileSync("pgrep", ["-P", String(pid)], { encoding: "utf8" }).trim().split("\n").filter(Boolean);
    } catch {
      return []; // none
    }
  };
  for (const pid of [String(child.pid), ...children(child.pid)]) {
    const name = readFileSync(`/proc/${pid}/comm`, "utf8").trim();
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
    const kb = (field) => Number(rollup.match(new RegExp(`^${field}:\\s+(\\d+) kB`, "m"))[1]) / 1024;
    memory.rss += kb("Rss");
    memory.pss += kb("Pss");
    memory.parts.push(`${name} ${kb("Pss").toFixed(0)}`);
  }
  return memory;
}
const memory = memoryOf(user);
// What the window showed when measured, to look at.
const shown = join(tmpdir(), "pacta-bench-memory.png");
execFileSync("import", ["-window", win, shown]);
// Then as it settles: the web process measures itself every 30 s and, past
// its limit (src-tauri/src/web_memory.rs), drops the caches scrolling made.
await sleep(35000);
const settled = memoryOf(user);
user.kill();
await new Promise((r) => user.on("exit", r));

// The baseline: a bare Tauri window on an empty page, measured the same way
// once it has been up as long as Pacta's was when measured.
for (let i = 0; others() !== "" && i < 50; i++) await sleep(200);
const baseline = spawn(bare, [], { env, stdio: ["ignore", "ignore", "pipe"] });
await new Promise((resolve) => baseline.stderr.on("data", (d) => String(d).includes("usable") && resolve()));
await sleep(8000);
const bareMemory = memoryOf(baseline);
baseline.kill();

console.log(`| launch of the release build to the cases list on screen (no WebDriver), 9 launches | median ${median(launches).toFixed(0)} ms (${ms(launches)}) | ≤ 1 s |`);
console.log(`| open the 10,000-entry case (through Ctrl+K search), in the window | ${first.window.toFixed(0)} ms, of which ${first.store.toFixed(0)} ms until the store's answers were in (${first.driver.toFixed(0)} ms through WebDriver) | ≤ 100 ms |`);
console.log(`| switch cases: open another case from the list, in the window | median ${median(switches).toFixed(0)} ms (${ms(switches)}; the store's answers in after ${ms(switchStores)}) | ≤ 100 ms |`);
console.log(`| back to the cases list (10,000 cases, first 200 shown), in the window | median ${median(lists).toFixed(0)} ms | |`);
console.log(`| memory after opening the largest case and scrolling its timeline, no WebDriver (window: ${shown}): PSS of the app and its WebKit processes (RSS sum) | ${memory.pss.toFixed(0)} MB (${memory.parts.join(", ")}; RSS ${memory.rss.toFixed(0)} MB): **${(memory.pss / bareMemory.pss).toFixed(2)} ×** the bare window | ≤ 1.25 × a bare Tauri 2 window, same run |`);
console.log(`| the same, 35 s later (the web process has measured itself) | ${settled.pss.toFixed(0)} MB (${settled.parts.join(", ")}; RSS ${settled.rss.toFixed(0)} MB): **${(settled.pss / bareMemory.pss).toFixed(2)} ×** the bare window | ≤ 1.25 × a bare Tauri 2 window, same run |`);
console.log(`| a bare Tauri 2 window on an empty page (examples/bare-window.rs), same run, same measure | ${bareMemory.pss.toFixed(0)} MB (${bareMemory.parts.join(", ")}; RSS ${bareMemory.rss.toFixed(0)} MB) | reference |`);
