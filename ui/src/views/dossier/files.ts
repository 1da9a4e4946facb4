// What the dossier cards share: the file type a dossier is saved and opened
// as, and the name a case's dossier (or a copy of it) is offered under.

import type { Audience } from "../../bindings/Audience";
import type { MessageKey } from "../../i18n";
import { OFFICE, partyOf } from "../../lib/audience";
import { safeFileName } from "../../lib/pdf";

/** Dossier files are named <reference>.pacta. */
export const DOSSIER_EXTENSION = "pacta";

/** An encrypted dossier is named <reference>.pacta.age (age's own extension). */
export const SEALED_EXTENSION = "age";

/** The save dialog's filter: Pacta dossiers. */
export function dossierFilters(t: (k: MessageKey) => string) {
  return [{ name: t("dossier.fileFilter"), extensions: [DOSSIER_EXTENSION] }];
}

/** The open dialogs' filter: Pacta dossiers, encrypted ones too. */
export function openDossierFilters(t: (k: MessageKey) => string) {
  return [{ name: t("dossier.fileFilter"), extensions: [DOSSIER_EXTENSION, SEALED_EXTENSION] }];
}

/**
 * The name a case's dossier is offered under: `K-2026-0001.pacta`,
 * `GVA-K-2026-0001.pacta` for another office's case (no colon: Windows
 * refuses it in a name); a copy for the parties or for one party says so
 * (`K-2026-0001.parties.pacta`, `K-2026-0001.Kingdom of Belmont.pacta`),
 * so that it is not taken for the office's complete copy. `extension`:
 * another than the dossier's (`pdf`, for the case typeset as one PDF).
 */
export function dossierFileName(reference: string, audience: Audience = OFFICE, extension: string = DOSSIER_EXTENSION): string {
  const copy = audience === OFFICE ? "" : `.${safeFileName(partyOf(audience) ?? audience)}`;
  return `${safeFileName(reference)}${copy}.${extension}`;
}
