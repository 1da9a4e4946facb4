// The journal, latest first, virtualised: only the rows in view (plus some
// overscan) are in the DOM, pages of 100 entries are loaded as the user
// scrolls, and row heights are measured after render.
//
// Entry numbers run 1..n without gaps, so row positions are known before any
// entry is loaded: there is a row ("slot") for each number, row n at the top,
// and the rows of a page hold that page's entries in the order things
// happened (their time as corrected, then their number: lib/record.ts),
// once the whole page is loaded. Pages go by number: an entry dated far
// back stays among those recorded about when it was. Heights start as an
// estimate and are corrected as rows are measured; the first visible row
// (the anchor) is kept where it is while that happens, so the view does not
// jump. A jump to an entry (from search) pins that entry as the anchor, in
// whichever row its page's order puts it, and it is highlighted.

import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";

import { api, errorMessage, JOURNAL_PAGE } from "../../api";
import type { Entry } from "../../bindings/Entry";
import type { EntryView } from "../../bindings/EntryView";
import { useI18n } from "../../i18n";
import { HeightIndex } from "../../lib/heights";
import { pageOf, seedPages, type PageState } from "../../lib/pages";
import { current, Layout, type Current } from "../../lib/record";
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
  onCorrect: (e: Entry, now: Current) => void;
  onJump: (seq: number) => void;
};

/** The row at the top of the view, and how far into it the view starts (px). */
type Anchor = { slot: number; offset: number };

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
  const anchor = useRef<Anchor>({ slot: total, offset: 0 });
  /** The entry a jump pinned at the top until the user scrolls; its row may change as its page loads. */
  const pinned = useRef<number | null>(null);
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
    const atTop = anchor.current.slot === index.count && anchor.current.offset <= 0;
    index.resize(total);
    if (atTop || anchor.current.slot < 1) anchor.current = { slot: total, offset: 0 };
  }

  // Which entry each row shows, and each entry as it reads now.
  const get = (seq: number) => entries.current.get(seq)?.entry;
  const layout = new Layout(total, get);
  if (pinned.current !== null) anchor.current = { slot: layout.slotOf(pinned.current), offset: -JUMP_MARGIN };

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

  /** Scrolls so the anchor is where it should be, after heights changed; says whether it scrolled. */
  const applyAnchor = useCallback(() => {
    const el = scroller.current;
    if (!el || !heights.current) return false;
    const target = Math.max(0, heights.current.top(anchor.current.slot) + anchor.current.offset);
    if (Math.abs(el.scrollTop - target) < 1) return false;
    const before = el.scrollTop;
    el.scrollTop = target;
    ownScroll.current = el.scrollTop === before ? null : el.scrollTop;
    return ownScroll.current !== null;
  }, []);

  const onScroll = () => {
    const el = scroller.current;
    if (!el || !heights.current) return;
    const top = el.scrollTop;
    if (ownScroll.current !== null && Math.abs(top - ownScroll.current) < 1) {
      ownScroll.current = null;
    } else {
      ownScroll.current = null;
      pinned.current = null;
      const slot = heights.current.seqAt(top);
      anchor.current = { slot, offset: top - heights.current.top(slot) };
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
    pinned.current = seq;
    anchor.current = { slot: new Layout(heights.current.count, (s) => entries.current.get(s)?.entry).slotOf(seq), offset: -JUMP_MARGIN };
    applyAnchor();
    syncViewport();
    setHighlight(seq);
    // The entry is pinned until the user scrolls; the highlight stays until the next jump.
  }, [focus, applyAnchor, syncViewport]);

  // Which rows to render, and what they show.
  const firstSlot = index.seqAt(viewport.top - OVERSCAN);
  const lastSlot = index.seqAt(viewport.top + viewport.height + OVERSCAN);
  const slots: number[] = [];
  for (let s = firstSlot; s >= lastSlot && s >= 1; s--) slots.push(s);
  const shown = slots.map((slot) => {
    const seq = layout.seqAt(slot);
    const view = entries.current.get(seq);
    return { slot, seq, view, now: view ? current(view.entry, get) : null };
  });

  // Load the pages those rows (and some beyond) are in, and the pages of
  // corrections of what is shown that are not loaded yet.
  useEffect(() => {
    if (total === 0) return;
    const hi = Math.min(total, firstSlot + PREFETCH);
    const lo = Math.max(1, lastSlot - PREFETCH);
    const wanted = new Set<number>();
    for (let b = pageOf(hi); b >= pageOf(lo); b--) wanted.add(b);
    for (const row of shown) for (const seq of row.now?.missing ?? []) if (seq <= total) wanted.add(pageOf(seq));
    for (const b of [...wanted].sort((x, y) => y - x)) {
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
      const slot = Number(el.dataset.slot);
      const h = el.offsetHeight;
      if (slot && h > 0 && idx.set(slot, h) !== 0) changed = true;
    }
    if (changed) {
      applyAnchor();
      syncViewport();
    } else if (pinned.current !== null && applyAnchor()) {
      // A pinned entry whose page came in may have moved to another row.
      syncViewport();
    }
  });

  // Timing for the desktop benchmark: the header and the first entries are on screen.
  const readyMarked = useRef(false);
  useEffect(() => {
    if (readyMarked.current || (total > 0 && !shown.some((row) => row.view))) return;
    readyMarked.current = true;
    performance.mark("pacta:case-ready");
  });

  const retry = () => {
    for (const [b, state] of blocks.current) if (state === "loading") blocks.current.delete(b);
    setLoadError(null);
    setLoads((n) => n + 1);
  };

  const top = slots.length > 0 ? index.top(slots[0]!) : 0;
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
        aria-busy={shown.some((row) => !row.view)}
        data-testid="timeline"
        data-total={total}
      >
        {total === 0 && <p class="muted timeline-empty">{t("timeline.empty")}</p>}
        <div class="timeline-inner" style={{ height: `${index.total()}px` }}>
          <div ref={rows} class="timeline-rows" style={{ transform: `translateY(${top}px)` }}>
            {shown.map(({ slot, seq, view, now }) =>
              view && now ? (
                <EntryRow
                  key={seq}
                  view={view}
                  now={now}
                  slot={slot}
                  total={total}
                  highlighted={highlight === seq}
                  getView={(n) => entries.current.get(n)}
                  onCorrect={onCorrect}
                  onJump={onJump}
                />
              ) : (
                <PlaceholderRow key={`slot-${slot}`} seq={slot} height={index.height(slot)} />
              ),
            )}
          </div>
        </div>
      </div>
    </div>
  );
}
