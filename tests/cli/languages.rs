//! The command line speaks its reader's language: English, Chinese or
//! Russian, by `PACTA_LANG`, else the locale. What a program reads
//! (`--json`) is the same in every language.

use super::support::Pacta;

/// Runs `pacta` in a language; returns (success, stdout, stderr).
fn run_in(p: &Pacta, env: &[(&str, &str)], args: &[&str]) -> (bool, String, String) {
    let mut cmd = p.cmd();
    cmd.env_remove("PACTA_LANG");
    for (name, value) in env {
        cmd.env(name, value);
    }
    let out = cmd.args(args).output().expect("run pacta");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_problem_is_said_in_the_reader_s_language_with_its_advice() {
    let p = Pacta::new();
    p.new_case("Cable incident");
    let (ok, out, err) = run_in(
        &p,
        &[("PACTA_LANG", "zh")],
        &["case", "show", "K-1999-0042"],
    );
    assert!(!ok && out.is_empty());
    assert_eq!(
        err.trim(),
        "pacta: 未找到案件 K-1999-0042：请给出 K-2026-0007 这样的编号或案件 id（见 `pacta case list`）"
    );
    let (_, _, err) = run_in(
        &p,
        &[("PACTA_LANG", "ru")],
        &["case", "show", "K-1999-0042"],
    );
    assert_eq!(
        err.trim(),
        "pacta: Дело K-1999-0042 не найдено: укажите номер вида K-2026-0007 или id дела (см. `pacta case list`)"
    );
}

#[test]
fn stages_are_named_as_the_window_names_them() {
    let p = Pacta::new();
    let case = p.new_case("Cable incident");
    let (ok, _, err) = run_in(
        &p,
        &[("PACTA_LANG", "zh")],
        &["stage", &case, "closed", "--reason", "done"],
    );
    assert!(!ok);
    assert!(err.contains("不能从磋商阶段转入结案阶段"), "{err}");
    assert!(err.contains("调解"), "the moves allowed are named: {err}");

    let (ok, out, _) = run_in(&p, &[("PACTA_LANG", "zh")], &["case", "show", &case]);
    assert!(ok);
    assert!(out.contains("阶段：      磋商"), "{out}");
    assert!(
        out.contains("调解 (mediation)"),
        "a move names what to type: {out}"
    );
    let (_, out, _) = run_in(&p, &[("PACTA_LANG", "ru")], &["case", "list"]);
    assert!(out.starts_with("НОМЕР"), "{out}");
    assert!(out.contains("консультации"), "{out}");
}

/// A journal listed in Chinese or Russian says what Pacta wrote itself
/// ("Case … opened.", a correction's changes) in that language; what
/// people wrote stays as they wrote it.
#[test]
fn a_journal_listed_in_a_language_says_pacta_s_own_words_in_it() {
    let p = Pacta::new();
    let case = p.new_case("Cable incident");
    let meeting = p.json(&[
        "log",
        "add",
        &case,
        "--kind",
        "meeting",
        "--body",
        "Joint session.",
    ]);
    let seq = meeting["entry"]["seq"].to_string();
    p.json(&[
        "log",
        "correct",
        &case,
        &seq,
        "--place",
        "Vienna International Centre",
    ]);
    for (language, opened, corrected) in [
        (
            "zh",
            format!("第{case}号案件立案。"),
            "更正：地点 Vienna International Centre。",
        ),
        (
            "ru",
            format!("Дело {case} открыто."),
            "Исправлено: место Vienna International Centre.",
        ),
    ] {
        let (ok, out, err) = run_in(&p, &[("PACTA_LANG", language)], &["log", "list", &case]);
        assert!(ok, "{err}");
        assert!(
            out.contains(&opened) && out.contains(corrected),
            "{language}: {out}"
        );
        assert!(out.contains("Joint session."), "{language}: {out}");
        assert!(
            !out.contains("opened.") && !out.contains("Corrected"),
            "{language}: {out}"
        );
    }
}

#[test]
fn the_locale_decides_unless_pacta_lang_does() {
    let p = Pacta::new();
    let args = ["deadline", "list"];
    let (_, zh, _) = run_in(&p, &[("LANG", "zh_CN.UTF-8"), ("LC_ALL", "")], &args);
    assert_eq!(zh.trim(), "没有期限。");
    let (_, ru, _) = run_in(
        &p,
        &[("LC_ALL", "ru_RU.UTF-8"), ("LANG", "zh_CN.UTF-8")],
        &args,
    );
    assert_eq!(ru.trim(), "Сроков нет.");
    let (_, en, _) = run_in(
        &p,
        &[("PACTA_LANG", "en"), ("LC_ALL", "ru_RU.UTF-8")],
        &args,
    );
    assert_eq!(en.trim(), "No deadlines.");
    let (_, other, _) = run_in(&p, &[("LC_ALL", "de_DE.UTF-8")], &args);
    assert_eq!(
        other.trim(),
        "No deadlines.",
        "a language Pacta does not speak is English"
    );
}

#[test]
fn counts_take_russian_plural_forms() {
    let p = Pacta::new();
    p.new_case("Cable incident");
    p.new_case("Satellite link");
    let (ok, out, _) = run_in(&p, &[("PACTA_LANG", "ru")], &["verify"]);
    assert!(ok);
    // Two cases, each opened with one entry.
    assert!(out.contains("2 дела, 2 записи журнала"), "{out}");
    let (_, out, _) = run_in(&p, &[("PACTA_LANG", "zh")], &["verify"]);
    assert!(out.contains("2 个案件，2 个日志条目"), "{out}");
}

#[test]
fn json_is_the_same_in_every_language() {
    let p = Pacta::new();
    let case = p.new_case("Cable incident");
    let json = |lang: &str| {
        run_in(
            &p,
            &[("PACTA_LANG", lang)],
            &["--json", "case", "show", &case],
        )
        .1
    };
    assert_eq!(json("en"), json("zh"));
    assert_eq!(json("en"), json("ru"));
    let (_, _, err) = run_in(
        &p,
        &[("PACTA_LANG", "zh")],
        &["--json", "case", "show", "K-1999-0042"],
    );
    let err: serde_json::Value = serde_json::from_str(&err).expect("one JSON error");
    assert_eq!(err["error"]["kind"], "case_not_found");
}

#[test]
fn help_is_in_the_reader_s_language_with_the_flags_as_typed() {
    let p = Pacta::new();
    let (ok, out, _) = run_in(&p, &[("PACTA_LANG", "ru")], &["deadline", "add", "--help"]);
    assert!(ok);
    assert!(out.contains("Использование:"), "{out}");
    assert!(out.contains("Установить срок в деле"), "{out}");
    assert!(
        out.contains("--party <PARTY>") || out.contains("--party"),
        "{out}"
    );
    let (_, out, _) = run_in(&p, &[("PACTA_LANG", "zh")], &["--help"]);
    assert!(out.contains("离线案件管理工具"), "{out}");
    // clap's own fragments too.
    assert!(out.contains("［环境变量：PACTA_DATA_DIR］"), "{out}");
    let (_, out, _) = run_in(&p, &[("PACTA_LANG", "ru")], &["search", "--help"]);
    assert!(out.contains("[по умолчанию: 20]"), "{out}");
    assert!(!out.contains("[default") && !out.contains("[env"), "{out}");
    let (_, out, _) = run_in(&p, &[("PACTA_LANG", "en")], &["--help"]);
    assert!(out.starts_with("Offline case manager"), "{out}");
}

/// A command line that cannot be read is said in the reader's language,
/// with its usage line; nothing is done, and the exit code is clap's (2).
#[test]
fn a_command_line_that_cannot_be_read_is_said_in_the_language() {
    let p = Pacta::new();
    let usage_error = |lang, args: &[&str]| {
        let mut cmd = p.cmd();
        cmd.env("PACTA_LANG", lang);
        let out = cmd.args(args).output().expect("run pacta");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let err = usage_error("zh", &["case", "new"]);
    assert!(
        err.starts_with("pacta: 缺少必需的参数：--title <TITLE>"),
        "{err}"
    );
    assert!(err.contains("用法: pacta case new"), "{err}");
    assert!(err.contains("更多说明请用“--help”。"), "{err}");
    assert!(!err.contains("error:") && !err.contains("Usage"), "{err}");
    let err = usage_error("ru", &["case", "list", "--stgae", "mediation"]);
    assert!(
        err.starts_with(
            "pacta: неизвестный аргумент «--stgae»; возможно, имелось в виду «--stage»?"
        ),
        "{err}"
    );
    assert!(err.contains("Использование: pacta case list"), "{err}");
    let err = usage_error("zh", &["case", "list", "--sort"]);
    assert!(
        err.starts_with("pacta: “--sort <COLUMN>”需要一个值"),
        "{err}"
    );
    let err = usage_error("ru", &["csae"]);
    assert!(
        err.starts_with("pacta: неизвестная команда «csae»"),
        "{err}"
    );
    // A count that is not one says why in the language, not in Rust's words.
    let err = usage_error("zh", &["search", "mediation", "--limit", "ten"]);
    assert!(
        err.starts_with(
            "pacta: “ten”不是“--limit <LIMIT>”可取的值：应为 0 到 4,294,967,295 之间的整数"
        ),
        "{err}"
    );
    let err = usage_error("ru", &["log", "list", "K-2026-0001", "--last=-1"]);
    assert!(
        err.starts_with("pacta: недопустимое значение «-1» для «--last <N>»: ожидается целое число от 0 до 4\u{a0}294\u{a0}967\u{a0}295"),
        "{err}"
    );
    // The same sentence in English, inside clap's own message.
    let err = usage_error("en", &["search", "mediation", "--limit", "ten"]);
    assert!(
        err.contains(
            "'ten' for '--limit <LIMIT>': a whole number from 0 to 4,294,967,295 is expected"
        ),
        "{err}"
    );
    // English is clap's own.
    let err = usage_error("en", &["case", "new"]);
    assert!(
        err.starts_with("error: the following required arguments"),
        "{err}"
    );
    assert!(String::from_utf8_lossy(
        &p.cmd()
            .args(["case", "list", "--json"])
            .output()
            .unwrap()
            .stdout
    )
    .contains("[]"));
}
