import { describe, expect, it } from "vitest";

import { delegateParty } from "./cosign";

const ana = { name: "Ana Aldor", fingerprint: "SHA256:ana" };

describe("the party a delegate's key co-signs for", () => {
  it("is the party of the delegate of that name", () => {
    const detail = {
      case: {
        participants: [
          { name: "Ana Aldor", role: "mediator" as const, party: null },
          { name: "Ana Aldor", role: "delegate" as const, party: "Republic of Aldoria" },
        ],
      },
      signers: [],
    };
    expect(delegateParty(detail, ana)).toBe("Republic of Aldoria");
  });

  it("is the party of the person the key is bound to in the case, whatever name the file carries", () => {
    const detail = {
      case: { participants: [{ name: "A. Aldor", role: "delegate" as const, party: "Republic of Aldoria" }] },
      signers: [{ name: "A. Aldor", fingerprint: "SHA256:ana" }],
    };
    expect(delegateParty(detail, ana)).toBe("Republic of Aldoria");
  });

  it("is none for someone who is not a delegate of the case yet", () => {
    const detail = {
      case: { participants: [{ name: "Ana Aldor", role: "mediator" as const, party: null }] },
      signers: [{ name: "Someone Else", fingerprint: "SHA256:other" }],
    };
    expect(delegateParty(detail, ana)).toBeNull();
  });
});
