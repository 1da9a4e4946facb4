import { describe, expect, it } from "vitest";

import type { SyncCounts } from "../bindings/SyncCounts";
import type { SyncReport } from "../bindings/SyncReport";
import type { SyncView } from "../bindings/SyncView";
import { pulledNew, syncIssues, syncState, syncText } from "./sync";

const SERVER = "postgres://ana@127.0.0.1:5432/office";
/** 26 November 2026, 14:30 local time, as the core stores it (UTC, microseconds). */
const at = new Date(2026, 10, 26, 14, 30).toISOString().replace(/\.\d{3}Z$/, ".000000Z");
const evening = new Date(2026, 10, 26, 21, 5);

const none: SyncCounts = { cases: 0, entries: 0, signatures: 0, documents: 0, bytes: 0 };

function report(change: Partial<SyncReport> = {}): SyncReport {
  return { server: SERVER, encrypted: true, pushed: none, pulled: none, refused: [], rejected: [], conflicts: 0, synced_at: at, ...change };
}

function view(change: Partial<SyncView> = {}): SyncView {
  return { server: SERVER, running: false, status: { synced_at: at, waiting: 0 }, report: null, error: null, ...change };
}

const unreachable = {
  kind: "server",
  code: "server_unreachable",
  message: "the office server x cannot be reached (refused)",
  params: { server: "ana@127.0.0.1:5432/office", detail: "Connection refused" },
};

describe("the sync indicator", () => {
  it("knows where syncing stands", () => {
    expect(syncState(null)).toBe("none");
    expect(syncState(view({ server: "" }))).toBe("none");
    expect(syncState(view({ running: true, error: unreachable }))).toBe("running");
    expect(syncState(view({ error: unreachable }))).toBe("offline");
    expect(syncState(view({ error: { ...unreachable, code: "server_schema_newer" } }))).toBe("failed");
    expect(syncState(view())).toBe("synced");
    expect(syncState(view({ status: { synced_at: null, waiting: 3 } }))).toBe("never");
    expect(syncState(view({ status: null }))).toBe("never");
  });

  it("says it in the UI language, the time in local time", () => {
    expect(syncText(view(), "en", evening)).toEqual({ state: "synced", label: "Synced 14:30", waiting: null, problem: null });
    expect(syncText(view(), "zh", evening).label).toBe("已同步 14:30");
    expect(syncText(view(), "ru", evening).label).toBe("Синхронизировано: 14:30");
    // Another day: with its date, as the rest of the window writes it.
    expect(syncText(view(), "en", new Date(2026, 10, 28, 9, 0)).label).toBe("Synced 26 Nov 2026, 14:30");
    expect(syncText(view({ running: true }), "en", evening).label).toBe("Syncing…");
    expect(syncText(view({ status: { synced_at: null, waiting: 0 } }), "ru", evening).label).toBe("Ещё не синхронизировано");
    expect(syncText(null, "en").label).toBe("Office server: not set");
    expect(syncText(view({ server: "" }), "zh").label).toBe("办事处服务器：未设置");
  });

  it("counts what waits to be sent, in the UI's numbers, and only when something does", () => {
    expect(syncText(view({ status: { synced_at: at, waiting: 1234 } }), "en", evening).waiting).toBe("1,234 waiting");
    expect(syncText(view({ status: { synced_at: at, waiting: 3 } }), "zh", evening).waiting).toBe("3 条待发送");
    expect(syncText(view({ status: { synced_at: at, waiting: 3 } }), "ru", evening).waiting).toBe("Ожидают отправки: 3");
    // Still said while a sync runs or after one failed.
    expect(syncText(view({ running: true, status: { synced_at: null, waiting: 2 } }), "en").waiting).toBe("2 waiting");
    expect(syncText(view({ error: unreachable, status: { synced_at: at, waiting: 2 } }), "en").waiting).toBe("2 waiting");
    expect(syncText(view({ status: { synced_at: at, waiting: 0 } }), "en").waiting).toBeNull();
    expect(syncText(view({ server: "", status: { synced_at: null, waiting: 9 } }), "en").waiting).toBeNull();
  });

  it("says calmly that the server is out of reach (away from the office), and why", () => {
    const offline = syncText(view({ error: unreachable }), "zh", evening);
    expect(offline.state).toBe("offline");
    expect(offline.label).toBe("无法连接办事处服务器");
    expect(syncText(view({ error: { ...unreachable, code: "server_schema_newer" } }), "en").label).toBe("Sync failed");
    expect(offline.problem).toBe("无法连接办事处服务器 ana@127.0.0.1:5432/office（Connection refused）；未同步任何内容，本机一切照常工作。");
    expect(syncText(view({ error: unreachable }), "en").problem).toBe(
      "The office server ana@127.0.0.1:5432/office cannot be reached (Connection refused); nothing was synced, and everything keeps working here.",
    );
    // A code the window does not know yet: the core's own sentence.
    const unknown = { ...unreachable, code: "new_in_a_later_core", message: "something new" };
    expect(syncText(view({ error: unknown }), "ru").problem).toBe("something new");
  });

  it("counts the cases not sent and the rows not accepted", () => {
    expect(syncIssues(null)).toBe(0);
    expect(syncIssues(view({ report: report() }))).toBe(0);
    const refused = { case: "K-2026-0001", problem: "x", code: "not_a_member", params: { case: "K-2026-0001", role: "ana", server: "s" } };
    const rejected = { case: "GVA:K-2026-0002", hash: "ab".repeat(32), problem: "y", code: "parent_rejected", params: { parent: "cd" } };
    expect(syncIssues(view({ report: report({ refused: [refused], rejected: [rejected, rejected] }) }))).toBe(3);
    // A sync in plain text is one more, until the server is reached over TLS.
    expect(syncIssues(view({ report: report({ encrypted: false }) }))).toBe(1);
  });
});

describe("a sync that brought something", () => {
  const brought = report({ pulled: { ...none, entries: 2 } });

  it("is noticed once, when it ends", () => {
    expect(pulledNew(null, view({ report: brought }))).toBe(true);
    expect(pulledNew(view({ running: true }), view({ report: brought }))).toBe(true);
    // The same report heard again (asked for, or the next sync's start) is not new.
    expect(pulledNew(view({ report: brought }), view({ report: brought }))).toBe(false);
    expect(pulledNew(view({ report: brought }), view({ running: true, report: brought }))).toBe(false);
  });

  it("counts new cases, entries and signatures, not what was only sent", () => {
    expect(pulledNew(null, view({ report: report({ pulled: { ...none, cases: 1, entries: 1 } }) }))).toBe(true);
    expect(pulledNew(null, view({ report: report({ pulled: { ...none, signatures: 1 } }) }))).toBe(true);
    expect(pulledNew(null, view({ report: report({ pushed: { ...none, cases: 4, entries: 9 } }) }))).toBe(false);
    expect(pulledNew(null, view({ report: null, error: unreachable }))).toBe(false);
  });

  it("is told from the one before by when it ended", () => {
    const later = report({ pulled: { ...none, entries: 1 }, synced_at: "2026-11-26T14:31:00.000000Z" });
    expect(pulledNew(view({ report: brought }), view({ report: later }))).toBe(true);
  });
});
