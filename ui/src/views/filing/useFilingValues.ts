// The values typed into a template's form, kept as a draft of the case and
// that template (save_draft, ~500 ms after a change and when the composer is
// left) and filled in again when that template is chosen again; fields typed
// into meanwhile are not overwritten by a draft arriving late.

import { useEffect, useRef, useState } from "preact/hooks";

import { api } from "../../api";
import type { FieldSpec } from "../../bindings/FieldSpec";
import { useDebouncedCallback, useMounted } from "../../components/hooks";
import { filingDraftOf } from "../../lib/drafts";

/** `fields`: the chosen template's, the ones whose values are kept. */
export function useFilingValues(reference: string, templateId: string, fields: readonly FieldSpec[]) {
  const [values, setValues] = useState<Record<string, string>>({});
  const mounted = useMounted();
  // Fields typed into since the template was chosen.
  const typed = useRef(new Set<string>());

  // The template's draft fills in its form.
  useEffect(() => {
    if (!templateId) return;
    typed.current = new Set();
    let current = true;
    api
      .loadFilingDraft(reference, templateId)
      .then((kept) => {
        if (!current || !mounted.current) return;
        const restore = Object.entries(kept).filter(([name]) => !typed.current.has(name));
        if (restore.length > 0) setValues((v) => ({ ...v, ...Object.fromEntries(restore) }));
      })
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [reference, templateId, mounted]);

  const saveDraft = useDebouncedCallback((template: string, kept: Record<string, string>) => {
    api.saveFilingDraft(reference, template, kept).catch(() => undefined);
  }, 500);

  return {
    values,
    /** The user typed `value` into the field `name`. */
    set: (name: string, value: string) => {
      typed.current.add(name);
      const next = { ...values, [name]: value };
      setValues(next);
      saveDraft(templateId, filingDraftOf(fields, next));
    },
    /** Keeps the draft now (another template is about to be chosen). */
    flush: () => saveDraft.flush(),
    /** Filing removes the draft: not kept again after it… */
    cancel: () => saveDraft.cancel(),
    /** …unless filing fails. */
    keepAgain: () => saveDraft(templateId, filingDraftOf(fields, values)),
  };
}
