// Who may read an entry, a deadline or a document (the core's audience.rs):
// the office alone (its own notes, "office"), all the parties ("parties"),
// or one party ("party:NAME", a caucus; NAME as the case names the party).
// When nobody chose, the kind decides: a note is the office's, a deadline
// no party owes is a task of the office, the rest is for the parties; a
// stage move, a change of the case's details, a participant, an agreement
// and a filing are always for the parties. A copy of a dossier is made for
// one of these too: the office's is complete, the others withhold what
// their readers may not read.
//
// The forms' "For" choice holds null until the user picks one: it then
// follows the kind (or the deadline's party), and the window sends null, so
// the core decides by the same rule.

import type { Audience } from "../bindings/Audience";
import type { EntryKind } from "../bindings/EntryKind";
import type { MessageKey, Params } from "../i18n";

export const OFFICE: Audience = "office";
export const PARTIES: Audience = "parties";
const PARTY = "party:";

/** Words in the UI language (`useI18n().t`, or `translate` bound to a language). */
type Words = (key: MessageKey, params?: Params) => string;

/** What one party alone may read: "party:NAME". */
export function forParty(party: string): Audience {
  return `${PARTY}${party}`;
}

/** The party an audience is for alone; null for the office, all parties, or what is no audience. */
export function partyOf(audience: Audience): string | null {
  if (!audience.startsWith(PARTY)) return null;
  const party = audience.slice(PARTY.length).trim();
  return party === "" ? null : party;
}

/** The kinds whose entries are always for the parties: every copy of the case must show them. */
const FIXED: readonly EntryKind[] = ["stage_change", "case_change", "participant", "agreement", "filing"];

export function isFixed(kind: EntryKind): boolean {
  return FIXED.includes(kind);
}

/**
 * Whom an entry of `kind` is for when nobody chose: a note is the office's,
 * a deadline that no party owes (`party` null) is a task of the office, the
 * rest is for the parties.
 */
export function defaultFor(kind: EntryKind, party: string | null = null): Audience {
  if (kind === "note") return OFFICE;
  if (kind === "deadline" && party === null) return OFFICE;
  return PARTIES;
}

/** Whether `audience` is one of the case's: the office, all parties, or one of `parties`. */
export function fitsCase(audience: Audience, parties: readonly string[]): boolean {
  if (audience === OFFICE || audience === PARTIES) return true;
  const party = partyOf(audience);
  return party !== null && parties.includes(party);
}

/**
 * What a form's "For" choice sends: the one chosen while it still fits
 * (the kind takes a choice, and a party chosen is still a party of the
 * case), else null, for the core to decide by the kind.
 */
export function chosenAudience(kind: EntryKind, chosen: Audience | null, parties: readonly string[]): Audience | null {
  if (chosen === null || isFixed(kind) || !fitsCase(chosen, parties)) return null;
  return chosen;
}

/** What the "For" choice shows: the one chosen while it still fits, else what the kind gives. */
export function shownAudience(kind: EntryKind, chosen: Audience | null, parties: readonly string[], party: string | null = null): Audience {
  return chosenAudience(kind, chosen, parties) ?? (isFixed(kind) ? PARTIES : defaultFor(kind, party));
}

/** "Office only", "All parties", "Only Republic of Aldoria"; what is no audience as it is. */
export function audienceLabel(audience: Audience, t: Words): string {
  if (audience === OFFICE) return t("audience.office");
  if (audience === PARTIES) return t("audience.parties");
  const party = partyOf(audience);
  return party === null ? audience : t("audience.party", { party });
}

export type AudienceOption = { value: Audience; label: string };

/** The "For" choices of a case: the office only, all parties, and each party alone. */
export function audienceOptions(parties: readonly string[], t: Words): AudienceOption[] {
  return [OFFICE, PARTIES, ...parties.map(forParty)].map((value) => ({ value, label: audienceLabel(value, t) }));
}

/** Whom a copy of a dossier is for, as the "Copy for" choice names it: "The office (complete)", "All parties", a party. */
export function copyLabel(audience: Audience, t: Words): string {
  if (audience === OFFICE) return t("audience.copy.office");
  if (audience === PARTIES) return t("audience.copy.parties");
  const party = partyOf(audience);
  return party === null ? audience : t("audience.copy.party", { party });
}

/** The "Copy for" choices of a case: the office's complete copy (the default), all parties, each party. */
export function copyOptions(parties: readonly string[], t: Words): AudienceOption[] {
  return [OFFICE, PARTIES, ...parties.map(forParty)].map((value) => ({ value, label: copyLabel(value, t) }));
}

/** Whom a copy is for, within a sentence ("Copy for all parties: …"); what is no audience as it is. */
export function copyName(audience: Audience, t: Words): string {
  if (audience === OFFICE) return t("audience.copyName.office");
  if (audience === PARTIES) return t("audience.copyName.parties");
  const party = partyOf(audience);
  return party === null ? audience : t("audience.copy.party", { party });
}
