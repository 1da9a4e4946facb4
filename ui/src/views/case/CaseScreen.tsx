// A case: its header with the stage moves allowed now, the virtualised
// journal with the quick log beneath it, and deadlines, participants and
// documents at the side. The filing composer opens in place of the journal.
// The case is read again after every change to it, made here or brought by
// a sync with the office server.

import { useCallback, useEffect, useLayoutEffect, useState } from "preact/hooks";

import { api, errorMessage } from "../../api";
import type { CaseView } from "../../bindings/CaseView";
import type { Entry } from "../../bindings/Entry";
import type { EntryView } from "../../bindings/EntryView";
import { ErrorNote, Muted } from "../../components/Notes";
import { useMounted } from "../../components/hooks";
import { useI18n } from "../../i18n";
import { caseReads } from "../../caseRead";
import type { Current } from "../../lib/record";
import { keyOf } from "../../lib/references";
import { useOffice } from "../../office";
import type { Focus, Navigate } from "../../route";
import { useAfterPull } from "../../sync";
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
  /** The entry a correction is being written for, and how the record reads it now. */
  const [correcting, setCorrecting] = useState<{ entry: Entry; now: Current } | null>(null);
  const mounted = useMounted();

  const refresh = useCallback(async (withNewest = false) => {
    try {
      const [d, page] = withNewest ? await caseReads.take(reference) : [await api.getCase(reference), null];
      // Timing for the desktop benchmark: the store's answers are in.
      if (page) performance.mark("pacta:case-data");
      if (!mounted.current) return;
      if (page) setNewest(page);
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
  // A sync brought entries (to this case or another): read again, as after a
  // change made here; what is being typed (the quick log, a dialog) stays.
  useAfterPull(changed);

  // An entry logged with an earlier time takes its place among what happened
  // then, further down: the journal shows it there. One of now is at the top.
  const logged = useCallback(
    (e: Entry) => {
      changed();
      if (e.occurred_at !== e.recorded_at) jumpTo(e.seq);
    },
    [changed, jumpTo],
  );

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
              onCorrect={(entry, now) => setCorrecting({ entry, now })}
              onJump={jumpTo}
            />
            <QuickLog reference={key} parties={c.parties} onLogged={logged} />
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
          entry={correcting.entry}
          now={correcting.now}
          onClose={() => setCorrecting(null)}
          onDone={() => {
            const corrected = correcting.entry.seq;
            setCorrecting(null);
            changed();
            // To the entry corrected: it shows what changed, and what the correction says.
            jumpTo(corrected);
          }}
        />
      )}
    </section>
  );
}
