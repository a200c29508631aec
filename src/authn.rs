//! Sessions and authentication for every request: the tower-sessions layer (stored in the
//! database), and a middleware that resolves the session to an actor once and leaves it in the
//! request for pages and server functions. Signed-in surfaces send anonymous visitors to sign in.
use crate::config::Config;
use app::{
    auth::server::store::DbSessionStore,
    server::{
        state::AppState,
        tenancy::{actor, Authentication},
    },
    surfaces::{needs_sign_in, open_while_two_factor_due, TWO_FACTOR_REQUIRED_PATH},
};
use axum::{
    extract::{Request, State},
    middleware::Next,
    response::{IntoResponse, Redirect, Response},
};
use http::{header, HeaderValue, Method, StatusCode};
use std::sync::Arc;
use tower::util::Either;
use tower_sessions::{
    cookie::{time, Key, SameSite},
    service::{PlaintextCookie, SignedCookie},
    Expiry, SessionManagerLayer,
};

pub type SessionLayer = Either<
    SessionManagerLayer<DbSessionStore, SignedCookie>,
    SessionManagerLayer<DbSessionStore, PlaintextCookie>,
>;

/// Cookie: HttpOnly, SameSite=Lax, Secure on https, signed when `SESSION_SECRET` is set, and
/// expiring after the idle timeout (each active minute moves it forward).
pub fn session_layer(state: &AppState, config: &Config) -> SessionLayer {
    let idle =
        time::Duration::try_from(config.session.idle_timeout).unwrap_or(time::Duration::hours(2));
    let layer = SessionManagerLayer::new(DbSessionStore::new(&state.db))
        .with_name(config.session.cookie_name.clone())
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(config.is_https())
        .with_path("/")
        .with_expiry(Expiry::OnInactivity(idle));
    // The configuration guarantees at least 64 bytes, which `Key` needs.
    match config
        .session
        .secret
        .as_ref()
        .and_then(|secret| Key::try_from(secret.expose().as_bytes()).ok())
    {
        Some(key) => Either::Left(layer.with_signed(key)),
        None => Either::Right(layer),
    }
}

/// Static files and probes need no identity, so they skip the session lookup.
fn is_plumbing(path: &str) -> bool {
    path.starts_with("/pkg/") || path == "/healthz" || path == "/readyz"
}

pub async fn authenticate(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path().to_owned();
    if is_plumbing(&path) {
        return next.run(request).await;
    }
    let session = request
        .extensions()
        .get::<tower_sessions::Session>()
        .cloned();
    let authentication = match session {
        None => Authentication::Anonymous,
        Some(session) => match actor::resolve(&state, &session).await {
            Ok(Some(actor)) => Authentication::SignedIn(Arc::new(actor)),
            Ok(None) => Authentication::Anonymous,
            Err(error) => {
                tracing::warn!(%error, "could not resolve the session");
                Authentication::Unavailable
            }
        },
    };
    if matches!(authentication, Authentication::Anonymous)
        && request.method() == Method::GET
        && needs_sign_in(&path)
    {
        let wanted = request
            .uri()
            .path_and_query()
            .map_or(path.clone(), |pq| pq.as_str().to_owned());
        let next: String = url::form_urlencoded::byte_serialize(wanted.as_bytes()).collect();
        return Redirect::to(&format!("/sign-in?next={next}")).into_response();
    }
    if let Authentication::SignedIn(actor) = &authentication {
        if actor.two_factor_due && !open_while_two_factor_due(&path) {
            return if path.starts_with("/api/") {
                let message = "Turn on two-factor sign-in in your account settings first.";
                (StatusCode::FORBIDDEN, message).into_response()
            } else {
                Redirect::to(TWO_FACTOR_REQUIRED_PATH).into_response()
            };
        }
    }
    let signed_in = matches!(authentication, Authentication::SignedIn(_));
    request.extensions_mut().insert(authentication);
    let mut response = next.run(request).await;
    // What a signed-in person sees is theirs (recovery codes, two-factor keys, tenant data):
    // no cache keeps it.
    if signed_in {
        response
            .headers_mut()
            .entry(header::CACHE_CONTROL)
            .or_insert(HeaderValue::from_static("no-store"));
    }
    response
}
