//! `--help` in the reader's language. The English help is the commands'
//! doc comments in `main.rs`; Chinese and Russian are in
//! `src/i18n/help.LANG.json`, one line per command and per argument, keyed
//! by where it is: `pacta case new` (the command), `pacta case new #title`
//! (its argument `--title`). A test checks that each language has exactly
//! the lines the commands have; clap's own words (headings, "[default: …]",
//! "[env: …]") are the `clap …` lines. Flags, commands and values stay as
//! typed.
//! A command line that cannot be read (an unknown flag, a missing
//! argument) is said in the reader's language too, with its usage line.

use std::collections::HashMap;

use clap::{Command, CommandFactory, FromArgMatches};

use crate::lang::{self, t, Lang};

/// The command line parsed, its help in the reader's language.
pub fn parse<T: CommandFactory + FromArgMatches>() -> T {
    let mut command = T::command();
    command.build();
    let command = match help_lines(lang::lang()) {
        Some(lines) => translated(command, "pacta", &lines),
        None => command,
    };
    let matches = command.try_get_matches().unwrap_or_else(|e| exit_with(e));
    T::from_arg_matches(&matches).unwrap_or_else(|e| exit_with(e))
}

/// Ends the program with clap's error in the reader's language (clap's own
/// text in English; help and version as they are).
fn exit_with(e: clap::Error) -> ! {
    use clap::error::ErrorKind;
    let shown_as_is = matches!(
        e.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    );
    if lang::lang() == Lang::En || shown_as_is {
        e.exit()
    }
    eprintln!("{}", usage_error(&e));
    std::process::exit(e.exit_code())
}

/// What clap found wrong, its usage line and where to read more, in the
/// reader's language; what was typed is quoted as typed.
fn usage_error(e: &clap::Error) -> String {
    use clap::error::{ContextKind as C, ContextValue, ErrorKind as K};
    let get = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) => Some(v.join(", ")),
        Some(ContextValue::StyledStr(s)) => Some(s.to_string()),
        Some(ContextValue::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let arg = get(C::InvalidArg).unwrap_or_default();
    let value = get(C::InvalidValue).unwrap_or_default();
    let command = get(C::InvalidSubcommand).unwrap_or_default();
    let mut message = match e.kind() {
        K::UnknownArgument => t!("clap.unknownArgument", arg = arg),
        K::InvalidSubcommand => t!("clap.unknownCommand", name = command),
        K::MissingSubcommand => t!("clap.missingCommand", name = command),
        K::InvalidValue if value.is_empty() => t!("clap.valueMissing", arg = arg),
        K::InvalidValue => match get(C::ValidValue).filter(|v| !v.is_empty()) {
            Some(valid) => t!(
                "clap.invalidValueOneOf",
                value = value,
                arg = arg,
                valid = valid
            ),
            None => t!("clap.invalidValue", value = value, arg = arg),
        },
        K::ValueValidation => {
            let reason = std::error::Error::source(e)
                .map(ToString::to_string)
                .unwrap_or_default();
            t!(
                "clap.invalidValueBecause",
                value = value,
                arg = arg,
                reason = reason
            )
        }
        K::MissingRequiredArgument => t!("clap.missingArguments", args = arg),
        K::ArgumentConflict => t!(
            "clap.conflict",
            arg = arg,
            prior = get(C::PriorArg).unwrap_or_default()
        ),
        _ => {
            let english = e.render().to_string();
            let first = english.lines().next().unwrap_or_default();
            t!(
                "clap.unreadable",
                detail = first.trim_start_matches("error: ")
            )
        }
    };
    let suggestion = get(C::SuggestedArg)
        .or_else(|| get(C::SuggestedSubcommand))
        .or_else(|| get(C::SuggestedValue));
    if let Some(suggestion) = suggestion {
        message.push_str(&t!("clap.didYouMean", suggestion = suggestion));
    }
    let mut out = format!("pacta: {message}");
    if let Some(usage) = get(C::Usage) {
        let heading = help_lines(lang::lang())
            .and_then(|lines| lines.get("clap usage").cloned())
            .unwrap_or_default();
        let usage = usage.trim_start_matches("Usage:").trim();
        out.push_str(&format!("\n\n{heading} {usage}"));
    }
    out.push_str(&format!("\n\n{}", t!("clap.moreInfo")));
    out
}

/// A count typed on the command line (`--limit`, `--last`), refused in the
/// reader's language: clap's own reasons ("invalid digit found in string",
/// "-1 is not in 0..=4294967295") are English.
pub fn whole_number(typed: &str) -> Result<u32, String> {
    typed
        .parse()
        .map_err(|_| t!("clap.wholeNumber", max = lang::number(u32::MAX.into())))
}

type Lines = HashMap<String, String>;

fn help_lines(lang: Lang) -> Option<Lines> {
    let json = match lang {
        Lang::En => return None,
        Lang::Zh => include_str!("i18n/help.zh.json"),
        Lang::Ru => include_str!("i18n/help.ru.json"),
    };
    // Built into the binary and checked by the tests.
    serde_json::from_str(json).ok()
}

/// What clap adds to every command, and the headings of its help.
const CLAP_OWN: [&str; 3] = ["help", "version", "help-command"];

/// Where an argument's line is: a global one's is the top command's.
fn arg_key(path: &str, arg: &clap::Arg) -> String {
    let id = arg.get_id().as_str();
    match (CLAP_OWN.contains(&id), arg.is_global_set()) {
        (true, _) => format!("clap #{id}"),
        (false, true) => format!("pacta #{id}"),
        (false, false) => format!("{path} #{id}"),
    }
}

fn translated(mut command: Command, path: &str, lines: &Lines) -> Command {
    let line = |key: &str| lines.get(key).cloned();
    if let Some(about) = line(if command.get_name() == "help" {
        "clap help-command"
    } else {
        path
    }) {
        command = command.about(about);
    }
    let (arguments, options) = (line("clap arguments"), line("clap options"));
    let args: Vec<(String, bool, String)> = command
        .get_arguments()
        .map(|a| (a.get_id().to_string(), a.is_positional(), arg_key(path, a)))
        .collect();
    for (id, positional, key) in args {
        let help = line(&key);
        let heading = if positional {
            arguments.clone()
        } else {
            options.clone()
        };
        command = command.mut_arg(id, |mut a| {
            if let Some(heading) = heading {
                a = a.help_heading(heading);
            }
            // clap's own "[default: …]" and "[env: …]", in the language.
            let mut help = help.or_else(|| a.get_help().map(ToString::to_string));
            let defaults: Vec<String> = a
                .get_default_values()
                .iter()
                .map(|v| v.to_string_lossy().into_owned())
                .collect();
            let takes_values = a.get_action().takes_values();
            if takes_values && !defaults.is_empty() && !a.is_hide_default_value_set() {
                let fragment = fill(line("clap default"), &defaults.join(", "));
                help = Some(format!("{}{fragment}", help.unwrap_or_default()));
                a = a.hide_default_value(true);
            }
            if let Some(env) = a.get_env().filter(|_| !a.is_hide_env_set()) {
                let fragment = fill(line("clap env"), &env.to_string_lossy());
                help = Some(format!("{}{fragment}", help.unwrap_or_default()));
                a = a.hide_env(true);
            }
            match help {
                Some(help) => a.help(help.trim_start().to_owned()),
                None => a,
            }
        });
    }
    let names: Vec<String> = command
        .get_subcommands()
        .map(|c| c.get_name().to_owned())
        .collect();
    for name in names {
        let sub = format!("{path} {name}");
        command = command.mut_subcommand(name, |c| translated(c, &sub, lines));
    }
    let usage = line("clap usage").unwrap_or_default();
    command
        .subcommand_help_heading(line("clap commands").unwrap_or_default())
        .help_template(format!(
            "{{about-with-newline}}\n{usage} {{usage}}\n\n{{all-args}}{{after-help}}"
        ))
}

/// A fragment of clap's with its `{}` filled ("［默认：{}］"; a language
/// that spaces it from the help before it has the space in the fragment).
fn fill(fragment: Option<String>, value: &str) -> String {
    fragment.unwrap_or_default().replace("{}", value)
}

/// Every line the commands have: their keys and English text.
#[cfg(test)]
fn english(command: &Command, path: &str, out: &mut Vec<(String, String)>) {
    if command.get_name() != "help" {
        if let Some(about) = command.get_about() {
            out.push((path.to_owned(), about.to_string()));
        }
    }
    for arg in command.get_arguments() {
        let key = arg_key(path, arg);
        if let Some(help) = arg
            .get_help()
            .filter(|_| !out.iter().any(|(k, _)| *k == key))
        {
            out.push((key, help.to_string()));
        }
    }
    for sub in command.get_subcommands().filter(|c| c.get_name() != "help") {
        english(sub, &format!("{path} {}", sub.get_name()), out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn english_lines() -> Vec<(String, String)> {
        let mut command = crate::Cli::command();
        command.build();
        let mut lines = Vec::new();
        english(&command, "pacta", &mut lines);
        lines
    }

    #[test]
    fn each_language_has_a_line_for_every_command_and_argument() {
        let english = english_lines();
        assert!(
            english.len() > 100,
            "the commands were read: {}",
            english.len()
        );
        for lang in [Lang::Zh, Lang::Ru] {
            let lines = help_lines(lang).expect("the help lines parse");
            let missing: Vec<String> = english
                .iter()
                .filter(|(key, _)| !lines.contains_key(key))
                .map(|(key, text)| format!("{key:?}: {text:?}"))
                .collect();
            assert!(
                missing.is_empty(),
                "{lang:?} lacks:\n{}",
                missing.join(",\n")
            );
            let stale: Vec<&String> = lines
                .keys()
                .filter(|k| !k.starts_with("clap ") && !english.iter().any(|(e, _)| e == *k))
                .collect();
            assert!(
                stale.is_empty(),
                "{lang:?} has lines no command has: {stale:?}"
            );
        }
    }

    #[test]
    fn help_is_shown_in_the_language() {
        let lines = help_lines(Lang::Zh).expect("lines");
        let mut command = crate::Cli::command();
        command.build();
        let mut command = translated(command, "pacta", &lines);
        let help = command
            .find_subcommand_mut("case")
            .and_then(|c| c.find_subcommand_mut("new"))
            .expect("case new")
            .render_help()
            .to_string();
        assert!(help.contains(&lines["pacta case new"]), "{help}");
        assert!(help.contains(&lines["pacta case new #parties"]), "{help}");
        assert!(help.contains(&lines["clap usage"]), "{help}");
        assert!(help.contains("--party"), "{help}");
    }
}
