//! One-shot notices after a plain form POST: the server function leaves a code in a short
//! cookie, the next page render shows it and clears the cookie.
use super::{request, state::AppState};
use crate::notice::{Notice, FLASH_COOKIE};
use http::header::SET_COOKIE;
use leptos::prelude::use_context;

fn cookie(value: &str, max_age: u32) -> String {
    let secure = use_context::<AppState>().is_some_and(|s| s.settings.secure_cookies);
    format!(
        "{FLASH_COOKIE}={value}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Lax{}",
        if secure { "; Secure" } else { "" }
    )
}

/// Leaves `notice` for the page the browser is redirected to. Hydrated callers get the result
/// of the server function itself, so nothing is left for them.
pub fn set(notice: Notice) {
    if request::is_plain_form_post() {
        request::append_header(SET_COOKIE, &cookie(notice.code(), 60));
    }
}

/// Leaves `notice` for the next page whoever called: for server functions after which the
/// browser loads a new page (a redirect, or `reload_on_success` in the hydrated app).
pub fn set_for_next_page(notice: Notice) {
    request::append_header(SET_COOKIE, &cookie(notice.code(), 60));
}

/// The notices waiting for this request, clearing them.
pub fn take() -> Vec<Notice> {
    let Some(raw) = request::cookie(FLASH_COOKIE) else {
        return Vec::new();
    };
    request::append_header(SET_COOKIE, &cookie("", 0));
    raw.split('.').filter_map(Notice::from_code).collect()
}
