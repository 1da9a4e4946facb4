//! Times: stored in UTC in one fixed text form, read from users in a few
//! forms they actually type. Local time is only for parsing and display.

use chrono::{
    DateTime, Datelike, FixedOffset, Local, NaiveDate, NaiveDateTime, SecondsFormat, TimeZone, Utc,
};
use chrono_tz::Tz;

use crate::error::{Error, Result};

/// The stored form: RFC 3339, UTC, microseconds, `Z` (e.g. `2026-11-26T06:08:00.000000Z`).
/// It sorts as text in time order, and the journal chain hashes exactly this text.
pub fn format_utc(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Micros, true)
}

/// Reads a stored time back (any RFC 3339 text, normally [`format_utc`]'s).
pub fn parse_stored(s: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| Error::Corrupt(format!("stored time '{s}' is not RFC 3339")))
}

/// Now, to the microsecond: the precision times are stored and hashed with.
pub fn now() -> DateTime<Utc> {
    use chrono::SubsecRound;
    Utc::now().trunc_subsecs(6)
}

const ACCEPTED: &str = "use RFC 3339 (2026-11-26T14:30:00+01:00), or local time as 2026-11-26 14:30, or a date 2026-11-26";

/// A time zone by its IANA name (`Europe/Zurich`), as an entry records
/// where its time was read.
pub fn parse_zone(name: &str) -> Result<Tz> {
    name.trim().parse::<Tz>().map_err(|_| {
        Error::input(
            "zone_unknown",
            [("zone", name.to_owned())],
            format!("'{name}' is not a time zone: give its IANA name, such as Europe/Zurich, Asia/Shanghai or Europe/Moscow"),
        )
    })
}

/// This machine's time zone by its IANA name (`TZ` when it names one),
/// `UTC` when it cannot be told.
pub fn machine_zone() -> String {
    std::env::var("TZ")
        .ok()
        .map(|tz| tz.trim_start_matches(':').to_owned())
        .filter(|tz| tz.parse::<Tz>().is_ok())
        .or_else(|| iana_time_zone::get_timezone().ok())
        .filter(|tz| tz.parse::<Tz>().is_ok())
        .unwrap_or_else(|| "UTC".into())
}

/// A time as it read where it happened: date `YYYY-MM-DD` and `HH:MM` in
/// the zone named (the zone's name kept beside it), else in `fallback`.
pub fn local_in(t: DateTime<Utc>, zone: Option<&str>, fallback: FixedOffset) -> (String, String) {
    match zone.and_then(|z| z.parse::<Tz>().ok()) {
        Some(tz) => {
            let l = t.with_timezone(&tz);
            (
                l.format("%Y-%m-%d").to_string(),
                l.format("%H:%M").to_string(),
            )
        }
        None => {
            let l = t.with_timezone(&fallback);
            (
                l.format("%Y-%m-%d").to_string(),
                l.format("%H:%M").to_string(),
            )
        }
    }
}

/// [`parse_user_time`], a wall-clock time read in `zone` (else in this
/// machine's zone).
pub fn parse_user_time_in(s: &str, zone: Option<&str>) -> Result<DateTime<Utc>> {
    let Some(zone) = zone else {
        return parse_user_time(s);
    };
    let tz = parse_zone(zone)?;
    if DateTime::parse_from_rfc3339(s.trim()).is_ok() {
        return parse_user_time(s);
    }
    let naive = parse_naive(s.trim())?;
    let t = tz
        .from_local_datetime(&naive)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .ok_or_else(|| {
            Error::input(
                "time_skipped",
                [("time", s.to_owned())],
                format!(
                    "'{s}' does not exist in {zone} (a clock change); give an offset: {ACCEPTED}"
                ),
            )
        })?;
    four_digit_year(t, s)
}

fn parse_naive(s: &str) -> Result<NaiveDateTime> {
    [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M",
    ]
    .iter()
    .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
    .or_else(|| {
        NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .ok()
            .and_then(|d| d.and_hms_opt(0, 0, 0))
    })
    .ok_or_else(|| {
        Error::input(
            "time_unreadable",
            [("time", s.to_owned())],
            format!("cannot read the time '{s}': {ACCEPTED}"),
        )
    })
}

/// Parses the time of an event as a user gives it: RFC 3339 with an offset,
/// or local wall-clock time, or a date alone (its local midnight).
pub fn parse_user_time(s: &str) -> Result<DateTime<Utc>> {
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return four_digit_year(t.with_timezone(&Utc), s);
    }
    let naive = parse_naive(s)?;
    let t = Local
        .from_local_datetime(&naive)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .ok_or_else(|| Error::input("time_skipped", [("time", s.to_owned())], format!("'{s}' does not exist in the local time zone (a clock change); give an offset: {ACCEPTED}")))?;
    four_digit_year(t, s)
}

/// Refuses years that the stored form (RFC 3339) cannot hold or that sort
/// wrongly as text: chrono reads `-83-02-02` and `20261-01-01` too.
/// Also cuts a time to the microsecond, the precision stored and hashed.
fn four_digit_year(t: DateTime<Utc>, s: &str) -> Result<DateTime<Utc>> {
    use chrono::SubsecRound;
    if (1000..=9999).contains(&t.year()) {
        Ok(t.trunc_subsecs(6))
    } else {
        Err(Error::input(
            "time_year",
            [("time", s.to_owned())],
            format!("cannot use the time '{s}': the year must have four digits; {ACCEPTED}"),
        ))
    }
}

/// Parses a calendar date (`YYYY-MM-DD`), as used for deadlines.
pub fn parse_date(s: &str) -> Result<NaiveDate> {
    let s = s.trim();
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .ok()
        .filter(|d| (1000..=9999).contains(&d.year()))
        .ok_or_else(|| {
            Error::input(
                "date_unreadable",
                [("date", s.to_owned())],
                format!(
                    "cannot read the date '{s}': the one form accepted is YYYY-MM-DD, with a four-digit year (2026-12-15 for 15 December 2026)"
                ),
            )
        })
}

pub fn today() -> NaiveDate {
    Local::now().date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wall_clock_time_is_read_in_the_zone_named_and_shown_there_again() {
        let t = parse_user_time_in("2026-11-20 14:30", Some("Europe/Zurich")).unwrap();
        assert_eq!(format_utc(t), "2026-11-20T13:30:00.000000Z");
        let shanghai = FixedOffset::east_opt(8 * 3600).unwrap();
        let shown = local_in(t, Some("Europe/Zurich"), shanghai);
        assert_eq!(
            shown,
            ("2026-11-20".into(), "14:30".into()),
            "whatever the machine's zone"
        );
        assert_eq!(
            parse_zone("Mars/Olympus").unwrap_err().said().code,
            "zone_unknown"
        );
    }

    #[test]
    fn rfc3339_is_kept_exactly_and_stored_in_utc() {
        let t = parse_user_time("2026-11-26T14:30:00+01:00").unwrap();
        assert_eq!(format_utc(t), "2026-11-26T13:30:00.000000Z");
    }

    #[test]
    fn nonsense_is_refused_with_the_accepted_forms() {
        let e = parse_user_time("next tuesday").unwrap_err().to_string();
        assert!(e.contains("next tuesday") && e.contains("RFC 3339"), "{e}");
        assert!(parse_date("2026-02-30").is_err());
    }

    #[test]
    fn years_the_stored_form_cannot_hold_are_refused() {
        // Found by fuzzing: these were accepted and stored as text that
        // could not be read back.
        let t = parse_user_time("2826-03-02T09:30:33.070682682Z").unwrap();
        assert_eq!(
            parse_stored(&format_utc(t)).ok(),
            Some(t),
            "kept to the microsecond"
        );
        for odd in ["-83-02-02", "20261-01-01", "0083-02-02T00:00:00Z"] {
            let e = parse_user_time(odd).unwrap_err().to_string();
            assert!(
                e.contains("four digits") || e.contains("cannot read"),
                "{odd}: {e}"
            );
            assert!(parse_date(odd).is_err(), "{odd}");
        }
    }
}
