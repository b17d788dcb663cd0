//! `GET /me` (OpenAPI `PrivateUserObject`, contract §2 "current-platform facts") and
//! `ImageObject`.

use serde::{Deserialize, Serialize};

use super::serde_util::null_as_default;

/// One image of a user, album, playlist or artist (OpenAPI `ImageObject`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Image {
    pub url: String,
    #[serde(default)]
    pub height: Option<u32>,
    #[serde(default)]
    pub width: Option<u32>,
}

impl Image {
    /// The smallest image at least `min_width` wide, else the widest one; images without a
    /// width count as wide enough (Spotify leaves it null for some user-uploaded images).
    pub fn best_for(images: &[Image], min_width: u32) -> Option<&Image> {
        let wide_enough = images
            .iter()
            .filter(|image| image.width.is_none_or(|width| width >= min_width))
            .min_by_key(|image| image.width.unwrap_or(u32::MAX));
        wide_enough.or_else(|| images.iter().max_by_key(|image| image.width.unwrap_or(0)))
    }
}

/// The signed-in user (OpenAPI `PrivateUserObject`).
///
/// Since 2026 `product`, `email` and `country` are absent for development-mode apps, and
/// `account_id` is the immutable key for per-user data (contract §2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    pub id: String,
    #[serde(default)]
    pub account_id: Option<String>,
    #[serde(default)]
    pub display_name: Option<String>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub images: Vec<Image>,
    #[serde(default)]
    pub product: Option<String>,
    #[serde(default)]
    pub uri: Option<String>,
}

/// What the profile says about Premium; `Unknown` is the normal case on the current platform,
/// where the app learns it from the SDK's `account_error` or a 403 `PREMIUM_REQUIRED`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PremiumStatus {
    Premium,
    NotPremium,
    Unknown,
}

impl User {
    /// The key for per-user data: `account_id` when present (immutable), else `id` (contract §2).
    pub fn storage_key(&self) -> &str {
        match self.account_id.as_deref() {
            Some(account_id) if !account_id.is_empty() => account_id,
            _ => &self.id,
        }
    }

    /// The name to show: the display name, or the user id when Spotify has none.
    pub fn name(&self) -> &str {
        match self.display_name.as_deref() {
            Some(name) if !name.trim().is_empty() => name,
            _ => &self.id,
        }
    }

    /// Premium as far as the (deprecated) `product` field tells; `open` counts as free.
    pub fn premium_status(&self) -> PremiumStatus {
        match self.product.as_deref() {
            Some("premium") => PremiumStatus::Premium,
            Some(_) => PremiumStatus::NotPremium,
            None => PremiumStatus::Unknown,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn current_platform_profile_without_product_parses_and_keys_by_account_id() {
        let body = r#"{
            "display_name": "Alice",
            "external_urls": {"spotify": "https://open.spotify.com/user/alice.k"},
            "href": "https://api.spotify.com/v1/users/alice.k",
            "id": "alice.k",
            "account_id": "aB3dE5fG7h",
            "images": [{"url": "https://i.scdn.co/image/ab67", "height": 300, "width": 300}],
            "type": "user",
            "uri": "spotify:user:alice.k"
        }"#;
        let user: User = serde_json::from_str(body).expect("profile parses");
        assert_eq!(user.storage_key(), "aB3dE5fG7h");
        assert_eq!(user.name(), "Alice");
        assert_eq!(user.premium_status(), PremiumStatus::Unknown);
        assert_eq!(user.images.len(), 1);
    }

    #[test]
    fn legacy_profile_keys_by_id_and_reports_product() {
        let body = r#"{"id":"bob","display_name":null,"images":null,"product":"open",
                       "country":"SE","email":"bob@example.com"}"#;
        let user: User = serde_json::from_str(body).expect("legacy profile parses");
        assert_eq!(user.storage_key(), "bob");
        assert_eq!(user.name(), "bob");
        assert_eq!(user.premium_status(), PremiumStatus::NotPremium);
        assert!(user.images.is_empty());
    }

    #[test]
    fn best_image_is_the_smallest_one_wide_enough() {
        let images: Vec<Image> = serde_json::from_str(
            r#"[{"url":"big","height":640,"width":640},
                {"url":"mid","height":300,"width":300},
                {"url":"small","height":64,"width":64}]"#,
        )
        .expect("images parse");
        assert_eq!(
            Image::best_for(&images, 200).map(|i| i.url.as_str()),
            Some("mid")
        );
        assert_eq!(
            Image::best_for(&images, 1000).map(|i| i.url.as_str()),
            Some("big")
        );
        assert_eq!(Image::best_for(&[], 10), None);
    }
}
