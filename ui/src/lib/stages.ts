// The stages a case can be in, in the order the UI lists them (the cases
// filter, stage names in the journal and in the core's sentences). Which
// moves a case may make is the core's to say: its case view carries them
// (`CaseView.allowed_moves`; none once the case has ended).

import type { Stage } from "../bindings/Stage";

export const STAGES: readonly Stage[] = [
  "consultation",
  "mediation",
  "settlement",
  "closed",
  "withdrawn",
  "referred",
];

/** Whether a string the core sent (a conflict's subject, a side's decision) is a stage. */
export function isStage(s: string): s is Stage {
  return (STAGES as readonly string[]).includes(s);
}
