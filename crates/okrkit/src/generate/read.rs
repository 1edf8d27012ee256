//! [`GenerateOptions::with_overrides`] and [`GenerateOptions::scaled_within`]: the
//! options a caller names (a binding's keyword arguments), over the defaults
//! or the benchmarks' shape, within a size limit.

use super::GenerateOptions;
use crate::{Error, ProblemCode, Result};
use serde_json::{Map, Value};

/// Most of each element (teams, objectives, key results, check-ins, cycles)
/// [`GenerateOptions::with_overrides`] and [`GenerateOptions::scaled_within`] accept.
///
/// ```
/// use okrkit::generate::{GenerateOptions, LIMIT};
///
/// assert_eq!(LIMIT, 10_000_000);
/// let e = GenerateOptions::scaled_within(LIMIT + 1).unwrap_err();
/// assert_eq!((e.code(), e.path()), ("too_large", "generate"));
/// ```
pub const LIMIT: usize = 10_000_000;

impl GenerateOptions {
    /// [`GenerateOptions::scaled`]`(n)`, refused above [`LIMIT`]
    /// ([`Error::InvalidArgument`], code `too_large`, path `generate`).
    pub fn scaled_within(n: usize) -> Result<GenerateOptions> {
        if n > LIMIT {
            return Err(too_large());
        }
        Ok(GenerateOptions::scaled(n))
    }

    /// These options with the keys a caller gave by name overriding them
    /// (`given`: keys of this type, read by [`crate::options::from_value`],
    /// so an unknown or ill-typed one is a `parse_error` at its key). More
    /// than [`LIMIT`] of any element is [`Error::InvalidArgument`], code
    /// `too_large`, path `generate`.
    ///
    /// ```
    /// use okrkit::generate::GenerateOptions;
    /// let given = serde_json::json!({ "seed": 7 });
    /// let given = given.as_object().unwrap().clone();
    /// let o = GenerateOptions::scaled_within(1_000)?.with_overrides(given)?;
    /// assert_eq!((o.seed, o.key_results, o.teams), (7, 1_000, 50));
    /// let e = GenerateOptions::scaled_within(10_000_001).unwrap_err();
    /// assert_eq!((e.code(), e.path()), ("too_large", "generate"));
    /// let bad = serde_json::json!({ "team": 3 });
    /// let bad = bad.as_object().unwrap().clone();
    /// let e = GenerateOptions::default().with_overrides(bad).unwrap_err();
    /// assert_eq!((e.code(), e.path()), ("parse_error", "team"));
    /// # Ok::<(), okrkit::Error>(())
    /// ```
    pub fn with_overrides(self, given: Map<String, Value>) -> Result<GenerateOptions> {
        let mut options = match serde_json::to_value(self) {
            Ok(Value::Object(base)) => base,
            _ => Map::new(),
        };
        options.extend(given);
        let o: GenerateOptions = crate::options::from_value(Value::Object(options))?;
        o.check()?;
        Ok(o)
    }

    /// Whether [`generate`](super::generate) can make what these options
    /// ask for: at least 1 team, objective and cycle (0 of those is an
    /// [`Error::InvalidArgument`], code `invalid_value`, at the option;
    /// key results and check-ins may be 0), at most [`LIMIT`] of each
    /// element (code `too_large`, path `generate`).
    /// [`GenerateOptions::with_overrides`] checks; so does a binding that reads
    /// the options whole.
    ///
    /// ```
    /// use okrkit::generate::GenerateOptions;
    /// assert!(GenerateOptions::default().check().is_ok());
    /// let mut o = GenerateOptions::default();
    /// o.cycles = 0;
    /// let e = o.check().unwrap_err();
    /// assert_eq!((e.code(), e.path()), ("invalid_value", "cycles"));
    /// ```
    pub fn check(&self) -> Result<()> {
        for (name, n) in [
            ("teams", self.teams),
            ("objectives", self.objectives),
            ("cycles", self.cycles),
        ] {
            if n == 0 {
                return Err(Error::InvalidArgument {
                    code: ProblemCode::InvalidValue,
                    message: format!("{name} must be at least 1, not 0"),
                    path: name.into(),
                });
            }
        }
        let counts = [
            self.teams,
            self.objectives,
            self.key_results,
            self.check_ins,
            self.cycles,
        ];
        if counts.iter().any(|&n| n > LIMIT) {
            return Err(too_large());
        }
        Ok(())
    }
}

fn too_large() -> Error {
    Error::InvalidArgument {
        code: ProblemCode::TooLarge,
        message: format!("at most {LIMIT} of each element"),
        path: "generate".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn given(v: Value) -> Map<String, Value> {
        v.as_object().cloned().unwrap_or_default()
    }

    #[test]
    fn given_keys_override_the_scaled_shape_and_the_defaults() {
        let o = GenerateOptions::default()
            .with_overrides(given(json!({"teams": 3})))
            .unwrap();
        assert_eq!(o.teams, 3);
        assert_eq!(o.key_results, GenerateOptions::default().key_results);
        let o = GenerateOptions::scaled_within(400).unwrap();
        let o = o.with_overrides(given(json!({"cycles": 4}))).unwrap();
        let scaled = GenerateOptions::scaled(400);
        assert_eq!(
            (o.cycles, o.key_results, o.check_ins),
            (4, 400, scaled.check_ins)
        );
    }

    /// r15 finding 12: 0 teams, objectives or cycles became 1 silently.
    #[test]
    fn zero_teams_objectives_or_cycles_is_invalid_at_the_option() {
        for name in ["teams", "objectives", "cycles"] {
            let e = GenerateOptions::default()
                .with_overrides(given(json!({ name: 0 })))
                .unwrap_err();
            assert_eq!((e.code(), e.path()), ("invalid_value", name));
            assert!(e.to_string().contains("at least 1"), "{e}");
            let o = GenerateOptions::default()
                .with_overrides(given(json!({ name: 1 })))
                .unwrap();
            assert!(o.check().is_ok());
        }
        // No key results or check-ins is a document still.
        let o = GenerateOptions::default()
            .with_overrides(given(json!({"key_results": 0, "check_ins": 0})))
            .unwrap();
        assert!(crate::Org::new(super::super::generate(&o)).is_ok());
        // The scaled shape of 0 key results has a team, an objective, a cycle.
        assert!(GenerateOptions::scaled(0).check().is_ok());
    }

    #[test]
    fn more_than_the_limit_is_too_large() {
        let e = GenerateOptions::default()
            .with_overrides(given(json!({"check_ins": LIMIT + 1})))
            .unwrap_err();
        assert_eq!((e.code(), e.path()), ("too_large", "generate"));
        // `scaled(LIMIT)` asks for 10 check-ins per key result: over the limit.
        let at_limit = GenerateOptions::scaled_within(LIMIT).unwrap();
        assert_eq!(
            at_limit
                .clone()
                .with_overrides(Map::new())
                .unwrap_err()
                .code(),
            "too_large"
        );
        // A given key is checked after it overrides the scaled shape.
        let o = at_limit
            .with_overrides(given(json!({"check_ins": 1})))
            .unwrap();
        assert_eq!(o.key_results, LIMIT);
        assert!(GenerateOptions::scaled_within(LIMIT + 1).is_err());
    }
}
