//! Offset and cursor paging (OpenAPI `PagingObject`, `CursorPagingObject`).

use serde::{Deserialize, Serialize};

use super::serde_util::null_as_default;

/// Offset paging: top items, playlists, playlist items, search results.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(bound(deserialize = "T: Deserialize<'de>"))]
pub struct Paging<T> {
    #[serde(default)]
    pub href: String,
    #[serde(default = "Vec::new", deserialize_with = "null_as_default")]
    pub items: Vec<T>,
    #[serde(default)]
    pub limit: u32,
    #[serde(default)]
    pub next: Option<String>,
    #[serde(default)]
    pub offset: u32,
    #[serde(default)]
    pub previous: Option<String>,
    #[serde(default)]
    pub total: u32,
}

impl<T> Paging<T> {
    /// The offset of the next page, when there is one.
    pub fn next_offset(&self) -> Option<u32> {
        self.next.as_ref()?;
        Some(
            self.offset
                .saturating_add(u32::try_from(self.items.len()).unwrap_or(u32::MAX)),
        )
    }
}

/// The cursors of a cursor page (exclusive bounds, contract §2 recently played).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Cursors {
    #[serde(default)]
    pub after: Option<String>,
    #[serde(default)]
    pub before: Option<String>,
}

/// Cursor paging: `GET /me/player/recently-played`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(bound(deserialize = "T: Deserialize<'de>"))]
pub struct CursorPaging<T> {
    #[serde(default)]
    pub href: String,
    #[serde(default = "Vec::new", deserialize_with = "null_as_default")]
    pub items: Vec<T>,
    #[serde(default)]
    pub limit: u32,
    #[serde(default)]
    pub next: Option<String>,
    #[serde(default)]
    pub cursors: Option<Cursors>,
    #[serde(default)]
    pub total: Option<u32>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_offset_follows_the_items_of_this_page() {
        let page: Paging<u32> = serde_json::from_str(
            r#"{"href":"h","items":[1,2,3],"limit":3,"next":"n","offset":6,"previous":"p","total":20}"#,
        )
        .expect("page parses");
        assert_eq!(page.next_offset(), Some(9));
        let last: Paging<u32> = serde_json::from_str(
            r#"{"href":"h","items":[1],"limit":3,"next":null,"offset":9,"previous":"p","total":10}"#,
        )
        .expect("last page parses");
        assert_eq!(last.next_offset(), None);
    }

    #[test]
    fn cursor_page_without_cursors_parses() {
        let page: CursorPaging<u32> = serde_json::from_str(
            r#"{"href":"h","items":[],"limit":20,"next":null,"cursors":null}"#,
        )
        .expect("parses");
        assert!(page.items.is_empty());
        assert_eq!(page.cursors, None);
    }
}
