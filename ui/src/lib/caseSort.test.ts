import { describe, expect, it } from "vitest";
import { ariaSort, nextOrder } from "./caseSort";

describe("the cases list's order", () => {
  it("is newest opened first until a heading is clicked", () => {
    expect(ariaSort(null, "opened")).toBe("descending");
    expect(ariaSort(null, "title")).toBe("none");
  });

  it("sorts A to Z by a newly clicked column, and turns round on a second click", () => {
    const byTitle = nextOrder(null, "title");
    expect(byTitle).toEqual({ by: "title", descending: false });
    expect(nextOrder(byTitle, "title")).toEqual({ by: "title", descending: true });
    expect(nextOrder(byTitle, "stage")).toEqual({ by: "stage", descending: false });
  });

  it("turns the default round: a click on Opened shows the oldest first", () => {
    expect(nextOrder(null, "opened")).toEqual({ by: "opened", descending: false });
  });
});
