import { describe, expect, it } from "vitest";

import { errorMessage, setErrorLanguage } from "../api";
import { LANGUAGES, MESSAGES } from "../i18n";
import NUMBERS from "../i18n/shared/numbers.json";
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

  it("names the stages, languages and kinds of entry in invalid input as the UI does", () => {
    const wrongStage = {
      code: "filing_wrong_stage",
      message: "settlement-agreement is filed in settlement; K-2026-0001 is in mediation: preview it, or move the case first",
      params: { template: "settlement-agreement", stages: "settlement,closed", case: "K-2026-0001", stage: "mediation" },
    };
    expect(say(wrongStage, "en")).toBe("This filing is made in the Settlement or Closed stage, and case K-2026-0001 is in the Mediation stage: preview it, or move the case first.");
    expect(say(wrongStage, "zh")).toBe("此文书适用于和解或结案阶段，而案件 K-2026-0001 处于调解阶段：可以先预览，或先变更案件阶段。");
    expect(say(wrongStage, "ru")).toContain("на стадии «урегулирование» или «закрыто», а дело K-2026-0001 находится в стадии «посредничество»");
    const noVersion = {
      code: "template_language_missing",
      message: "template 'referral' has no 'zh' version; it has: en, ru",
      params: { template: "referral", language: "zh", languages: "en,ru" },
    };
    expect(say(noVersion, "en")).toBe("The template “referral” has no Chinese version; it has: English and Russian.");
    expect(say(noVersion, "zh")).toBe("模板“referral”没有中文版本；现有版本：英文和俄文。");
    const notLoggable = { code: "kind_not_loggable", message: "entries of kind stage_change are written by the step they record", params: { kind: "stage_change" } };
    expect(say(notLoggable, "ru")).toMatch(/^Запись вида «смена стадии» делает сам шаг/);
    const choice = { code: "unknown_choice", message: "unknown language 'fr'; use one of: en, zh, ru", params: { what: "language", value: "fr", allowed: "en,zh,ru" } };
    expect(say(choice, "en")).toBe("“fr” cannot be the case's language: choose English, Chinese or Russian.");
    expect(say(choice, "zh")).toBe("“fr”不能作为案件的语言：请选择英文、中文或俄文。");
    const grew = { code: "document_grew", message: "x", params: { path: "/a.pdf", max: "268435456" } };
    expect(say(grew, "en")).toBe("/a.pdf grew while it was being read, past the 268,435,456 bytes a document may have.");
    const tooLong = { code: "pdf_too_long", message: "x", params: { size: "9437184", limit: "8388608" } };
    expect(say(tooLong, "en")).toBe("This is too long to typeset as one PDF (9,437,184 bytes of text; at most 8,388,608): make it in parts.");
  });

  it("says when a case entered its stage in local time, not as the core's UTC", () => {
    const since = "2026-11-20T09:30:00.000000Z";
    const early = {
      code: "move_before_stage",
      message: "K-2026-0001 has been in mediation since 2026-11-20T09:30:00.000000Z: a move to another stage cannot be dated earlier",
      params: { time: "2026-11-19T09:00:00.000000Z", since },
    };
    expect(say(early, "en")).toBe(`The case has been in its present stage since ${formatDateTime(since, "en")}: the move cannot be dated earlier.`);
    expect(say(early, "zh")).not.toContain("000000Z");
    const local = new Date(since);
    expect(say(early, "ru")).toContain(`${String(local.getDate()).padStart(2, "0")}.11.2026`);
  });

  it("words what offices' codes and references get refused for", () => {
    const ambiguous = {
      code: "reference_ambiguous",
      message: "K-2026-0001 is the reference of cases of several offices, such as GVA:K-2026-0001 and NYC:K-2026-0001: give it with its office",
      params: { reference: "K-2026-0001", first: "GVA:K-2026-0001", second: "NYC:K-2026-0001" },
    };
    expect(say(ambiguous, "en")).toBe("K-2026-0001 is the reference of cases of several offices, such as GVA:K-2026-0001 and NYC:K-2026-0001: give it with its office.");
    expect(say(ambiguous, "zh")).toBe("K-2026-0001 是多个办事处案件的案号，例如 GVA:K-2026-0001 和 NYC:K-2026-0001：请连同办事处代码一起输入。");
    const invalid = { code: "office_code_invalid", message: "'G' is not an office code", params: { code: "G" } };
    expect(say(invalid, "en")).toBe("“G” is not an office code: use 2 to 8 letters or digits, starting with a letter, such as GVA.");
    expect(say(invalid, "ru")).toBe("«G» — не код офиса: используйте от 2 до 8 латинских букв или цифр, начиная с буквы.");
    const taken = { code: "office_code_taken", message: "x", params: { code: "GVA", case: "K-2026-0001" } };
    expect(say(taken, "zh")).toBe("本机已有 GVA 办事处的案件，其中一个的编号 K-2026-0001 与本办事处的某个案件相同：请选择其他代码。");
  });

  it("words who may read what, kinds and whom a copy is for named as the window names them", () => {
    const fixed = { code: "audience_fixed", message: "an agreement entry is always for the parties", params: { kind: "agreement" } };
    expect(say(fixed, "en")).toBe("An entry of the kind “Agreement” is always for all parties: every copy of the case must show it.");
    expect(say(fixed, "zh")).toBe("“协议”类条目始终供各当事方阅读：案件的每一份副本都必须载有此类条目。");
    expect(say(fixed, "ru")).toBe("Запись вида «договорённость» всегда предназначена для всех сторон: она должна быть в каждой копии дела.");
    // What was typed is shown as typed, even when it looks like a party.
    const unknown = { code: "unknown_audience", message: "'party:' is not whom it is for", params: { audience: "party:" } };
    expect(say(unknown, "en")).toBe("“party:” is not whom something may be for: choose Office only, All parties, or one party.");
    expect(say({ ...unknown, params: { audience: "parties" } }, "ru")).toMatch(/^«parties» — недопустимое значение/);
    const withheld = {
      code: "import_withheld",
      message: "this is a copy of GVA:K-2026-0001 for party:Kingdom of Belmont: it withholds 3 entries …",
      params: { reference: "GVA:K-2026-0001", count: "3", audience: "party:Kingdom of Belmont" },
    };
    expect(say(withheld, "en")).toBe(
      "This dossier is a copy of GVA:K-2026-0001 for Kingdom of Belmont: it withholds 3 entries that this store does not have, " +
        "so the journal cannot be completed from it. Verify it, and import the office's complete copy instead; nothing was imported.",
    );
    expect(say({ ...withheld, params: { ...withheld.params, audience: "parties" } }, "zh")).toMatch(/^此卷宗是案件 GVA:K-2026-0001 供各当事方的副本：其中有 3 个/);
    expect(say(withheld, "ru")).toMatch(/^Это досье — копия дела GVA:K-2026-0001 для стороны «Kingdom of Belmont»:/);
    expect(say({ ...withheld, params: { ...withheld.params, count: "1200", audience: "parties" } }, "ru")).toMatch(/для всех сторон: .*\(их 1\s200\)/);
  });

  it("says what encrypting or unlocking the data folder met, in every language", () => {
    const wrong = { kind: "invalid_input", code: "passphrase_wrong", message: "the passphrase does not open this data dir; nothing was changed: try again", params: {} };
    expect(say(wrong, "en")).toBe("This passphrase does not open the data folder; nothing was changed. Try again.");
    expect(say(wrong, "zh")).toBe("此密码短语无法打开数据文件夹，未作任何更改。请重试。");
    expect(say(wrong, "ru")).toBe("Эта парольная фраза не открывает папку данных; ничего не изменено. Попробуйте ещё раз.");
    // Locked: said the same whether the shell (no path) or the core (a path) refused.
    const locked = { code: "data_dir_locked", message: "/d is encrypted: give its passphrase to open it", params: { path: "/d" } };
    expect(say(locked, "en")).toBe("The data folder is encrypted and locked: unlock it with its passphrase.");
    expect(say({ ...locked, params: {} }, "zh")).toBe("数据文件夹已加密并处于锁定状态：请用其密码短语解锁。");
    const unverified = { code: "encrypt_unverified", message: "x", params: { count: "1200" } };
    expect(say(unverified, "en")).toContain("(problems: 1,200)");
    expect(say(unverified, "ru")).toMatch(/проблем: 1\s200/);
  });

  it("formats numbers in the UI language", () => {
    const busy = { code: "database_busy", message: "busy", params: { waited_ms: "5000" } };
    expect(say(busy, "ru")).toMatch(/удерживает её уже 5\s000 мс\./);
    expect(say(busy, "en")).toContain("for 5,000 ms.");
    // Sizes in bytes, both of them, as a document's recorded and found sizes are compared.
    const size = { code: "document_size", message: "x", params: { size: "12582912", actual_size: "8388608" } };
    expect(say(size, "en")).toBe("Recorded as 12,582,912 bytes, but the file has 8,388,608.");
    expect(say(size, "ru")).toMatch(/^Записан размер 12\s582\s912 байт, а в файле 8\s388\s608\.$/);
    // Every value named a number is one some sentence has.
    const sentences = Object.entries(MESSAGES.en).filter(([key]) => key.startsWith("problem.")).map(([, text]) => text);
    for (const name of NUMBERS) expect(sentences.some((text) => text.includes(`{${name}}`)), name).toBe(true);
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

  it("says what checking signatures finds with the words of the signing key", () => {
    const stranger = { code: "signer_not_author", params: { seq: "7", author: "Lin Wei", signer: "SHA256:q5x" }, problem: "x" };
    expect(word(stranger, "en")).toBe("Entry #7 names Lin Wei as its author, but it is signed with key SHA256:q5x, which belongs to no one in this case.");
    expect(word(stranger, "zh")).toBe("第 7 号条目的作者为 Lin Wei，但它由密钥 SHA256:q5x 签名，而该密钥不属于本案中的任何人。");
    expect(word(stranger, "ru")).toBe("В записи № 7 автором значится Lin Wei, но она подписана ключом SHA256:q5x, который в этом деле никому не принадлежит.");
    const other = { code: "manifest_signer_differs", params: { signer: "SHA256:q5x", name: "Dr. Ines Moreau" }, problem: "x" };
    expect(word(other, "zh")).toBe("该签名由密钥 SHA256:q5x 作出，而不是清单所载的 Dr. Ines Moreau 的密钥。");
  });

  it("falls back to the core's English for a code it does not know, or a value missing", () => {
    expect(word({ code: "new_in_a_later_core", params: {}, problem: "something new" }, "zh")).toBe("something new");
    expect(word({ code: "foreign_key", params: { table: "journal" }, problem: "a row of journal…" }, "zh")).toBe("a row of journal…");
  });
});

// Every code the Rust side can send is worded in the UI, in every language:
// what verification finds, every invalid input, the kind of every other
// error, and the shell's own refusals. The codes are read off the sources
// (tests left out), so a code added in Rust fails here until it has a sentence.
const rustSources: Record<string, string> = import.meta.glob<string>(["../../../crates/core/src/**/*.rs", "../../../src-tauri/src/**/*.rs"], {
  query: "?raw",
  import: "default",
  eager: true,
});

/** The codes a Rust source can send, its tests (an inline `#[cfg(test)] mod … {`, at the end of the file) left out. */
function codesIn(file: string, source: string): string[] {
  const test = source.search(/#\[cfg\(test\)\]\s*mod\s+\w+\s*\{/);
  const code = test < 0 ? source : source.slice(0, test);
  const found = [
    // Invalid input, a problem said on its own, the shell's failures and the office server's:
    // `Error::input("code", …`, `said("code", …`, `failed("code", …`, `server_error("code", …`.
    ...[...code.matchAll(/\b(?:Error::input|said|failed|server_error)\(\s*"([a-z0-9_]+)"/g)].map((m) => m[1]!),
    // The shell's refusal of a file not chosen: `code: "not_chosen"`.
    ...[...code.matchAll(/\bcode:\s*"([a-z0-9_]+)"/g)].map((m) => m[1]!),
  ];
  // A dossier's problems: `("code", vec![…])`, and `name_problem`'s `("code", "english")`.
  if (file.includes("/dossier/")) found.push(...[...code.matchAll(/\(\s*"([a-z0-9_]+)",\s*(?:vec!|")/g)].map((m) => m[1]!));
  // The kind of every error (`Error::kind()`'s `=> "kind"` arms); invalid input is never shown as such: it carries its own code.
  if (file.endsWith("crates/core/src/error.rs")) {
    const start = code.indexOf("pub fn kind(");
    const body = start < 0 ? "" : code.slice(start, code.indexOf("\n    }\n", start));
    found.push(...[...body.matchAll(/=>\s*"([a-z0-9_]+)"/g)].map((m) => m[1]!).filter((k) => k !== "invalid_input"));
  }
  return found;
}

/** Files compiled only into tests (`#[cfg(test)] mod name;`), as paths like the glob's. */
function testOnlyFiles(sources: Record<string, string>): Set<string> {
  const files = new Set<string>();
  for (const [file, source] of Object.entries(sources)) {
    const dir = file.slice(0, file.lastIndexOf("/") + 1);
    for (const m of source.matchAll(/#\[cfg\(test\)\]\s*mod\s+(\w+)\s*;/g)) files.add(`${dir}${m[1]}.rs`).add(`${dir}${m[1]}/mod.rs`);
  }
  return files;
}

describe("the core's codes", () => {
  const testOnly = testOnlyFiles(rustSources);
  const codes = new Set(Object.entries(rustSources).flatMap(([file, source]) => (testOnly.has(file) ? [] : codesIn(file, source))));

  it("are all found in the sources", () => {
    expect(Object.keys(rustSources).some((f) => f.endsWith("src-tauri/src/commands.rs"))).toBe(true);
    expect(codes.size).toBeGreaterThan(120);
    // One of each way a code is written, so that a pattern that stops matching is noticed.
    for (const code of ["party_twice", "template_not_utf8", "hash_mismatch", "name_empty", "layout_directory", "case_not_found", "store_unavailable", "not_chosen", "server_unreachable"]) {
      expect(codes, code).toContain(code);
    }
    expect(codes).not.toContain("invalid_input");
  });

  it("leave out what only the tests say", () => {
    const source = 'fn f() { Error::input("real", [], "x") }\n#[cfg(test)]\nmod tests {\n    fn t() { Error::input("only_in_a_test", [], "x"); }\n}\n';
    expect(codesIn("crates/core/src/x.rs", source)).toEqual(["real"]);
    expect(codesIn("src-tauri/src/lib.rs", '#[cfg(test)]\nmod bindings;\nfn f() { failed(\n    "after_a_test_only_module",\n    m) }')).toEqual(["after_a_test_only_module"]);
  });

  it("each have a sentence in every language", () => {
    const missing = Object.fromEntries(LANGUAGES.map((lang) => [lang, [...codes].filter((code) => !(`problem.${code}` in MESSAGES[lang])).sort()]));
    expect(missing).toEqual(Object.fromEntries(LANGUAGES.map((lang) => [lang, []])));
  });
});
