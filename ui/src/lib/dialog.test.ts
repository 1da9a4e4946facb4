import { describe, expect, it } from "vitest";

import { closeStep } from "./dialog";

describe("closeStep", () => {
  it("closes a dialog with nothing typed at once", () => {
    expect(closeStep(false, false, "escape")).toBe("close");
    expect(closeStep(false, false, "button")).toBe("close");
  });

  it("asks first when something was typed", () => {
    expect(closeStep(true, false, "escape")).toBe("ask");
    expect(closeStep(true, false, "button")).toBe("ask");
  });

  it("goes back to editing on a second Esc, and keeps asking on a second click", () => {
    expect(closeStep(true, true, "escape")).toBe("keep");
    expect(closeStep(true, true, "button")).toBe("ask");
  });
});
