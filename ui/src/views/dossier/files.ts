// What the dossier cards share: the file type a dossier is saved and opened as.

import type { MessageKey } from "../../i18n";

/** Dossier files are named <reference>.pacta. */
export const DOSSIER_EXTENSION = "pacta";

/** The save and open dialogs' filter: Pacta dossiers. */
export function dossierFilters(t: (k: MessageKey) => string) {
  return [{ name: t("dossier.fileFilter"), extensions: [DOSSIER_EXTENSION] }];
}
