//! Tokenizer: splits a statement into lowercased words, numbers and the few
//! symbols the classifier cares about, without regex and without allocating.
//!
//! Lowercased text goes into a fixed buffer on the stack; tokens keep both
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

const EMPTY: Token = Token {
    kind: TokKind::Break,
    lo: 0,
    hi: 0,
    start: 0,
    end: 0,
    glued: false,
    compound: false,
};

/// The tokens of one statement, on the stack.
pub(crate) struct Tokens {
    lower: [u8; MAX_LOWER_BYTES],
    lower_len: usize,
    toks: [Token; MAX_TOKENS],
    len: usize,
}

impl Tokens {
    /// Tokenizes `text`.
    pub(crate) fn new(text: &str) -> Self {
        let mut t = Tokens {
            lower: [0; MAX_LOWER_BYTES],
            lower_len: 0,
            toks: [EMPTY; MAX_TOKENS],
            len: 0,
        };
        t.run(text);
        t
    }

    /// The tokens.
    pub(crate) fn as_slice(&self) -> &[Token] {
        &self.toks[..self.len]
    }

    /// The lowercased text of a token ("" if it cannot be read).
    pub(crate) fn text(&self, tok: &Token) -> &str {
        let (lo, hi) = (tok.lo as usize, tok.hi as usize);
        match self.lower.get(lo..hi) {
            Some(bytes) => std::str::from_utf8(bytes).unwrap_or(""),
            None => "",
        }
    }

    fn full(&self) -> bool {
        self.len >= MAX_TOKENS
    }

    fn push(&mut self, kind: TokKind, start: usize, end: usize, lo: usize, glued: bool) {
        if self.full() {
            return;
        }
        self.toks[self.len] = Token {
            kind,
            lo: lo as u16,
            hi: self.lower_len as u16,
            start: start.min(u32::MAX as usize) as u32,
            end: end.min(u32::MAX as usize) as u32,
            glued,
            compound: false,
        };
        self.len += 1;
    }

    /// Appends the lowercase of `c` to the buffer; false when it does not fit.
    fn put_lower(&mut self, c: char) -> bool {
        if c.is_ascii() {
            if self.lower_len >= MAX_LOWER_BYTES {
                return false;
            }
            self.lower[self.lower_len] = c.to_ascii_lowercase() as u8;
            self.lower_len += 1;
            return true;
        }
        for l in c.to_lowercase() {
            let n = l.len_utf8();
            if self.lower_len + n > MAX_LOWER_BYTES {
                return false;
            }
            l.encode_utf8(&mut self.lower[self.lower_len..self.lower_len + n]);
            self.lower_len += n;
        }
        true
    }

    fn run(&mut self, text: &str) {
        let bytes = text.as_bytes();
        let mut i = 0;
        // The previous emitted token ended right here (for glued suffixes).
        let mut number_end = usize::MAX;
        while i < bytes.len() && !self.full() {
            let b = bytes[i];
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
                let before = self.len;
                i = self.word(text, i);
                if self.len > before
                    && let Some(last) = self.toks[..self.len].last_mut()
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
                let lo = self.lower_len;
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
        let lo = self.lower_len;
        let mut i = start;
        let mut end = start;
        let mut fits = true;
        while i < bytes.len() {
            let b = bytes[i];
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
            self.lower_len = lo;
            self.len = MAX_TOKENS;
            return bytes.len();
        }
        self.push(TokKind::Word, start, end, lo, false);
        i.max(start + 1)
    }

    /// Reads a number starting at `i` (a digit); returns where it ends.
    fn number(&mut self, text: &str, start: usize) -> usize {
        let bytes = text.as_bytes();
        let lo = self.lower_len;
        let mut i = start;
        let mut fits = true;
        while i < bytes.len() {
            let b = bytes[i];
            let inner =
                (b == b',' || b == b'.') && bytes.get(i + 1).is_some_and(|n| n.is_ascii_digit());
            if b.is_ascii_digit() || inner {
                if fits {
                    fits = self.put_lower(b as char);
                }
                i += 1;
            } else {
                break;
            }
        }
        if !fits {
            self.lower_len = lo;
            self.len = MAX_TOKENS;
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
        let t = Tokens::new(s);
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
        let t = Tokens::new("from 8,000 to 300ms and 1.5x");
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
        let t = Tokens::new(s);
        assert_eq!(t.text(&t.as_slice()[0]), "élever");
        for tok in t.as_slice() {
            assert!(s.get(tok.start as usize..tok.end as usize).is_some());
        }
    }

    #[test]
    fn huge_input_is_bounded() {
        let s = "word ".repeat(100_000);
        let t = Tokens::new(&s);
        assert_eq!(t.as_slice().len(), MAX_TOKENS);
        let long_word = "é".repeat(10_000);
        let t = Tokens::new(&long_word);
        assert!(t.as_slice().len() <= MAX_TOKENS);
    }
}
