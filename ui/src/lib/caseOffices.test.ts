import { beforeEach, describe, expect, it } from "vitest";

import type { CaseView } from "../bindings/CaseView";
import type { Deadline } from "../bindings/Deadline";
import { forgetOffices, noteCases, noteOffice, officeOfCase, officeOfDeadline, resolveCaseOffices, resolveDeadlineOffices } from "./caseOffices";

const deadline = (id: string, reference: string): Deadline => ({
  id,
  case_reference: reference,
  case_title: "t",
  case_stage: "mediation",
  entry_seq: 2,
  due: "2030-01-01",
  what: "w",
  done_at: null,
  cancelled_at: null,
  cancel_reason: null,
  status: "upcoming",
});

/** A command's refusal as the shell sends it (an Error here, for the linter). */
const refusal = (code: string, params: Record<string, string>) => Object.assign(new Error(code), { kind: code, code, params });

/** A store's cases as `get_case` finds them: by id, by qualified reference, and by bare reference (this office's first). */
function store(mine: string, cases: { id: string; office: string; reference: string; deadlines: string[] }[]) {
  const asked: string[] = [];
  const view = (c: (typeof cases)[number]) =>
    ({ case: { id: c.id, office: c.office, reference: c.reference }, deadlines: c.deadlines.map((id) => deadline(id, c.reference)) }) as unknown as CaseView;
  const lookup = (key: string) => {
    asked.push(key);
    const [office, bare] = key.includes(":") ? key.split(":") : [null, key];
    const found = cases.filter((c) => c.id === key || (c.reference === bare && (office === null || c.office === office)));
    const chosen = found.length > 1 ? found.find((c) => c.office === mine) : found[0];
    if (found.length > 1 && !chosen) {
      return Promise.reject(refusal("reference_ambiguous", { first: `${found[0]!.office}:${bare}`, second: `${found[1]!.office}:${bare}` }));
    }
    return chosen ? Promise.resolve(view(chosen)) : Promise.reject(refusal("case_not_found", {}));
  };
  return { lookup, asked };
}

beforeEach(forgetOffices);

describe("the office of a deadline's case", () => {
  it("is the office of the case its bare reference finds, looked up once per case", async () => {
    const { lookup, asked } = store("VIE", [{ id: "c1", office: "GVA", reference: "K-2026-0001", deadlines: ["d1", "d2"] }]);
    expect(await resolveDeadlineOffices([deadline("d1", "K-2026-0001"), deadline("d2", "K-2026-0001")], lookup)).toBe(true);
    expect([officeOfDeadline("d1"), officeOfDeadline("d2"), officeOfCase("c1")]).toEqual(["GVA", "GVA", "GVA"]);
    expect(asked).toEqual(["K-2026-0001"]);
    expect(await resolveDeadlineOffices([deadline("d1", "K-2026-0001")], lookup)).toBe(false);
    expect(asked).toHaveLength(1);
  });

  it("is found among the offices seen when this office has a case numbered alike", async () => {
    const { lookup } = store("VIE", [
      { id: "mine", office: "VIE", reference: "K-2026-0001", deadlines: ["d-mine"] },
      { id: "theirs", office: "GVA", reference: "K-2026-0001", deadlines: ["d-theirs"] },
    ]);
    noteOffice("VIE");
    noteCases([{ id: "other", office: "GVA" }]);
    await resolveDeadlineOffices([deadline("d-mine", "K-2026-0001"), deadline("d-theirs", "K-2026-0001")], lookup);
    expect(officeOfDeadline("d-mine")).toBe("VIE");
    expect(officeOfDeadline("d-theirs")).toBe("GVA");
  });

  it("is found through the two offices the core names when the bare reference is ambiguous", async () => {
    const { lookup } = store("VIE", [
      { id: "a", office: "GVA", reference: "K-2026-0003", deadlines: ["da"] },
      { id: "b", office: "NYC", reference: "K-2026-0003", deadlines: ["db"] },
    ]);
    await resolveDeadlineOffices([deadline("da", "K-2026-0003"), deadline("db", "K-2026-0003")], lookup);
    expect([officeOfDeadline("da"), officeOfDeadline("db")]).toEqual(["GVA", "NYC"]);
  });

  it("stays unknown when no case lists it", async () => {
    const { lookup } = store("VIE", []);
    expect(await resolveDeadlineOffices([deadline("gone", "K-2026-0009")], lookup)).toBe(false);
    expect(officeOfDeadline("gone")).toBeUndefined();
  });
});

describe("the office of a search hit's case", () => {
  it("is looked up by case id, only for cases not seen yet", async () => {
    const { lookup, asked } = store("VIE", [{ id: "c9", office: "GVA", reference: "K-2026-0009", deadlines: [] }]);
    noteCases([{ id: "c1", office: "VIE" }]);
    expect(await resolveCaseOffices(["c1", "c9", "c9"], lookup)).toBe(true);
    expect(asked).toEqual(["c9"]);
    expect(officeOfCase("c9")).toBe("GVA");
  });
});
