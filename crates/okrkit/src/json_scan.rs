//! A strict byte cursor over JSON text, for the fast readers of the most
//! frequent records (a ledger's check-in lines, a document's check-ins).
//!
//! It reads only the plainest JSON: strings without escapes or control
//! characters, numbers in JSON's own grammar. Anything else makes a method
//! give `None`, and the caller hands the record to serde_json instead, so
//! whatever a fast reader accepts is JSON that serde_json reads into the same
//! values (float parsing is correctly rounded on both sides: okrkit enables
//! serde_json's `float_roundtrip`).

/// A position in JSON text.
pub(crate) struct Cursor<'a> {
    /// The text, already valid UTF-8 (a `&str`): strings are sliced from it
    /// rather than validated a second time.
    pub text: &'a str,
    pub s: &'a [u8],
    pub i: usize,
}

impl<'a> Cursor<'a> {
    /// A cursor at the start of `text`.
    pub fn new(text: &'a str) -> Cursor<'a> {
        Cursor {
            text,
            s: text.as_bytes(),
            i: 0,
        }
    }

    /// Consumes `lit` if the text continues with it.
    #[inline]
    pub fn lit(&mut self, lit: &[u8]) -> Option<()> {
        let end = self.i.checked_add(lit.len())?;
        let got = self.s.get(self.i..end)?;
        // Byte by byte: the literals are a few bytes long, and a call to
        // `memcmp` per literal cost more than the comparison (profile).
        for (a, b) in got.iter().zip(lit) {
            if a != b {
                return None;
            }
        }
        self.i = end;
        Some(())
    }

    /// Consumes the byte `b` if it is next.
    #[inline]
    pub fn byte(&mut self, b: u8) -> Option<()> {
        (self.s.get(self.i) == Some(&b)).then(|| self.i += 1)
    }

    /// Skips JSON whitespace (space, tab, line feed, carriage return).
    pub fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.s.get(self.i) {
            self.i += 1;
        }
    }

    /// The next byte, consumed.
    pub fn next_byte(&mut self) -> Option<u8> {
        let b = *self.s.get(self.i)?;
        self.i += 1;
        Some(b)
    }

    /// A string's contents (after its opening quote), up to the closing
    /// quote; `None` at an escape or a control character.
    pub fn string(&mut self) -> Option<&'a str> {
        let start = self.i;
        let n = special(self.s.get(start..)?)?;
        if self.s[start + n] != b'"' {
            return None;
        }
        self.i = start + n + 1;
        // Both ends sit next to an ASCII quote, so they are char boundaries
        // (`get` checks that in constant time, without rescanning the bytes).
        self.text.get(start..start + n)
    }

    /// A whole string, its opening quote included.
    pub fn quoted(&mut self) -> Option<&'a str> {
        self.byte(b'"')?;
        self.string()
    }

    fn digits(&mut self) -> usize {
        let n = self.s[self.i..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        self.i += n;
        n
    }

    /// A JSON number, strictly: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    pub fn number(&mut self) -> Option<f64> {
        let start = self.i;
        let negative = self.byte(b'-').is_some();
        let int = self.i;
        let n = self.digits();
        if n == 0 || (n > 1 && self.s[int] == b'0') {
            return None;
        }
        let mut fraction = 0;
        if self.byte(b'.').is_some() {
            fraction = self.digits();
            if fraction == 0 {
                return None;
            }
        }
        // Not on 32-bit x86 without SSE2, whose x87 unit divides at extended
        // precision and rounds twice (as Rust's own parser guards its fast path).
        let exact_division = !cfg!(all(target_arch = "x86", not(target_feature = "sse2")));
        if exact_division && !matches!(self.s.get(self.i), Some(b'e' | b'E')) && n + fraction <= 15
        {
            // At most 15 digits and no exponent: the digits make an integer
            // that a double holds exactly, divided by a power of ten a double
            // holds exactly, so one correctly rounded division gives the
            // correctly rounded value that `parse` (and serde_json) give.
            let mut m = 0u64;
            for &b in &self.s[int..self.i] {
                if b != b'.' {
                    m = m * 10 + u64::from(b - b'0');
                }
            }
            let x = m as f64 / POW10[fraction];
            return Some(if negative { -x } else { x });
        }
        if matches!(self.s.get(self.i), Some(b'e' | b'E')) {
            self.i += 1;
            if matches!(self.s.get(self.i), Some(b'+' | b'-')) {
                self.i += 1;
            }
            if self.digits() == 0 {
                return None;
            }
        }
        // ASCII digits and signs only: a char boundary on both ends.
        self.text.get(start..self.i)?.parse().ok()
    }

    /// A JSON number that serde_json reads as the same finite `f64` (it
    /// refuses a number beyond the largest double, which `parse` makes
    /// infinite).
    pub fn finite(&mut self) -> Option<f64> {
        self.number().filter(|x| x.is_finite())
    }

    /// A non-negative integer without sign, fraction or exponent.
    pub fn uint(&mut self) -> Option<u64> {
        let start = self.i;
        let n = self.digits();
        if n == 0 || (n > 1 && self.s[start] == b'0') {
            return None;
        }
        self.text.get(start..self.i)?.parse().ok()
    }

    /// Reads one JSON value at the cursor with serde_json (leading
    /// whitespace skipped), and moves past it.
    pub fn serde<T: serde::de::DeserializeOwned>(&mut self) -> Option<T> {
        let rest = self.text.get(self.i..)?;
        let mut values = serde_json::Deserializer::from_str(rest).into_iter::<T>();
        let value = values.next()?.ok()?;
        self.i += values.byte_offset();
        Some(value)
    }
}

/// 10^0 to 10^15, each exact in a double.
const POW10: [f64; 16] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
];

/// The offset of the first quote, backslash or control character in `s`,
/// eight bytes at a time.
fn special(s: &[u8]) -> Option<usize> {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    let mut i = 0;
    while let Some(chunk) = s.get(i..i + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_ne_bytes(word);
        // A byte is flagged (its high bit set in `hit`) when it is below
        // 0x20, or equal to `"` or `\\` (a zero byte after the xor).
        // Every such byte is flagged (`!x` keeps the high bit of each
        // ASCII byte); a flag on another byte (a borrow) only sends this
        // chunk to the byte-wise scan below.
        let quote = x ^ u64::from_ne_bytes([b'"'; 8]);
        let backslash = x ^ u64::from_ne_bytes([b'\\'; 8]);
        let hit =
            (x.wrapping_sub(ONES * 0x20) | quote.wrapping_sub(ONES) | backslash.wrapping_sub(ONES))
                & !x
                & HIGH;
        if hit != 0 {
            break;
        }
        i += 8;
    }
    s[i..]
        .iter()
        .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
        .map(|n| i + n)
}
