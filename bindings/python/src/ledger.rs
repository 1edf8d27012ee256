//! The renegotiation ledger (R4, R8): append actions given as dicts, with
//! refusals as `LedgerRefused`, verification, replay, history, JSON Lines.
//! `okrkit.Ledger` (Python) subclasses this class to add one helper per action.

use crate::convert::{self, instant_arg, moment_arg};
use crate::error::OrPyErr;
use crate::hint::{self, Typed};
use crate::org::{Document, Org};
use crate::reports::{HealthReport, KeyResultHistory, LintReport};
use crate::tables;
use okrkit::ledger::signing::SecretKey;
use okrkit::ledger::{Action, Actor, Entry, Ledger as CoreLedger, LedgerQuery};
use okrkit::table::view::{self, HeldDocument};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyType};
use std::sync::{Arc, Mutex, MutexGuard};

/// An append-only, hash-chained ledger of who changed what, when, why and
/// with whose agreement. Thread-safe: appends are serialised.
#[pyclass(frozen, subclass, module = "okrkit")]
pub struct Ledger {
    inner: Mutex<CoreLedger>,
}

impl Ledger {
    /// Locks the ledger. When another thread holds it (maybe with the GIL
    /// released), wait with the GIL released too, or the two would deadlock.
    /// A lock poisoned by a panic (a bug in okrkit; no user code runs while
    /// it is held) is taken back: an append that panics has put the ledger
    /// back as its entries say, and should that have failed, the core's
    /// `Ledger::recover` does it here, as in Kotlin and Swift.
    fn lock(&self, py: Python<'_>) -> PyResult<MutexGuard<'_, CoreLedger>> {
        let mut guard = loop {
            match self.inner.try_lock() {
                Ok(g) => break g,
                Err(std::sync::TryLockError::Poisoned(p)) => break p.into_inner(),
                // Wait for the holder without the GIL, then try again with it.
                Err(std::sync::TryLockError::WouldBlock) => py.detach(|| drop(self.inner.lock())),
            }
        };
        guard.recover().py_err()?;
        Ok(guard)
    }

    /// Runs `f` on the locked core ledger (for the checkpoint functions).
    pub(crate) fn with<T>(&self, py: Python<'_>, f: impl FnOnce(&CoreLedger) -> T) -> PyResult<T> {
        Ok(f(&*self.lock(py)?))
    }

    /// The entries as the core's `ledger.entries` table.
    fn entries_table(&self, py: Python<'_>) -> PyResult<okrkit::table::Table> {
        Ok(okrkit::table::ledger::entries(self.lock(py)?.entries()))
    }

    /// A new object of `cls` (this class or a subclass) holding `ledger`.
    fn make<'py>(cls: &Bound<'py, PyType>, ledger: CoreLedger) -> PyResult<Bound<'py, PyAny>> {
        let obj = cls.call0()?;
        *obj.cast::<Ledger>()?.get().lock(cls.py())? = ledger;
        Ok(obj)
    }
}

fn actor_from(obj: &Bound<'_, PyAny>) -> PyResult<Actor> {
    // (person, team), {"person": .., "team": ..}, or an object with .person/.team.
    if let (Ok(p), Ok(t)) = (obj.getattr("person"), obj.getattr("team"))
        && !obj.is_instance_of::<pyo3::types::PyDict>()
    {
        return Ok(Actor::new(p.extract::<String>()?, t.extract::<String>()?));
    }
    convert::from_py(obj, "actor")
}

#[okrkit_python_guard::guarded]
#[pymethods]
impl Ledger {
    #[new]
    fn new() -> Self {
        Ledger {
            inner: Mutex::new(CoreLedger::new()),
        }
    }

    /// Reads a JSON Lines ledger, verifying each entry (`TamperedError` names
    /// the first bad one): its text (str or bytes) or a path to it (str or
    /// `os.PathLike`; a str that is blank, starts with `{` or holds a line
    /// break is text). A missing file is `OkrFileNotFoundError`.
    #[classmethod]
    #[pyo3(signature = (source: "str | bytes | os.PathLike[str]"))]
    fn from_jsonl<'py>(
        cls: &Bound<'py, PyType>,
        source: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = cls.py();
        let bytes = crate::import_fns::source_bytes(py, source, "source")?;
        let ledger = py
            .detach(|| CoreLedger::from_jsonl(bytes.as_slice()))
            .py_err()?;
        Ledger::make(cls, ledger)
    }

    /// Rebuilds a ledger from stored entries (dicts, in `seq` order), verifying the chain.
    #[classmethod]
    #[pyo3(signature = (entries: "Sequence[Mapping[str, Any]]"))]
    fn from_entries<'py>(
        cls: &Bound<'py, PyType>,
        entries: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = cls.py();
        let entries: Vec<Entry> = convert::from_py(entries, "entries")?;
        let ledger = py.detach(|| CoreLedger::from_entries(entries)).py_err()?;
        Ledger::make(cls, ledger)
    }

    /// Applies an action (a dict with "type", as in the ledger's JSON) by an
    /// actor ((person, team) or {"person", "team"}) at an instant (a `datetime`,
    /// naive = UTC, or strict RFC 3339 text; a date alone is refused), and returns the
    /// recorded entry as a dict. A refused action raises `LedgerRefused` and
    /// changes nothing. `now` is the host's clock (default: the system
    /// clock): an entry dated more than the allowed skew after it is refused
    /// (`bad_time`). In a signed ledger pass the actor's 32-byte Ed25519
    /// `secret_key` (used, never stored).
    #[pyo3(signature = (at: "_InstantLike", actor, action: "Mapping[str, Any]", *, now: "_InstantLike | None" = None, secret_key: "bytes | None" = None) -> "_t.Entry")]
    fn append<'py>(
        &self,
        py: Python<'py>,
        at: &Bound<'py, PyAny>,
        actor: &Bound<'py, PyAny>,
        action: &Bound<'py, PyAny>,
        now: Option<&Bound<'py, PyAny>>,
        mut secret_key: Option<convert::Bytes>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let at = instant_arg(at, "at")?;
        let now = now.map(|n| instant_arg(n, "now")).transpose()?;
        let now = now.unwrap_or_else(chrono::Utc::now);
        let key = secret_key.as_mut().map(|b| secret(&mut b.0)).transpose()?;
        let actor = actor_from(actor)?;
        let action: Action = convert::from_py(action, "action")?;
        let entry = {
            let mut guard = self.lock(py)?;
            let l: &mut CoreLedger = &mut guard;
            py.detach(|| match &key {
                None => l.append_as_of(now, at, actor, action).cloned(),
                Some(k) => l.append_signed(now, at, actor, action, k).cloned(),
            })
            .py_err()?
        };
        convert::ser_to_py(py, &entry)
    }

    /// Answers one of the core's read-only ledger queries
    /// (`okrkit::ledger::LedgerQuery`) by name, with its arguments: what the
    /// query methods `_ledger.py` generates call. An ill-typed argument is
    /// `InvalidArgument`, code `parse_error`, at the argument's name.
    #[pyo3(signature = (name, args: "Mapping[str, Any] | None" = None) -> "Any")]
    fn _query<'py>(
        &self,
        py: Python<'py>,
        name: convert::Text,
        args: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        // A date where the query takes an id would be read as its text: refused.
        if let Some(given) = args.and_then(|a| a.cast::<PyDict>().ok()) {
            for (key, value) in given.iter() {
                let key: String = key.extract()?;
                if convert::is_time(&value)? && !LedgerQuery::takes_moment(&name, &key) {
                    let message = format!("expected a str, got {}", convert::shown(&value));
                    return Err(crate::error::argument_err(
                        okrkit::ProblemCode::Parse,
                        &key,
                        message,
                    ));
                }
            }
        }
        let args = args.map(|a| convert::arg_value(a, "")).transpose()?;
        let query =
            LedgerQuery::read(&name, args.unwrap_or_default()).map_err(convert::option_err)?;
        convert::ser_to_py(py, &self.lock(py)?.query(&query))
    }

    /// Number of entries.
    fn __len__(&self, py: Python<'_>) -> PyResult<usize> {
        Ok(self.lock(py)?.len())
    }

    /// The last entry's hash: keep it elsewhere and check it with `verify_head`.
    #[getter]
    fn head(&self, py: Python<'_>) -> PyResult<String> {
        Ok(self.lock(py)?.head().to_owned())
    }

    /// The entries, oldest first, as dicts.
    #[getter]
    fn entries<'py>(&self, py: Python<'py>) -> PyResult<Typed<'py, hint::Entries>> {
        let l = &*self.lock(py)?;
        convert::ser_to_py(py, l.entries()).map(Typed::from)
    }

    /// The ledger as JSON Lines.
    fn to_jsonl(&self, py: Python<'_>) -> PyResult<String> {
        let l = &*self.lock(py)?;
        Ok(py.detach(|| l.to_jsonl()))
    }

    /// Verifies the whole chain again; returns {"entries": n, "head": hash}.
    #[pyo3(signature = () -> "_t.Verified")]
    fn verify<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let l = &*self.lock(py)?;
        convert::ser_to_py(py, &py.detach(|| l.verify()).py_err()?)
    }

    /// Checks that the ledger ends at a head kept elsewhere, or goes on after
    /// it (`TamperedError` if not). A `head` that is not a hash (not a str,
    /// or not 64 lower-case hex digits) is `InvalidArgument`, code
    /// `parse_error`, at `head`.
    fn verify_head(&self, py: Python<'_>, head: convert::Text) -> PyResult<()> {
        self.lock(py)?.verify_head(&head).map_err(|e| match e {
            // The core's parse error of an argument is `InvalidArgument` here.
            okrkit::Error::Parse { message, .. } => {
                crate::error::argument_err(okrkit::ProblemCode::Parse, "head", message)
            }
            other => crate::error::to_pyerr(other),
        })
    }

    /// The document as of a moment (every entry at or before `at`), or now:
    /// a dict, or with `as_org=True` a validated `Org`.
    #[pyo3(signature = (at: "_WhenLike | None" = None, *, as_org: "bool" = false))]
    fn replay<'py>(
        &self,
        py: Python<'py>,
        at: Option<&Bound<'py, PyAny>>,
        #[pyo3(from_py_with = convert::flag)] as_org: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let at = at.map(|a| moment_arg(a, "at")).transpose()?;
        let doc = {
            let l = &*self.lock(py)?;
            py.detach(|| l.replay(at)).py_err()?
        };
        if as_org {
            let org = py.detach(|| okrkit::Org::new(doc)).py_err()?;
            return Ok(Bound::new(py, Org::from(org))?.into_any());
        }
        convert::ser_to_py(py, &doc)
    }

    /// The current document as a `Document`.
    fn document(&self, py: Python<'_>) -> PyResult<Document> {
        Ok(Document::from(self.lock(py)?.document().clone()))
    }

    /// The current document, validated, for progress and scoring.
    fn org(&self, py: Python<'_>) -> PyResult<Org> {
        let l = &*self.lock(py)?;
        py.detach(|| l.org()).py_err().map(Org::from)
    }

    /// The whole ledger as of a moment (entries at or before `at`).
    #[pyo3(signature = (at: "_WhenLike"))]
    fn as_of<'py>(slf: &Bound<'py, Self>, at: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        let at = moment_arg(at, "at")?;
        let past = {
            let l = &*slf.get().lock(py)?;
            py.detach(|| l.as_of(at)).py_err()?
        };
        Ledger::make(&slf.get_type(), past)
    }

    /// Every version a key result had (`InvalidArgument` if never in the ledger).
    fn history(&self, py: Python<'_>, key_result: convert::Text) -> PyResult<KeyResultHistory> {
        let l = &*self.lock(py)?;
        let versions = l.history(&*key_result).py_err()?.to_vec();
        Ok(KeyResultHistory::new(key_result.0, versions))
    }

    /// Lints the current document and the ledger's flow: key results
    /// renegotiated more than `max_renegotiations_per_cycle` times (R4),
    /// dependencies waiting more than `dependency_answer_days` (R7), keys an
    /// admin replaced in a signed ledger (R4). Options
    /// as `okrkit.lint` (the core's `LintOptions`).
    #[pyo3(signature = (*, as_of: "_DateLike | None" = None, vocabulary: "_Vocabulary" = None, **options: "Any"))]
    fn lint(
        &self,
        py: Python<'_>,
        as_of: Option<&Bound<'_, PyAny>>,
        vocabulary: Option<&Bound<'_, PyAny>>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<LintReport> {
        let config = crate::org::lint_config(as_of, vocabulary, options)?;
        let l = &*self.lock(py)?;
        let (report, doc) = py.detach(|| (l.lint(&config), l.document().clone()));
        Ok(LintReport::new(
            report,
            Some(HeldDocument::Document(Arc::new(doc))),
        ))
    }

    /// Program health of a cycle from the ledger: the document as it stands
    /// plus renegotiation and dependency flow (R4, R7, R10). Options as
    /// `Org.health` (the core's `HealthOptions`).
    #[pyo3(signature = (cycle, as_of: "_DateLike | None" = None, **options: "Any"))]
    fn health(
        &self,
        py: Python<'_>,
        cycle: convert::Text,
        as_of: Option<&Bound<'_, PyAny>>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<HealthReport> {
        let opts: okrkit::health::HealthOptions = convert::options_as_of(options, as_of)?;
        let l = &*self.lock(py)?;
        let (report, org) = py.detach(|| l.health_and_org(&cycle, &opts)).py_err()?;
        Ok(HealthReport::new(report, Arc::new(org)))
    }

    /// The entries as the core's `ledger.entries` table (fixed, typed
    /// columns: seq, id, at, actor_person, actor_team, action, prev_hash, hash).
    fn table(&self, py: Python<'_>) -> PyResult<tables::Table> {
        // One lock for the title and the rows (the lock is not reentrant).
        let l = &*self.lock(py)?;
        let rows = okrkit::table::ledger::entries(l.entries());
        Ok(tables::Table::new(view::ledger_title(l), rows))
    }

    /// The entries as a list of dicts (the `ledger.entries` table's rows).
    #[pyo3(signature = () -> "list[dict[str, Any]]")]
    fn rows<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        tables::table_rows(py, &self.entries_table(py)?)
    }

    /// The entries as a pandas DataFrame with the `ledger.entries` dtypes
    /// (pandas and pyarrow imported only now).
    fn to_pandas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let large = tables::pandas_takes_large_strings(py)?;
        tables::table_to_pandas(py, self.entries_table(py)?, large, None)
    }

    /// The entries as a polars DataFrame with the `ledger.entries` dtypes
    /// (polars imported only now).
    fn to_polars<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        tables::table_to_polars(py, self.entries_table(py)?)
    }

    fn _repr_html_(&self, py: Python<'_>) -> PyResult<String> {
        Ok(view::ledger_html(&*self.lock(py)?))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(view::ledger_title(&*self.lock(py)?))
    }
}

/// The Ed25519 public key (64 hex digits) of a 32-byte secret key, to enrol
/// with an `enroll_key` action or in the import's `roles["keys"]`.
#[okrkit_python_guard::guarded]
#[pyfunction]
#[pyo3(signature = (secret_key: "bytes"))]
pub fn public_key_hex(mut secret_key: convert::Bytes) -> PyResult<String> {
    Ok(okrkit::ledger::public_key_hex(&*secret(&mut secret_key.0)?))
}

/// A 32-byte Ed25519 secret key (`InvalidArgument`, a `ValueError`, with
/// code `invalid_value` at `secret_key` for any other length); the copy
/// pyo3 made of the caller's bytes is wiped.
fn secret(bytes: &mut [u8]) -> PyResult<SecretKey> {
    SecretKey::take(bytes, "secret_key").py_err()
}
