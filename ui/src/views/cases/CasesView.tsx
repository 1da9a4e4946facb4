// Cases: the list with filters by stage (or every open or ended stage),
// party and clause, sorted by a column heading, each case's overdue
// deadlines, and the "New case" form (Ctrl+N). The list comes from the shell
// a page of 200 at a time, newest first unless sorted otherwise (the core
// sorts, so the pages follow one another): a store of 10,000 cases is
// neither sent nor rendered whole. After a sync that brought cases or
// entries, the rows shown are read again. At a first run (a plain data folder with
// no case yet), the empty list offers to encrypt the data folder.

import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "preact/hooks";

import { api, CASES_PAGE, errorMessage } from "../../api";
import type { Case } from "../../bindings/Case";
import type { CaseFilterInput } from "../../bindings/CaseFilterInput";
import type { CaseSort } from "../../bindings/CaseSort";
import type { StageFilter } from "../../bindings/StageFilter";
import { ConflictBadge, OverdueBadge, StageBadge } from "../../components/Badges";
import { EncryptOffer } from "../../components/Encryption";
import { useDebouncedValue, useMounted } from "../../components/hooks";
import { ErrorNote, Muted } from "../../components/Notes";
import { useDataDir } from "../../dataDir";
import { clauseTopic, useI18n } from "../../i18n";
import { ariaSort, nextOrder, type CaseOrder } from "../../lib/caseSort";
import { CLAUSES } from "../../lib/newCase";
import { withShortcut } from "../../lib/shortcuts";
import { STAGES } from "../../lib/stages";
import { formatNumber } from "../../lib/format";
import { keyOf } from "../../lib/references";
import { formatDateTime } from "../../lib/time";
import { warmUpFonts } from "../../lib/warmup";
import { useOffice } from "../../office";
import { caseRoute, type Navigate } from "../../route";
import { takeFirstCases } from "../../startup";
import { useAfterPull } from "../../sync";
import { NewCaseDialog } from "./NewCaseDialog";

type Props = { navigate: Navigate; newCase?: number };

/** `ui_ready` goes to the shell once per app start, when the list has first been shown. */
let uiReadySent = false;

function announceUiReady() {
  if (uiReadySent) return;
  uiReadySent = true;
  // The fonts are warmed once the shell has heard: not to hold up the word.
  api
    .uiReady()
    .catch(() => undefined)
    .finally(() => warmUpFonts());
}

const mergeParties = (known: string[], cases: Case[]) => {
  const all = new Set(known);
  for (const c of cases) for (const p of c.parties) all.add(p);
  return all.size === known.length ? known : [...all].sort((a, b) => a.localeCompare(b));
};

/** The filters and order last chosen, kept while the app runs: back from a case, the list is as it was left. */
const chosen: { stage: StageFilter | ""; order: CaseOrder | null; party: string; clause: string } = {
  stage: "",
  order: null,
  party: "",
  clause: "",
};

export function CasesView({ navigate, newCase }: Props) {
  const { t, lang, locale } = useI18n();
  const { code: office } = useOffice();
  const { offer: offerEncryption } = useDataDir();
  const [stage, setStage] = useState<StageFilter | "">(chosen.stage);
  const [order, setOrder] = useState<CaseOrder | null>(chosen.order);
  const [partyInput, setPartyInput] = useState(chosen.party);
  const [clause, setClause] = useState(chosen.clause);
  useEffect(() => {
    Object.assign(chosen, { stage, order, party: partyInput, clause });
  }, [stage, order, partyInput, clause]);
  const party = useDebouncedValue(partyInput.trim(), 300);
  /** The pages loaded so far, and how many cases match the filter in all. */
  const [cases, setCases] = useState<Case[] | null>(null);
  const [total, setTotal] = useState(0);
  const [loadingMore, setLoadingMore] = useState(false);
  /** Parties seen in the pages loaded so far: suggestions for the party filter. */
  const [knownParties, setKnownParties] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const mounted = useMounted();

  useEffect(() => {
    if (newCase) setCreating(true);
  }, [newCase]);

  const filter: CaseFilterInput = useMemo(
    () => ({
      stage: stage || null,
      party: party || null,
      clause: clause || null,
      sort: order?.by ?? null,
      descending: order?.descending ?? false,
    }),
    [stage, party, clause, order],
  );
  /** The filter now chosen, and the one the rows on screen were loaded with: a page asked for under another is dropped. */
  const latestFilter = useRef(filter);
  latestFilter.current = filter;
  const rowsFilter = useRef<CaseFilterInput | null>(null);

  // The first page, on load and whenever the filter changes; asked for
  // before the frame is painted, so the answer comes while it is.
  useLayoutEffect(() => {
    let current = true;
    setLoadingMore(false);
    takeFirstCases(filter)
      .then((page) => {
        if (!current) return;
        rowsFilter.current = filter;
        setCases(page.cases);
        setTotal(page.total);
        setError(null);
        setKnownParties((known) => mergeParties(known, page.cases));
      })
      .catch((e: unknown) => current && setError(errorMessage(e)));
    return () => {
      current = false;
    };
  }, [filter]);

  // The next page, appended.
  const loadMore = () => {
    if (!cases || loadingMore || rowsFilter.current !== filter) return;
    setLoadingMore(true);
    const current = () => mounted.current && latestFilter.current === filter;
    api
      .listCases(filter, cases.length, CASES_PAGE)
      .then((page) => {
        if (!current()) return;
        // A case opened meanwhile shifts the pages by one: skip what is already shown.
        setCases((shown) => {
          const have = new Set((shown ?? []).map((c) => c.id));
          return [...(shown ?? []), ...page.cases.filter((c) => !have.has(c.id))];
        });
        setTotal(page.total);
        setError(null);
        setKnownParties((known) => mergeParties(known, page.cases));
      })
      .catch((e: unknown) => current() && setError(errorMessage(e)))
      .finally(() => current() && setLoadingMore(false));
  };

  // A sync brought cases or entries: the rows shown are read again, as many
  // as are shown, under the filter chosen (what is typed in it stays).
  const shown = useRef(0);
  shown.current = cases?.length ?? 0;
  useAfterPull(() => {
    const asked = latestFilter.current;
    const current = () => mounted.current && latestFilter.current === asked;
    api
      .listCases(asked, 0, Math.max(shown.current, CASES_PAGE))
      .then((page) => {
        if (!current()) return;
        rowsFilter.current = asked;
        setCases(page.cases);
        setTotal(page.total);
        setError(null);
        setKnownParties((known) => mergeParties(known, page.cases));
      })
      .catch((e: unknown) => current() && setError(errorMessage(e)));
  });

  // Timings for the desktop benchmark, and the shell told once that the first screen is up.
  useEffect(() => {
    if (cases && cases.length > 0) performance.mark("pacta:cases-ready");
  }, [cases]);
  useEffect(() => {
    if (cases || error) announceUiReady();
  }, [cases, error]);

  const filtered = stage !== "" || party !== "" || clause !== "";
  // A heading that sorts the list by its column (a second click turns it round).
  const sortable = (column: CaseSort) => {
    const sorted = ariaSort(order, column);
    return (
      <th scope="col" aria-sort={sorted}>
        <button
          type="button"
          class="sort-heading"
          onClick={() => setOrder((o) => nextOrder(o, column))}
          title={t("cases.sortBy", { column: t(`cases.col.${column}`) })}
          data-testid={`sort-${column}`}
        >
          {t(`cases.col.${column}`)}
          <span aria-hidden="true">{sorted === "ascending" ? " ▲" : sorted === "descending" ? " ▼" : ""}</span>
        </button>
      </th>
    );
  };
  const open = (c: Case) => navigate(caseRoute(keyOf(c, office)));
  const complete = cases !== null && cases.length >= total;
  // Only counted once every matching case is here; a count of the loaded pages would mislead.
  const overdueTotal = useMemo(() => (complete && cases ? cases.reduce((n, c) => n + (c.overdue > 0 ? 1 : 0), 0) : 0), [cases, complete]);

  return (
    <section class="view" aria-labelledby="cases-title">
      <header class="view-head">
        <h1 id="cases-title">{t("cases.title")}</h1>
        {cases && (
          <span class="muted" data-testid="cases-count" data-shown={cases.length} data-total={total}>
            {complete
              ? t("cases.count", { count: formatNumber(total, locale) })
              : t("cases.countOf", { shown: formatNumber(cases.length, locale), total: formatNumber(total, locale) })}
            {overdueTotal > 0 && ` · ${t("cases.withOverdue", { count: overdueTotal })}`}
          </span>
        )}
        <div class="spacer" />
        <button
          type="button"
          class="primary"
          onClick={() => setCreating(true)}
          title={withShortcut(t("cases.new"), "new_case")}
          data-testid="new-case"
        >
          + {t("cases.new")}
        </button>
      </header>

      <div class="filters" role="search" aria-label={t("cases.filters")}>
        <label>
          <span>{t("cases.filter.stage")}</span>
          <select value={stage} onChange={(e) => setStage(e.currentTarget.value as StageFilter | "")} data-testid="filter-stage">
            <option value="">{t("cases.filter.anyStage")}</option>
            <option value="open">{t("cases.filter.openStages")}</option>
            <option value="ended">{t("cases.filter.endedStages")}</option>
            {STAGES.map((s) => (
              <option key={s} value={s}>
                {t(`stage.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t("cases.filter.party")}</span>
          <input
            type="search"
            list="known-parties"
            value={partyInput}
            placeholder={t("cases.filter.anyParty")}
            onInput={(e) => setPartyInput(e.currentTarget.value)}
            data-testid="filter-party"
          />
          <datalist id="known-parties">
            {knownParties.map((p) => (
              <option key={p} value={p} />
            ))}
          </datalist>
        </label>
        <label>
          <span>{t("cases.filter.clause")}</span>
          <select value={clause} onChange={(e) => setClause(e.currentTarget.value)} data-testid="filter-clause">
            <option value="">{t("cases.filter.anyClause")}</option>
            {CLAUSES.map((c) => (
              <option key={c} value={c}>
                ({c}) {clauseTopic(t, c)}
              </option>
            ))}
          </select>
        </label>
        {filtered && (
          <button
            type="button"
            class="link"
            onClick={() => {
              setStage("");
              setPartyInput("");
              setClause("");
            }}
            data-testid="filter-clear"
          >
            {t("cases.filter.clear")}
          </button>
        )}
      </div>

      <ErrorNote message={error} />

      <div class="view-scroll">
        {cases && cases.length === 0 && <Muted>{filtered ? t("cases.emptyFiltered") : t("cases.empty")}</Muted>}
        {cases && cases.length === 0 && !filtered && offerEncryption && <EncryptOffer />}
        {cases && cases.length > 0 && (
          <table class="table cases-table" data-testid="cases-table">
            <thead>
              <tr>
                {sortable("reference")}
                {sortable("title")}
                <th scope="col">{t("cases.col.parties")}</th>
                {sortable("stage")}
                <th scope="col" class="num">
                  {t("cases.col.entries")}
                </th>
                {sortable("opened")}
              </tr>
            </thead>
            <tbody>
              {cases.map((c) => {
                /** As the window shows it and the commands take it: `GVA:K-2026-0001` for another office's case. */
                const reference = keyOf(c, office);
                return (
                  <tr
                    key={c.id}
                    class="row-link"
                    tabIndex={0}
                    onClick={() => open(c)}
                    onKeyDown={(e) => {
                      if (e.key === "Enter" || e.key === " ") {
                        e.preventDefault();
                        open(c);
                      }
                    }}
                    data-testid="case-row"
                    data-reference={reference}
                    data-stage={c.stage}
                    aria-label={`${reference} ${c.title}`}
                  >
                    <td class="nowrap ref">{reference}</td>
                    <td>
                      <span class="case-title">{c.title}</span> <OverdueBadge count={c.overdue} /> <ConflictBadge count={c.conflicts} />
                    </td>
                    <td class="parties">{c.parties.join(" · ")}</td>
                    <td>
                      <StageBadge stage={c.stage} />
                    </td>
                    <td class="num">{formatNumber(c.entries, locale)}</td>
                    <td class="nowrap">{formatDateTime(c.opened_at, lang)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        {cases && !complete && (
          <button type="button" class="link" disabled={loadingMore} aria-busy={loadingMore} onClick={loadMore} data-testid="cases-more">
            {loadingMore ? t("common.loading") : t("cases.more", { count: formatNumber(Math.min(CASES_PAGE, total - cases.length), locale) })}
          </button>
        )}
      </div>

      {creating && (
        <NewCaseDialog
          onClose={() => setCreating(false)}
          onCreated={(c) => {
            if (!mounted.current) return;
            setCreating(false);
            navigate(caseRoute(c.reference));
          }}
        />
      )}
    </section>
  );
}
