//! `AppState`: what every handler and server function can reach.
use super::db::Db;
use crate::error::AppError;
use axum::extract::FromRef;
use leptos::prelude::{use_context, LeptosOptions};
use std::{sync::Arc, time::Duration};

/// Settings the app itself needs at request time (the binary's `Config` builds this).
#[derive(Debug, Clone)]
pub struct Settings {
    /// Cookies get `Secure` when the public base URL is https.
    pub secure_cookies: bool,
    /// Take the client address from `X-Forwarded-For` (only behind a trusted proxy).
    pub trust_forwarded_for: bool,
    /// A signed-in browser left alone this long is signed out.
    pub session_idle: Duration,
    /// Every sign-in ends after this long, active or not.
    pub session_max: Duration,
    /// The site's public address, for links in e-mail (no trailing slash).
    pub public_base_url: String,
}

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub leptos_options: LeptosOptions,
    pub settings: Arc<Settings>,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// The state inside a server function or page render.
pub fn app_state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from the Leptos context");
        AppError::Internal
    })
}
