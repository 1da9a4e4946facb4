// The filing templates as the composer offers them: one choice per
// template id, each available in one or more languages.

import type { FieldSpec } from "../bindings/FieldSpec";
import type { Stage } from "../bindings/Stage";
import type { TemplateInfo } from "../bindings/TemplateInfo";
import { readDateField } from "./time";

export type TemplateGroup = {
  id: string;
  /** By language. */
  versions: Map<string, TemplateInfo>;
};

export const LANGUAGE_ORDER = ["en", "zh", "ru"] as const;

export function groupTemplates(list: readonly TemplateInfo[]): TemplateGroup[] {
  const groups = new Map<string, TemplateGroup>();
  for (const t of list) {
    let g = groups.get(t.id);
    if (!g) {
      g = { id: t.id, versions: new Map() };
      groups.set(t.id, g);
    }
    g.versions.set(t.language, t);
  }
  return [...groups.values()];
}

export function languagesOf(g: TemplateGroup): string[] {
  const known: string[] = LANGUAGE_ORDER.filter((l) => g.versions.has(l));
  return [...known, ...[...g.versions.keys()].filter((l) => !known.includes(l)).sort()];
}

/** The version to show a template by: the UI's language if there is one. */
export function versionFor(g: TemplateGroup, language: string): TemplateInfo {
  const v = g.versions.get(language) ?? g.versions.get("en") ?? g.versions.values().next().value;
  if (!v) throw new Error(`template ${g.id} has no versions`);
  return v;
}

export function fileableIn(g: TemplateGroup, stage: Stage): boolean {
  return [...g.versions.values()].some((t) => t.stages.includes(stage));
}

/** The label of a field in the UI's language when the template has that version. */
export function fieldLabel(g: TemplateGroup, field: FieldSpec, uiLanguage: string): string {
  return g.versions.get(uiLanguage)?.fields.find((f) => f.name === field.name)?.label ?? field.label;
}

/** Required fields left empty. */
export function missingRequired(fields: readonly FieldSpec[], values: Record<string, string>): FieldSpec[] {
  return fields.filter((f) => f.required && !(values[f.name] ?? "").trim());
}

/** Date fields holding text that is not a date as the core takes one (YYYY-MM-DD): not to be filed or previewed. */
export function unreadableDates(fields: readonly FieldSpec[], values: Record<string, string>): FieldSpec[] {
  return fields.filter((f) => {
    const v = (values[f.name] ?? "").trim();
    return f.type === "date" && v !== "" && !("value" in readDateField(v));
  });
}

/** Only the values the template declares and that are not empty. */
export function fieldValues(fields: readonly FieldSpec[], values: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fields) {
    const v = (values[f.name] ?? "").trim();
    if (v) out[f.name] = v;
  }
  return out;
}

/**
 * Whether "File it" can be pressed. Not while a filing is on its way, and not
 * again once it is filed: the journal is append-only, so a second press would
 * file a duplicate. Changing the template, a language, the date or a value
 * makes it a new filing (the composer clears `filed` then).
 */
export function canFile(s: { ready: boolean; filing: boolean; filed: boolean; missing: number; stageOk: boolean }): boolean {
  return s.ready && !s.filing && !s.filed && s.missing === 0 && s.stageOk;
}
