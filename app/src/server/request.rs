//! Facts about the current request, and changes to the response, from inside a server
//! function or a page render.
use super::state::AppState;
use crate::error::AppError;
use axum::extract::ConnectInfo;
use http::{header, request::Parts, HeaderValue, StatusCode};
use leptos::prelude::{use_context, with_context};
use leptos_axum::ResponseOptions;
use std::net::SocketAddr;

/// Reads the request in place: every page render asks, so cloning it would cost.
fn with_parts<T>(read: impl FnOnce(&Parts) -> Option<T>) -> Option<T> {
    with_context::<Parts, _>(read).flatten()
}

/// A plain HTML form submission (no JavaScript): the browser asked for a page back.
pub fn is_plain_form_post() -> bool {
    with_parts(|p| {
        let accept = p.headers.get(header::ACCEPT)?.to_str().ok()?;
        Some(accept.contains("text/html"))
    })
    .unwrap_or(false)
}

/// The client's address: the socket peer, or, when the deployment says a trusted proxy sets
/// it, the last `X-Forwarded-For` entry (the one that proxy appended; earlier entries come from
/// the client and can be forged).
pub async fn client_ip() -> Option<String> {
    let trust_proxy =
        with_context::<AppState, _>(|s| s.settings.trust_forwarded_for).unwrap_or(false);
    if trust_proxy {
        let forwarded = with_parts(|p| {
            // A proxy may add its own header line rather than extend the client's.
            let last = p
                .headers
                .get_all("x-forwarded-for")
                .iter()
                .next_back()?
                .to_str()
                .ok()?
                .rsplit(',')
                .next()?;
            let last = last.trim();
            last.parse::<std::net::IpAddr>()
                .is_ok()
                .then(|| last.to_owned())
        });
        if forwarded.is_some() {
            return forwarded;
        }
    }
    leptos_axum::extract::<ConnectInfo<SocketAddr>>()
        .await
        .ok()
        .map(|ConnectInfo(addr)| addr.ip().to_string())
}

/// Who is asking, as far as the connection tells: the client address and the browser.
#[derive(Debug, Clone, Default)]
pub struct Client {
    pub ip: Option<String>,
    pub user_agent: Option<String>,
}

/// This request's client.
pub async fn client() -> Client {
    Client {
        ip: client_ip().await,
        user_agent: header("user-agent"),
    }
}

/// Cookie header value named `name`, if the request sent one.
pub fn cookie(name: &str) -> Option<String> {
    with_parts(|p| {
        p.headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.to_owned())
    })
}

/// Answers this page render with `error`'s HTTP status. (Server functions' errors get theirs
/// from the router's `server_fn_error_status`, which reads the same `AppError::status`.)
pub fn set_error_status(error: &AppError) {
    if let (Some(response), Ok(status)) = (
        use_context::<ResponseOptions>(),
        StatusCode::from_u16(error.status()),
    ) {
        response.set_status(status);
    }
}

/// The one way to end a server function that sends the browser elsewhere: a plain form post
/// is redirected to `path`; the hydrated app gets `path` back and loads it.
pub fn go_to(path: &str) -> String {
    if is_plain_form_post() {
        leptos_axum::redirect(path);
    }
    path.to_owned()
}

pub fn append_header(name: header::HeaderName, value: &str) {
    if let (Some(response), Ok(value)) = (
        use_context::<ResponseOptions>(),
        HeaderValue::from_str(value),
    ) {
        response.append_header(name, value);
    }
}

/// A request header as text, if present and printable.
pub fn header(name: &str) -> Option<String> {
    with_parts(|p| p.headers.get(name)?.to_str().ok().map(str::to_owned))
}
