// A minimal W3C WebDriver client over fetch, for driving the real Pacta
// window through tauri-driver (which hands the session to WebKitWebDriver).
const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

export class Session {
  constructor(base, id) {
    this.base = base;
    this.id = id;
  }

  static async start(base, application) {
    const res = await call(base, "POST", "/session", {
      capabilities: { alwaysMatch: { browserName: "wry", "tauri:options": { application } } },
    });
    return new Session(base, res.sessionId ?? res.value.sessionId);
  }

  cmd(method, path, body) {
    return call(this.base, method, `/session/${this.id}${path}`, body).then((r) => r.value);
  }

  async find(css, timeout = 10000) {
    const until = Date.now() + timeout;
    for (;;) {
      try {
        const v = await this.cmd("POST", "/element", { using: "css selector", value: css });
        return new Element(this, v[ELEMENT]);
      } catch (e) {
        if (Date.now() > until) throw new Error(`no element ${css} after ${timeout} ms: ${e.message}`);
        await sleep(100);
      }
    }
  }

  async findAll(css) {
    const v = await this.cmd("POST", "/elements", { using: "css selector", value: css });
    return v.map((e) => new Element(this, e[ELEMENT]));
  }

  byTestId(id, timeout) {
    return this.find(`[data-testid="${id}"]`, timeout);
  }

  execute(script, args = []) {
    return this.cmd("POST", "/execute/sync", { script, args });
  }

  /** Runs an async function body; `done(value)` is its last argument. */
  executeAsync(script, args = []) {
    return this.cmd("POST", "/execute/async", { script, args });
  }

  /** Waits until `check()` returns something truthy. */
  async waitFor(what, check, timeout = 15000) {
    const until = Date.now() + timeout;
    let last;
    for (;;) {
      try {
        last = await check();
        if (last) return last;
      } catch (e) {
        last = e.message;
      }
      if (Date.now() > until) throw new Error(`timed out waiting for ${what} (last: ${last})`);
      await sleep(150);
    }
  }

  end() {
    return this.cmd("DELETE", "");
  }
}

export class Element {
  constructor(session, id) {
    this.s = session;
    this.id = id;
  }
  click() {
    return this.s.cmd("POST", `/element/${this.id}/click`, {});
  }
  type(text) {
    return this.s.cmd("POST", `/element/${this.id}/value`, { text });
  }
  /**
   * Empties a text field as deleting its text does, firing `input`.
   * WebDriver's own clear fires none: the app's state kept the old text,
   * and the next time the app drew the field it wrote the old text back,
   * before what a story typed next (it failed CI runs that way).
   */
  empty() {
    return this.s.execute("const el = arguments[0]; el.value = ''; el.dispatchEvent(new Event('input', {bubbles: true}));", [{ [ELEMENT]: this.id }]);
  }
  text() {
    return this.s.cmd("GET", `/element/${this.id}/text`);
  }
  property(name) {
    return this.s.cmd("GET", `/element/${this.id}/property/${name}`);
  }
  attribute(name) {
    return this.s.cmd("GET", `/element/${this.id}/attribute/${name}`);
  }
  /** Sets a <select>'s value as choosing an option does, firing `change`. */
  choose(value) {
    return this.s.execute(
      "const el = arguments[0]; el.value = arguments[1]; el.dispatchEvent(new Event('input', {bubbles: true})); el.dispatchEvent(new Event('change', {bubbles: true})); return el.value;",
      [{ [ELEMENT]: this.id }, value],
    );
  }
}

export const KEY = { CONTROL: "\uE009", ENTER: "\uE007", ESCAPE: "\uE00C", RELEASE: "\uE000" };

export function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

async function call(base, method, path, body) {
  const res = await fetch(base + path, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json.value ?? json)}`);
  return json;
}
