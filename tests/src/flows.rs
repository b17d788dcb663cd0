//! Steps a person takes, shared by the browser tests.
//!
//! Signing in goes through the sandbox's accounts service as through Spotify's (contract §1, "One
//! Spotify login per browser"): the first sign-in of a browser meets the login form; later ones
//! meet "Logged in as NAME · Not you?" and choose "Not you?" when NAME is someone else. Back in
//! the app, an account that already listens in another tab is asked "Are you NAME?"; the person
//! who meant that account answers "Yes, use this tab too". Plain WebDriver only (clicks and
//! typing), so every browser engine runs it.

use fantoccini::Locator;

use crate::{Browser, HarnessError, Result};

/// The page of the sandbox's accounts service the tab shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SpotifyPage {
    /// The login form (email or username, password).
    Login,
    /// The consent screen for the account logged in in this browser (its user id).
    Consent { logged_in_as: String },
}

/// Reads which accounts page is shown; `null` while none is (or the page being left is).
const WHICH_PAGE: &str = "if (window.__chorusLeaving) { return null; }
const who = document.querySelector('#logged-in-as');
if (who && document.querySelector('form[action=\"/authorize/decision\"]')) { return 'consent:' + who.dataset.user; }
if (document.querySelector('form[action=\"/login\"]')) { return 'login'; }
return null;";

/// Marks the current document as being left, so the next page is not mistaken for it.
const LEAVING: &str = "window.__chorusLeaving = true; return true;";

/// Signs the current tab in as sandbox user `user_id` (e.g. `alice`) through the real flow:
/// the app's Connect button, the sandbox's login form or "Not you?" as the page asks, Agree, the
/// redirect back to `/callback`, and "Yes, use this tab too" when the account already listens
/// in another tab. Returns the name the app shows in its header.
pub async fn sign_in_as(browser: &Browser, user_id: &str) -> Result<String> {
    choose_on_consent_page(browser, user_id, "approve").await?;
    if back_in_the_app(browser).await? == BackInTheApp::AskedAreYou {
        browser.click("#same-person").await?;
    }
    browser.wait_for_text("#listener-name").await
}

/// Where the app stands once back from Spotify with a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BackInTheApp {
    SignedIn,
    /// "Signed in as NAME, who is listening in another tab. Are you NAME?"
    AskedAreYou,
}

/// Waits until the app shows the signed-in header or the "Are you NAME?" question.
pub async fn back_in_the_app(browser: &Browser) -> Result<BackInTheApp> {
    let shown = browser
        .wait_for(
            "the signed-in header or the question \"Are you NAME?\"",
            "return document.querySelector('#listener-name') ? 'in' : (document.querySelector('#confirm-account') ? 'ask' : null);",
        )
        .await?;
    Ok(if shown == "ask" {
        BackInTheApp::AskedAreYou
    } else {
        BackInTheApp::SignedIn
    })
}

/// The second person's mistake: Connect, then Agree on Spotify's page for whichever account is
/// logged in in this browser (not their own). Returns that account's user id and the question
/// the app then asks (the text of `#confirm-account h2`).
pub async fn agree_by_mistake(browser: &Browser) -> Result<(String, String)> {
    let SpotifyPage::Consent { logged_in_as } = open_spotify(browser).await? else {
        return Err(HarnessError::Assertion(
            "no account is logged in in this browser: there is nothing to agree to by mistake"
                .to_owned(),
        ));
    };
    answer_consent(browser, "approve").await?;
    if back_in_the_app(browser).await? != BackInTheApp::AskedAreYou {
        return Err(HarnessError::Assertion(format!(
            "agreeing as {logged_in_as}, who listens in another tab, signed in without asking"
        )));
    }
    let question = browser.wait_for_text("#confirm-account h2").await?;
    Ok((logged_in_as, question))
}

/// On the login form: `user_id` with a wrong password. Returns the error the page shows.
pub async fn log_in_with_wrong_password(browser: &Browser, user_id: &str) -> Result<String> {
    if wait_for_spotify_page(browser).await? != SpotifyPage::Login {
        return Err(HarnessError::Assertion("not on the login form".to_owned()));
    }
    type_into(browser, "#login-username", user_id).await?;
    type_into(browser, "#login-password", "not-the-password").await?;
    browser.eval(LEAVING).await?;
    browser.click("#login-button").await?;
    wait_for_spotify_page(browser).await?;
    browser.wait_for_text("#login-error").await
}

/// Clicks Connect, logs in on the sandbox as `user_id` (as the page asks) and answers the consent
/// screen with `decision` (`approve` or `deny`).
pub async fn choose_on_consent_page(
    browser: &Browser,
    user_id: &str,
    decision: &str,
) -> Result<()> {
    open_spotify(browser).await?;
    log_in_on_spotify(browser, user_id).await?;
    answer_consent(browser, decision).await
}

/// Clicks the app's Connect button and waits for a page of the sandbox's accounts service.
pub async fn open_spotify(browser: &Browser) -> Result<SpotifyPage> {
    browser.click("#connect").await?;
    wait_for_spotify_page(browser).await
}

/// Waits until the tab shows the login form or the consent screen, and says which.
pub async fn wait_for_spotify_page(browser: &Browser) -> Result<SpotifyPage> {
    let shown = browser
        .wait_for("the sandbox's login form or consent screen", WHICH_PAGE)
        .await?;
    match shown.as_str() {
        Some("login") => Ok(SpotifyPage::Login),
        Some(consent) => Ok(SpotifyPage::Consent {
            logged_in_as: consent.trim_start_matches("consent:").to_owned(),
        }),
        None => Err(HarnessError::Assertion(format!(
            "unexpected accounts page: {shown}"
        ))),
    }
}

/// From a page of the accounts service, reaches the consent screen for `user_id`: logs in on
/// the login form, or chooses "Not you?" first when another account is logged in.
pub async fn log_in_on_spotify(browser: &Browser, user_id: &str) -> Result<()> {
    // Login form → consent, or consent (someone else) → Not you? → login form → consent.
    for _ in 0..3 {
        match wait_for_spotify_page(browser).await? {
            SpotifyPage::Consent { logged_in_as } if logged_in_as == user_id => return Ok(()),
            SpotifyPage::Consent { .. } => {
                browser.eval(LEAVING).await?;
                browser.click("#not-you").await?;
            }
            SpotifyPage::Login => {
                let password = spotify_sandbox::catalogue::library::seeded_password(user_id);
                type_into(browser, "#login-username", user_id).await?;
                type_into(browser, "#login-password", &password).await?;
                browser.eval(LEAVING).await?;
                browser.click("#login-button").await?;
            }
        }
    }
    Err(HarnessError::Assertion(format!(
        "the sandbox never showed the consent screen for {user_id:?}"
    )))
}

/// Answers the consent screen: `approve` (Agree) or `deny` (Cancel).
pub async fn answer_consent(browser: &Browser, decision: &str) -> Result<()> {
    browser.eval(LEAVING).await?;
    browser.click(&format!("button[value={decision}]")).await
}

/// From the login form, signs up as a new listener `display_name` with `password` and waits for
/// the consent screen (for the new account).
pub async fn sign_up_on_spotify(
    browser: &Browser,
    display_name: &str,
    password: &str,
) -> Result<()> {
    if wait_for_spotify_page(browser).await? != SpotifyPage::Login {
        browser.eval(LEAVING).await?;
        browser.click("#not-you").await?;
        wait_for_spotify_page(browser).await?;
    }
    browser.click("#sign-up").await?;
    browser
        .wait_for(
            "the sandbox's sign-up form",
            "return !!document.querySelector('form[action=\"/signup\"]');",
        )
        .await?;
    type_into(browser, "#new_name", display_name).await?;
    type_into(browser, "#new_password", password).await?;
    browser.eval(LEAVING).await?;
    browser.click("#signup-button").await?;
    match wait_for_spotify_page(browser).await? {
        SpotifyPage::Consent { .. } => Ok(()),
        SpotifyPage::Login => Err(HarnessError::Assertion(
            "signing up led back to the login form".to_owned(),
        )),
    }
}

/// On the Player page of a signed-in tab: waits for its device, clicks "Start playing here" and
/// waits until the Player shows a track playing.
pub async fn start_playing_here(browser: &Browser) -> Result<()> {
    browser
        .wait_for(
            "the Start playing here button to be enabled",
            "const b = document.querySelector('#start-here'); return !!b && !b.disabled;",
        )
        .await?;
    browser.click("#start-here").await?;
    browser
        .wait_for(
            "the tab to show a playing track",
            "const b = document.querySelector('#play-pause'); return !!b && b.getAttribute('aria-label') === 'Pause' && !!document.querySelector('#track-title');",
        )
        .await?;
    Ok(())
}

/// Presses `key` on the page (nothing focused), as a person at the keyboard would, and says
/// whether the page took it (`preventDefault`).
pub async fn press_key(browser: &Browser, key: &str) -> Result<bool> {
    let script = format!(
        "document.activeElement && document.activeElement.blur(); const e = new KeyboardEvent('keydown', {{key: {}, bubbles: true, cancelable: true}}); document.body.dispatchEvent(e); return e.defaultPrevented;",
        serde_json::Value::String(key.to_owned())
    );
    Ok(browser.eval(&script).await? == serde_json::Value::Bool(true))
}

/// Signs the current tab out through the header's account menu (open it, "Sign out") and waits
/// for the welcome screen.
pub async fn sign_out(browser: &Browser) -> Result<()> {
    browser.click("#account-menu-button").await?;
    browser.click("#sign-out").await?;
    browser.wait_for_text("#connect").await?;
    Ok(())
}

/// Makes the window's viewport `width` × `height` CSS pixels (a phone is 360 × 740), whatever
/// the browser adds around it, and waits until the page sees that width.
/// Why a phone-width test is skipped on Firefox and WebKit: through geckodriver a
/// set-window-rect of 360 × 740 answers 500 × 740 (Firefox keeps its window at least 500 px
/// wide, headless too), and MiniBrowser's window stays about 447 px wide (its failure screenshot),
/// so no WebDriver command makes a 360 px viewport there.
pub const NO_PHONE_WIDTH: &str =
    "the window cannot be narrower than about 450 px here, so WebDriver cannot make a 360 px viewport";

pub async fn set_viewport(browser: &Browser, width: u32, height: u32) -> Result<()> {
    browser.client().set_window_size(width, height).await?;
    let inner = browser
        .eval("return [window.innerWidth, window.innerHeight];")
        .await?;
    let (w, h) = (
        inner[0].as_u64().unwrap_or(u64::from(width)),
        inner[1].as_u64().unwrap_or(u64::from(height)),
    );
    let grow = |want: u32, got: u64| {
        want.saturating_add(u32::try_from(u64::from(want).saturating_sub(got)).unwrap_or(0))
    };
    if w != u64::from(width) || h != u64::from(height) {
        browser
            .client()
            .set_window_size(grow(width, w), grow(height, h))
            .await?;
    }
    browser
        .wait_for(
            &format!("a viewport {width} px wide"),
            &format!("return window.innerWidth === {width};"),
        )
        .await?;
    Ok(())
}

/// Clears the field matching `css` and types `text` into it, key by key.
async fn type_into(browser: &Browser, css: &str, text: &str) -> Result<()> {
    let field = browser.client().find(Locator::Css(css)).await?;
    field.clear().await?;
    field.send_keys(text).await?;
    Ok(())
}

/// Every value in this tab's localStorage, joined (tests assert no token is in it).
pub async fn local_storage_dump(browser: &Browser) -> Result<String> {
    let value = browser
        .eval("let s = ''; for (let i = 0; i < localStorage.length; i++) { const k = localStorage.key(i); s += k + '=' + localStorage.getItem(k) + '\\n'; } return s;")
        .await?;
    Ok(value.as_str().unwrap_or_default().to_owned())
}
