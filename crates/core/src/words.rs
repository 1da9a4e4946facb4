//! The one place that cuts text into the words search looks for, the same
//! way for what is indexed, what is typed and what a snippet marks:
//!
//! - Chinese (and other Han or kana text) by words, with jieba's
//!   dictionary: 委员会 is one word, not 委, 员 and 会;
//! - Cyrillic words by Snowball's Russian stemmer: консультаций,
//!   консультация and консультации are one word;
//! - other letters and digits by Snowball's English stemmer
//!   (delegations, delegation).
//!
//! Each word is lower-cased first, and ё is read as е. The script decides
//! the stemmer, word by word, so a query in any of the three languages
//! finds text in any of them and mixed text needs no language tag.

use std::ops::Range;
use std::sync::OnceLock;

use frostem::{Algorithm, Stemmer};
use jieba_rs::Jieba;

/// Characters that jieba cuts into words: Han ideographs, kana, and the
/// CJK compatibility and extension blocks.
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF | 0x3040..=0x30FF | 0x3100..=0x31FF | 0x3400..=0x4DBF |
        0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

fn is_cyrillic(c: char) -> bool {
    matches!(c as u32, 0x0400..=0x052F)
}

/// Jieba's dictionary takes ~100 ms and some megabytes to load: only text
/// with Chinese in it pays for it, once per process.
fn jieba() -> &'static Jieba {
    static JIEBA: OnceLock<Jieba> = OnceLock::new();
    JIEBA.get_or_init(Jieba::new)
}

/// Words longer than this are not words people search for (hashes, base64):
/// they are left out of the index.
const LONGEST_WORD: usize = 64;

/// Calls `each` with every word of `text`: its indexed form and where it is
/// in `text` (bytes).
pub(crate) fn each_word(text: &str, mut each: impl FnMut(&str, Range<usize>)) {
    let english = Stemmer::new(Algorithm::English);
    let russian = Stemmer::new(Algorithm::Russian);
    let mut lower = String::new();
    let mut chars = text.char_indices().peekable();
    while let Some(&(start, c)) = chars.peek() {
        if is_cjk(c) {
            let mut end = start;
            while let Some(&(i, c)) = chars.peek() {
                if !is_cjk(c) {
                    break;
                }
                end = i + c.len_utf8();
                chars.next();
            }
            for token in jieba().cut(&text[start..end], true) {
                if token.word.chars().any(char::is_alphanumeric) {
                    each(token.word, start + token.byte_start..start + token.byte_end);
                }
            }
        } else if c.is_alphanumeric() {
            let mut end = start;
            let mut cyrillic = false;
            while let Some(&(i, c)) = chars.peek() {
                if !c.is_alphanumeric() || is_cjk(c) {
                    break;
                }
                cyrillic |= is_cyrillic(c);
                end = i + c.len_utf8();
                chars.next();
            }
            let word = &text[start..end];
            if word.len() > LONGEST_WORD {
                continue;
            }
            lower.clear();
            lower.extend(word.chars().flat_map(char::to_lowercase).map(|c| match c {
                'ё' => 'е',
                c => c,
            }));
            let stemmer = if cyrillic { &russian } else { &english };
            each(&stemmer.stem(&lower), start..end);
        } else {
            chars.next();
        }
    }
}

/// The indexed forms of the words of `text`, in order.
pub(crate) fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    each_word(text, |w, _| out.push(w.to_owned()));
    out
}

/// The analyser tantivy indexes with and parses queries with (registered as
/// [`Words::NAME`]).
#[derive(Clone, Default)]
pub(crate) struct Words {
    tokens: Vec<tantivy::tokenizer::Token>,
}

impl Words {
    pub(crate) const NAME: &'static str = "pacta_words";
}

pub(crate) struct WordStream<'a> {
    tokens: &'a mut Vec<tantivy::tokenizer::Token>,
    next: usize,
}

impl tantivy::tokenizer::Tokenizer for Words {
    type TokenStream<'a> = WordStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordStream<'a> {
        self.tokens.clear();
        let mut position = 0;
        each_word(text, |word, range| {
            self.tokens.push(tantivy::tokenizer::Token {
                offset_from: range.start,
                offset_to: range.end,
                position,
                text: word.to_owned(),
                position_length: 1,
            });
            position += 1;
        });
        WordStream {
            tokens: &mut self.tokens,
            next: 0,
        }
    }
}

impl tantivy::tokenizer::TokenStream for WordStream<'_> {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }

    fn token(&self) -> &tantivy::tokenizer::Token {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut tantivy::tokenizer::Token {
        &mut self.tokens[self.next - 1]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_word_forms_are_one_word() {
        let forms = [
            "консультации",
            "консультаций",
            "консультация",
            "Консультациями",
        ];
        let stems: Vec<String> = forms.iter().map(|f| words(f).remove(0)).collect();
        assert!(stems.iter().all(|s| s == &stems[0]), "{stems:?}");
        assert_eq!(words("кабеля"), words("кабель"));
        assert_eq!(words("повреждении"), words("повреждение"));
        assert_eq!(words("ёлка"), words("елка"));
    }

    #[test]
    fn english_words_by_stem() {
        assert_eq!(words("Delegations consulted"), words("delegation consult"));
    }

    #[test]
    fn chinese_by_words_not_characters() {
        assert_eq!(words("委员会"), ["委员会"]);
        let w = words("双方同意在日内瓦进行磋商。");
        assert!(w.contains(&"磋商".to_owned()), "{w:?}");
        assert!(!w.contains(&"磋".to_owned()), "{w:?}");
    }

    #[test]
    fn mixed_text_keeps_each_word_where_it_was() {
        let text = "Art. 33 委员会 Делегации";
        let mut seen = Vec::new();
        each_word(text, |w, r| seen.push((w.to_owned(), text[r].to_owned())));
        assert_eq!(seen[0], ("art".to_owned(), "Art".to_owned()));
        assert_eq!(seen[1], ("33".to_owned(), "33".to_owned()));
        assert_eq!(seen[2], ("委员会".to_owned(), "委员会".to_owned()));
        assert_eq!(seen[3].1, "Делегации");
    }
}
