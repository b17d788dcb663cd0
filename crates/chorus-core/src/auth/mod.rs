//! Sign-in and tokens (contract §1; RFC 6749, RFC 7636), as data and decisions only:
//!
//! - `secret`: redacted, explicit secret newtypes;
//! - `pkce`: verifier from caller randomness, S256 challenge;
//! - `login_attempt`: the pending login kept in sessionStorage;
//! - `authorize`: the `/authorize` URL and the scope list;
//! - `callback`: checking the redirect back;
//! - `return_path`: the page to land on after it;
//! - `form`: token endpoint bodies;
//! - `token`: token sets, expiry, refresh merging, the cross-tab decision;
//! - `refresh`: single-flight refresh and the 401 retry budget.

pub mod authorize;
pub mod callback;
pub mod endpoint;
pub mod form;
pub mod login_attempt;
pub mod pkce;
pub mod refresh;
pub mod return_path;
pub mod secret;
pub mod token;
