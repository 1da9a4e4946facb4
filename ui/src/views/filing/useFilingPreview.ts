// The live preview of a filing: rendered by the core (`render_filing`) once
// the required fields are filled in and the form has settled, and again
// when the case changes; an answer to an earlier request is dropped.

import { useCallback, useEffect, useRef, useState } from "preact/hooks";

import { api, errorMessage } from "../../api";
import type { FieldSpec } from "../../bindings/FieldSpec";
import type { FilingInput } from "../../bindings/FilingInput";
import { useMounted } from "../../components/hooks";
import { missingRequired } from "../../lib/templates";

/** `settled`: the request once the form has stopped changing; `fields`: its template's. */
export function useFilingPreview(reference: string, entries: number, settled: FilingInput | null, fields: readonly FieldSpec[]) {
  const [html, setHtml] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [rendering, setRendering] = useState(false);
  const renderSeq = useRef(0);
  const mounted = useMounted();

  useEffect(() => {
    if (!settled || missingRequired(fields, settled.fields).length > 0 || !settled.filing_date) return;
    const seq = ++renderSeq.current;
    setRendering(true);
    api
      .renderFiling(reference, settled)
      .then((r) => {
        if (seq !== renderSeq.current || !mounted.current) return;
        setHtml(r.html);
        setError(null);
      })
      .catch((e: unknown) => {
        if (seq !== renderSeq.current || !mounted.current) return;
        setError(errorMessage(e));
      })
      .finally(() => seq === renderSeq.current && mounted.current && setRendering(false));
    // `fields` follow `settled`; the case's state is part of what is rendered.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [settled, reference, entries]);

  /** Another template: nothing shown until it is rendered. */
  const clear = useCallback(() => {
    setHtml(null);
    setError(null);
  }, []);

  /** Shows a page rendered elsewhere (the filing as it was filed). */
  return { html, error, rendering, show: setHtml, clear };
}
