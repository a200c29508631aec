//! The Content-Security-Policy of HTML pages: scripts only from our origin or carrying this
//! response's nonce (Leptos' hydration script gets it through `use_nonce`), no inline styles,
//! no framing. The other security headers are set for every response by the router.
use http::header::CONTENT_SECURITY_POLICY;
use leptos::nonce::{provide_nonce, use_nonce};

pub fn page_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// Creates this response's nonce and sends the matching policy header.
pub fn provide_csp_nonce() {
    provide_nonce();
    if let Some(nonce) = use_nonce() {
        super::request::append_header(CONTENT_SECURITY_POLICY, &page_policy(&nonce));
    }
}
