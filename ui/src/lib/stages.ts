// The stage rules as the UI needs them: which moves to offer. Mirrors
// `Stage::allowed_moves` in crates/core/src/stage.rs; the backend still
// refuses anything else, this only decides which buttons to show.

import type { Stage } from "../bindings/Stage";

export const STAGES: readonly Stage[] = [
  "consultation",
  "mediation",
  "settlement",
  "closed",
  "withdrawn",
  "referred",
];

const MOVES: Record<Stage, readonly Stage[]> = {
  consultation: ["mediation", "settlement", "withdrawn", "referred"],
  mediation: ["settlement", "withdrawn", "referred"],
  // A settlement that breaks down goes back to mediation.
  settlement: ["closed", "mediation", "withdrawn", "referred"],
  closed: [],
  withdrawn: [],
  referred: [],
};

/** Every stage a case in `from` may move to now, in the order to offer them. */
export function allowedMoves(from: Stage): Stage[] {
  return [...MOVES[from]];
}

export function canMove(from: Stage, to: Stage): boolean {
  return MOVES[from].includes(to);
}

/** Open stages are those in which the parties are still working. */
export function isOpen(stage: Stage): boolean {
  return stage === "consultation" || stage === "mediation" || stage === "settlement";
}
