// Where the user is. The app keeps one Route in state; views ask to go
// elsewhere with `navigate`. A case's `reference` is as the commands take it
// and the window shows it: `GVA:K-2026-0001` for another office's case
// (lib/references.ts).

export type Focus = { seq: number; nonce: number };

export type Route =
  | { view: "cases"; newCase?: number }
  | { view: "case"; reference: string; tab: "journal" | "filing"; focus?: Focus }
  | { view: "deadlines" }
  | { view: "dossier"; reference?: string }
  | { view: "verify" }
  | { view: "settings" };

export type MainView = "cases" | "deadlines" | "dossier" | "verify" | "settings";

export type Navigate = (route: Route) => void;

let nonce = 0;

/** A route that opens a case and, if `seq` is given, scrolls its journal to that entry. */
export function caseRoute(reference: string, seq?: number | null): Route {
  return seq ? { view: "case", reference, tab: "journal", focus: { seq, nonce: ++nonce } } : { view: "case", reference, tab: "journal" };
}

export function mainViewOf(route: Route): MainView {
  return route.view === "case" ? "cases" : route.view;
}
