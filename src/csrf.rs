//! Cross-site request forgery: a state-changing request (anything but GET, HEAD, OPTIONS) is
//! refused unless the browser says it comes from one of our own pages. Browsers send `Origin`
//! on every cross-origin POST and cannot be made to forge it; `Referer` stands in when an old
//! client sends no `Origin`. A request with neither is refused too.
use axum::{
    extract::{Request, State},
    middleware::Next,
    response::{IntoResponse, Response},
};
use http::{header, Method, StatusCode};
use std::sync::Arc;
use url::Url;

/// The origins (`scheme://host[:port]`) our pages are served from.
#[derive(Debug, Clone)]
pub struct AllowedOrigins(Vec<String>);

impl AllowedOrigins {
    /// The public base URL's origin; on a loopback address also its other loopback spellings,
    /// since a developer may open `localhost` or `127.0.0.1` alike.
    pub fn for_base_url(base: &Url) -> Self {
        let mut origins = vec![base.origin().ascii_serialization()];
        let loopback = ["127.0.0.1", "localhost", "[::1]"];
        if let Some(host) = base.host_str().filter(|h| loopback.contains(h)) {
            let port = base.port().map(|p| format!(":{p}")).unwrap_or_default();
            origins.extend(
                loopback
                    .iter()
                    .filter(|h| **h != host)
                    .map(|h| format!("{}://{h}{port}", base.scheme())),
            );
        }
        Self(origins)
    }

    fn allows(&self, origin: &str) -> bool {
        self.0.iter().any(|o| o == origin)
    }
}

fn request_origin(request: &Request) -> Option<String> {
    let headers = request.headers();
    if let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        if origin != "null" {
            return Some(origin.to_owned());
        }
    }
    let referer = headers.get(header::REFERER)?.to_str().ok()?;
    Some(Url::parse(referer).ok()?.origin().ascii_serialization())
}

pub async fn refuse_cross_site(
    State(allowed): State<Arc<AllowedOrigins>>,
    request: Request,
    next: Next,
) -> Response {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if safe || request_origin(&request).is_some_and(|o| allowed.allows(&o)) {
        return next.run(request).await;
    }
    tracing::warn!(origin = ?request_origin(&request), path = %request.uri().path(), "cross-site request refused");
    (
        StatusCode::FORBIDDEN,
        "This request was refused because it did not come from a Steward page. Reload the page and try again.",
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_base_urls_allow_every_loopback_spelling() {
        let allowed = AllowedOrigins::for_base_url(&Url::parse("http://127.0.0.1:3000").unwrap());
        assert!(allowed.allows("http://127.0.0.1:3000"));
        assert!(allowed.allows("http://localhost:3000"));
        assert!(!allowed.allows("http://localhost:3001"));
        assert!(!allowed.allows("https://127.0.0.1:3000"));
        assert!(!allowed.allows("http://evil.example"));
    }

    #[test]
    fn public_base_urls_allow_only_themselves() {
        let allowed =
            AllowedOrigins::for_base_url(&Url::parse("https://steward.example.com/").unwrap());
        assert!(allowed.allows("https://steward.example.com"));
        assert!(!allowed.allows("http://steward.example.com"));
        assert!(!allowed.allows("http://localhost"));
    }
}
