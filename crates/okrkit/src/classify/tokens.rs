//! Tokenizer: splits a statement into lowercased words, numbers and the few
//! symbols the classifier cares about, without regex and without allocating.
//!
//! Lowercased text goes into a reused, bounded buffer; tokens keep both
//! their span in that buffer and their span in the original text (so signals
//! can quote the user's own words). Only the first [`MAX_TOKENS`] tokens (and
//! [`MAX_LOWER_BYTES`] bytes of lowercased text) are analysed: key results are
//! short, and this bounds the work on huge input.

/// Most tokens analysed per statement.
pub(crate) const MAX_TOKENS: usize = 96;
/// Most bytes of lowercased text kept per statement.
pub(crate) const MAX_LOWER_BYTES: usize = 1024;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokKind {
    /// Letters (and digits after the first letter): `rate`, `q3`, `p99`.
    Word,
    /// Digits with inner `,` or `.`: `1,000`, `99.95`.
    Number,
    /// `%`.
    Percent,
    /// `$`, `€`, `£`, `¥`.
    Currency,
    /// `>`, `>=`, `≥`, `<`, `<=`, `≤`.
    Comparator,
    /// `+` (as in `4.5+`).
    Plus,
    /// `->` or `→`.
    Arrow,
    /// `/` (as in `7,000/month`).
    Slash,
    /// `,`.
    Comma,
    /// End of a clause: `.`, `;`, `:`, `!`, `?`, a line break.
    Break,
}

/// One token.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Token {
    pub(crate) kind: TokKind,
    /// Span in the lowercased buffer.
    pub(crate) lo: u16,
    pub(crate) hi: u16,
    /// Span in the original text (always on char boundaries).
    pub(crate) start: u32,
    pub(crate) end: u32,
    /// A word glued to the number before it (`300ms`, `10k`, `2x`).
    pub(crate) glued: bool,
    /// A word joined by a hyphen to a neighbour (`AI-driven`, `earned-media`).
    pub(crate) compound: bool,
}

/// The tokens of one statement. Reused from statement to statement (the
/// classifier keeps one per thread), so tokenizing does not allocate.
#[derive(Debug, Default)]
pub(crate) struct Tokens {
    lower: Vec<u8>,
    toks: Vec<Token>,
    stopped: bool,
}

impl Tokens {
    /// Empty buffers, with their full capacity.
    pub(crate) fn new() -> Self {
        Tokens {
            lower: Vec::with_capacity(MAX_LOWER_BYTES),
            toks: Vec::with_capacity(MAX_TOKENS),
            stopped: false,
        }
    }

    /// Tokenizes `text`, replacing what was there.
    pub(crate) fn fill(&mut self, text: &str) {
        self.lower.clear();
        self.toks.clear();
        self.stopped = false;
        self.run(text);
    }

    /// The tokens.
    pub(crate) fn as_slice(&self) -> &[Token] {
        &self.toks
    }

    /// The lowercased text (validated once per statement; it is always
    /// UTF-8, since only whole characters are written to it).
    pub(crate) fn lower(&self) -> &str {
        std::str::from_utf8(&self.lower).unwrap_or("")
    }

    /// The lowercased text of a token in `lower` ("" if it cannot be read).
    #[inline]
    pub(crate) fn text_in<'a>(lower: &'a str, tok: &Token) -> &'a str {
        lower.get(tok.lo as usize..tok.hi as usize).unwrap_or("")
    }

    /// The lowercased text of a token (validates the buffer: for tests).
    #[cfg(test)]
    pub(crate) fn text(&self, tok: &Token) -> &str {
        Self::text_in(self.lower(), tok)
    }

    fn full(&self) -> bool {
        self.stopped || self.toks.len() >= MAX_TOKENS
    }

    fn push(&mut self, kind: TokKind, start: usize, end: usize, lo: usize, glued: bool) {
        if self.full() {
            return;
        }
        self.toks.push(Token {
            kind,
            lo: lo as u16,
            hi: self.lower.len() as u16,
            start: start.min(u32::MAX as usize) as u32,
            end: end.min(u32::MAX as usize) as u32,
            glued,
            compound: false,
        });
    }

    /// Appends the lowercase of `c` to the buffer; false when it does not fit.
    #[inline]
    fn put_lower(&mut self, c: char) -> bool {
        if c.is_ascii() {
            if self.lower.len() >= MAX_LOWER_BYTES {
                return false;
            }
            self.lower.push(c.to_ascii_lowercase() as u8);
            return true;
        }
        for l in c.to_lowercase() {
            if self.lower.len() + l.len_utf8() > MAX_LOWER_BYTES {
                return false;
            }
            let mut buf = [0u8; 4];
            self.lower
                .extend_from_slice(l.encode_utf8(&mut buf).as_bytes());
        }
        true
    }

    /// Stops the analysis here (the buffers are full).
    fn stop(&mut self) {
        self.stopped = true;
    }

    fn run(&mut self, text: &str) {
        let bytes = text.as_bytes();
        let mut i = 0;
        // The previous emitted token ended right here (for glued suffixes).
        let mut number_end = usize::MAX;
        while i < bytes.len() && !self.full() {
            let b = bytes[i];
            if b == b' ' {
                i += 1;
                continue;
            }
            let (c, clen) = if b < 0x80 {
                (b as char, 1)
            } else {
                match text.get(i..).and_then(|s| s.chars().next()) {
                    Some(c) => (c, c.len_utf8()),
                    None => break,
                }
            };
            if c.is_alphabetic() {
                let glued = number_end == i;
                let compound =
                    i >= 2 && bytes[i - 1] == b'-' && bytes[i - 2].is_ascii_alphanumeric();
                let before = self.toks.len();
                i = self.word(text, i);
                if self.toks.len() > before
                    && let Some(last) = self.toks.last_mut()
                {
                    let hyphen_after = bytes.get(i) == Some(&b'-')
                        && bytes.get(i + 1).is_some_and(|b| b.is_ascii_alphanumeric());
                    last.glued = glued;
                    last.compound = compound || hyphen_after;
                }
                continue;
            }
            if c.is_ascii_digit() {
                i = self.number(text, i);
                number_end = i;
                continue;
            }
            let next = bytes.get(i + 1).copied().unwrap_or(0);
            let kind = match c {
                '%' => Some(TokKind::Percent),
                '$' | '€' | '£' | '¥' => Some(TokKind::Currency),
                '>' | '<' | '≥' | '≤' | '⩾' | '⩽' => Some(TokKind::Comparator),
                '+' => Some(TokKind::Plus),
                '→' => Some(TokKind::Arrow),
                '-' if next == b'>' => Some(TokKind::Arrow),
                '/' => Some(TokKind::Slash),
                ',' => Some(TokKind::Comma),
                // A '.' glued to what follows ("v0.1", ".NET") is not a full stop.
                '.' if next.is_ascii_alphanumeric() => None,
                '.' | ';' | ':' | '!' | '?' | '\n' | '\r' => Some(TokKind::Break),
                _ => None,
            };
            let mut len = clen;
            if ((c == '>' || c == '<') && next == b'=') || (c == '-' && next == b'>') {
                len = 2;
            }
            if c == '=' && next == b'>' {
                // "=>": an arrow in prose, not a comparator.
                len = 2;
            }
            if let Some(kind) = kind {
                let lo = self.lower.len();
                self.push(kind, i, i + len, lo, false);
            }
            i += len;
        }
    }

    /// Reads a word starting at `i` (a letter); returns where it ends.
    /// Letters and digits continue a word; a `.` between two letters too
    /// (`gitlab.com`); an apostrophe followed by `s` and a non-letter is
    /// dropped (`team's` → `team`).
    fn word(&mut self, text: &str, start: usize) -> usize {
        let bytes = text.as_bytes();
        let lo = self.lower.len();
        let mut i = start;
        let mut end = start;
        let mut fits = true;
        while i < bytes.len() {
            let b = bytes[i];
            // ASCII fast path: a run of ASCII letters and digits at once.
            if b.is_ascii_alphanumeric() {
                let run = bytes[i..]
                    .iter()
                    .position(|b| !b.is_ascii_alphanumeric())
                    .unwrap_or(bytes.len() - i);
                if fits {
                    if self.lower.len() + run <= MAX_LOWER_BYTES {
                        let at = self.lower.len();
                        self.lower.extend_from_slice(&bytes[i..i + run]);
                        self.lower[at..].make_ascii_lowercase();
                    } else {
                        fits = false;
                    }
                }
                i += run;
                end = i;
                continue;
            }
            let (c, clen) = if b < 0x80 {
                (b as char, 1)
            } else {
                match text.get(i..).and_then(|s| s.chars().next()) {
                    Some(c) => (c, c.len_utf8()),
                    None => break,
                }
            };
            if c.is_alphanumeric() {
                if fits {
                    fits = self.put_lower(c);
                }
                i += clen;
                end = i;
                continue;
            }
            if c == '.' && bytes.get(i + 1).is_some_and(|n| n.is_ascii_alphabetic()) {
                if fits {
                    fits = self.put_lower('.');
                }
                i += 1;
                continue;
            }
            if c == '\'' || c == '’' {
                let after = i + clen;
                let s = bytes.get(after).copied();
                let after_s = bytes.get(after + 1).copied();
                if matches!(s, Some(b's') | Some(b'S'))
                    && !after_s.is_some_and(|n| n.is_ascii_alphanumeric())
                {
                    i = after + 1;
                    break;
                }
            }
            break;
        }
        if !fits {
            // Out of buffer: drop the partial word and stop analysing.
            self.lower.truncate(lo);
            self.stop();
            return bytes.len();
        }
        self.push(TokKind::Word, start, end, lo, false);
        i.max(start + 1)
    }

    /// Reads a number starting at `i` (a digit); returns where it ends.
    fn number(&mut self, text: &str, start: usize) -> usize {
        let bytes = text.as_bytes();
        let lo = self.lower.len();
        let mut i = start;
        let mut fits = true;
        while i < bytes.len() {
            let b = bytes[i];
            let inner =
                (b == b',' || b == b'.') && bytes.get(i + 1).is_some_and(|n| n.is_ascii_digit());
            if b.is_ascii_digit() || inner {
                if fits {
                    fits = self.put_lower(char::from(b));
                }
                i += 1;
            } else {
                break;
            }
        }
        if !fits {
            self.lower.truncate(lo);
            self.stop();
            return bytes.len();
        }
        self.push(TokKind::Number, start, i, lo, false);
        i
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds_and_text(s: &str) -> Vec<(TokKind, String)> {
        let mut t = Tokens::new();
        t.fill(s);
        t.as_slice()
            .iter()
            .map(|k| (k.kind, t.text(k).to_string()))
            .collect()
    }

    #[test]
    fn splits_words_numbers_and_symbols() {
        let got = kinds_and_text("Checkout conversion rate > 65%");
        let kinds: Vec<TokKind> = got.iter().map(|g| g.0).collect();
        assert_eq!(
            kinds,
            vec![
                TokKind::Word,
                TokKind::Word,
                TokKind::Word,
                TokKind::Comparator,
                TokKind::Number,
                TokKind::Percent
            ]
        );
        assert_eq!(got[0].1, "checkout");
    }

    #[test]
    fn numbers_keep_separators_and_glue_units() {
        let mut t = Tokens::new();
        t.fill("from 8,000 to 300ms and 1.5x");
        let toks = t.as_slice();
        assert_eq!(t.text(&toks[1]), "8,000");
        assert_eq!(t.text(&toks[3]), "300");
        assert_eq!(t.text(&toks[4]), "ms");
        assert!(toks[4].glued);
        assert_eq!(t.text(&toks[6]), "1.5");
        assert_eq!(t.text(&toks[7]), "x");
    }

    #[test]
    fn unicode_is_lowercased_and_spans_are_char_boundaries() {
        let s = "ÉLEVER la Satisfaction ≥ 8 — ok’s";
        let mut t = Tokens::new();
        t.fill(s);
        assert_eq!(t.text(&t.as_slice()[0]), "élever");
        for tok in t.as_slice() {
            assert!(s.get(tok.start as usize..tok.end as usize).is_some());
        }
    }

    #[test]
    fn huge_input_is_bounded() {
        let s = "word ".repeat(100_000);
        let mut t = Tokens::new();
        t.fill(&s);
        assert_eq!(t.as_slice().len(), MAX_TOKENS);
        let long_word = "é".repeat(10_000);
        t.fill(&long_word);
        assert!(t.as_slice().len() <= MAX_TOKENS);
    }
}
