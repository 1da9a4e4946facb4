// The journal, newest first, virtualised: only the rows in view (plus some
// overscan) are in the DOM, pages of 100 entries are loaded as the user
// scrolls, and row heights are measured after render.
//
// Entry numbers run 1..n without gaps, so row positions are known before any
// entry is loaded: the row of seq s sits below every entry after it. Heights
// start as an estimate and are corrected as rows are measured; the first
// visible row (the anchor) is kept where it is while that happens, so the
// view does not jump. A jump to an entry (from search) pins that entry as
// the anchor and it is highlighted.

import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";

import { api, errorMessage, JOURNAL_PAGE } from "../../api";
import type { Entry } from "../../bindings/Entry";
import type { EntryView } from "../../bindings/EntryView";
import { useI18n } from "../../i18n";
import { HeightIndex } from "../../lib/heights";
import { pageOf, seedPages, type PageState } from "../../lib/pages";
import type { Focus } from "../../route";
import { EntryRow, PlaceholderRow } from "./EntryRow";

/** Height assumed for an entry not measured yet (px). */
const ESTIMATE = 112;
/** Pixels rendered above and below the visible part. */
const OVERSCAN = 700;
/** Rows loaded ahead of what is rendered. */
const PREFETCH = 60;
/** A jump puts the entry this far below the top edge. */
const JUMP_MARGIN = 8;

type Props = {
  reference: string;
  /** Number of entries (the highest seq). */
  total: number;
  /** Entries already fetched (the newest, with the case): shown without asking again. */
  newest: EntryView[];
  /** Bumped after the case changed: loaded pages are fetched again. */
  version: number;
  focus?: Focus;
  onCorrect: (e: Entry) => void;
  onJump: (seq: number) => void;
};

type Anchor = { seq: number; offset: number };

export function Timeline({ reference, total, newest, version, focus, onCorrect, onJump }: Props) {
  const { t } = useI18n();
  const scroller = useRef<HTMLDivElement>(null);
  const rows = useRef<HTMLDivElement>(null);
  const heights = useRef<HeightIndex | null>(null);
  heights.current ??= new HeightIndex(total, ESTIMATE);
  const entries = useRef(new Map<number, EntryView>());
  const blocks = useRef(new Map<number, PageState>());
  const seeded = useRef(false);
  if (!seeded.current) {
    seeded.current = true;
    seedPages(newest, total, entries.current, blocks.current);
  }
  const generation = useRef(0);
  const anchor = useRef<Anchor>({ seq: total, offset: 0 });
  const frame = useRef(0);
  /** The scrollTop we set ourselves: its scroll event must not move the anchor. */
  const ownScroll = useRef<number | null>(null);
  const [viewport, setViewport] = useState({ top: 0, height: 600 });
  const [, setLoads] = useState(0);
  const [highlight, setHighlight] = useState<number | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  const index = heights.current;
  if (index.count !== total) {
    // New entries arrive at the top. A reader at the top stays at the top
    // and sees them; one further down keeps the entry they were reading.
    const atTop = anchor.current.seq === index.count && anchor.current.offset <= 0;
    index.resize(total);
    if (atTop || anchor.current.seq < 1) anchor.current = { seq: total, offset: 0 };
  }

  // Re-fetch what is loaded after a change (corrections change `corrected_by`).
  const firstVersion = useRef(version);
  useEffect(() => {
    if (version === firstVersion.current) return;
    generation.current++;
    blocks.current.clear();
    setLoads((n) => n + 1);
  }, [version]);

  const syncViewport = useCallback(() => {
    const el = scroller.current;
    if (el) setViewport({ top: el.scrollTop, height: el.clientHeight });
  }, []);

  /** Scrolls so the anchor is where it should be, after heights changed. */
  const applyAnchor = useCallback(() => {
    const el = scroller.current;
    if (!el || !heights.current) return;
    const target = Math.max(0, heights.current.top(anchor.current.seq) + anchor.current.offset);
    if (Math.abs(el.scrollTop - target) < 1) return;
    const before = el.scrollTop;
    el.scrollTop = target;
    ownScroll.current = el.scrollTop === before ? null : el.scrollTop;
  }, []);

  const onScroll = () => {
    const el = scroller.current;
    if (!el || !heights.current) return;
    const top = el.scrollTop;
    if (ownScroll.current !== null && Math.abs(top - ownScroll.current) < 1) {
      ownScroll.current = null;
    } else {
      ownScroll.current = null;
      const seq = heights.current.seqAt(top);
      anchor.current = { seq, offset: top - heights.current.top(seq) };
    }
    if (!frame.current) {
      frame.current = requestAnimationFrame(() => {
        frame.current = 0;
        syncViewport();
      });
    }
  };

  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const observer = new ResizeObserver(() => syncViewport());
    observer.observe(el);
    syncViewport();
    return () => observer.disconnect();
  }, [syncViewport]);

  // A jump: pin the entry near the top edge and highlight it.
  useEffect(() => {
    if (!focus || !heights.current) return;
    // Not clamped to the current count: a jump to an entry just made may
    // come before the case's new count does; the anchor waits for it.
    const seq = Math.max(1, focus.seq);
    anchor.current = { seq, offset: -JUMP_MARGIN };
    applyAnchor();
    syncViewport();
    setHighlight(seq);
    // The entry is pinned until the user scrolls; the highlight stays until the next jump.
  }, [focus, applyAnchor, syncViewport]);

  // Which rows to render.
  const firstSeq = index.seqAt(viewport.top - OVERSCAN);
  const lastSeq = index.seqAt(viewport.top + viewport.height + OVERSCAN);
  const seqs: number[] = [];
  for (let s = firstSeq; s >= lastSeq && s >= 1; s--) seqs.push(s);

  // Load the pages those rows (and some beyond) are in.
  useEffect(() => {
    if (total === 0) return;
    const hi = Math.min(total, firstSeq + PREFETCH);
    const lo = Math.max(1, lastSeq - PREFETCH);
    for (let b = pageOf(hi); b >= pageOf(lo); b--) {
      if (blocks.current.has(b)) continue;
      blocks.current.set(b, "loading");
      const gen = generation.current;
      api
        .journalPage(reference, (b + 1) * JOURNAL_PAGE + 1, JOURNAL_PAGE)
        .then((page) => {
          for (const view of page) entries.current.set(view.entry.seq, view);
          if (gen === generation.current) blocks.current.set(b, "loaded");
          else blocks.current.delete(b);
          setLoadError(null);
          setLoads((n) => n + 1);
        })
        .catch((e: unknown) => {
          // Left marked as loading so a broken backend is not asked in a loop; "Retry" clears it.
          setLoadError(errorMessage(e));
        });
    }
  });

  // Measure what was rendered; keep the anchor in place if heights changed.
  useLayoutEffect(() => {
    const container = rows.current;
    const idx = heights.current;
    if (!container || !idx) return;
    let changed = false;
    for (const child of Array.from(container.children)) {
      const el = child as HTMLElement;
      if (el.dataset.placeholder) continue;
      const seq = Number(el.dataset.seq);
      const h = el.offsetHeight;
      if (seq && h > 0 && idx.set(seq, h) !== 0) changed = true;
    }
    if (changed) {
      applyAnchor();
      syncViewport();
    }
  });

  // Timing for the desktop benchmark: the header and the first entries are on screen.
  const readyMarked = useRef(false);
  useEffect(() => {
    if (readyMarked.current || (total > 0 && !seqs.some((s) => entries.current.has(s)))) return;
    readyMarked.current = true;
    performance.mark("pacta:case-ready");
  });

  const retry = () => {
    for (const [b, state] of blocks.current) if (state === "loading") blocks.current.delete(b);
    setLoadError(null);
    setLoads((n) => n + 1);
  };

  const top = seqs.length > 0 ? index.top(seqs[0]!) : 0;
  return (
    <div class="timeline-wrap">
      {loadError && (
        <div class="note note--error timeline-error" role="alert" data-testid="timeline-error">
          {t("timeline.error", { message: loadError })}{" "}
          <button type="button" class="link" onClick={retry}>
            {t("common.retry")}
          </button>
        </div>
      )}
      <div
        ref={scroller}
        class="timeline"
        onScroll={onScroll}
        tabIndex={0}
        role="feed"
        aria-label={t("timeline.label")}
        aria-busy={seqs.some((s) => !entries.current.has(s))}
        data-testid="timeline"
        data-total={total}
      >
        {total === 0 && <p class="muted timeline-empty">{t("timeline.empty")}</p>}
        <div class="timeline-inner" style={{ height: `${index.total()}px` }}>
          <div ref={rows} class="timeline-rows" style={{ transform: `translateY(${top}px)` }}>
            {seqs.map((seq) => {
              const view = entries.current.get(seq);
              return view ? (
                <EntryRow
                  key={seq}
                  view={view}
                  total={total}
                  highlighted={highlight === seq}
                  onCorrect={onCorrect}
                  onJump={onJump}
                />
              ) : (
                <PlaceholderRow key={seq} seq={seq} height={index.height(seq)} />
              );
            })}
          </div>
        </div>
      </div>
    </div>
  );
}
