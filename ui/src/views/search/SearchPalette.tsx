// Search (Ctrl+K, from anywhere): every case's titles, summaries and
// journal, best first. ↑/↓ choose, Enter or a click opens the case at
// that entry. A hit names its case by the bare reference and its id: the
// office of a case not seen yet is looked up by the id, so that another
// office's case is shown, and opened, as `GVA:K-2026-0001`.

import { useEffect, useRef, useState } from "preact/hooks";

import { api, errorMessage } from "../../api";
import type { SearchHit } from "../../bindings/SearchHit";
import { KindBadge } from "../../components/Badges";
import { Dialog } from "../../components/Dialog";
import { useDebouncedValue } from "../../components/hooks";
import { ErrorNote, Muted } from "../../components/Notes";
import { Snippet } from "../../components/Snippet";
import { useI18n } from "../../i18n";
import { caseKey } from "../../lib/references";
import { useOffice } from "../../office";

const LIMIT = 50;

type Props = {
  currentCase: string | null;
  onClose: () => void;
  onOpen: (reference: string, seq: number | null) => void;
};

export function SearchPalette({ currentCase, onClose, onOpen }: Props) {
  const { t } = useI18n();
  const { code: office } = useOffice();
  const [query, setQuery] = useState("");
  const [onlyCase, setOnlyCase] = useState(false);
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [selected, setSelected] = useState(0);
  const [error, setError] = useState<string | null>(null);
  /** Bumped when the offices of the hits' cases have been looked up: shown again. */
  const settled = useDebouncedValue(query.trim(), 200);
  const list = useRef<HTMLUListElement>(null);
  const scope = onlyCase && currentCase ? currentCase : null;

  useEffect(() => {
    if (!settled) {
      setHits(null);
      setError(null);
      return;
    }
    let current = true;
    api
      .search(settled, scope, LIMIT)
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
  }, [settled, scope]);

  useEffect(() => {
    list.current?.querySelector(`[data-index="${selected}"]`)?.scrollIntoView({ block: "nearest" });
  }, [selected]);

  /** The hit's case as shown and as the commands take it. */
  const referenceOf = (hit: SearchHit) => caseKey(hit.case_office, hit.case_reference, office);

  const choose = (hit: SearchHit | undefined) => {
    if (hit) onOpen(referenceOf(hit), hit.entry_seq);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const n = hits?.length ?? 0;
    if (e.key === "ArrowDown" && n > 0) {
      e.preventDefault();
      setSelected((s) => (s + 1) % n);
    } else if (e.key === "ArrowUp" && n > 0) {
      e.preventDefault();
      setSelected((s) => (s - 1 + n) % n);
    } else if (e.key === "Enter") {
      e.preventDefault();
      choose(hits?.[selected]);
    }
  };

  return (
    <Dialog title={t("search.title")} onClose={onClose} testid="search-dialog" size="large">
      <div class="search">
        <input
          type="search"
          class="search-input"
          value={query}
          placeholder={t("search.placeholder")}
          autoFocus
          aria-controls="search-results"
          aria-activedescendant={hits && hits.length > 0 ? `search-hit-${selected}` : undefined}
          aria-label={t("search.title")}
          onInput={(e) => setQuery(e.currentTarget.value)}
          onKeyDown={onKeyDown}
          data-testid="search-input"
        />
        <div class="search-options">
          {currentCase && (
            <label class="check">
              <input type="checkbox" checked={onlyCase} onChange={(e) => setOnlyCase(e.currentTarget.checked)} data-testid="search-in-case" />
              <span>{t("search.inCase", { reference: currentCase })}</span>
            </label>
          )}
          <span class="spacer" />
          <span class="hint">{t("search.keys")}</span>
        </div>
        <ErrorNote message={error} testid="search-error" />
        {hits && hits.length === 0 && <Muted>{t("search.none")}</Muted>}
        {hits && hits.length > 0 && (
          <ul ref={list} id="search-results" class="search-results" role="listbox" aria-label={t("search.results")} data-testid="search-results">
            {hits.map((h, i) => {
              const reference = referenceOf(h);
              return (
                <li
                  key={`${h.case_reference}:${h.entry_seq ?? "case"}:${i}`}
                  id={`search-hit-${i}`}
                  role="option"
                  aria-selected={i === selected}
                  data-index={i}
                  class={`search-hit${i === selected ? " search-hit--selected" : ""}`}
                  onMouseMove={() => setSelected(i)}
                  onClick={() => choose(h)}
                  data-testid="search-result"
                  data-reference={reference}
                  data-seq={h.entry_seq ?? undefined}
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
                    <span class="search-hit-title">{h.case_title}</span>
                  </div>
                  <Snippet text={h.snippet} />
                </li>
              );
            })}
          </ul>
        )}
        {!hits && !error && <Muted>{t("search.hint")}</Muted>}
      </div>
    </Dialog>
  );
}
