//! The objectives of a document, read by hand on `Org::from_json`'s fast
//! route (see [`super::fast_load`]): an objective or key result in the
//! plainest JSON (members known, in any order, each once; strings without
//! escapes; JSON numbers; `null` for an absent option) is read here, its
//! measure and alignment by serde_json; any other is read whole by
//! serde_json as [`Objective`] or [`KeyResult`] reads it, so the values are
//! the same either way, and an error is serde_json's (the fast route then
//! gives up and the general route reports it).

use crate::ids::{CycleId, KeyResultId, ObjectiveId, PersonId, TeamId};
use crate::json_scan::Cursor;
use crate::model::{KeyResult, Measure, Objective, ObjectiveType, ThresholdDirection, Visibility};

/// The array of objectives at the cursor.
pub(super) fn objectives(c: &mut Cursor<'_>) -> Option<Vec<Objective>> {
    array(c, objective)
}

/// A JSON array at the cursor, each element read by `fast` or, where it
/// declines, by serde_json.
fn array<'a, T: serde::de::DeserializeOwned>(
    c: &mut Cursor<'a>,
    fast: fn(&mut Cursor<'a>) -> Option<T>,
) -> Option<Vec<T>> {
    c.ws();
    c.byte(b'[')?;
    let mut out = Vec::new();
    c.ws();
    if c.byte(b']').is_some() {
        return Some(out);
    }
    loop {
        c.ws();
        let start = c.i;
        let element = match fast(c) {
            Some(e) => e,
            None => {
                c.i = start;
                c.serde()?
            }
        };
        out.push(element);
        c.ws();
        match c.next_byte()? {
            b',' => {}
            b']' => return Some(out),
            _ => return None,
        }
    }
}

/// The members of an object at the cursor, each name one of `names`
/// (matched byte for byte), given once, its value read by `value`.
fn members<'a>(
    c: &mut Cursor<'a>,
    names: &[&[u8]],
    mut value: impl FnMut(&mut Cursor<'a>, usize) -> Option<()>,
) -> Option<()> {
    c.byte(b'{')?;
    let mut seen = 0u32;
    loop {
        c.ws();
        c.byte(b'"')?;
        let k = names.iter().position(|name| {
            let at = c.i;
            let found = c.lit(name).and_then(|()| c.byte(b'"')).is_some();
            if !found {
                c.i = at;
            }
            found
        })?;
        // A member given twice is serde's `duplicate field` error.
        if seen & (1 << k) != 0 {
            return None;
        }
        seen |= 1 << k;
        c.ws();
        c.byte(b':')?;
        c.ws();
        value(c, k)?;
        c.ws();
        match c.next_byte()? {
            b',' => {}
            b'}' => return Some(()),
            _ => return None,
        }
    }
}

fn objective(c: &mut Cursor<'_>) -> Option<Objective> {
    let (mut id, mut title, mut team, mut cycle) = (None, None, None, None);
    let mut kind = ObjectiveType::default();
    let mut visibility = Visibility::default();
    let (mut aligned_to, mut key_results) = (None, Vec::new());
    let names: [&[u8]; 8] = [
        b"id",
        b"title",
        b"team",
        b"cycle",
        b"type",
        b"aligned_to",
        b"visibility",
        b"key_results",
    ];
    members(c, &names, |c, k| {
        match k {
            0 => id = Some(ObjectiveId::from(c.quoted()?)),
            1 => title = Some(c.quoted()?.to_owned()),
            2 => team = Some(TeamId::from(c.quoted()?)),
            3 => cycle = Some(CycleId::from(c.quoted()?)),
            4 => {
                kind = match c.quoted()? {
                    "committed" => ObjectiveType::Committed,
                    "aspirational" => ObjectiveType::Aspirational,
                    _ => return None,
                }
            }
            5 => {
                aligned_to = if c.lit(b"null").is_some() {
                    None
                } else {
                    Some(c.serde()?)
                }
            }
            6 => {
                visibility = match c.quoted()? {
                    "public" => Visibility::Public,
                    "restricted" => Visibility::Restricted,
                    _ => return None,
                }
            }
            _ => key_results = array(c, key_result)?,
        }
        Some(())
    })?;
    Some(Objective {
        id: id?,
        title: title?,
        team: team?,
        cycle: cycle?,
        kind,
        aligned_to,
        visibility,
        key_results,
    })
}

/// A string or `null`, as an `Option<PersonId>`.
fn person(c: &mut Cursor<'_>) -> Option<Option<PersonId>> {
    if c.lit(b"null").is_some() {
        return Some(None);
    }
    c.quoted().map(|s| Some(PersonId::from(s)))
}

fn key_result(c: &mut Cursor<'_>) -> Option<KeyResult> {
    let (mut id, mut title, mut measure) = (None, None, None);
    let mut weight = 1.0;
    let (mut responsible, mut key_partner) = (None, None);
    let names: [&[u8]; 6] = [
        b"id",
        b"title",
        b"measure",
        b"weight",
        b"responsible",
        b"key_partner",
    ];
    members(c, &names, |c, k| {
        match k {
            0 => id = Some(KeyResultId::from(c.quoted()?)),
            1 => title = Some(c.quoted()?.to_owned()),
            2 => {
                let start = c.i;
                measure = Some(match self::measure(c) {
                    Some(m) => m,
                    None => {
                        c.i = start;
                        c.serde()?
                    }
                })
            }
            3 => weight = c.finite()?,
            4 => responsible = person(c)?,
            _ => key_partner = person(c)?,
        }
        Some(())
    })?;
    Some(KeyResult {
        id: id?,
        title: title?,
        measure: measure?,
        weight,
        responsible,
        key_partner,
    })
}

/// A measure read by hand: each member given once, as a number, a string
/// or a boolean (a `null`, an escape, an unknown member or a member the
/// kind does not have gives `None`, and serde_json reads it, error included).
fn measure(c: &mut Cursor<'_>) -> Option<Measure> {
    let (mut kind, mut baseline, mut target, mut current) = (None, None, None, None);
    let (mut unit, mut direction, mut bound, mut done) = (None, None, None, None);
    let names: [&[u8]; 8] = [
        b"type",
        b"baseline",
        b"target",
        b"current",
        b"unit",
        b"direction",
        b"bound",
        b"done",
    ];
    members(c, &names, |c, k| {
        match k {
            0 => kind = Some(c.quoted()?),
            1 => baseline = Some(c.finite()?),
            2 => target = Some(c.finite()?),
            3 => current = Some(c.finite()?),
            4 => unit = Some(c.quoted()?.to_owned()),
            5 => {
                direction = Some(match c.quoted()? {
                    "at_least" => ThresholdDirection::AtLeast,
                    "at_most" => ThresholdDirection::AtMost,
                    _ => return None,
                })
            }
            6 => bound = Some(c.finite()?),
            _ => {
                done = Some(if c.lit(b"true").is_some() {
                    true
                } else {
                    c.lit(b"false")?;
                    false
                })
            }
        }
        Some(())
    })?;
    // The fields of each kind, as `Measure`'s own `Deserialize` takes them.
    match kind? {
        "metric" if direction.is_none() && bound.is_none() && done.is_none() => {
            Some(Measure::Metric {
                baseline: baseline?,
                target: target?,
                current,
                unit,
            })
        }
        "threshold" if baseline.is_none() && target.is_none() && done.is_none() => {
            Some(Measure::Threshold {
                direction: direction?,
                bound: bound?,
                current,
                unit,
            })
        }
        "milestone"
            if baseline.is_none()
                && target.is_none()
                && current.is_none()
                && unit.is_none()
                && direction.is_none()
                && bound.is_none() =>
        {
            Some(Measure::Milestone {
                done: done.unwrap_or(false),
            })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read<T>(text: &str, f: fn(&mut Cursor<'_>) -> Option<T>) -> Option<T> {
        let mut c = Cursor::new(text);
        let v = f(&mut c)?;
        (c.i == text.len()).then_some(v)
    }

    /// What okrkit writes is read by hand, to the values serde reads.
    #[test]
    fn reads_what_okrkit_writes_as_serde_does() {
        let kr = r#"{"id":"k1","title":"Checkout from 50 to 65%","measure":{"type":"metric","baseline":50.0,"target":65.0,"unit":"%"},"weight":2.0,"responsible":"p0","key_partner":null}"#;
        let fast = read(kr, key_result).expect("read by hand");
        assert_eq!(
            fast,
            serde_json::from_str::<KeyResult>(kr).expect("serde reads it")
        );
        let o = format!(
            r#"{{ "id": "o1", "title": "Té", "team": "t", "cycle": "q", "type": "committed",
                "aligned_to": {{"objective": "o0", "how": "cascaded"}}, "visibility": "restricted",
                "key_results": [{kr}, {{"id": "k\u0032", "title": "T", "measure": {{"type": "milestone"}}}}] }}"#
        );
        let fast = read(&o, objective).expect("read by hand");
        assert_eq!(
            fast,
            serde_json::from_str::<Objective>(&o).expect("serde reads it")
        );
        assert_eq!(
            fast.key_results[1].id, "k2",
            "the escaped one read by serde"
        );
    }

    /// A measure read by hand is the measure serde reads; what serde
    /// refuses (or reads from a form the scan does not take) is declined.
    #[test]
    fn measures_read_as_serde_reads_them() {
        for (m, by_hand) in [
            (
                r#"{"type":"metric","baseline":50.0,"target":65.0,"unit":"%"}"#,
                true,
            ),
            (
                r#"{ "target" : -0, "type" : "metric" , "baseline" : 1e2, "current": 3 }"#,
                true,
            ),
            (
                r#"{"type":"threshold","direction":"at_most","bound":200,"unit":"ms"}"#,
                true,
            ),
            (
                r#"{"type":"threshold","direction":"at_least","bound":0.30000000000000004}"#,
                true,
            ),
            (r#"{"type":"milestone"}"#, true),
            (r#"{"done":true,"type":"milestone"}"#, true),
            (r#"{"type":"milestone","done":false}"#, true),
            // Declined: serde reads these (null, escapes) or refuses them.
            (
                r#"{"type":"metric","baseline":0,"target":1,"unit":null}"#,
                false,
            ),
            (
                r#"{"type":"metric","baseline":0,"target":1,"unit":"\u0025"}"#,
                false,
            ),
            (
                r#"{"type":"metric","baseline":0,"target":1,"bound":2}"#,
                false,
            ),
            (r#"{"type":"metric","baseline":0}"#, false),
            (
                r#"{"type":"metric","baseline":0,"target":1,"baseline":2}"#,
                false,
            ),
            (r#"{"type":"metric","baseline":0,"target":1e400}"#, false),
            (r#"{"type":"metric","baseline":"0","target":1}"#, false),
            (
                r#"{"type":"threshold","direction":"above","bound":1}"#,
                false,
            ),
            (r#"{"type":"threshold","direction":"at_most"}"#, false),
            (
                r#"{"type":"threshold","direction":"at_most","bound":1,"target":2}"#,
                false,
            ),
            (r#"{"type":"milestone","current":1}"#, false),
            (r#"{"type":"milestone","done":1}"#, false),
            (r#"{"type":"milestone","done":null}"#, false),
            (r#"{"type":"milestone","extra":1}"#, false),
            (r#"{"type":"stretch"}"#, false),
            (r#"{"baseline":0,"target":1}"#, false),
        ] {
            let fast = read(m, measure);
            assert_eq!(fast.is_some(), by_hand, "{m}");
            if let Some(fast) = fast {
                assert_eq!(
                    Ok(fast),
                    serde_json::from_str::<Measure>(m).map_err(|_| ()),
                    "{m}"
                );
            }
            // Within a key result the outcome is serde's either way.
            let kr = format!(r#"{{"id":"k","title":"T","measure":{m}}}"#);
            assert_eq!(
                read(&kr, key_result),
                serde_json::from_str::<KeyResult>(&kr).ok(),
                "{kr}"
            );
        }
    }

    /// Anything else is left to serde_json.
    #[test]
    fn declines_the_rest() {
        for kr in [
            r#"{"id":"k","title":"T","measure":{"type":"milestone"},"extra":1}"#,
            r#"{"id":"k","id":"j","title":"T","measure":{"type":"milestone"}}"#,
            r#"{"id":"k","title":"T"}"#,
            r#"{"id":"k","title":"a\"b","measure":{"type":"milestone"}}"#,
            r#"{"id":"k","title":"T","measure":{"type":"milestone"},"weight":null}"#,
            r#"["k","T",{"type":"milestone"}]"#,
        ] {
            assert!(read(kr, key_result).is_none(), "{kr}");
        }
        for o in [
            r#"{"id":"o","title":"O","team":"t","cycle":"q","type":"stretch"}"#,
            r#"{"id":"o","title":"O","team":"t","cycle":"q","visibility":"secret"}"#,
            r#"{"id":"o","title":"O","team":"t"}"#,
        ] {
            assert!(read(o, objective).is_none(), "{o}");
        }
    }
}
