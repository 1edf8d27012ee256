//! The org's cached text columns for report tables (feature `arrow`,
//! issue 18): a field of [`Org`] and its accessor only; what the columns
//! hold and how tables use them is `table::shared_text`.

use super::Org;
use crate::table::SharedText;
use std::sync::OnceLock;

/// The cache: empty until the first table in the views layout asks for it,
/// then built once (`OnceLock`: one thread builds, every other waits and
/// reads the same columns; an `Org` stays `Send + Sync`).
pub(super) type TextColumns = OnceLock<SharedText>;

impl Org {
    /// The org's text columns in Arrow's `Utf8View` layout, built on the
    /// first call and shared by every later one.
    pub(crate) fn text_columns(&self) -> &SharedText {
        self.text_columns.get_or_init(|| SharedText::build(self))
    }

    /// Bytes the cached text columns hold: 0 until a table asked for them.
    pub fn text_columns_memory(&self) -> usize {
        self.text_columns.get().map_or(0, SharedText::memory_size)
    }
}
