// Cases: the list with filters by stage, party and clause, each case's
// overdue deadlines, and the "New case" form (Ctrl+N).

import { useEffect, useMemo, useState } from "preact/hooks";

import { api, errorMessage } from "../../api";
import type { Case } from "../../bindings/Case";
import type { Stage } from "../../bindings/Stage";
import { OverdueBadge, StageBadge } from "../../components/Badges";
import { useDebouncedValue, useMounted } from "../../components/hooks";
import { ErrorNote, Muted } from "../../components/Notes";
import { clauseTopic, useI18n } from "../../i18n";
import { CLAUSES } from "../../lib/newCase";
import { withShortcut } from "../../lib/shortcuts";
import { STAGES } from "../../lib/stages";
import { formatDateTime } from "../../lib/time";
import { caseRoute, type Navigate } from "../../route";
import { NewCaseDialog } from "./NewCaseDialog";

type Props = { navigate: Navigate; newCase?: number };

const PAGE = 200;

export function CasesView({ navigate, newCase }: Props) {
  const { t, locale } = useI18n();
  const [stage, setStage] = useState<Stage | "">("");
  const [partyInput, setPartyInput] = useState("");
  const [clause, setClause] = useState("");
  const party = useDebouncedValue(partyInput.trim(), 300);
  const [cases, setCases] = useState<Case[] | null>(null);
  const [knownParties, setKnownParties] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  // Rows rendered at once: a store of 10,000 cases must not put 10,000 rows in the page.
  const [limit, setLimit] = useState(PAGE);
  const mounted = useMounted();

  useEffect(() => {
    if (newCase) setCreating(true);
  }, [newCase]);

  useEffect(() => {
    let current = true;
    api
      .listCases({ stage: stage || null, party: party || null, clause: clause || null })
      .then((list) => {
        if (!current) return;
        setCases(list);
        setLimit(PAGE);
        setError(null);
        if (!stage && !party && !clause) {
          setKnownParties([...new Set(list.flatMap((c) => c.parties))].sort((a, b) => a.localeCompare(b)));
        }
      })
      .catch((e: unknown) => current && setError(errorMessage(e)));
    return () => {
      current = false;
    };
  }, [stage, party, clause]);

  const filtered = stage !== "" || party !== "" || clause !== "";
  const open = (c: Case) => navigate(caseRoute(c.reference));
  const overdueTotal = useMemo(() => (cases ?? []).reduce((n, c) => n + (c.overdue > 0 ? 1 : 0), 0), [cases]);

  return (
    <section class="view" aria-labelledby="cases-title">
      <header class="view-head">
        <h1 id="cases-title">{t("cases.title")}</h1>
        {cases && (
          <span class="muted" data-testid="cases-count">
            {t("cases.count", { count: cases.length })}
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
          <select value={stage} onChange={(e) => setStage(e.currentTarget.value as Stage | "")} data-testid="filter-stage">
            <option value="">{t("cases.filter.anyStage")}</option>
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
        {cases && cases.length > 0 && (
          <table class="table cases-table" data-testid="cases-table">
            <thead>
              <tr>
                <th scope="col">{t("cases.col.reference")}</th>
                <th scope="col">{t("cases.col.title")}</th>
                <th scope="col">{t("cases.col.parties")}</th>
                <th scope="col">{t("cases.col.stage")}</th>
                <th scope="col" class="num">
                  {t("cases.col.entries")}
                </th>
                <th scope="col">{t("cases.col.opened")}</th>
              </tr>
            </thead>
            <tbody>
              {cases.slice(0, limit).map((c) => (
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
                  data-reference={c.reference}
                  data-stage={c.stage}
                  aria-label={`${c.reference} ${c.title}`}
                >
                  <td class="nowrap ref">{c.reference}</td>
                  <td>
                    <span class="case-title">{c.title}</span> <OverdueBadge count={c.overdue} />
                  </td>
                  <td class="parties">{c.parties.join(" · ")}</td>
                  <td>
                    <StageBadge stage={c.stage} />
                  </td>
                  <td class="num">{c.entries.toLocaleString(locale)}</td>
                  <td class="nowrap">{formatDateTime(c.opened_at, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {cases && cases.length > limit && (
          <button type="button" class="link" onClick={() => setLimit((n) => n + PAGE)} data-testid="cases-more">
            {t("cases.more", { count: Math.min(PAGE, cases.length - limit).toLocaleString(locale) })}
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
