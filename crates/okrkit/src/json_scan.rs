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
        // `memcmp` per literal cost more than the comparison (profile; words
        // of eight bytes cost more too, the loop no longer inlined).
        for (a, b) in got.iter().zip(lit) {
            if a != b {
                return None;
            }
        }
        self.i = end;
        Some(())
    }

    /// Consumes the `N` bytes of `tag` if the text continues with them: one
    /// comparison of a fixed size, which the compiler turns into a few word
    /// loads (for the member names of a record in its compact form).
    #[inline]
    pub fn tag<const N: usize>(&mut self, tag: &[u8; N]) -> Option<()> {
        let end = self.i.checked_add(N)?;
        let got: &[u8; N] = self.s.get(self.i..end)?.try_into().ok()?;
        (got == tag).then(|| self.i = end)
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

    /// Consumes ASCII digits; their count, and their value (wrapping past
    /// 19 digits, where the caller does not use it).
    #[inline]
    fn digits(&mut self, mut m: u64) -> (usize, u64) {
        let start = self.i;
        // Eight at a time while eight digits follow (a value okrkit writes
        // has 16 or 17), then one by one.
        while let Some(chunk) = self.s.get(self.i..self.i + 8) {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            let Some(eight) = eight_digits(u64::from_le_bytes(word)) else {
                break;
            };
            m = m.wrapping_mul(100_000_000).wrapping_add(eight);
            self.i += 8;
        }
        while let Some(&b) = self.s.get(self.i) {
            let d = b.wrapping_sub(b'0');
            if d > 9 {
                break;
            }
            m = m.wrapping_mul(10).wrapping_add(u64::from(d));
            self.i += 1;
        }
        (self.i - start, m)
    }

    /// A JSON number, strictly: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    pub fn number(&mut self) -> Option<f64> {
        let start = self.i;
        let negative = self.byte(b'-').is_some();
        let int = self.i;
        let (n, mut m) = self.digits(0);
        if n == 0 || (n > 1 && self.s[int] == b'0') {
            return None;
        }
        let mut fraction = 0;
        if self.byte(b'.').is_some() {
            (fraction, m) = self.digits(m);
            if fraction == 0 {
                return None;
            }
        }
        let exponent = matches!(self.s.get(self.i), Some(b'e' | b'E'));
        // Not on 32-bit x86 without SSE2, whose x87 unit divides at extended
        // precision and rounds twice (as Rust's own parser guards its fast path).
        let exact_division = !cfg!(all(target_arch = "x86", not(target_feature = "sse2")));
        if !exponent && n + fraction <= 19 {
            // Up to 19 digits (what okrkit writes for most values: 16 or 17)
            // fit a `u64`, exactly.
            let x = if exact_division && m <= 1 << 53 {
                // An integer that a double holds exactly, divided by a power
                // of ten a double holds exactly (up to 10^22): one correctly
                // rounded division gives the correctly rounded value that
                // `parse` (and serde_json) give.
                Some(m as f64 / POW10[fraction])
            } else {
                // Else the Eisel–Lemire product, exact for these exponents.
                decimal(m, fraction)
            };
            if let Some(x) = x {
                return Some(if negative { -x } else { x });
            }
        }
        if exponent {
            self.i += 1;
            if matches!(self.s.get(self.i), Some(b'+' | b'-')) {
                self.i += 1;
            }
            if self.digits(0).0 == 0 {
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
        let (n, _) = self.digits(0);
        if n == 0 || (n > 1 && self.s[start] == b'0') {
            return None;
        }
        self.text.get(start..self.i)?.parse().ok()
    }

    /// Reads one JSON value at the cursor with serde_json (leading
    /// whitespace skipped; a struct from an object only), and moves past it.
    pub fn serde<T: serde::de::DeserializeOwned>(&mut self) -> Option<T> {
        let rest = self.text.get(self.i..)?;
        // A struct from an object only, as `crate::json` reads one.
        let mut values =
            serde_json::Deserializer::from_str(rest).into_iter::<crate::json::ObjectsOnly<T>>();
        let value = values.next()?.ok()?;
        self.i += values.byte_offset();
        Some(value.0)
    }
}

/// The value of eight ASCII digits (the first in the lowest byte), or
/// `None` when a byte is not a digit (the classic SWAR reading, as in Rust's
/// own float parser).
fn eight_digits(word: u64) -> Option<u64> {
    // Every byte in b'0'..=b'9': neither the subtraction of '0' nor the
    // addition of 0x46 (which carries from b':' up) sets a high bit.
    let below = word.wrapping_sub(0x3030_3030_3030_3030);
    let above = word.wrapping_add(0x4646_4646_4646_4646);
    if (below | above) & 0x8080_8080_8080_8080 != 0 {
        return None;
    }
    const MASK: u64 = 0x0000_00ff_0000_00ff;
    const MUL1: u64 = 0x000f_4240_0000_0064; // 100 + (1_000_000 << 32)
    const MUL2: u64 = 0x0000_2710_0000_0001; // 1 + (10_000 << 32)
    let pairs = below.wrapping_mul(10).wrapping_add(below >> 8);
    let v = (pairs & MASK)
        .wrapping_mul(MUL1)
        .wrapping_add(((pairs >> 16) & MASK).wrapping_mul(MUL2))
        >> 32;
    Some(v)
}

/// 10^0 to 10^19, each exact in a double.
const POW10: [f64; 20] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19,
];

/// `m / 10^f`, correctly rounded (to nearest, ties to even, as `str::parse`
/// and serde_json's `float_roundtrip` round), for `f` up to 19; `None` for
/// a larger `f` (the caller then parses the text).
///
/// The Eisel–Lemire algorithm (D. Lemire, "Number Parsing at a Gigabyte
/// per Second", 2021; as in fast_float and in Rust's own `str::parse`):
/// `m`, shifted to 64 significant bits, times a 128-bit approximation of
/// `5^-f` ([`POW5_INV`]), whose high bits are the double's significand and
/// whose low bits tell a tie. For these exponents (−19 to 0, within
/// fast_float's −27 to 55) the product decides every case (N. Mushtak and
/// D. Lemire, "Fast number parsing without fallback", 2023): no second
/// check. It replaced a division checked against both midpoints with
/// 128-bit products: the number reader's share of a load at a million key
/// results fell by a third (BENCHMARKS.md, "Loading: numbers by
/// Eisel–Lemire…").
fn decimal(m: u64, f: usize) -> Option<f64> {
    if m == 0 {
        return Some(0.0);
    }
    let &(hi, lo) = POW5_INV.get(f)?;
    let q = -(f as i32);
    let lz = m.leading_zeros();
    let w = m << lz;
    let full = |a: u64, b: u64| {
        let p = u128::from(a) * u128::from(b);
        ((p >> 64) as u64, p as u64)
    };
    let (mut high, mut low) = full(w, hi);
    // The significand's 55 bits (53 and two for rounding) and nine below
    // them all ones: the low half of the power may carry into them.
    if high & 0x1ff == 0x1ff {
        let (second, _) = full(w, lo);
        low = low.wrapping_add(second);
        // No overflow: `w · hi < 2^128 − 2^65`, so `high < 2^64 − 1`.
        high += u64::from(second > low);
    }
    let upper = (high >> 63) as i32;
    let shift = upper + 9;
    let mut significand = high >> shift;
    // The binary exponent (biased): ⌊q · log2(10)⌋ + 63 by fast_float's
    // integer formula, plus 1023.
    let mut power2 = ((217_706 * q) >> 16) + 63 + upper - lz as i32 + 1023;
    if power2 <= 0 {
        // Subnormal: not reached from a value of at least 10^-19.
        return None;
    }
    // An exact tie (fast_float's bound: here only for q from −4 to 0): the
    // bits dropped are all zero, and rounding goes to the even neighbour.
    if low <= 1 && q >= -4 && significand & 3 == 1 && significand << shift == high {
        significand &= !1;
    }
    significand += significand & 1;
    significand >>= 1;
    if significand >= 2 << 52 {
        significand = 1 << 52;
        power2 += 1;
    }
    significand &= !(1 << 52);
    if power2 >= 0x7ff {
        // Infinite: not reached below 2^64.
        return None;
    }
    Some(f64::from_bits(significand | (power2 as u64) << 52))
}

/// `5^-f` for `f` from 0 to 19 as the 128-bit significands (high, low) the
/// Eisel–Lemire algorithm multiplies by, as fast_float's table holds them:
/// `2^127` for `f = 0`, else `⌊2^(z+127) / 5^f⌋ + 1` with `z` the bit
/// length of `5^f` (computed here, bit by bit, at compile time).
const POW5_INV: [(u64, u64); 20] = {
    let mut t = [(1u64 << 63, 0u64); 20];
    let mut f = 1;
    while f < 20 {
        let d = 5u128.pow(f as u32);
        let z = 128 - d.leading_zeros();
        // ⌊2^n / d⌋ and 2^n mod d, n from 0 to z + 127.
        let (mut quotient, mut rest) = (0u128, 1u128);
        let mut n = 0;
        while n < z + 127 {
            quotient <<= 1;
            rest <<= 1;
            if rest >= d {
                rest -= d;
                quotient |= 1;
            }
            n += 1;
        }
        let c = quotient + 1;
        t[f] = ((c >> 64) as u64, c as u64);
        f += 1;
    }
    t
};

/// The offset of the first quote, backslash or control character in `s`,
/// eight bytes at a time (the last few one by one).
fn special(s: &[u8]) -> Option<usize> {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    let mut i = 0;
    while let Some(chunk) = s.get(i..i + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        // Little-endian: the text's first byte is the lowest.
        let x = u64::from_le_bytes(word);
        // A byte is flagged (its high bit set in `hit`) when it is below
        // 0x20, or equal to `"` or `\\` (a zero byte after the xor).
        // Every such byte is flagged (`!x` keeps the high bit of each
        // ASCII byte); a flag on another byte comes from a borrow out of a
        // flagged byte below it, so the lowest flag is always exact.
        let quote = x ^ u64::from_ne_bytes([b'"'; 8]);
        let backslash = x ^ u64::from_ne_bytes([b'\\'; 8]);
        let hit =
            (x.wrapping_sub(ONES * 0x20) | quote.wrapping_sub(ONES) | backslash.wrapping_sub(ONES))
                & !x
                & HIGH;
        if hit != 0 {
            return Some(i + (hit.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    s[i..]
        .iter()
        .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
        .map(|n| i + n)
}

#[cfg(test)]
mod tests {
    use super::Cursor;
    use proptest::prelude::*;

    /// The cursor's number, and that it read the whole text.
    fn number(text: &str) -> Option<f64> {
        let mut c = Cursor::new(text);
        let x = c.number()?;
        (c.i == text.len()).then_some(x)
    }

    /// The same double, bit for bit, as `str::parse`.
    fn same(text: &str) -> Result<(), TestCaseError> {
        let want: f64 = text.parse().expect("a JSON number parses");
        let got = number(text).expect("read");
        prop_assert_eq!(got.to_bits(), want.to_bits(), "{}", text);
        Ok(())
    }

    /// A literal matches exactly its bytes, whatever its length and
    /// wherever a byte differs.
    #[test]
    fn lit_matches_exactly() {
        let name = b"confidence_and_more\"";
        for len in 0..=name.len() {
            let lit = &name[..len];
            let mut c = Cursor::new("confidence_and_more\": 1");
            assert_eq!(c.lit(lit), Some(()), "{len}");
            assert_eq!(c.i, len);
            for at in 0..len {
                let mut other = lit.to_vec();
                other[at] ^= 0x20;
                let mut c = Cursor::new("confidence_and_more\": 1");
                assert_eq!(c.lit(&other), None, "{len} {at}");
                assert_eq!(c.i, 0);
            }
        }
        assert_eq!(Cursor::new("conf").lit(b"confidence"), None);
    }

    /// A tag matches exactly its bytes, as `lit` does, and moves only on a match.
    #[test]
    fn tag_matches_as_lit_does() {
        let text = ",\"confidence\":7";
        for at in 0..14 {
            let mut tag = *b",\"confidence\":";
            let mut c = Cursor::new(text);
            assert_eq!(c.tag(&tag), Some(()));
            assert_eq!(c.i, 14);
            tag[at] ^= 0x01;
            let mut c = Cursor::new(text);
            assert_eq!(c.tag(&tag), None, "{at}");
            assert_eq!(c.i, 0);
        }
        assert_eq!(Cursor::new(",\"conf").tag(b",\"confidence\":"), None);
    }

    /// Eight digits at a time: every byte value next to digits declines.
    #[test]
    fn eight_digits_read_exactly_the_digits() {
        assert_eq!(
            super::eight_digits(u64::from_le_bytes(*b"12345678")),
            Some(12_345_678)
        );
        assert_eq!(
            super::eight_digits(u64::from_le_bytes(*b"00000009")),
            Some(9)
        );
        assert_eq!(
            super::eight_digits(u64::from_le_bytes(*b"99999999")),
            Some(99_999_999)
        );
        for b in 0..=255u8 {
            for at in 0..8 {
                let mut word = *b"55555555";
                word[at] = b;
                let want = b.is_ascii_digit().then(|| {
                    std::str::from_utf8(&word)
                        .expect("ASCII")
                        .parse::<u64>()
                        .expect("digits")
                });
                assert_eq!(
                    super::eight_digits(u64::from_le_bytes(word)),
                    want,
                    "{word:?}"
                );
            }
        }
    }

    /// Ties, powers of two, the edges of 15, 16, 19 and 20 digits: each the
    /// double `str::parse` gives.
    #[test]
    fn hard_cases_read_as_parse_reads_them() {
        for text in [
            "9007199254740993",
            "9007199254740992",
            "9007199254740995",
            "-9007199254740993",
            "0.30000000000000004",
            "0.1",
            "0.0000000000000000001",
            "1.7976931348623157",
            "4503599627370496.5",
            "4503599627370497.5",
            "1152921504606846976",
            "1152921504606846977",
            "9999999999999999999",
            "99999999999999999999",
            "0.9999999999999999999",
            "123456789012345678.9",
            "2.2250738585072014",
            "-0.0000000000000000",
            "-0",
            "0.5",
            "72057594037927945",
            "72057594037927945.0",
        ] {
            same(text).expect(text);
        }
        // `decimal` answers for the common 16–17 digit values (not only
        // `parse` behind it), ties included.
        assert_eq!(
            super::decimal(30_000_000_000_000_004, 17),
            Some(0.30000000000000004)
        );
        assert_eq!(
            super::decimal(5_312_345_678_901_234, 14),
            Some(53.12345678901234)
        );
        assert_eq!(
            super::decimal(9_007_199_254_740_993, 0),
            Some(9_007_199_254_740_992.0)
        );
        assert_eq!(super::decimal(u64::MAX, 0), Some(u64::MAX as f64));
        assert_eq!(super::decimal(1, 19), Some(1e-19));
        assert_eq!(super::decimal(1, 20), None);
    }

    /// The table is fast_float's: its first entries, as that library
    /// prints them (`5^-1` and `5^-19`).
    #[test]
    fn powers_of_five_as_fast_float_holds_them() {
        assert_eq!(
            super::POW5_INV[1],
            (0xcccc_cccc_cccc_cccc, 0xcccc_cccc_cccc_cccd)
        );
        assert_eq!(super::POW5_INV[0], (1 << 63, 0));
    }

    proptest! {
        /// The first quote, backslash or control character, as a byte-wise
        /// search finds it (several in one 8-byte word, non-ASCII around).
        #[test]
        fn special_finds_the_first(bytes in prop::collection::vec(
            prop::sample::select(vec![b'a', b'"', b'\\', 0x00, 0x1f, 0x20, 0x7f, 0x80, 0xc3, 0xa9, 0xff, b'!', b'#', b'[', b']']),
            0..40,
        )) {
            let want = bytes.iter().position(|&b| b == b'"' || b == b'\\' || b < 0x20);
            prop_assert_eq!(super::special(&bytes), want, "{:?}", bytes);
        }

        /// Doubles as okrkit writes them (shortest form, often 17 digits).
        #[test]
        fn written_doubles_read_back(x in -1e6f64..1e6) {
            same(&format!("{x}"))?;
        }

        /// Any digits, up to 22 of them (`decimal` up to 19, then `parse`).
        #[test]
        fn digit_strings_read_as_parse_reads_them(
            text in "-?(0|[1-9][0-9]{0,21})(\\.[0-9]{1,21})?",
        ) {
            same(&text)?;
        }

        /// `decimal` over every `u64` significand and every exponent it
        /// takes, as `str::parse` reads the same digits.
        #[test]
        fn decimal_reads_as_parse_reads(m in 1u64.., f in 0usize..20, low_bits in 0u32..64) {
            // Small significands too (a random `u64` is mostly 19–20 digits).
            let m = (m >> low_bits).max(1);
            let digits = format!("{m:0>width$}", width = f + 1);
            let (int, frac) = digits.split_at(digits.len() - f);
            let text = if f == 0 { int.to_owned() } else { format!("{int}.{frac}") };
            let want: f64 = text.parse().expect("digits");
            prop_assert_eq!(super::decimal(m, f).map(f64::to_bits), Some(want.to_bits()), "{}", text);
        }

        /// Exact ties within 19 digits: integers past 2^53 (every odd one
        /// between 2^53 and 2^54 is a midpoint) and halves past 2^52.
        #[test]
        fn midpoints_round_to_even(
            m in 0u64..10_000_000_000_000_000_000,
            k in (1u64 << 52)..(1u64 << 53),
        ) {
            same(&m.to_string())?;
            same(&format!("{}", (1u64 << 53) | (m & ((1 << 53) - 1)) | 1))?;
            same(&format!("{k}.5"))?;
            same(&format!("{k}.25"))?;
        }

        /// Decimals within a few units of the last digit of a midpoint
        /// between two doubles (`(2·big + 1) / 2^(s+1)`, written with `f`
        /// fraction digits): where the proof of rounding decides, and an
        /// off-by-one in it would show.
        #[test]
        fn near_midpoints_read_as_parse_reads_them(
            big in (1u64 << 52)..(1u64 << 53),
            f in 0u32..19,
            s in 0u32..64,
        ) {
            let m0 = (u128::from(2 * big + 1) * 10u128.pow(f)) >> s;
            for m in m0.saturating_sub(2)..=m0 + 2 {
                if m <= 1 << 53 || m >= 10_000_000_000_000_000_000 {
                    continue;
                }
                let digits = format!("{m:0>width$}", width = f as usize + 1);
                let (int, frac) = digits.split_at(digits.len() - f as usize);
                same(&if f == 0 { int.to_owned() } else { format!("{int}.{frac}") })?;
            }
        }
    }

    /// Values whose nearest double is a power of two (the proof declines
    /// them; `str::parse` decides).
    #[test]
    fn powers_of_two_nearby() {
        for text in [
            "9007199254740991.5",
            "1152921504606846975.9",
            "9007199254740992.5",
            "4503599627370495.75",
        ] {
            let want = text.parse::<f64>().ok().map(f64::to_bits);
            assert_eq!(number(text).map(f64::to_bits), want, "{text}");
        }
    }
}
