//! Signed entries (optional): an actor's Ed25519 key, enrolled in the ledger
//! by an admin, signs the entry's canonical bytes.
//!
//! An admin is trusted to enrol a person's *first* key (the import's
//! `roles.keys`, or [`Action::EnrollKey`](crate::ledger::Action::EnrollKey)),
//! and that enrolment is visible in the ledger. A person who has a key
//! replaces it only by an entry of their own, signed with it; an admin
//! enrolling a second key for someone is `not_allowed` (an admin may revoke
//! the key first and then enrol a new one — two entries anyone can see).
//!
//! In a ledger imported with `roles.signed = true`, every entry — the import
//! included — carries `sig`: the Ed25519 signature (128 hex digits) by the
//! actor's key enrolled as of the entry before it (for the import, the key the
//! import itself enrols for the importing person) over the entry's canonical
//! bytes ([`canonical_bytes`](crate::ledger::canonical_bytes), which leave out
//! `sig` and `hash`). The hash then covers the signature too. So whoever
//! stores the ledger cannot write an acceptance in someone else's name
//! without their private key.
//!
//! In an unsigned ledger (the default) the hash chain proves that nothing was
//! rewritten after the fact and the rules prove every entry was allowed *for
//! the actor it names* — but not that the named person really acted: that
//! rests on the host's authentication and on who can write the store.

use crate::error::{RefusalCode, Result};
use crate::ids::PersonId;
use crate::ledger::entry::Entry;
use crate::ledger::state::{State, refuse};
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};

/// Parses 2n hex digits into n bytes.
fn unhex<const N: usize>(s: &str) -> Option<[u8; N]> {
    let b = s.as_bytes();
    if b.len() != 2 * N {
        return None;
    }
    let mut out = [0u8; N];
    for (i, o) in out.iter_mut().enumerate() {
        let d = |c: u8| match c {
            b'0'..=b'9' => Some(c - b'0'),
            b'a'..=b'f' => Some(c - b'a' + 10),
            _ => None,
        };
        *o = d(b[2 * i])? << 4 | d(b[2 * i + 1])?;
    }
    Some(out)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A 32-byte Ed25519 secret key a caller gave, held in a buffer that is
/// overwritten with zeros when it is dropped (so the copy okrkit made does
/// not linger in freed memory). It dereferences to the key's bytes, which
/// [`Ledger::append_signed`](crate::ledger::Ledger::append_signed) takes,
/// and its `Debug` never shows them.
///
/// ```
/// use okrkit::ledger::signing::SecretKey;
/// let key = SecretKey::new(&[7u8; 32], "secret_key")?;
/// assert_eq!(*key, [7u8; 32]);
/// assert_eq!(format!("{key:?}"), "SecretKey(..)");
/// # Ok::<(), okrkit::Error>(())
/// ```
#[derive(Clone)]
pub struct SecretKey(zeroize::Zeroizing<[u8; 32]>);

impl SecretKey {
    /// Copies the key out of `bytes` (a binding's `bytes`, `Uint8Array` or
    /// `ByteArray`): any length but 32 is `invalid_value` at `path`, the
    /// argument's name.
    pub fn new(bytes: &[u8], path: &str) -> crate::Result<SecretKey> {
        let mut key = zeroize::Zeroizing::new([0u8; 32]);
        if bytes.len() != key.len() {
            return Err(crate::Error::InvalidArgument {
                code: crate::ProblemCode::InvalidValue,
                message: format!("an Ed25519 secret key is 32 bytes, not {}", bytes.len()),
                path: path.into(),
            });
        }
        key.copy_from_slice(bytes);
        Ok(SecretKey(key))
    }

    /// As [`SecretKey::new`], then overwrites `bytes` with zeros, whether
    /// they were a key or not: for a buffer the binding itself copied from
    /// the caller (uniffi's `Vec<u8>`, pyo3's), never for the caller's own.
    ///
    /// ```
    /// use okrkit::ledger::signing::SecretKey;
    /// let mut copied = vec![7u8; 32];
    /// let key = SecretKey::take(&mut copied, "secret_key")?;
    /// assert_eq!((*key, copied), ([7u8; 32], vec![0u8; 32]));
    /// # Ok::<(), okrkit::Error>(())
    /// ```
    pub fn take(bytes: &mut [u8], path: &str) -> crate::Result<SecretKey> {
        let key = SecretKey::new(bytes, path);
        zeroize::Zeroize::zeroize(bytes);
        key
    }
}

impl std::ops::Deref for SecretKey {
    type Target = [u8; 32];

    fn deref(&self) -> &[u8; 32] {
        &self.0
    }
}

impl std::fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretKey(..)")
    }
}

/// [`SecretKey::new`]: the 32-byte key a caller gave, or `invalid_value` at
/// `path`.
///
/// ```
/// use okrkit::ledger::signing::secret_key;
/// assert_eq!(*secret_key(&[7u8; 32], "secret_key")?, [7u8; 32]);
/// let e = secret_key(&[7u8; 31], "secret_key").unwrap_err();
/// assert_eq!((e.code(), e.path()), ("invalid_value", "secret_key"));
/// # Ok::<(), okrkit::Error>(())
/// ```
pub fn secret_key(bytes: &[u8], path: &str) -> crate::Result<SecretKey> {
    SecretKey::new(bytes, path)
}

/// The public key (64 hex digits) of a 32-byte Ed25519 secret key, to enrol.
///
/// ```
/// let public = okrkit::ledger::public_key_hex(&[7u8; 32]);
/// assert_eq!(public.len(), 64);
/// ```
pub fn public_key_hex(secret_key: &[u8; 32]) -> String {
    hex(SigningKey::from_bytes(secret_key)
        .verifying_key()
        .as_bytes())
}

/// Signs bytes with a 32-byte Ed25519 secret key: 128 hex digits.
pub(crate) fn sign(secret_key: &[u8; 32], message: &[u8]) -> String {
    hex(&SigningKey::from_bytes(secret_key).sign(message).to_bytes())
}

impl State {
    pub(crate) fn enroll_key(&mut self, person: &PersonId, public_key: &str) -> Result<()> {
        let path = format!("keys[{person}]");
        if !self.people.contains(person.as_str()) {
            return refuse(
                RefusalCode::UnknownElement,
                path,
                format!("no person has id '{person}'"),
            );
        }
        let Some(bytes) = unhex::<32>(public_key) else {
            return refuse(
                RefusalCode::InvalidChange,
                path,
                "a public key is 64 lower-case hex digits",
            );
        };
        if VerifyingKey::from_bytes(&bytes).is_err() {
            return refuse(
                RefusalCode::InvalidChange,
                path,
                "not a valid Ed25519 public key",
            );
        }
        // A key that is (or was) another person's would let either sign as
        // the other: an admin enrolling their own key as someone's first
        // key, or two people given one key at the import.
        match self.key_holders.get(&bytes) {
            Some(holder) if holder != person => {
                return refuse(
                    RefusalCode::NotAllowed,
                    path,
                    format!(
                        "this public key is enrolled for '{holder}': a key signs for one person only"
                    ),
                );
            }
            Some(_) => {}
            None => {
                self.key_holders.insert(bytes, person.clone());
            }
        }
        self.keys.insert(person.clone(), bytes);
        Ok(())
    }

    /// Refuses to enrol a key for a person who already has one, unless the
    /// entry is that person's own (in a signed ledger, signed with the key
    /// it replaces): an admin enrols a person's first key, never a second
    /// one to sign in their name. An admin may revoke a key and enrol a new
    /// one, both visible in the ledger.
    pub(crate) fn check_second_key(&self, e: &Entry, person: &PersonId) -> Result<()> {
        if self.keys.contains_key(person.as_str()) && e.actor.person != *person {
            return refuse(
                RefusalCode::NotAllowed,
                "action.person",
                format!(
                    "'{person}' already has an enrolled key: only '{person}' replaces it (an entry signed with the current key); an admin revokes it first"
                ),
            );
        }
        Ok(())
    }

    pub(crate) fn revoke_key(&mut self, person: &PersonId) -> Result<()> {
        if self.keys.remove(person.as_str()).is_none() {
            return refuse(
                RefusalCode::InvalidState,
                format!("keys[{person}]"),
                format!("'{person}' has no enrolled key"),
            );
        }
        Ok(())
    }

    /// In a signed ledger, checks the entry's signature against the key its
    /// actor holds in this state (for the import: the state after it).
    pub(crate) fn check_signature(&self, e: &Entry, canonical: &[u8]) -> Result<()> {
        if !self.signed {
            if e.sig.is_some() {
                return refuse(
                    RefusalCode::BadSignature,
                    "sig",
                    "the ledger is unsigned: an entry carries no signature",
                );
            }
            return Ok(());
        }
        let Some(sig) = &e.sig else {
            return refuse(
                RefusalCode::BadSignature,
                "sig",
                "the ledger is signed: every entry carries its actor's signature",
            );
        };
        let Some(key) = self.keys.get(e.actor.person.as_str()) else {
            return refuse(
                RefusalCode::BadSignature,
                "sig",
                format!("'{}' has no enrolled key", e.actor.person),
            );
        };
        let ok = unhex::<64>(sig).is_some_and(|s| {
            VerifyingKey::from_bytes(key)
                .is_ok_and(|k| k.verify(canonical, &Signature::from_bytes(&s)).is_ok())
        });
        if ok {
            Ok(())
        } else {
            refuse(
                RefusalCode::BadSignature,
                "sig",
                format!(
                    "the signature does not verify against the key enrolled for '{}'",
                    e.actor.person
                ),
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::SecretKey;

    /// A buffer given to `take` is wiped even when it is not a key: what a
    /// caller passed as a key is treated as one.
    #[test]
    fn take_wipes_a_buffer_of_the_wrong_length_too() {
        let mut short = vec![9u8; 31];
        let err = SecretKey::take(&mut short, "secret_key").unwrap_err();
        assert_eq!((err.code(), err.path()), ("invalid_value", "secret_key"));
        assert_eq!(short, vec![0u8; 31]);
    }

    /// `new` leaves the caller's bytes as they are.
    #[test]
    fn new_copies_without_touching_the_source() {
        let source = [5u8; 32];
        let key = SecretKey::new(&source, "k").unwrap();
        assert_eq!((*key, source), ([5u8; 32], [5u8; 32]));
    }
}
