// Search (Ctrl+K, from anywhere): every case's titles, summaries, journal
// and documents (attached, and filed filings), cases and entries ranked
// together, a few hits per case, each case with "N more in this case" when
// it has more (that searches the case alone). Filters narrow it: this case,
// kind of entry, party, author, dates, newest first; the query is built in
// lib/search.ts. ↑/↓ choose a hit (the "more" buttons are not hits: Tab
// reaches them), Enter or a click opens the case at that entry; a hit in a
// document opens it at the entry that attached (or filed) the document.
// A hit names its case by the bare reference, or `GVA:K-2026-0001` for a
// case another office opened, as the commands take it.

import { useEffect, useMemo, useRef, useState } from "preact/hooks";

import { api, errorMessage } from "../../api";
import type { EntryKind } from "../../bindings/EntryKind";
import type { SearchHit } from "../../bindings/SearchHit";
import type { SearchQuery } from "../../bindings/SearchQuery";
import { KindBadge } from "../../components/Badges";
import { DateInput } from "../../components/DateInput";
import { Dialog } from "../../components/Dialog";
import { useDebouncedValue } from "../../components/hooks";
import { PaperclipIcon } from "../../components/Icons";
import { ErrorNote, Muted } from "../../components/Notes";
import { Snippet } from "../../components/Snippet";
import { useI18n } from "../../i18n";
import { caseKey } from "../../lib/references";
import { buildQuery, filtersSet, moreAfter, NO_FILTERS, SEARCH_KINDS, startsCase, type SearchFilters } from "../../lib/search";
import { formatDay } from "../../lib/time";
import { useOffice } from "../../office";

type Props = {
  currentCase: string | null;
  onClose: () => void;
  onOpen: (reference: string, seq: number | null) => void;
};

export function SearchPalette({ currentCase, onClose, onOpen }: Props) {
  const { t, lang } = useI18n();
  const { code: office } = useOffice();
  const [text, setText] = useState("");
  /** The one case searched (as the commands take its reference), or null: every case. */
  const [scope, setScope] = useState<string | null>(null);
  const [filters, setFilters] = useState<SearchFilters>(NO_FILTERS);
  const [showFilters, setShowFilters] = useState(false);
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [selected, setSelected] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);

  // The query as text, so that an unchanged one is not asked again; asked
  // once typing and choosing have paused.
  const query = useMemo(() => buildQuery(text, scope, filters), [text, scope, filters]);
  const settled = useDebouncedValue(query ? JSON.stringify(query) : "", 200);
  const narrowed = filtersSet(filters);

  useEffect(() => {
    if (!settled) {
      setHits(null);
      setError(null);
      return;
    }
    let current = true;
    api
      .search(JSON.parse(settled) as SearchQuery)
      .then((h) => {
        if (!current) return;
        setHits(h);
        setSelected(0);
        setError(null);
      })
      .catch((e: unknown) => current && setError(errorMessage(e)));
    return () => {
      current = false;
    };
  }, [settled]);

  useEffect(() => {
    list.current?.querySelector(`[data-index="${selected}"]`)?.scrollIntoView({ block: "nearest" });
  }, [selected]);

  const more = useMemo(() => moreAfter(hits ?? []), [hits]);

  /** The hit's case as shown and as the commands take it. */
  const referenceOf = (hit: SearchHit) => caseKey(hit.case_office, hit.case_reference, office);

  const choose = (hit: SearchHit | undefined) => {
    if (hit) onOpen(referenceOf(hit), hit.entry_seq);
  };

  const filter = (change: Partial<SearchFilters>) => setFilters((f) => ({ ...f, ...change }));

  /** Searches one case (null: every case), the words still being typed where they were. */
  const within = (reference: string | null) => {
    setScope(reference);
    input.current?.focus();
  };

  const move = (by: 1 | -1) => {
    const n = hits?.length ?? 0;
    if (n > 0) setSelected((s) => (s + by + n) % n);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      move(e.key === "ArrowDown" ? 1 : -1);
    } else if (e.key === "Enter") {
      e.preventDefault();
      choose(hits?.[selected]);
    }
  };

  return (
    <Dialog title={t("search.title")} onClose={onClose} testid="search-dialog" size="large">
      <div class="search">
        <input
          ref={input}
          type="search"
          class="search-input"
          value={text}
          placeholder={t("search.placeholder")}
          autoFocus
          aria-controls="search-results"
          aria-activedescendant={hits && hits.length > 0 ? `search-hit-${selected}` : undefined}
          aria-label={t("search.title")}
          onInput={(e) => setText(e.currentTarget.value)}
          onKeyDown={onKeyDown}
          data-testid="search-input"
        />
        <div class="search-options">
          {currentCase && (
            <label class="check">
              <input
                type="checkbox"
                checked={scope !== null && scope === currentCase}
                onChange={(e) => within(e.currentTarget.checked ? currentCase : null)}
                data-testid="search-in-case"
              />
              <span>{t("search.inCase", { reference: currentCase })}</span>
            </label>
          )}
          {scope !== null && scope !== currentCase && (
            <span class="search-scope" data-testid="search-scope" data-reference={scope}>
              <span>{t("search.inCase", { reference: scope })}</span>
              <button
                type="button"
                class="search-scope-clear"
                onClick={() => within(null)}
                title={t("search.everyCase")}
                aria-label={t("search.everyCase")}
                data-testid="search-scope-clear"
              >
                ×
              </button>
            </span>
          )}
          <button
            type="button"
            class="link"
            aria-expanded={showFilters}
            aria-controls="search-filters"
            onClick={() => setShowFilters((s) => !s)}
            data-testid="search-filters-toggle"
            data-set={narrowed}
          >
            {narrowed > 0 ? t("search.filtersSet", { count: narrowed }) : t("search.filters")}
          </button>
          <span class="spacer" />
          <span class="hint">{t("search.keys")}</span>
        </div>
        {showFilters && (
          <div id="search-filters" class="search-filters" role="group" aria-label={t("search.filters")} data-testid="search-filters">
            <label>
              <span>{t("search.kind")}</span>
              <select
                value={filters.kind ?? ""}
                onChange={(e) => filter({ kind: (e.currentTarget.value || null) as EntryKind | null })}
                data-testid="search-kind"
              >
                <option value="">{t("search.anyKind")}</option>
                {SEARCH_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`kind.${k}`)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              <span>{t("search.party")}</span>
              <input
                type="search"
                value={filters.party}
                placeholder={t("search.anyParty")}
                onInput={(e) => filter({ party: e.currentTarget.value })}
                data-testid="search-party"
              />
            </label>
            <label title={t("search.authorTitle")}>
              <span>{t("search.author")}</span>
              <input
                type="search"
                value={filters.author}
                placeholder={t("search.anyAuthor")}
                onInput={(e) => filter({ author: e.currentTarget.value })}
                data-testid="search-author"
              />
            </label>
            <label>
              <span>{t("search.from")}</span>
              <DateInput kind="date" value={filters.from} onInput={(from) => filter({ from })} testid="search-from" />
            </label>
            <label>
              <span>{t("search.to")}</span>
              <DateInput kind="date" value={filters.to} onInput={(to) => filter({ to })} testid="search-to" />
            </label>
            <label class="check">
              <input
                type="checkbox"
                checked={filters.newestFirst}
                onChange={(e) => filter({ newestFirst: e.currentTarget.checked })}
                data-testid="search-newest"
              />
              <span>{t("search.newestFirst")}</span>
            </label>
            {(narrowed > 0 || filters.newestFirst) && (
              <button type="button" class="link" onClick={() => setFilters(NO_FILTERS)} data-testid="search-filters-clear">
                {t("search.clearFilters")}
              </button>
            )}
          </div>
        )}
        <ErrorNote message={error} testid="search-error" />
        {hits && hits.length === 0 && <Muted>{narrowed > 0 ? t("search.noneFiltered") : t("search.none")}</Muted>}
        {hits && hits.length > 0 && (
          <ul ref={list} id="search-results" class="search-results" role="listbox" aria-label={t("search.results")} data-testid="search-results">
            {hits.map((h, i) => {
              const reference = referenceOf(h);
              const first = startsCase(hits, i);
              const rest = more[i] ?? 0;
              return [
                <li
                  key={`${h.case_id}:${h.entry_seq ?? "case"}:${h.document?.sha256 ?? ""}:${i}`}
                  id={`search-hit-${i}`}
                  role="option"
                  aria-selected={i === selected}
                  data-index={i}
                  class={`search-hit${i === selected ? " search-hit--selected" : ""}${first && i > 0 ? " search-hit--case" : ""}`}
                  onMouseMove={() => setSelected(i)}
                  onClick={() => choose(h)}
                  data-testid="search-result"
                  data-reference={reference}
                  data-seq={h.entry_seq ?? undefined}
                  data-document={h.document?.name}
                  data-more={h.more_in_case}
                >
                  <div class="search-hit-head">
                    <span class="ref">{reference}</span>
                    {h.entry_seq !== null ? (
                      <>
                        <span class="entry-seq">#{h.entry_seq}</span>
                        {h.entry_kind && <KindBadge kind={h.entry_kind} />}
                      </>
                    ) : (
                      <span class="muted">{t("search.caseHit")}</span>
                    )}
                    {h.occurred_at && (
                      <span class="search-hit-date" data-testid="search-hit-date">
                        {formatDay(h.occurred_at, lang)}
                      </span>
                    )}
                    {first && <span class="search-hit-title">{h.case_title}</span>}
                  </div>
                  {h.document && (
                    <div class="search-hit-document" data-testid="search-hit-document">
                      <PaperclipIcon />
                      <span class="search-hit-document-name">{h.document.name}</span>
                      {h.entry_seq !== null && <span class="muted">· {t("search.documentOf", { seq: h.entry_seq })}</span>}
                    </div>
                  )}
                  <Snippet text={h.snippet} />
                </li>,
                rest > 0 && (
                  <li key={`more:${h.case_id}:${i}`} role="none" class="search-more">
                    <button
                      type="button"
                      class="link"
                      onClick={() => within(reference)}
                      onKeyDown={(e) => {
                        if (e.key === "ArrowDown" || e.key === "ArrowUp") {
                          e.preventDefault();
                          move(e.key === "ArrowDown" ? 1 : -1);
                          input.current?.focus();
                        }
                      }}
                      title={t("search.moreTitle", { reference })}
                      data-testid="search-more"
                      data-reference={reference}
                      data-count={rest}
                    >
                      {t("search.more", { count: rest })}
                    </button>
                  </li>
                ),
              ];
            })}
          </ul>
        )}
        {!hits && !error && <Muted>{t("search.hint")}</Muted>}
      </div>
    </Dialog>
  );
}
