//! A hand-written writer of the canonical form (see [`super::hash`]) that
//! produces exactly serde_json's compact output for the frequent actions,
//! without serde's per-field machinery and chrono's `fmt`-based time
//! formatting. Every other action, and any value off the fast paths (a string
//! that needs escaping, a year outside 0–9999, a leap second), is written by
//! serde_json itself, so the bytes are serde_json's by construction or by
//! delegation; tests compare both writers on every action.
//!
//! One deliberate difference from serde_json: a negative zero is written as
//! `0.0` everywhere (-0 and 0 are the same value in the ledger), so a JSON
//! round trip through a language that drops the sign of zero (JavaScript's
//! `JSON.stringify(-0)` is `0`) never breaks a hash.

use crate::ledger::action::{Action, Change};
use crate::ledger::entry::{Entry, EntryId};
use chrono::{DateTime, Datelike, Timelike, Utc};
use serde::Serialize;

/// Writes `value` with serde_json (the reference writer). Writing into a
/// `Vec` cannot fail for okrkit's types.
fn serde<T: Serialize + ?Sized>(buf: &mut Vec<u8>, value: &T) {
    let _ = serde_json::to_writer(&mut *buf, value);
}

/// Writes `value` with serde_json, then drops the sign of every negative
/// zero (`-0.0` outside strings becomes `0.0`).
fn serde_unsigned_zero<T: Serialize + ?Sized>(buf: &mut Vec<u8>, value: &T) {
    let start = buf.len();
    serde(buf, value);
    if buf[start..].windows(4).any(|w| w == b"-0.0") {
        unsign_zeros(buf, start);
    }
}

/// Removes the `-` of every `-0.0` number token (not inside a string) from `start` on.
fn unsign_zeros(buf: &mut Vec<u8>, start: usize) {
    let mut out = Vec::with_capacity(buf.len() - start);
    let mut in_string = false;
    let mut escaped = false;
    let bytes = &buf[start..];
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
        } else if b == b'"' {
            in_string = true;
        } else if b == b'-'
            && bytes[i + 1..].starts_with(b"0.0")
            && matches!(bytes.get(i + 4), None | Some(b',' | b'}' | b']'))
        {
            i += 1;
            continue;
        }
        out.push(b);
        i += 1;
    }
    buf.truncate(start);
    buf.extend_from_slice(&out);
}

/// A number; `-0.0` is written `0.0`.
pub(crate) fn number(buf: &mut Vec<u8>, v: f64) {
    if v == 0.0 {
        buf.extend_from_slice(b"0.0");
    } else {
        serde(buf, &v);
    }
}

/// A JSON string: serde_json escapes only `"`, `\` and control characters.
fn string(buf: &mut Vec<u8>, s: &str) {
    if s.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
        buf.reserve(s.len() + 2);
        buf.push(b'"');
        buf.extend_from_slice(s.as_bytes());
        buf.push(b'"');
    } else {
        serde(buf, s);
    }
}

/// `,"name":` (every member but the first).
fn key(buf: &mut Vec<u8>, name: &str) {
    buf.extend_from_slice(b",\"");
    buf.extend_from_slice(name.as_bytes());
    buf.extend_from_slice(b"\":");
}

fn uint(buf: &mut Vec<u8>, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    buf.extend_from_slice(&digits[i..]);
}

fn two(buf: &mut Vec<u8>, n: u32) {
    buf.push(b'0' + (n / 10 % 10) as u8);
    buf.push(b'0' + (n % 10) as u8);
}

fn padded(buf: &mut Vec<u8>, n: u32, width: usize) {
    let mut digits = [b'0'; 9];
    let mut n = n;
    for d in digits[..width].iter_mut().rev() {
        *d = b'0' + (n % 10) as u8;
        n /= 10;
    }
    buf.extend_from_slice(&digits[..width]);
}

/// chrono's serde form: RFC 3339, `Z`, 0, 3, 6 or 9 fractional digits.
pub(crate) fn time(buf: &mut Vec<u8>, at: &DateTime<Utc>) {
    // The fields read once from the UTC wall time: each accessor of a
    // `DateTime` would apply the (zero) offset again, a cost per field.
    let wall = at.naive_utc();
    let year = wall.year();
    let nano = wall.nanosecond();
    if !(0..=9999).contains(&year) || nano >= 1_000_000_000 {
        serde(buf, at);
        return;
    }
    let at = wall;
    buf.push(b'"');
    two(buf, year as u32 / 100);
    two(buf, year as u32 % 100);
    buf.push(b'-');
    two(buf, at.month());
    buf.push(b'-');
    two(buf, at.day());
    buf.push(b'T');
    two(buf, at.hour());
    buf.push(b':');
    two(buf, at.minute());
    buf.push(b':');
    two(buf, at.second());
    if nano != 0 {
        buf.push(b'.');
        if nano.is_multiple_of(1_000_000) {
            padded(buf, nano / 1_000_000, 3);
        } else if nano.is_multiple_of(1_000) {
            padded(buf, nano / 1_000, 6);
        } else {
            padded(buf, nano, 9);
        }
    }
    buf.extend_from_slice(b"Z\"");
}

fn change(buf: &mut Vec<u8>, c: &Change) {
    let (kind, id_key, id, value): (&str, &str, &str, Option<(&str, f64)>) = match c {
        Change::Target { key_result, target } => (
            "target",
            "key_result",
            key_result.as_str(),
            Some(("target", *target)),
        ),
        Change::Baseline {
            key_result,
            baseline,
        } => (
            "baseline",
            "key_result",
            key_result.as_str(),
            Some(("baseline", *baseline)),
        ),
        Change::Weight { key_result, weight } => (
            "weight",
            "key_result",
            key_result.as_str(),
            Some(("weight", *weight)),
        ),
        Change::DropKeyResult { key_result } => {
            ("drop_key_result", "key_result", key_result.as_str(), None)
        }
        Change::RetireObjective { objective } => {
            ("retire_objective", "objective", objective.as_str(), None)
        }
        _ => return serde_unsigned_zero(buf, c),
    };
    buf.extend_from_slice(b"{\"kind\":\"");
    buf.extend_from_slice(kind.as_bytes());
    buf.push(b'"');
    key(buf, id_key);
    string(buf, id);
    if let Some((name, v)) = value {
        key(buf, name);
        number(buf, v);
    }
    buf.push(b'}');
}

fn action(buf: &mut Vec<u8>, a: &Action) {
    let start = |buf: &mut Vec<u8>, kind: &str| {
        buf.extend_from_slice(b"{\"type\":\"");
        buf.extend_from_slice(kind.as_bytes());
        buf.push(b'"');
    };
    let id = |buf: &mut Vec<u8>, name: &str, id: &EntryId| {
        key(buf, name);
        string(buf, id.as_str());
    };
    match a {
        Action::CheckIn {
            key_result,
            value,
            confidence,
            note,
        } => {
            start(buf, "check_in");
            key(buf, "key_result");
            string(buf, key_result.as_str());
            key(buf, "value");
            number(buf, *value);
            if let Some(c) = confidence {
                key(buf, "confidence");
                number(buf, *c);
            }
            if let Some(n) = note {
                key(buf, "note");
                string(buf, n);
            }
        }
        Action::ProposeChange { change: c, reason } => {
            start(buf, "propose_change");
            key(buf, "change");
            change(buf, c);
            key(buf, "reason");
            string(buf, reason);
        }
        Action::Accept { proposal } => {
            start(buf, "accept");
            id(buf, "proposal", proposal);
        }
        Action::Withdraw { proposal } => {
            start(buf, "withdraw");
            id(buf, "proposal", proposal);
        }
        Action::Decline { proposal, reason } => {
            start(buf, "decline");
            id(buf, "proposal", proposal);
            key(buf, "reason");
            string(buf, reason);
        }
        Action::Agree { team, cycle } => {
            start(buf, "agree");
            key(buf, "team");
            string(buf, team.as_str());
            key(buf, "cycle");
            string(buf, cycle.as_str());
        }
        Action::RequestDependency {
            to,
            help,
            objective,
            key_result,
        } => {
            start(buf, "request_dependency");
            key(buf, "to");
            string(buf, to.as_str());
            key(buf, "help");
            string(buf, help);
            key(buf, "objective");
            string(buf, objective.as_str());
            if let Some(k) = key_result {
                key(buf, "key_result");
                string(buf, k.as_str());
            }
        }
        Action::AcceptDependency { dependency } => {
            start(buf, "accept_dependency");
            id(buf, "dependency", dependency);
        }
        _ => return serde_unsigned_zero(buf, a),
    }
    buf.push(b'}');
}

/// The action with every negative zero made positive, so the entry that is
/// recorded (and the state it builds) holds the value its canonical form says.
/// The frequent actions are fixed in place; any other is read back from its
/// canonical JSON only when that held a `-0.0`.
pub(crate) fn unsigned_zeros(a: Action) -> Action {
    fn fix_change(c: &mut Change) -> bool {
        match c {
            Change::Target { target: v, .. }
            | Change::Baseline { baseline: v, .. }
            | Change::Weight { weight: v, .. } => {
                *v += 0.0;
                true
            }
            Change::DropKeyResult { .. }
            | Change::RetireObjective { .. }
            | Change::KeyResultWording { .. }
            | Change::ObjectiveWording { .. }
            | Change::MoveObjective { .. } => true,
            _ => false,
        }
    }
    let mut a = a;
    let done = match &mut a {
        Action::CheckIn {
            value, confidence, ..
        } => {
            *value += 0.0;
            if let Some(c) = confidence {
                *c += 0.0;
            }
            true
        }
        Action::ProposeChange { change, .. } | Action::Counter { change, .. } => fix_change(change),
        Action::Accept { .. }
        | Action::Decline { .. }
        | Action::Withdraw { .. }
        | Action::Agree { .. }
        | Action::AcceptDependency { .. }
        | Action::DeclineDependency { .. }
        | Action::EscalateDependency { .. }
        | Action::DecideDependency { .. }
        | Action::RequestDependency { .. } => true,
        _ => false,
    };
    if done {
        return a;
    }
    let mut buf = Vec::new();
    serde(&mut buf, &a);
    if !buf.windows(4).any(|w| w == b"-0.0") {
        return a;
    }
    let before = buf.len();
    unsign_zeros(&mut buf, 0);
    if buf.len() == before {
        return a;
    }
    serde_json::from_slice(&buf).unwrap_or(a)
}

/// Writes the canonical form of an entry's fields (everything but `hash`).
pub(crate) fn write(buf: &mut Vec<u8>, e: &Entry, sig: Option<&str>) {
    let (seq, id, at, actor, a, prev_hash) =
        (e.seq, &e.id, &e.at, &e.actor, &e.action, &e.prev_hash);
    buf.extend_from_slice(b"{\"seq\":");
    uint(buf, seq);
    key(buf, "id");
    string(buf, id.as_str());
    key(buf, "at");
    time(buf, at);
    buf.extend_from_slice(b",\"actor\":{\"person\":");
    string(buf, actor.person.as_str());
    key(buf, "team");
    string(buf, actor.team.as_str());
    buf.extend_from_slice(b"},\"action\":");
    action(buf, a);
    key(buf, "prev_hash");
    string(buf, prev_hash);
    if let Some(sig) = sig {
        key(buf, "sig");
        string(buf, sig);
    }
    buf.push(b'}');
}

#[cfg(test)]
mod tests {
    use crate::generate::{GenerateOptions, LedgerOptions, generate, ledger};
    use crate::ledger::action::{Action, Change};
    use crate::ledger::entry::{Actor, Entry, EntryId};
    use crate::ledger::hash::Hasher;

    fn same(e: &Entry) {
        let mut a = Hasher::default();
        let mut b = Hasher::default();
        // The reference with negative zeros unsigned, the one deliberate difference.
        let mut reference = b.canonical_serde(e).to_vec();
        super::unsign_zeros(&mut reference, 0);
        assert_eq!(
            String::from_utf8_lossy(a.canonical(e)),
            String::from_utf8_lossy(&reference)
        );
    }

    #[test]
    fn matches_serde_on_a_generated_ledger() {
        let doc = generate(&GenerateOptions::scaled(200));
        let l = ledger(&doc, &LedgerOptions::with_entries(3_000)).expect("valid");
        l.entries().iter().for_each(same);
    }

    #[test]
    fn matches_serde_off_the_fast_paths() {
        let texts = [
            "plain",
            "quote \" here",
            "back\\slash",
            "tab\tnew\nline\u{1}\u{1f}\u{7f}",
            "é 😀",
            "",
            "-0.0,",
            "q\":-0.0}",
        ];
        let numbers = [
            0.0,
            -0.0,
            1.0,
            65.0,
            0.1,
            1e21,
            1e-7,
            123456789.125,
            -3.5e300,
            f64::MIN_POSITIVE,
            f64::NAN,
        ];
        let times = [
            "2026-01-02T09:00:00Z",
            "2026-01-02T09:00:00.5Z",
            "2026-01-02T09:00:00.000001Z",
            "2026-01-02T09:00:00.000000001Z",
            "0001-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999999999Z",
            "+10000-01-01T00:00:00Z",
            "-0001-01-01T00:00:00Z",
            "2026-06-30T23:59:60.25Z",
        ];
        let mut seq = 0;
        for t in texts {
            for (i, &v) in numbers.iter().enumerate() {
                let at = times[i % times.len()].parse().expect("time");
                let actions = [
                    Action::CheckIn {
                        key_result: t.into(),
                        value: v,
                        confidence: (i % 2 == 0).then_some(v),
                        note: (i % 3 == 0).then(|| t.to_owned()),
                    },
                    Action::ProposeChange {
                        change: Change::Target {
                            key_result: t.into(),
                            target: v,
                        },
                        reason: t.into(),
                    },
                    Action::ProposeChange {
                        change: Change::Baseline {
                            key_result: t.into(),
                            baseline: v,
                        },
                        reason: t.into(),
                    },
                    Action::ProposeChange {
                        change: Change::Weight {
                            key_result: t.into(),
                            weight: v,
                        },
                        reason: t.into(),
                    },
                    Action::ProposeChange {
                        change: Change::DropKeyResult {
                            key_result: t.into(),
                        },
                        reason: t.into(),
                    },
                    Action::ProposeChange {
                        change: Change::RetireObjective {
                            objective: t.into(),
                        },
                        reason: t.into(),
                    },
                    Action::ProposeChange {
                        change: Change::KeyResultWording {
                            key_result: t.into(),
                            title: t.into(),
                        },
                        reason: t.into(),
                    },
                    Action::Accept { proposal: t.into() },
                    Action::Withdraw { proposal: t.into() },
                    Action::Decline {
                        proposal: t.into(),
                        reason: t.into(),
                    },
                    Action::Agree {
                        team: t.into(),
                        cycle: t.into(),
                    },
                    Action::RequestDependency {
                        to: t.into(),
                        help: t.into(),
                        objective: t.into(),
                        key_result: (i % 2 == 1).then(|| t.into()),
                    },
                    Action::AcceptDependency {
                        dependency: t.into(),
                    },
                    Action::KillInitiative {
                        initiative: t.into(),
                        reason: t.into(),
                    },
                ];
                for action in actions {
                    seq += 1;
                    same(&Entry {
                        seq: u64::MAX - seq,
                        id: EntryId::from(t),
                        at,
                        actor: Actor::new(t, t),
                        action,
                        prev_hash: t.into(),
                        sig: (seq % 7 == 0).then(|| t.to_owned()),
                        hash: Default::default(),
                    });
                }
            }
        }
    }
}
