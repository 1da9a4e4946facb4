// A case: its header with the stage moves allowed now, the virtualised
// journal with the quick log beneath it, and deadlines, participants and
// documents at the side. The filing composer opens in place of the journal.

import { useCallback, useEffect, useLayoutEffect, useState } from "preact/hooks";

import { api, errorMessage } from "../../api";
import type { CaseView } from "../../bindings/CaseView";
import type { Entry } from "../../bindings/Entry";
import type { EntryView } from "../../bindings/EntryView";
import { ErrorNote, Muted } from "../../components/Notes";
import { useMounted } from "../../components/hooks";
import { useI18n } from "../../i18n";
import { keyOf } from "../../lib/references";
import { useOffice } from "../../office";
import type { Focus, Navigate } from "../../route";
import { FilingComposer } from "../filing/FilingComposer";
import { CaseHeader } from "./CaseHeader";
import { CorrectDialog } from "./CorrectDialog";
import { QuickLog } from "./QuickLog";
import { AgreementsPanel, DeadlinesPanel, DocumentsPanel, ParticipantsPanel } from "./SidePanels";
import { Timeline } from "./Timeline";

type Props = {
  reference: string;
  tab: "journal" | "filing";
  focus?: Focus;
  navigate: Navigate;
};

let jumpNonce = 0;

export function CaseScreen({ reference, tab, focus: routeFocus, navigate }: Props) {
  const { t } = useI18n();
  const { code: office, recheck } = useOffice();
  const [detail, setDetail] = useState<CaseView | null>(null);
  /** The newest entries, fetched with the case the first time so the journal shows with it. */
  const [newest, setNewest] = useState<EntryView[]>([]);
  const [error, setError] = useState<string | null>(null);
  /** Bumped after every change to the case: the journal reloads what it shows. */
  const [version, setVersion] = useState(0);
  const [focus, setFocus] = useState<Focus | undefined>(routeFocus);
  const [correcting, setCorrecting] = useState<Entry | null>(null);
  const mounted = useMounted();

  const refresh = useCallback(async (withNewest = false) => {
    try {
      const [d, page] = await Promise.all([api.getCase(reference), withNewest ? api.journalPage(reference, null) : []]);
      if (!mounted.current) return;
      if (withNewest) setNewest(page);
      setDetail(d);
      setVersion((v) => v + 1);
      setError(null);
      // A write may have given this office its code (the first case opened, when none was chosen).
      recheck();
    } catch (e) {
      if (mounted.current) setError(errorMessage(e));
    }
  }, [reference, mounted, recheck]);

  // Asked for before the first paint rather than after it: a frame sooner.
  useLayoutEffect(() => {
    void refresh(true);
  }, [refresh]);

  useEffect(() => {
    if (routeFocus) setFocus(routeFocus);
  }, [routeFocus]);

  const jumpTo = useCallback((seq: number) => {
    setFocus({ seq, nonce: ++jumpNonce });
  }, []);

  const changed = useCallback(() => void refresh(), [refresh]);

  if (!detail) {
    return (
      <section class="view">
        {error ? <ErrorNote message={error} testid="case-error" /> : <Muted>{t("common.loading")}</Muted>}
      </section>
    );
  }

  const c = detail.case;
  /** As the window shows it and the commands take it: `GVA:K-2026-0001` for another office's case. */
  const key = keyOf(c, office);
  return (
    <section class="view view--case" aria-label={`${key} ${c.title}`} data-testid="case-view" data-reference={key}>
      <CaseHeader detail={detail} reference={key} tab={tab} navigate={navigate} onChanged={changed} onJump={jumpTo} />
      <ErrorNote message={error} />
      {tab === "filing" ? (
        <FilingComposer
          detail={detail}
          reference={key}
          onFiled={changed}
          onShowEntry={(seq) => {
            navigate({ view: "case", reference: key, tab: "journal", focus: { seq, nonce: ++jumpNonce } });
          }}
        />
      ) : (
        <div class="case-body">
          <div class="journal-column">
            <Timeline
              key={key}
              reference={key}
              total={c.entries}
              newest={newest}
              version={version}
              focus={focus}
              onCorrect={setCorrecting}
              onJump={jumpTo}
            />
            <QuickLog reference={key} onLogged={changed} />
          </div>
          <aside class="case-side" aria-label={t("case.side")}>
            <DeadlinesPanel detail={detail} reference={key} onChanged={changed} onJump={jumpTo} />
            <AgreementsPanel detail={detail} reference={key} onChanged={changed} onJump={jumpTo} />
            <ParticipantsPanel detail={detail} reference={key} onChanged={changed} />
            <DocumentsPanel detail={detail} reference={key} onChanged={changed} onJump={jumpTo} />
          </aside>
        </div>
      )}
      {correcting && (
        <CorrectDialog
          reference={key}
          entry={correcting}
          onClose={() => setCorrecting(null)}
          onDone={(entry) => {
            setCorrecting(null);
            changed();
            jumpTo(entry.seq);
          }}
        />
      )}
    </section>
  );
}
