// Dossiers: export a case to one file (ExportCard: save dialog, progress,
// then its verification), import one (ImportCard: open dialog, what will be
// added, then add it), and verify a dossier file on its own (VerifyCard).
// The case to export is picked from the 200 most recent, or any other by
// typing its reference (CaseChoice).

import { useI18n } from "../../i18n";
import type { Navigate } from "../../route";
import { ExportCard } from "./ExportCard";
import { ImportCard } from "./ImportCard";
import { VerifyCard } from "./VerifyCard";

type Props = { navigate: Navigate; reference?: string };

export function DossierView({ navigate, reference }: Props) {
  const { t } = useI18n();
  return (
    <section class="view" aria-labelledby="dossier-title">
      <header class="view-head">
        <h1 id="dossier-title">{t("dossier.title")}</h1>
      </header>
      <div class="view-scroll cards">
        <ExportCard reference={reference} navigate={navigate} />
        <ImportCard navigate={navigate} />
        <VerifyCard />
      </div>
    </section>
  );
}
