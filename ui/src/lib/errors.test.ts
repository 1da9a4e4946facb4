import { describe, expect, it } from "vitest";

import { errorMessage, setErrorLanguage } from "../api";
import { MESSAGES } from "../i18n";
import { localizeError, problemText } from "./errors";
import { formatDateTime } from "./time";

const illegal = {
  kind: "illegal_transition",
  message: "cannot move case K-2026-0001 from consultation to closed; allowed from consultation: mediation, settlement, withdrawn, referred",
  params: { case: "K-2026-0001", from: "consultation", to: "closed", allowed: "mediation,settlement,withdrawn,referred" },
};

describe("localizeError", () => {
  it("keeps the core's English message as it is", () => {
    expect(localizeError(illegal, "en")).toBe(illegal.message);
    const busy = { kind: "database_busy", message: "the database is busy: …", params: { waited_ms: "5000" } };
    expect(localizeError(busy, "en")).toBe("the database is busy: …");
  });

  it("words an illegal stage move in Chinese, with the stage names of the UI", () => {
    expect(localizeError(illegal, "zh")).toBe("案件 K-2026-0001 不能从磋商阶段转入结案阶段；从磋商阶段只能转入调解、和解、撤回或移交阶段。");
  });

  it("words an illegal stage move in Russian, with the stage names of the UI", () => {
    expect(localizeError(illegal, "ru")).toBe(
      "Дело K-2026-0001 нельзя перевести из стадии «консультации» в стадию «закрыто». " +
        "Из стадии «консультации» возможен переход только в стадию «посредничество», «урегулирование», «отозвано» или «передано».",
    );
  });

  it("says a finished case moves nowhere when nothing is allowed", () => {
    const closed = { ...illegal, params: { case: "K-2026-0002", from: "withdrawn", to: "mediation", allowed: "" } };
    expect(localizeError(closed, "zh")).toBe("案件 K-2026-0002 处于撤回阶段，已经终结，不能再转入调解阶段。");
    expect(localizeError(closed, "ru")).toBe("Дело K-2026-0002 находится в стадии «отозвано» и завершено: перевести его в стадию «посредничество» невозможно.");
  });

  it("puts the core's free text, verbatim, after the translated sentence", () => {
    const invalid = { kind: "invalid_input", message: "invalid input: the title is empty", params: { detail: "the title is empty" } };
    expect(localizeError(invalid, "zh")).toBe("输入无效：the title is empty");
    expect(localizeError(invalid, "ru")).toBe("Недопустимые данные: the title is empty");
    const unreadable = { kind: "unreadable_file", message: "cannot read /tmp/a.pdf: permission denied", params: { path: "/tmp/a.pdf", reason: "permission denied" } };
    expect(localizeError(unreadable, "ru")).toBe("Не удаётся прочитать файл /tmp/a.pdf. Причина: permission denied");
  });

  it("says a file was not chosen by the user", () => {
    const notChosen = {
      kind: "not_chosen",
      message: "/home/a/secret.pdf was not chosen in a dialog or dropped on the window; Pacta opens and writes only files you choose. Choose it again.",
      params: { path: "/home/a/secret.pdf" },
    };
    expect(localizeError(notChosen, "en")).toBe(notChosen.message);
    expect(localizeError(notChosen, "zh")).toBe("/home/a/secret.pdf 不是通过对话框选择或拖放到窗口中的文件；Pacta 只打开和写入您所选择的文件。请重新选择。");
    expect(localizeError(notChosen, "ru")).toBe(
      "Файл /home/a/secret.pdf не был выбран в диалоговом окне или перетащен в окно; Pacta открывает и записывает только выбранные вами файлы. Выберите его снова.",
    );
    expect(localizeError({ ...notChosen, params: {} }, "zh")).toBe(notChosen.message);
  });

  it("words invalid input with a code whole, in every language, English included", () => {
    const exists = {
      kind: "invalid_input",
      message: "invalid input: Dr. Ines Moreau is already a mediator in K-2026-0001",
      params: { detail: "Dr. Ines Moreau is already a mediator in K-2026-0001", code: "participant_exists", name: "Dr. Ines Moreau", role: "mediator" },
    };
    expect(localizeError(exists, "en")).toBe("Dr. Ines Moreau already has the role Mediator in this case.");
    expect(localizeError(exists, "zh")).toBe("Dr. Ines Moreau 在本案中已担任调解员。");
    expect(localizeError(exists, "ru")).toBe("Dr. Ines Moreau уже участвует в этом деле в роли «посредник».");
    const title = { kind: "invalid_input", message: "invalid input: the case needs a title: give --title", params: { detail: "the case needs a title: give --title", code: "title_empty" } };
    expect(localizeError(title, "en")).not.toContain("--title");
    expect(localizeError(title, "zh")).toBe("案件需要标题。");
    // A code this UI does not know, or a sentence missing its values: the core's message, as before.
    expect(localizeError({ ...title, params: { detail: "x", code: "from_a_newer_core" } }, "en")).toBe(title.message);
    expect(localizeError({ ...exists, params: { detail: "x", code: "participant_exists" } }, "zh")).toBe("输入无效：x");
  });

  it("says when a case entered its stage in local time, not as the core's UTC", () => {
    const since = "2026-11-20T09:30:00.000000Z";
    const early = {
      kind: "invalid_input",
      message: "invalid input: K-2026-0001 has been in mediation since 2026-11-20T09:30:00.000000Z: a move to another stage cannot be dated earlier",
      params: { detail: "…", code: "move_before_stage", time: "2026-11-19T09:00:00.000000Z", since },
    };
    const local = formatDateTime(since, "en-GB");
    expect(localizeError(early, "en")).toBe(`The case has been in its present stage since ${local}: the move cannot be dated earlier.`);
    expect(localizeError(early, "zh")).not.toContain("000000Z");
  });

  it("formats numbers in Russian", () => {
    const busy = { kind: "database_busy", message: "busy", params: { waited_ms: "5000" } };
    expect(localizeError(busy, "ru")).toMatch(/удерживает её уже 5\s000 мс\./);
    const tooNew = { kind: "database_too_new", message: "too new", params: { path: "/d/pacta.db", found: "3", known: "2" } };
    expect(localizeError(tooNew, "zh")).toBe("/d/pacta.db 由较新版本的 Pacta 写入（数据结构版本 3，本版本最高支持 2），未作任何改动。请升级 Pacta 后再打开。");
  });

  it("falls back to the English message for an unknown kind or missing params", () => {
    expect(localizeError({ kind: "something_new", message: "something new happened", params: {} }, "zh")).toBe("something new happened");
    expect(localizeError({ kind: "case_not_found", message: "no case K-1", params: {} }, "ru")).toBe("no case K-1");
    expect(localizeError({ kind: "case_not_found", message: "no case K-1" }, "zh")).toBe("no case K-1");
    expect(localizeError({ kind: "toString", message: "odd", params: {} }, "ru")).toBe("odd");
  });
});

describe("errorMessage", () => {
  it("follows the UI language", () => {
    const e = { kind: "case_not_found", message: "no case K-2026-0009: give a reference…", params: { case: "K-2026-0009" } };
    try {
      setErrorLanguage("zh");
      expect(errorMessage(e)).toBe("未找到案件 K-2026-0009。");
      setErrorLanguage("ru");
      expect(errorMessage(e)).toBe("Дело K-2026-0009 не найдено.");
      setErrorLanguage("en");
      expect(errorMessage(e)).toBe("no case K-2026-0009: give a reference…");
      expect(errorMessage(e, "zh")).toBe("未找到案件 K-2026-0009。");
    } finally {
      setErrorLanguage("en");
    }
  });

  it("shows other rejections as they are", () => {
    expect(errorMessage(new Error("boom"), "zh")).toBe("boom");
    expect(errorMessage("command ui_ready not found", "ru")).toBe("command ui_ready not found");
  });
});

describe("problemText", () => {
  const stage = {
    code: "stage_differs",
    params: { stage: "mediation", journal_stage: "consultation" },
    problem: "the case says stage mediation, but its journal's last stage change is to consultation",
  };

  it("words a verification problem in the UI's language, stage names included", () => {
    expect(problemText(stage, "verify", "en")).toBe("The case says Mediation, but its journal's last stage change is to Consultation.");
    expect(problemText(stage, "verify", "zh")).toBe("案件记录的阶段为调解，但日志中最后一次阶段变更是到磋商。");
    expect(problemText(stage, "verify", "ru")).toMatch(/^В деле указана стадия «посредничество», но/);
  });

  it("names a case field in the UI's language and keeps the core's technical detail", () => {
    expect(problemText({ code: "opening_differs", params: { field: "summary" }, problem: "x" }, "verify", "zh")).toBe(
      "案件的摘要与日志在立案时（第 1 条）记录的不一致。",
    );
    const zip = { code: "not_a_zip", params: { detail: "invalid Zip archive: EOCD not found" }, problem: "x" };
    expect(problemText(zip, "dossier", "ru")).toBe(
      "Это не досье Pacta: не читаемый zip-архив или он обрезан (invalid Zip archive: EOCD not found).",
    );
  });

  it("falls back to the core's English for a code it does not know, or a value missing", () => {
    expect(problemText({ code: "new_in_a_later_core", params: {}, problem: "something new" }, "dossier", "zh")).toBe("something new");
    expect(problemText({ code: "foreign_key", params: { table: "journal" }, problem: "a row of journal…" }, "verify", "zh")).toBe(
      "a row of journal…",
    );
  });
});

// Every code the core's checks can report is worded in the UI (i18n.test.ts
// then checks that zh and ru have every key en has).
const coreSources: Record<string, string> = import.meta.glob<string>(
  ["../../../crates/core/src/verify.rs", "../../../crates/core/src/dossier/read.rs"],
  { query: "?raw", import: "default", eager: true },
);

describe("verification codes", () => {
  it("has a sentence for every code the core reports", () => {
    const files = Object.entries(coreSources);
    expect(files).toHaveLength(2);
    for (const [file, source] of files) {
      const scope = file.endsWith("verify.rs") ? "verify" : "dossier";
      const codes = [...source.matchAll(/\(\s*"([a-z_]+)",\s*(?:vec!|"|params)/g)].map((m) => m[1]!);
      expect(codes.length, file).toBeGreaterThan(scope === "verify" ? 10 : 35);
      for (const code of codes) expect(MESSAGES.en, `${scope}.problem.${code}`).toHaveProperty([`${scope}.problem.${code}`]);
    }
  });
});
