import { describe, expect, it } from "vitest";

import { OFFER_DISMISSED_KEY, offerDismissed, offersEncryption, passphraseProblem, rememberOfferDismissed } from "./encryption";

describe("passphraseProblem", () => {
  it("accepts the same passphrase typed twice", () => {
    expect(passphraseProblem("correct horse battery staple", "correct horse battery staple")).toBeNull();
    expect(passphraseProblem(" x ", " x ")).toBeNull();
  });

  it("asks for one when none, or only spaces, is typed", () => {
    expect(passphraseProblem("", "")).toBe("missing");
    expect(passphraseProblem("   ", "   ")).toBe("missing");
    expect(passphraseProblem("", "something")).toBe("missing");
  });

  it("refuses two that differ, even by a space or a letter's case", () => {
    expect(passphraseProblem("correct horse", "correct horse ")).toBe("mismatch");
    expect(passphraseProblem("Correct horse", "correct horse")).toBe("mismatch");
    expect(passphraseProblem("correct horse", "")).toBe("mismatch");
  });
});

describe("offersEncryption", () => {
  const firstRun = { encrypted: false, locked: false, empty: true };

  it("offers it on a first run: a plain, empty data folder that can be written", () => {
    expect(offersEncryption(firstRun, false, false)).toBe(true);
  });

  it("does not offer it otherwise", () => {
    expect(offersEncryption(null, false, false)).toBe(false);
    expect(offersEncryption({ ...firstRun, empty: false }, false, false)).toBe(false);
    expect(offersEncryption({ ...firstRun, encrypted: true }, false, false)).toBe(false);
    expect(offersEncryption({ encrypted: true, locked: true, empty: false }, false, false)).toBe(false);
    expect(offersEncryption(firstRun, true, false)).toBe(false);
    expect(offersEncryption(firstRun, false, true)).toBe(false);
  });
});

describe("the offer turned down", () => {
  const memory = () => {
    const kept = new Map<string, string>();
    return { getItem: (k: string) => kept.get(k) ?? null, setItem: (k: string, v: string) => void kept.set(k, v), kept };
  };

  it("is remembered under its key", () => {
    const storage = memory();
    expect(offerDismissed(storage)).toBe(false);
    rememberOfferDismissed(storage);
    expect(offerDismissed(storage)).toBe(true);
    expect(storage.kept.get(OFFER_DISMISSED_KEY)).toBe("1");
  });

  it("is offered again where nothing can be remembered", () => {
    const broken = {
      getItem: (): string | null => {
        throw new Error("denied");
      },
      setItem: () => {
        throw new Error("denied");
      },
    };
    expect(() => rememberOfferDismissed(broken)).not.toThrow();
    expect(offerDismissed(broken)).toBe(false);
    expect(offerDismissed(null)).toBe(false);
  });
});
