//! The sanitizer: whatever markdown (or HTML inside it) goes in, no tag that
//! comes out is a script or frame, has an event handler, or links an active
//! URL. (Text outside tags is escaped, so only tags are looked at; the
//! sanitizer writes every attribute value in double quotes.)
#![no_main]

/// A tag's name and its attributes as (name, value).
fn parse_tag(tag: &str) -> (&str, Vec<(&str, &str)>) {
    let tag = tag.trim_start_matches('/');
    let name_end = tag
        .find(|c: char| c.is_whitespace() || c == '/')
        .unwrap_or(tag.len());
    let (name, mut rest) = tag.split_at(name_end);
    let mut attributes = Vec::new();
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        if rest.is_empty() {
            break;
        }
        let end = rest
            .find(|c: char| c == '=' || c.is_whitespace())
            .unwrap_or(rest.len());
        let (attribute, after) = rest.split_at(end);
        let Some(value) = after.strip_prefix("=\"") else {
            attributes.push((attribute, ""));
            rest = after.trim_start_matches('=');
            continue;
        };
        let close = value.find('"').unwrap_or(value.len());
        attributes.push((attribute, &value[..close]));
        rest = value.get(close + 1..).unwrap_or_default();
    }
    (name, attributes)
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let html = pacta_core::markdown::to_html(text).to_ascii_lowercase();
    for tag in html
        .split('<')
        .skip(1)
        .map(|t| t.split('>').next().unwrap_or_default())
    {
        let (name, attributes) = parse_tag(tag);
        assert!(
            !matches!(
                name,
                "script"
                    | "iframe"
                    | "object"
                    | "embed"
                    | "style"
                    | "frame"
                    | "base"
                    | "form"
                    | "meta"
                    | "link"
            ),
            "a <{name}> tag survived: {html}"
        );
        for (attribute, value) in attributes {
            assert!(
                !attribute.starts_with("on"),
                "an event handler survived: <{tag}>"
            );
            // A URL's scheme is what runs.
            let url = value.trim_start_matches(|c: char| c.is_whitespace() || c.is_control());
            for active in ["javascript:", "vbscript:", "data:"] {
                assert!(!url.starts_with(active), "{active} survived: <{tag}>");
            }
        }
    }
});
