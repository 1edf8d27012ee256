//! C2SP signed notes (<https://c2sp.org/signed-note>) with Ed25519 keys:
//! the envelope of a ledger checkpoint.
//!
//! A note is UTF-8 text ending in a newline, then a blank line, then one line
//! per signature: `— NAME BASE64(KEY_ID || SIGNATURE)`. The key id is the
//! first four bytes (big-endian) of `SHA-256(NAME || "\n" || 0x01 || PUBKEY)`,
//! `0x01` naming Ed25519. Keys are text too:
//!
//! * a **verifier key** (public, safe to publish): `NAME+KEYID+BASE64(0x01 || PUBKEY)`,
//!   `KEYID` as 8 lower-case hex digits;
//! * a **signing key** (secret): `PRIVATE+KEY+NAME+KEYID+BASE64(0x01 || SEED)`.
//!
//! The same bytes as Go's `golang.org/x/mod/sumdb/note` (the reference),
//! checked against its published examples in `tests/vectors/ledger/`.
//!
//! ```
//! use okrkit::ledger::note::{SigningKey, VerifierKey, sign_note, open_note};
//! let key = SigningKey::generate("hr.example.com/okr")?;
//! let vkey = VerifierKey::parse(&key.verifier().to_string())?;
//! let note = sign_note("hello\n", &[&key])?;
//! let opened = open_note(&note, &[vkey], 1)?;
//! assert_eq!(opened.text, "hello\n");
//! # Ok::<(), okrkit::Error>(())
//! ```

use crate::error::{Error, ProblemCode, ProofFailure, Result};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use ed25519_dalek::Signer as _;
use sha2::{Digest, Sha256};
use std::fmt;

const ALG_ED25519: u8 = 1;
const SIG_PREFIX: &str = "\u{2014} ";
/// Notes larger than this are refused (the Go reference's limit).
const MAX_NOTE: usize = 1_000_000;
/// At most this many signature lines are read (the Go reference's limit).
const MAX_SIGNATURES: usize = 100;

fn parse_error(path: &str, message: impl Into<String>) -> Error {
    Error::Parse {
        path: path.to_owned(),
        message: message.into(),
        position: None,
    }
}

/// Whether `name` is a valid key name: not empty, no `+`, no whitespace.
fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && !name
            .chars()
            .any(|c| c == '+' || c.is_whitespace() || c.is_control())
}

/// The key id of an Ed25519 public key under a name.
pub fn key_id(name: &str, public_key: &[u8; 32]) -> u32 {
    let mut h = Sha256::new();
    h.update(name.as_bytes());
    h.update(b"\n");
    h.update([ALG_ED25519]);
    h.update(public_key);
    let d = h.finalize();
    u32::from_be_bytes([d[0], d[1], d[2], d[3]])
}

/// A public key that checks signatures, with its name and key id.
#[derive(Clone, PartialEq, Eq)]
pub struct VerifierKey {
    name: String,
    id: u32,
    key: ed25519_dalek::VerifyingKey,
}

impl fmt::Debug for VerifierKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_string())
    }
}

impl VerifierKey {
    /// Reads the text form `NAME+KEYID+BASE64(0x01 || PUBKEY)`; a wrong
    /// length, algorithm, base64 or key id is a `parse_error` on `key`.
    pub fn parse(text: &str) -> Result<VerifierKey> {
        let text = text.trim();
        let bad = |m: &str| parse_error("key", format!("not a verifier key ({m}): '{text}'"));
        let mut parts = text.splitn(3, '+');
        let (Some(name), Some(id), Some(b64), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(bad("expected NAME+KEYID+KEY"));
        };
        if name == "PRIVATE" {
            return Err(bad(
                "this is a signing key: never share it; give its verifier key",
            ));
        }
        if !valid_name(name) {
            return Err(bad("invalid name"));
        }
        let id = parse_id(id).ok_or_else(|| bad("key id is not 8 hex digits"))?;
        let raw = B64.decode(b64).map_err(|_| bad("invalid base64"))?;
        let [alg, key @ ..] = raw.as_slice() else {
            return Err(bad("empty key"));
        };
        if *alg != ALG_ED25519 {
            return Err(bad("unknown algorithm"));
        }
        let key: [u8; 32] = key.try_into().map_err(|_| bad("wrong key length"))?;
        if key_id(name, &key) != id {
            return Err(bad("the key id does not match the key"));
        }
        let key = ed25519_dalek::VerifyingKey::from_bytes(&key)
            .map_err(|_| bad("not an Ed25519 point"))?;
        Ok(VerifierKey {
            name: name.to_owned(),
            id,
            key,
        })
    }

    /// The key's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The key id.
    pub fn id(&self) -> u32 {
        self.id
    }

    fn verify(&self, msg: &[u8], sig: &[u8]) -> bool {
        let Ok(sig) = ed25519_dalek::Signature::from_slice(sig) else {
            return false;
        };
        self.key.verify_strict(msg, &sig).is_ok()
    }
}

impl fmt::Display for VerifierKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut raw = vec![ALG_ED25519];
        raw.extend_from_slice(self.key.as_bytes());
        write!(f, "{}+{:08x}+{}", self.name, self.id, B64.encode(raw))
    }
}

fn parse_id(s: &str) -> Option<u32> {
    if s.len() != 8 || !s.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    u32::from_str_radix(s, 16).ok()
}

/// A secret Ed25519 key that signs notes, with its name and key id. Its
/// `Debug` never shows the secret.
#[derive(Clone)]
pub struct SigningKey {
    name: String,
    id: u32,
    key: ed25519_dalek::SigningKey,
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SigningKey({}+{:08x})", self.name, self.id)
    }
}

impl SigningKey {
    /// A new key from the operating system's random number generator.
    pub fn generate(name: &str) -> Result<SigningKey> {
        // The seed's copies are wiped when dropped (ed25519-dalek wipes its key).
        let mut seed = zeroize::Zeroizing::new([0u8; 32]);
        getrandom::fill(&mut *seed).map_err(|e| {
            Error::io(
                "getrandom",
                std::io::Error::other(format!("no randomness from the operating system: {e}")),
            )
        })?;
        SigningKey::from_seed(name, &seed)
    }

    /// The key of a 32-byte Ed25519 seed (signatures are deterministic, so a
    /// fixed seed gives fixed test vectors).
    pub fn from_seed(name: &str, seed: &[u8; 32]) -> Result<SigningKey> {
        if !valid_name(name) {
            return Err(Error::InvalidArgument {
                code: crate::ProblemCode::InvalidValue,
                message: format!(
                    "'{name}' is not a key name: it must be non-empty, without '+' or spaces"
                ),
                path: "name".into(),
            });
        }
        let key = ed25519_dalek::SigningKey::from_bytes(seed);
        let id = key_id(name, key.verifying_key().as_bytes());
        Ok(SigningKey {
            name: name.to_owned(),
            id,
            key,
        })
    }

    /// Reads the text form `PRIVATE+KEY+NAME+KEYID+BASE64(0x01 || SEED)`.
    pub fn parse(text: &str) -> Result<SigningKey> {
        let bad = |m: &str| parse_error("signing_key", format!("not a signing key ({m})"));
        let mut parts = text.trim().splitn(5, '+');
        let (Some("PRIVATE"), Some("KEY"), Some(name), Some(id), Some(b64), None) = (
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
        ) else {
            return Err(bad("expected PRIVATE+KEY+NAME+KEYID+KEY"));
        };
        let id = parse_id(id).ok_or_else(|| bad("key id is not 8 hex digits"))?;
        let raw = zeroize::Zeroizing::new(B64.decode(b64).map_err(|_| bad("invalid base64"))?);
        let [alg, seed @ ..] = raw.as_slice() else {
            return Err(bad("empty key"));
        };
        if *alg != ALG_ED25519 {
            return Err(bad("unknown algorithm"));
        }
        let seed = zeroize::Zeroizing::new(
            <[u8; 32]>::try_from(seed).map_err(|_| bad("wrong key length"))?,
        );
        let key = SigningKey::from_seed(name, &seed).map_err(|_| bad("invalid name"))?;
        if key.id != id {
            return Err(bad("the key id does not match the key"));
        }
        Ok(key)
    }

    /// The text form, a secret: store it like a password.
    pub fn to_secret_text(&self) -> String {
        let mut raw = zeroize::Zeroizing::new(Vec::with_capacity(33));
        raw.push(ALG_ED25519);
        raw.extend_from_slice(self.key.as_bytes());
        format!(
            "PRIVATE+KEY+{}+{:08x}+{}",
            self.name,
            self.id,
            B64.encode(&*raw)
        )
    }

    /// The key's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The key id.
    pub fn id(&self) -> u32 {
        self.id
    }

    /// The public key that checks this key's signatures.
    pub fn verifier(&self) -> VerifierKey {
        VerifierKey {
            name: self.name.clone(),
            id: self.id,
            key: self.key.verifying_key(),
        }
    }

    fn signature_line(&self, text: &str) -> String {
        let sig = self.key.sign(text.as_bytes());
        let mut raw = self.id.to_be_bytes().to_vec();
        raw.extend_from_slice(&sig.to_bytes());
        format!("{SIG_PREFIX}{} {}\n", self.name, B64.encode(raw))
    }
}

/// One signature line of a note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteSignature {
    /// The signer's key name.
    pub name: String,
    /// The signer's key id.
    pub key_id: u32,
    /// The raw signature (64 bytes for Ed25519; other algorithms are kept as read).
    pub signature: Vec<u8>,
}

/// A note split into its text and signatures, not yet verified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// The signed text, ending with a newline.
    pub text: String,
    /// The signatures, in order.
    pub signatures: Vec<NoteSignature>,
}

impl Note {
    /// Splits a note into text and signature lines; malformed input is a
    /// `parse_error` on `checkpoint`.
    pub fn parse(note: &str) -> Result<Note> {
        let bad = |m: &str| parse_error("checkpoint", format!("not a signed note: {m}"));
        if note.len() > MAX_NOTE {
            return Err(bad("larger than 1 MB"));
        }
        if note.contains('\r') {
            return Err(bad("carriage return (a note's lines end with \\n only)"));
        }
        if note.chars().any(|c| c.is_control() && c != '\n') {
            return Err(bad("control character"));
        }
        let Some(split) = note.rfind("\n\n") else {
            return Err(bad("no blank line before the signatures"));
        };
        let text = &note[..split + 1];
        let mut sigs = &note[split + 2..];
        if !sigs.ends_with('\n') {
            return Err(bad("the last signature line does not end with a newline"));
        }
        let mut signatures = Vec::new();
        while !sigs.is_empty() {
            let (line, rest) = sigs.split_at(sigs.find('\n').map_or(sigs.len(), |i| i + 1));
            sigs = rest;
            let line = line.trim_end_matches('\n');
            let Some(body) = line.strip_prefix(SIG_PREFIX) else {
                return Err(bad("a signature line does not start with '— '"));
            };
            let Some((name, b64)) = body.split_once(' ') else {
                return Err(bad("a signature line has no signature"));
            };
            if !valid_name(name) {
                return Err(bad("invalid signer name"));
            }
            let raw = B64
                .decode(b64)
                .map_err(|_| bad("signature is not base64"))?;
            if raw.len() < 5 {
                return Err(bad("signature too short"));
            }
            signatures.push(NoteSignature {
                name: name.to_owned(),
                key_id: u32::from_be_bytes([raw[0], raw[1], raw[2], raw[3]]),
                signature: raw[4..].to_vec(),
            });
            if signatures.len() > MAX_SIGNATURES {
                return Err(bad("more than 100 signatures"));
            }
        }
        if signatures.is_empty() {
            return Err(bad("no signature"));
        }
        Ok(Note {
            text: text.to_owned(),
            signatures,
        })
    }
}

/// A note whose signatures were checked.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct OpenedNote {
    /// The signed text.
    pub text: String,
    /// The names of the trusted keys whose signatures verified.
    pub signed_by: Vec<String>,
}

/// Signs `text` (which must end with a newline and hold no blank line at its
/// end) with each key, returning the signed note. No key is an
/// `invalid_value` at `keys`: a note carries at least one signature (C2SP
/// signed-note), and one without would verify for nobody.
pub fn sign_note(text: &str, keys: &[&SigningKey]) -> Result<String> {
    if keys.is_empty() {
        return Err(Error::InvalidArgument {
            code: crate::ProblemCode::InvalidValue,
            message: "no key to sign with: a signed note carries at least one signature".into(),
            path: "keys".into(),
        });
    }
    if !text.ends_with('\n') || text.ends_with("\n\n") || text.contains('\r') {
        return Err(parse_error(
            "text",
            "a note's text must end with exactly one newline and hold no carriage return",
        ));
    }
    let mut out = format!("{text}\n");
    for k in keys {
        out.push_str(&k.signature_line(text));
    }
    Ok(out)
}

/// Adds a signature to an already signed note (a witness or an auditor
/// co-signing); a signature by the same key is replaced.
pub fn cosign_note(note: &str, key: &SigningKey) -> Result<String> {
    let parsed = Note::parse(note)?;
    let mut out = format!("{}\n", parsed.text);
    let mut lines = note[parsed.text.len() + 1..].lines();
    for s in &parsed.signatures {
        let line = lines.next().unwrap_or_default();
        if !(s.name == key.name && s.key_id == key.id) {
            out.push_str(line);
            out.push('\n');
        }
    }
    out.push_str(&key.signature_line(&parsed.text));
    Ok(out)
}

/// Checks a note's signatures against the keys a reader trusts and returns
/// its text once at least `min_signatures` distinct trusted keys signed it.
///
/// * a signature by a trusted key (same name and key id) that does not verify
///   fails with `bad_signature`: the note was changed or forged;
/// * signatures by keys not trusted are ignored; when none is by a trusted
///   key: `unknown_key`;
/// * fewer distinct trusted signers than `min_signatures`:
///   `not_enough_signatures`;
/// * a `min_signatures` of 0, checked before anything else: `invalid_value`
///   at `min_signatures`. At least one trusted signature is always needed,
///   and a caller who asks for none must not believe an unsigned note passes.
pub fn open_note(note: &str, trusted: &[VerifierKey], min_signatures: usize) -> Result<OpenedNote> {
    if min_signatures == 0 {
        return Err(Error::InvalidArgument {
            code: ProblemCode::InvalidValue,
            message: "min_signatures is 0: at least 1 trusted signature is always required".into(),
            path: "min_signatures".into(),
        });
    }
    let parsed = Note::parse(note)?;
    let mut signed_by: Vec<String> = Vec::new();
    for s in &parsed.signatures {
        let Some(k) = trusted
            .iter()
            .find(|k| k.name == s.name && k.id == s.key_id)
        else {
            continue;
        };
        if !k.verify(parsed.text.as_bytes(), &s.signature) {
            return Err(Error::NotProven {
                reason: ProofFailure::BadSignature,
                entry: None,
                message: format!(
                    "the signature by '{}' ({:08x}) does not verify: the note was changed after signing, or the signature is forged",
                    s.name, s.key_id
                ),
            });
        }
        let label = format!("{}+{:08x}", s.name, s.key_id);
        if !signed_by.contains(&label) {
            signed_by.push(label);
        }
    }
    if signed_by.is_empty() {
        let names: Vec<String> = parsed
            .signatures
            .iter()
            .map(|s| format!("{}+{:08x}", s.name, s.key_id))
            .collect();
        return Err(Error::NotProven {
            reason: ProofFailure::UnknownKey,
            entry: None,
            message: format!(
                "no signature is by a trusted key (signed by {})",
                names.join(", ")
            ),
        });
    }
    if signed_by.len() < min_signatures {
        return Err(Error::NotProven {
            reason: ProofFailure::NotEnoughSignatures,
            entry: None,
            message: format!(
                "{} trusted key(s) signed ({}), {min_signatures} required",
                signed_by.len(),
                signed_by.join(", ")
            ),
        });
    }
    Ok(OpenedNote {
        text: parsed.text,
        signed_by,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_and_ids_agree() {
        let k = SigningKey::from_seed("a.example/log", &[7; 32]).expect("key");
        let back = SigningKey::parse(&k.to_secret_text()).expect("parses");
        assert_eq!(back.id(), k.id());
        let v = VerifierKey::parse(&k.verifier().to_string()).expect("parses");
        assert_eq!(v, k.verifier());
        assert!(VerifierKey::parse(&k.to_secret_text()).is_err());
        assert!(SigningKey::parse(&k.verifier().to_string()).is_err());
        assert!(SigningKey::from_seed("a b", &[7; 32]).is_err());
        assert!(format!("{k:?}").starts_with("SigningKey(a.example/log+"));
    }

    #[test]
    fn a_note_needs_a_key() {
        // Red team 14, finding 18: no key gave a "signed" note with no signature.
        let err = sign_note("x\n", &[]).unwrap_err();
        assert_eq!((err.code(), err.path()), ("invalid_value", "keys"));
    }

    #[test]
    fn cosigning_keeps_the_first_signature_and_replaces_its_own() {
        let a = SigningKey::from_seed("host", &[1; 32]).expect("key");
        let b = SigningKey::from_seed("witness", &[2; 32]).expect("key");
        let note = sign_note("x\n", &[&a]).expect("signs");
        let both = cosign_note(&note, &b).expect("cosigns");
        let again = cosign_note(&both, &b).expect("cosigns");
        assert_eq!(both, again);
        let opened = open_note(&both, &[a.verifier(), b.verifier()], 2).expect("opens");
        assert_eq!(opened.signed_by.len(), 2);
        let err = open_note(&both, &[a.verifier()], 2).unwrap_err();
        assert_eq!(err.code(), "not_enough_signatures");
    }
}
