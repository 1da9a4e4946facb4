// What the dossier cards share: the file type a dossier is saved and opened
// as, and the name a case's dossier is offered under.

import type { MessageKey } from "../../i18n";

/** Dossier files are named <reference>.pacta. */
export const DOSSIER_EXTENSION = "pacta";

/** The save and open dialogs' filter: Pacta dossiers. */
export function dossierFilters(t: (k: MessageKey) => string) {
  return [{ name: t("dossier.fileFilter"), extensions: [DOSSIER_EXTENSION] }];
}

/** The name a case's dossier is offered under: `K-2026-0001.pacta`, `GVA-K-2026-0001.pacta` for another office's case (no colon: Windows refuses it in a name). */
export function dossierFileName(reference: string): string {
  return `${reference.replace(/:/g, "-")}.${DOSSIER_EXTENSION}`;
}
