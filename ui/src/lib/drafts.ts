// Drafts: what the quick log and the filing composer keep of what was typed
// but not yet saved (the core stores it beside the database, per case), and
// how a kept draft fills the form in again.

import type { EntryKind } from "../bindings/EntryKind";
import type { FieldSpec } from "../bindings/FieldSpec";
import type { QuickLogDraft } from "../bindings/QuickLogDraft";
import { localInputToRfc3339, toTimeField } from "./time";

/** The quick log's kind until the user picks another. */
export const DEFAULT_KIND: EntryKind = "note";

/** The quick log's form: `time` (the field's text, "2026-11-26 14:30") follows the clock until `timeEdited`. */
export type LogForm = {
  kind: EntryKind;
  time: string;
  timeEdited: boolean;
  /** Where it happened ("" when not said). */
  place: string;
  body: string;
  attachments: string[];
};

/** The draft to keep of the quick log: the kind if not the default, the time only if the user changed it. */
export function logDraftOf(form: LogForm): QuickLogDraft {
  return {
    body: form.body,
    kind: form.kind === DEFAULT_KIND ? null : form.kind,
    occurred_at: form.timeEdited ? localInputToRfc3339(form.time) : null,
    place: form.place,
    attachments: form.attachments,
  };
}

/** Nothing worth keeping (the shell removes such a draft). */
export function isEmptyLogDraft(d: QuickLogDraft): boolean {
  return !d.body.trim() && d.kind === null && d.occurred_at === null && !d.place.trim() && d.attachments.length === 0;
}

/**
 * The quick log's form from a kept draft. A kind the quick log does not
 * offer falls back to the default; a time that does not read as one
 * follows the clock again.
 */
export function logFormOf(d: QuickLogDraft, loggable: readonly EntryKind[], now: Date = new Date()): LogForm {
  const at = d.occurred_at ? new Date(d.occurred_at) : null;
  const timed = at !== null && !Number.isNaN(at.getTime());
  return {
    kind: d.kind && loggable.includes(d.kind) ? d.kind : DEFAULT_KIND,
    time: toTimeField(timed ? at : now),
    timeEdited: timed,
    place: d.place,
    body: d.body,
    attachments: [...new Set(d.attachments)],
  };
}

/** The values to keep of a filing form: those of the template's own fields that hold text. */
export function filingDraftOf(fields: readonly FieldSpec[], values: Record<string, string>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const f of fields) {
    const v = values[f.name];
    if (v !== undefined && v.trim() !== "") kept[f.name] = v;
  }
  return kept;
}
