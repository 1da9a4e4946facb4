// The languages of the code of conduct, of filings and of the UI.
export type Language = "en" | "zh" | "ru";
