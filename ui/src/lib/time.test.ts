import { describe, expect, it } from "vitest";
import { LANGUAGES, translate } from "../i18n";
import {
  fieldProblemText,
  formatDate,
  formatDateTime,
  formatDateTimeIn,
  formatDay,
  formatRecent,
  instant,
  localInputToRfc3339,
  machineZone,
  parseDate,
  readDateField,
  readTimeField,
  sameZone,
  todayLocal,
  toRfc3339Local,
  toTimeField,
} from "./time";

/** 26 November 2026, 14:30 local time, as the backend sends it (RFC 3339, UTC). */
const nov26 = new Date(2026, 10, 26, 14, 30).toISOString();

describe("dates as the UI language writes them", () => {
  it("shows a time of today by its clock alone, an earlier one with its day", () => {
    const evening = new Date(2026, 10, 26, 21, 5);
    for (const lang of ["en", "zh", "ru"] as const) expect(formatRecent(nov26, lang, evening)).toBe("14:30");
    // Stored as the core stores it: UTC, microseconds.
    expect(formatRecent(nov26.replace(/\.\d{3}Z$/, ".000000Z"), "en", evening)).toBe("14:30");
    const nextDay = new Date(2026, 10, 27, 9, 0);
    expect(formatRecent(nov26, "en", nextDay)).toBe("26 Nov 2026, 14:30");
    expect(formatRecent(nov26, "zh", nextDay)).toBe("2026年11月26日 14:30");
    expect(formatRecent(nov26, "ru", nextDay)).toBe("26.11.2026, 14:30");
    expect(formatRecent("not a time", "en", nextDay)).toBe("not a time");
  });

  it("shows a calendar date day-month-year in English, 年月日 in Chinese, dd.mm.yyyy in Russian", () => {
    expect(formatDate("2026-11-26", "en")).toBe("26 Nov 2026");
    expect(formatDate("2026-11-26", "zh")).toBe("2026年11月26日");
    expect(formatDate("2026-11-26", "ru")).toBe("26.11.2026");
  });

  it("shows a time the same way, with the local 24-hour clock", () => {
    expect(formatDateTime(nov26, "en")).toBe("26 Nov 2026, 14:30");
    expect(formatDateTime(nov26, "zh")).toBe("2026年11月26日 14:30");
    expect(formatDateTime(nov26, "ru")).toBe("26.11.2026, 14:30");
  });

  it("never in the US order, nor with the system's month names or an AM/PM clock", () => {
    for (const lang of LANGUAGES) {
      for (const text of [formatDate("2026-11-26", lang), formatDateTime(nov26, lang)]) {
        expect(text, lang).not.toContain("11/26/2026");
        expect(text, lang).not.toMatch(/\bNov 26\b|\d+\/\d+\/\d+|AM|PM/);
      }
    }
  });

  it("pads days and months as each language does, and writes September as Sep", () => {
    expect(formatDate("2026-01-05", "en")).toBe("5 Jan 2026");
    expect(formatDate("2026-01-05", "zh")).toBe("2026年1月5日");
    expect(formatDate("2026-01-05", "ru")).toBe("05.01.2026");
    expect(formatDate("2026-09-30", "en")).toBe("30 Sep 2026");
    expect(formatDateTime(new Date(2027, 0, 2, 9, 5).toISOString(), "ru")).toBe("02.01.2027, 09:05");
  });

  it("shows the local day of a time without its clock", () => {
    expect(formatDay(nov26, "en")).toBe("26 Nov 2026");
    expect(formatDay(nov26, "zh")).toBe("2026年11月26日");
    expect(formatDay(nov26, "ru")).toBe("26.11.2026");
    // Just before local midnight: still that day here, whatever the day in UTC.
    expect(formatDay(new Date(2026, 10, 26, 23, 59).toISOString(), "en")).toBe("26 Nov 2026");
    expect(formatDay("not a time", "en")).toBe("not a time");
  });

  it("shows the date of a deadline as the day it is, with no time zone shift", () => {
    expect(formatDate("2026-12-31", "en")).toBe("31 Dec 2026");
    expect(formatDate("2026-12-31T00:00:00Z", "ru")).toBe("31.12.2026");
  });

  it("shows what it cannot read as it came", () => {
    expect(formatDate("someday", "en")).toBe("someday");
    expect(formatDateTime("not a time", "zh")).toBe("not a time");
  });
});

describe("date fields", () => {
  it("take YYYY-MM-DD, as the commands do, and send it unchanged", () => {
    expect(readDateField("2026-11-26")).toEqual({ value: "2026-11-26" });
    expect(readDateField(" 2026-11-26 ")).toEqual({ value: "2026-11-26" });
    expect(fieldProblemText("date", "2026-11-26", "en")).toBeNull();
  });

  it("refuse 11/26/2026, and any other order, saying which form is taken", () => {
    for (const text of ["11/26/2026", "26.11.2026", "26/11/2026", "2026/11/26", "26 Nov 2026", "2026-1-5", "20261126"]) {
      expect(readDateField(text), text).toEqual({ problem: "form" });
    }
    expect(fieldProblemText("date", "11/26/2026", "en")).toBe("Write the date as YYYY-MM-DD, for example 2026-11-26.");
    expect(fieldProblemText("date", "11/26/2026", "zh")).toBe("请按“年-月-日”填写日期，例如 2026-11-26。");
    expect(fieldProblemText("date", "11/26/2026", "ru")).toBe("Запишите дату в виде ГГГГ-ММ-ДД, например 2026-11-26.");
  });

  it("refuse a day that does not exist, or a year the core refuses, naming it", () => {
    expect(readDateField("2026-02-30")).toEqual({ problem: "calendar" });
    expect(readDateField("2026-13-01")).toEqual({ problem: "calendar" });
    expect(readDateField("0999-01-01")).toEqual({ problem: "calendar" });
    expect(fieldProblemText("date", "2026-02-30", "en")).toBe("There is no such date as 2026-02-30.");
    for (const lang of LANGUAGES) expect(fieldProblemText("date", "2026-02-30", lang)).toContain("2026-02-30");
  });

  it("leave an empty field to the form (required or not)", () => {
    expect(fieldProblemText("date", "", "en")).toBeNull();
    expect(fieldProblemText("time", "  ", "ru")).toBeNull();
  });

  it("ask for the same form in every language", () => {
    expect(LANGUAGES.map((l) => translate(l, "dateField.placeholder"))).toEqual(["YYYY-MM-DD", "年-月-日", "ГГГГ-ММ-ДД"]);
    expect(LANGUAGES.map((l) => translate(l, "timeField.placeholder"))).toEqual(["YYYY-MM-DD HH:MM", "年-月-日 时:分", "ГГГГ-ММ-ДД ЧЧ:ММ"]);
  });
});

describe("time fields", () => {
  it("show local time as YYYY-MM-DD HH:MM", () => {
    expect(toTimeField(new Date(2026, 0, 5, 9, 7, 0))).toBe("2026-01-05 09:07");
  });

  it("send RFC 3339 with the local offset, the same instant", () => {
    const rfc = localInputToRfc3339("2026-11-26 14:30");
    expect(rfc).toMatch(/^2026-11-26T14:30:00[+-]\d{2}:\d{2}$/);
    expect(Date.parse(rfc!)).toBe(new Date(2026, 10, 26, 14, 30).getTime());
    // The ISO "T", and seconds, are taken too.
    expect(localInputToRfc3339("2026-11-26T14:30")).toBe(rfc);
    expect(Date.parse(localInputToRfc3339("2026-11-26 14:30:15")!)).toBe(new Date(2026, 10, 26, 14, 30, 15).getTime());
  });

  it("round-trip a Date through the field", () => {
    const d = new Date(2026, 0, 5, 9, 7, 0);
    expect(Date.parse(localInputToRfc3339(toTimeField(d))!)).toBe(d.getTime());
    expect(Date.parse(toRfc3339Local(d))).toBe(d.getTime());
  });

  it("refuse what is not a time, or not in the form asked for", () => {
    expect(localInputToRfc3339("")).toBeNull();
    expect(localInputToRfc3339("next tuesday")).toBeNull();
    expect(readTimeField("11/26/2026 2:30 PM")).toEqual({ problem: "form" });
    expect(readTimeField("26.11.2026 14:30")).toEqual({ problem: "form" });
    expect(readTimeField("2026-02-30 10:00")).toEqual({ problem: "calendar" });
    expect(readTimeField("2026-11-26 24:00")).toEqual({ problem: "calendar" });
    expect(fieldProblemText("time", "11/26/2026 2:30 PM", "en")).toBe("Write the time as YYYY-MM-DD HH:MM, for example 2026-11-26 14:30.");
    expect(fieldProblemText("time", "11/26/2026 2:30 PM", "zh")).toBe("请按“年-月-日 时:分”填写时间，例如 2026-11-26 14:30。");
    expect(fieldProblemText("time", "11/26/2026 2:30 PM", "ru")).toBe("Запишите время в виде ГГГГ-ММ-ДД ЧЧ:ММ, например 2026-11-26 14:30.");
    expect(fieldProblemText("time", "2026-02-30 10:00", "ru")).toBe("Времени 2026-02-30 10:00 не существует.");
  });
});

describe("calendar dates", () => {
  it("give today's local date and read dates without shifting them", () => {
    expect(todayLocal(new Date(2026, 11, 31, 23, 59))).toBe("2026-12-31");
    expect(parseDate("2026-12-31")?.getDate()).toBe(31);
    expect(parseDate("2026-02-30")).toBeNull();
    expect(parseDate("2026-13-01")).toBeNull();
  });
});

describe("times where they were given", () => {
  it("writes a time as the clocks read in another zone, in the UI language's form", () => {
    const t = "2026-11-20T13:30:00.000000Z";
    expect(formatDateTimeIn(t, "Europe/Zurich", "en")).toBe("20 Nov 2026, 14:30");
    expect(formatDateTimeIn(t, "Asia/Shanghai", "zh")).toBe("2026年11月20日 21:30");
    expect(formatDateTimeIn(t, "Europe/Moscow", "ru")).toBe("20.11.2026, 16:30");
    expect(formatDateTimeIn("2026-11-20T23:30:00Z", "Asia/Shanghai", "en")).toBe("21 Nov 2026, 07:30");
    expect(formatDateTimeIn(t, "Mars/Olympus", "en")).toBeNull();
  });

  it("tells one zone under two names from two zones", () => {
    expect(sameZone("Etc/UTC", "UTC")).toBe(true);
    expect(sameZone("Asia/Calcutta", "Asia/Kolkata")).toBe(true);
    expect(sameZone("Europe/Zurich", "Europe/Berlin")).toBe(false);
    expect(sameZone(machineZone(), machineZone())).toBe(true);
  });

  it("orders stored times to the microsecond, with or without a fraction", () => {
    expect(instant("2026-11-20T09:30:00Z")).toBe(instant("2026-11-20T09:30:00.000000Z"));
    expect(instant("2026-11-20T09:30:00.000001Z")).toBeGreaterThan(instant("2026-11-20T09:30:00Z"));
    expect(instant("2026-11-20T09:30:00.999999Z")).toBeLessThan(instant("2026-11-20T09:30:01Z"));
    expect(instant("2026-11-20T10:30:00+01:00")).toBe(instant("2026-11-20T09:30:00Z"));
  });
});
