// Co-signing an agreement: which party a delegate's key signs for, when the
// case already knows them, so the dialog can choose it for them.

import type { CaseSigner } from "../bindings/CaseSigner";
import type { Identity } from "../bindings/Identity";
import type { Participant } from "../bindings/Participant";

/** What of a case view the choice needs (a `CaseView` is one). */
type Known = { case: { participants: Participant[] }; signers: Pick<CaseSigner, "name" | "fingerprint">[] };

/**
 * The party `key` signs for in a case when its person is already one of the
 * case's delegates: by the key bound to them in the case (whatever name the
 * key file carries), else by the key's name; null when they are not (yet).
 */
export function delegateParty(detail: Known, key: Pick<Identity, "name" | "fingerprint">): string | null {
  const bound = detail.signers.find((s) => s.fingerprint === key.fingerprint)?.name;
  for (const name of bound ? [bound, key.name] : [key.name]) {
    const party = detail.case.participants.find((p) => p.role === "delegate" && p.name === name && p.party)?.party;
    if (party) return party;
  }
  return null;
}
