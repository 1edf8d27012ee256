//! The org's cached text columns for report tables (feature `arrow`,
//! issue 18): a field of [`Org`] and its accessor only; what the columns
//! hold and how tables use them is `table::shared_text`.

use super::Org;
use crate::table::SharedText;
use std::sync::OnceLock;

/// The cache: empty until the first table in the views layout asks for it,
/// then each of its parts built once, by the first table that reads it
/// (`OnceLock`s: one thread builds, every other waits and reads the same
/// columns; an `Org` stays `Send + Sync`).
pub(super) type TextColumns = OnceLock<SharedText>;

impl Org {
    /// The org's text columns in Arrow's `Utf8View` layout, shared by
    /// every call: each part is built by the first call that reads one of
    /// its columns ([`SharedText::column`]).
    pub(crate) fn text_columns(&self) -> &SharedText {
        self.text_columns.get_or_init(|| SharedText::new(self))
    }

    /// The cached text columns, if a table in the views layout built them.
    #[cfg(feature = "pandas")]
    pub(crate) fn built_text_columns(&self) -> Option<&SharedText> {
        self.text_columns.get()
    }

    /// Bytes the cached text columns (and the key results' measure
    /// numbers cached with them, the columns whole-org tables gathered from
    /// them once — cycle and team per objective, objective fields per key
    /// result — and the `LargeUtf8` copies of whole columns that pandas
    /// frames took: `table::pandas::pandas_batch_of`) hold: 0
    /// until a table in the views layout asked for them (feature `arrow`).
    ///
    /// ```
    /// use okrkit::table::{TextLayout, from_columns};
    ///
    /// let org = okrkit::Org::from_json(r#"{
    ///   "cycles": [{"id": "q1", "name": "Q1", "start": "2026-01-01", "end": "2026-03-31"}],
    ///   "teams": [{"id": "web", "name": "Web"}],
    ///   "objectives": [{"id": "o1", "title": "A world-class checkout", "team": "web",
    ///     "cycle": "q1", "key_results": [{"id": "kr1", "title": "Conversion from 50% to 65%",
    ///       "measure": {"type": "metric", "baseline": 50, "target": 65, "current": 56}}]}]
    /// }"#)?;
    /// let columns = org.progress_columns(&Default::default())?;
    /// assert_eq!(org.text_columns_memory(), 0);
    /// let t = from_columns::key_results(&columns, TextLayout::Views);
    /// assert_eq!(t.column("title").and_then(|c| c.str(0)), Some("Conversion from 50% to 65%"));
    /// assert!(org.text_columns_memory() > 0, "built by the first views table, kept");
    /// # Ok::<(), okrkit::Error>(())
    /// ```
    pub fn text_columns_memory(&self) -> usize {
        self.text_columns.get().map_or(0, SharedText::memory_size)
    }
}
