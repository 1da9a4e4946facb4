// Any JSON value (serde_json::Value), as ts-rs writes it.
export type JsonValue = number | string | boolean | Array<JsonValue> | { [key in string]?: JsonValue } | null;
