// A case's reference as the window shows it and as the commands take it:
// `K-2026-0001` for this office's cases, `GVA:K-2026-0001` for a case
// another office opened (two offices may each have a K-2026-0001). The
// commands accept both forms wherever a reference is taken; the qualified
// one always names the one case.

/** The reference to show and to give the commands: qualified by its office unless the case is this office's (or names none). */
export function caseKey(office: string | null | undefined, reference: string, mine: string | null): string {
  return office && office !== mine ? `${office}:${reference}` : reference;
}

/** `caseKey` of a case (or anything with its office and reference). */
export function keyOf(c: { office: string | null; reference: string }, mine: string | null): string {
  return caseKey(c.office, c.reference, mine);
}

/** Whether an office code is another office's (not this installation's); null: none recorded. */
export function isOtherOffice(office: string | null | undefined, mine: string | null): office is string {
  return !!office && office !== mine;
}
