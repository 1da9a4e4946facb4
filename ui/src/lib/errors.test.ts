import { describe, expect, it } from "vitest";

import { errorMessage, setErrorLanguage } from "../api";
import { MESSAGES } from "../i18n";
import { problemText } from "./errors";
import { formatDateTime } from "./time";

/** A command's error as the shell sends it, worded in `lang`. */
const say = (e: { code: string; message: string; params?: Record<string, string> }, lang: "en" | "zh" | "ru") => problemText(e, e.message, lang);

const illegal = {
  kind: "illegal_transition",
  code: "illegal_transition",
  message: "cannot move case K-2026-0001 from consultation to closed; allowed from consultation: mediation, settlement, withdrawn, referred",
  params: { case: "K-2026-0001", from: "consultation", to: "closed", allowed: "mediation,settlement,withdrawn,referred" },
};

describe("problemText, for a command's error", () => {
  it("words an illegal stage move in every language, with the stage names of the UI", () => {
    expect(say(illegal, "en")).toBe(
      "Case K-2026-0001 cannot move from Consultation to Closed; from Consultation it can move to Mediation, Settlement, Withdrawn or Referred.",
    );
    expect(say(illegal, "zh")).toBe("案件 K-2026-0001 不能从磋商阶段转入结案阶段；从磋商阶段只能转入调解、和解、撤回或移交阶段。");
    expect(say(illegal, "ru")).toBe(
      "Дело K-2026-0001 нельзя перевести из стадии «консультации» в стадию «закрыто». " +
        "Из стадии «консультации» возможен переход только в стадию «посредничество», «урегулирование», «отозвано» или «передано».",
    );
  });

  it("says a finished case moves nowhere when nothing is allowed", () => {
    const closed = { ...illegal, params: { case: "K-2026-0002", from: "withdrawn", to: "mediation", allowed: "" } };
    expect(say(closed, "zh")).toBe("案件 K-2026-0002 处于撤回阶段，已经终结，不能再转入调解阶段。");
    expect(say(closed, "ru")).toBe("Дело K-2026-0002 находится в стадии «отозвано» и завершено: перевести его в стадию «посредничество» невозможно.");
  });

  it("puts the core's free text, verbatim, after the translated sentence", () => {
    const unreadable = { code: "unreadable_file", message: "cannot read /tmp/a.pdf: permission denied", params: { path: "/tmp/a.pdf", reason: "permission denied" } };
    expect(say(unreadable, "ru")).toBe("Не удаётся прочитать файл /tmp/a.pdf. Причина: permission denied");
    expect(say(unreadable, "en")).toBe("The file /tmp/a.pdf cannot be read. Reason: permission denied");
  });

  it("says a file was not chosen by the user", () => {
    const notChosen = {
      code: "not_chosen",
      message: "/home/a/secret.pdf was not chosen in a dialog or dropped on the window; Pacta opens and writes only files you choose: choose it again",
      params: { path: "/home/a/secret.pdf" },
    };
    expect(say(notChosen, "en")).toBe(
      "/home/a/secret.pdf was not chosen in a dialog or dropped on the window; Pacta opens and writes only files you choose. Choose it again.",
    );
    expect(say(notChosen, "zh")).toBe("/home/a/secret.pdf 不是通过对话框选择或拖放到窗口中的文件；Pacta 只打开和写入您所选择的文件。请重新选择。");
    expect(say(notChosen, "ru")).toBe(
      "Файл /home/a/secret.pdf не был выбран в диалоговом окне или перетащен в окно; Pacta открывает и записывает только выбранные вами файлы. Выберите его снова.",
    );
    expect(say({ ...notChosen, params: {} }, "zh")).toBe(notChosen.message);
  });

  it("words invalid input by its own code, roles named as the UI names them", () => {
    const exists = {
      kind: "invalid_input",
      code: "participant_exists",
      message: "Dr. Ines Moreau is already a mediator in K-2026-0001",
      params: { name: "Dr. Ines Moreau", role: "mediator" },
    };
    expect(say(exists, "en")).toBe("Dr. Ines Moreau already has the role Mediator in this case.");
    expect(say(exists, "zh")).toBe("Dr. Ines Moreau 在本案中已担任调解员。");
    expect(say(exists, "ru")).toBe("Dr. Ines Moreau уже участвует в этом деле в роли «посредник».");
    const title = { kind: "invalid_input", code: "title_empty", message: "the case needs a title", params: {} };
    expect(say(title, "zh")).toBe("案件需要标题。");
  });

  it("says when a case entered its stage in local time, not as the core's UTC", () => {
    const since = "2026-11-20T09:30:00.000000Z";
    const early = {
      code: "move_before_stage",
      message: "K-2026-0001 has been in mediation since 2026-11-20T09:30:00.000000Z: a move to another stage cannot be dated earlier",
      params: { time: "2026-11-19T09:00:00.000000Z", since },
    };
    expect(say(early, "en")).toBe(`The case has been in its present stage since ${formatDateTime(since, "en-GB")}: the move cannot be dated earlier.`);
    expect(say(early, "zh")).not.toContain("000000Z");
  });

  it("formats numbers in the UI language", () => {
    const busy = { code: "database_busy", message: "busy", params: { waited_ms: "5000" } };
    expect(say(busy, "ru")).toMatch(/удерживает её уже 5\s000 мс\./);
    expect(say(busy, "en")).toContain("for 5,000 ms.");
    const tooNew = { code: "database_too_new", message: "too new", params: { path: "/d/pacta.db", found: "3", known: "2" } };
    expect(say(tooNew, "zh")).toBe("/d/pacta.db 由较新版本的 Pacta 写入（数据结构版本 3，本版本最高支持 2），未作任何改动。请升级 Pacta 后再打开。");
  });

  it("falls back to the core's English sentence for a code it does not know, or a value missing", () => {
    expect(say({ code: "something_new", message: "something new happened", params: {} }, "zh")).toBe("something new happened");
    expect(say({ code: "from_a_newer_core", message: "the case needs a title", params: {} }, "en")).toBe("the case needs a title");
    expect(say({ code: "case_not_found", message: "there is no case K-1", params: {} }, "ru")).toBe("there is no case K-1");
    expect(say({ code: "case_not_found", message: "there is no case K-1" }, "zh")).toBe("there is no case K-1");
    expect(say({ code: "participant_exists", message: "x is already a mediator", params: { name: "x" } }, "zh")).toBe("x is already a mediator");
    expect(say({ code: "toString", message: "odd", params: {} }, "ru")).toBe("odd");
    // An error without a code (a shell older than the UI): its message.
    expect(problemText({ kind: "case_not_found", message: "no case K-1", params: { case: "K-1" } } as never, "no case K-1", "zh")).toBe("no case K-1");
  });
});

describe("errorMessage", () => {
  it("follows the UI language", () => {
    const e = { kind: "case_not_found", code: "case_not_found", message: "there is no case K-2026-0009", params: { case: "K-2026-0009" } };
    try {
      setErrorLanguage("zh");
      expect(errorMessage(e)).toBe("未找到案件 K-2026-0009。");
      setErrorLanguage("ru");
      expect(errorMessage(e)).toBe("Дело K-2026-0009 не найдено.");
      setErrorLanguage("en");
      expect(errorMessage(e)).toBe("There is no case K-2026-0009.");
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

describe("problemText, for what verification finds", () => {
  const stage = {
    code: "stage_differs",
    params: { stage: "mediation", journal_stage: "consultation" },
    problem: "the case says stage mediation, but its journal's last stage change is to consultation",
  };
  /** A problem as the store's or a dossier's verification reports it, worded in `lang`. */
  const word = (p: { code: string; params: Record<string, string>; problem: string }, lang: "en" | "zh" | "ru") => problemText(p, p.problem, lang);

  it("words a problem in the UI's language, stage names included", () => {
    expect(word(stage, "en")).toBe("The case says Mediation, but its journal's last stage change is to Consultation.");
    expect(word(stage, "zh")).toBe("案件记录的阶段为调解，但日志中最后一次阶段变更是到磋商。");
    expect(word(stage, "ru")).toMatch(/^В деле указана стадия «посредничество», но/);
    expect(word({ ...stage, params: { stage: "mediation", journal_stage: "nothing" } }, "en")).toBe(
      "The case says Mediation, but its journal's last stage change is to (none).",
    );
  });

  it("says a code the same way whether the store or a dossier reported it", () => {
    // The end-to-end suite reads this sentence off the Verify store screen.
    expect(word({ code: "hash_mismatch", params: {}, problem: "x" }, "zh")).toBe("该条目在记录之后被修改过：其哈希值与内容不符。");
    expect(word({ code: "out_of_order", params: { expected: "3" }, problem: "x" }, "en")).toBe(
      "The entry should be #3: entries are missing or out of order.",
    );
    expect(word({ code: "out_of_order", params: { previous: "2" }, problem: "entry #4 follows #2" }, "en")).toBe("entry #4 follows #2");
  });

  it("names a case field in the UI's language and keeps the core's technical detail", () => {
    expect(word({ code: "opening_differs", params: { field: "summary" }, problem: "x" }, "zh")).toBe("案件的摘要与日志在立案时（第 1 条）记录的不一致。");
    const zip = { code: "not_a_zip", params: { detail: "invalid Zip archive: EOCD not found" }, problem: "x" };
    expect(word(zip, "ru")).toBe("Это не досье Pacta: не читаемый zip-архив или он обрезан (invalid Zip archive: EOCD not found).");
  });

  it("falls back to the core's English for a code it does not know, or a value missing", () => {
    expect(word({ code: "new_in_a_later_core", params: {}, problem: "something new" }, "zh")).toBe("something new");
    expect(word({ code: "foreign_key", params: { table: "journal" }, problem: "a row of journal…" }, "zh")).toBe("a row of journal…");
  });
});

// Every code the core can say is worded in the UI (i18n.test.ts then checks
// that zh and ru have every key en has): what its checks find, and the kind
// of every error. The chain checker's codes are looked for wherever it lives.
const coreSources: Record<string, string> = import.meta.glob<string>(
  [
    "../../../crates/core/src/verify.rs",
    "../../../crates/core/src/chain*.rs",
    "../../../crates/core/src/dossier/*.rs",
    "../../../crates/core/src/error.rs",
  ],
  { query: "?raw", import: "default", eager: true },
);

describe("the core's codes", () => {
  const files = Object.entries(coreSources);

  it("have a sentence for every problem verification finds", () => {
    const codes = new Set<string>();
    for (const [file, source] of files) {
      if (file.endsWith("error.rs")) continue;
      for (const m of source.matchAll(/\(\s*"([a-z_]+)",\s*(?:vec!|"|params)|\bsaid\(\s*"([a-z_]+)"/g)) codes.add((m[1] ?? m[2])!);
    }
    expect(codes.size).toBeGreaterThan(50);
    for (const code of codes) expect(MESSAGES.en, `problem.${code}`).toHaveProperty([`problem.${code}`]);
  });

  it("have a sentence for every kind of error (invalid input is said by its own code)", () => {
    const source = files.find(([file]) => file.endsWith("error.rs"))?.[1] ?? "";
    const body = source.slice(source.indexOf("pub fn kind("), source.indexOf("\n    }\n", source.indexOf("pub fn kind(")));
    const kinds = [...body.matchAll(/=>\s*"([a-z_]+)"/g)].map((m) => m[1]!);
    expect(kinds.length).toBeGreaterThan(15);
    for (const kind of kinds.filter((k) => k !== "invalid_input")) expect(MESSAGES.en, `problem.${kind}`).toHaveProperty([`problem.${kind}`]);
    // The shell's own refusal, said with the same vocabulary.
    expect(MESSAGES.en).toHaveProperty(["problem.not_chosen"]);
  });
});
