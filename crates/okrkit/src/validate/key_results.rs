//! Key result ids to their place, built once per document: validation
//! reports duplicates from it and resolves references through it, and
//! `Org::from_json`'s fast route resolves each run of check-ins through the
//! same table (built before the check-ins are read, handed to validation).

use crate::model::Objective;
use hashbrown::HashTable;
use std::hash::BuildHasher;

/// A key result's place: (objective index, key result index).
pub(crate) type Place = (u32, u32);

/// Key result ids to (objective index, key result index), the first of
/// equal ids; empty ids are left out (validation reports them).
///
/// The table holds the two indexes only (8 bytes a slot): the id is
/// compared in the document's key result. A map holding each id (`&str`)
/// took 32 bytes a slot, and its cache misses were most of a check-in
/// run's look-up (profile, issue 18).
#[derive(Debug, Default)]
pub(crate) struct KeyResultIds {
    table: HashTable<Place>,
    hasher: foldhash::fast::RandomState,
    /// `(place, place of the first key result with its id)` of each
    /// duplicate id, in document order.
    duplicates: Vec<(Place, Place)>,
}

impl KeyResultIds {
    /// The ids of `objectives`' key results; `None` when their places do
    /// not fit ([`places_fit`]: more than `u32::MAX` objectives, or key
    /// results in one objective; hundreds of GB in memory).
    pub fn build(objectives: &[Objective]) -> Option<KeyResultIds> {
        if !places_fit(
            objectives.len(),
            objectives.iter().map(|o| o.key_results.len()),
        ) {
            return None;
        }
        let n: usize = objectives.iter().map(|o| o.key_results.len()).sum();
        let mut ids = KeyResultIds {
            table: HashTable::with_capacity(n),
            hasher: Default::default(),
            duplicates: Vec::new(),
        };
        for (oi, o) in objectives.iter().enumerate() {
            // Below `u32::MAX` (checked above: the counts fit).
            let oi = oi as u32;
            for (ki, kr) in o.key_results.iter().enumerate() {
                let ki = ki as u32;
                let id = kr.id.as_str();
                if id.is_empty() {
                    continue;
                }
                let hash = ids.hasher.hash_one(id);
                let entry = ids.table.entry(
                    hash,
                    |&p| id_at(objectives, p) == id,
                    |&p| ids.hasher.hash_one(id_at(objectives, p)),
                );
                match entry {
                    hashbrown::hash_table::Entry::Occupied(first) => {
                        ids.duplicates.push(((oi, ki), *first.get()));
                    }
                    hashbrown::hash_table::Entry::Vacant(v) => {
                        v.insert((oi, ki));
                    }
                }
            }
        }
        Some(ids)
    }

    /// The place of the key result with id `id` in `objectives` (those the
    /// table was built from).
    #[inline]
    pub fn get(&self, objectives: &[Objective], id: &str) -> Option<(usize, usize)> {
        let hash = self.hasher.hash_one(id);
        self.table
            .find(hash, |&p| id_at(objectives, p) == id)
            .map(|&(oi, ki)| (oi as usize, ki as usize))
    }

    /// Each duplicate id's place and the place of the first key result
    /// with that id, in document order.
    pub fn duplicates(&self) -> &[(Place, Place)] {
        &self.duplicates
    }
}

/// Whether every key result's place fits a [`Place`]: at most `u32::MAX`
/// objectives (`objectives`) and at most `u32::MAX` key results in each
/// (`key_results`, one count per objective). The counts are checked, not
/// the indexes: exactly 2^32 objectives do not fit.
pub(crate) fn places_fit(objectives: usize, key_results: impl IntoIterator<Item = usize>) -> bool {
    u32::try_from(objectives).is_ok() && key_results.into_iter().all(|n| u32::try_from(n).is_ok())
}

/// The id of the key result at `(oi, ki)`, empty where there is none.
fn id_at(objectives: &[Objective], (oi, ki): Place) -> &str {
    objectives
        .get(oi as usize)
        .and_then(|o| o.key_results.get(ki as usize))
        .map_or("", |kr| kr.id.as_str())
}

#[cfg(test)]
mod tests {
    use super::{KeyResultIds, places_fit};
    use crate::model::Objective;
    use std::collections::HashMap;

    /// Objectives whose key results have the given ids.
    fn objectives(ids: &[&[&str]]) -> Vec<Objective> {
        ids.iter()
            .enumerate()
            .map(|(i, krs)| {
                serde_json::from_value(serde_json::json!({
                    "id": format!("o{i}"), "title": "O", "team": "t", "cycle": "q",
                    "key_results": krs.iter().map(|id| serde_json::json!({
                        "id": id, "title": "K", "measure": {"type": "milestone"}
                    })).collect::<Vec<_>>(),
                }))
                .expect("an objective")
            })
            .collect()
    }

    /// Each id resolves to its first key result, each later copy is a
    /// duplicate of it (in document order), empty ids are neither: as a
    /// map filled in document order finds them.
    #[test]
    fn first_ids_and_duplicates_as_a_map_finds_them() {
        let mut n: u64 = 0x0bad_cafe_f00d_1234;
        for _ in 0..300 {
            let ids: Vec<Vec<String>> = (0..1 + n % 4)
                .map(|_| {
                    n ^= n << 13;
                    n ^= n >> 7;
                    n ^= n << 17;
                    (0..n % 5)
                        .map(|j| {
                            ["", "k", "K", "k1", "ké"][((n >> (8 * j)) % 5) as usize].to_owned()
                        })
                        .collect()
                })
                .collect();
            let refs: Vec<Vec<&str>> = ids
                .iter()
                .map(|o| o.iter().map(String::as_str).collect())
                .collect();
            let slices: Vec<&[&str]> = refs.iter().map(Vec::as_slice).collect();
            let objs = objectives(&slices);
            let table = KeyResultIds::build(&objs).expect("small");
            let mut first: HashMap<&str, (u32, u32)> = HashMap::new();
            let mut duplicates = Vec::new();
            for (oi, o) in refs.iter().enumerate() {
                for (ki, &id) in o.iter().enumerate() {
                    let at = (oi as u32, ki as u32);
                    if id.is_empty() {
                        continue;
                    }
                    match first.get(id) {
                        Some(&f) => duplicates.push((at, f)),
                        None => {
                            first.insert(id, at);
                        }
                    }
                }
            }
            assert_eq!(table.duplicates(), duplicates.as_slice(), "{refs:?}");
            for id in ["", "k", "K", "k1", "ké", "x"] {
                let want = first.get(id).map(|&(o, k)| (o as usize, k as usize));
                assert_eq!(table.get(&objs, id), want, "{id} in {refs:?}");
            }
        }
    }

    /// Counts up to `u32::MAX` fit, one more does not: objectives, or key
    /// results in any one objective (lengths only, nothing allocated).
    #[test]
    #[cfg(target_pointer_width = "64")]
    fn places_fit_up_to_u32_max_counts() {
        let max = u32::MAX as usize;
        assert!(places_fit(0, []));
        assert!(places_fit(max, [0, max, 3]));
        assert!(!places_fit(max + 1, []));
        assert!(!places_fit(max + 1, [1]));
        assert!(!places_fit(2, [1, max + 1]));
        assert!(!places_fit(3, [max + 1, 0, 0]));
    }
}
