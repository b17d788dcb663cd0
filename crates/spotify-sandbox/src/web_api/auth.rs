//! Who is calling the Web API: Bearer token → user, with the contract's exact 400/401/403 bodies.

use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;

use crate::catalogue::library::Product;
use crate::errors::ApiError;
use crate::images::ImageOrigins;
use crate::state::Sandbox;

/// An authenticated, allowlisted caller.
#[derive(Debug, Clone)]
pub struct Caller {
    pub user_id: String,
    pub scopes: Vec<String>,
    pub product: Product,
}

impl Caller {
    /// 403 unless the token was granted one of `scopes`.
    pub fn require_any_scope(&self, scopes: &[&str]) -> Result<(), ApiError> {
        if scopes
            .iter()
            .any(|wanted| self.scopes.iter().any(|granted| granted == wanted))
        {
            Ok(())
        } else {
            Err(ApiError::forbidden("Insufficient client scope"))
        }
    }

    /// Every player command of a free account fails with `PREMIUM_REQUIRED`.
    pub fn require_premium(&self) -> Result<(), ApiError> {
        match self.product {
            Product::Premium => Ok(()),
            Product::Free => Err(ApiError::premium_required()),
        }
    }

    /// A player command: Premium and `user-modify-playback-state`.
    pub fn require_player_control(&self) -> Result<(), ApiError> {
        self.require_premium()?;
        self.require_any_scope(&["user-modify-playback-state"])
    }
}

/// Resolves a Bearer token against the token store; the checks run in the order Spotify's do.
pub fn resolve(sandbox: &Sandbox, authorization: Option<&str>) -> Result<Caller, ApiError> {
    let Some(value) = authorization else {
        return Err(ApiError::unauthorized("No token provided"));
    };
    let token = value
        .strip_prefix("Bearer ")
        .map(str::trim)
        .filter(|token| !token.is_empty() && !token.contains(' '))
        .ok_or_else(|| ApiError::bad_request("Only valid bearer authentication supported"))?;
    sandbox.read(|world| {
        let grant = world
            .tokens
            .access
            .get(token)
            .ok_or_else(|| ApiError::unauthorized("Invalid access token"))?;
        if grant.expires_at_ms <= world.now_ms() {
            return Err(ApiError::unauthorized("The access token expired"));
        }
        if !world.allowlist.contains(&grant.user_id) {
            return Err(ApiError::forbidden(
                "User not registered in the Developer Dashboard",
            ));
        }
        let user = world
            .library
            .user(&grant.user_id)
            .ok_or_else(|| ApiError::unauthorized("Invalid access token"))?;
        Ok(Caller {
            user_id: user.id.clone(),
            scopes: grant.scopes.clone(),
            product: user.product,
        })
    })
}

impl FromRequestParts<Sandbox> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        sandbox: &Sandbox,
    ) -> Result<Self, Self::Rejection> {
        let authorization = parts
            .headers
            .get(header::AUTHORIZATION)
            .map(|v| v.to_str().unwrap_or(""));
        resolve(sandbox, authorization)
    }
}

/// The origin the caller used to reach the sandbox (`http://HOST`), for absolute `href`s that
/// work whatever port the sandbox was bound to.
#[derive(Debug, Clone)]
pub struct BaseUrl(pub String);

impl<S: Send + Sync> FromRequestParts<S> for BaseUrl {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let host = parts
            .headers
            .get(header::HOST)
            .and_then(|v| v.to_str().ok())
            .or_else(|| parts.uri.authority().map(|a| a.as_str()))
            .unwrap_or("127.0.0.1");
        Ok(Self(format!("http://{host}")))
    }
}

/// Where a response's URLs point: the API origin the caller reached (`href`, `next`, …) and
/// the image origins (covers, mosaics, avatars).
#[derive(Debug, Clone)]
pub struct Origins {
    pub api: String,
    pub images: ImageOrigins,
}

impl FromRequestParts<Sandbox> for Origins {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        sandbox: &Sandbox,
    ) -> Result<Self, Self::Rejection> {
        let BaseUrl(api) = BaseUrl::from_request_parts(parts, sandbox).await?;
        Ok(Self {
            images: sandbox.image_origins(&api),
            api,
        })
    }
}
