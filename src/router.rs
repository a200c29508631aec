//! The HTTP router: probes, Leptos pages and server functions, static files, and the
//! middleware stack around them.
use crate::{authn, config::Config, csrf, health, middleware};
use app::{
    app::{shell, App},
    server::{
        db::Db,
        state::{AppState, Settings},
    },
};
use axum::{routing::get, Router};
use http::{header, HeaderValue, Request};
use leptos::prelude::{provide_context, LeptosOptions};
use leptos_axum::{
    file_and_error_handler_with_context, generate_route_list, AxumRouteListing, LeptosRoutes,
};
use std::{
    path::Path,
    sync::{Arc, OnceLock},
    time::Duration,
};
use tower::ServiceBuilder;
use tower_http::{
    compression::CompressionLayer,
    limit::RequestBodyLimitLayer,
    request_id::{MakeRequestUuid, PropagateRequestIdLayer, RequestId, SetRequestIdLayer},
    services::ServeDir,
    set_header::SetResponseHeaderLayer,
    timeout::TimeoutLayer,
    trace::{DefaultOnResponse, TraceLayer},
};

/// Leptos options from our config. Asset file names carry content hashes when cargo-leptos
/// left its `hash.txt` beside the binary (release builds).
pub fn leptos_options(config: &Config) -> LeptosOptions {
    let hash_files = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join("hash.txt")))
        .is_some_and(|path| path.exists());
    LeptosOptions::builder()
        .output_name("steward")
        .site_root(config.site_root.to_string_lossy().into_owned())
        .site_pkg_dir("pkg")
        .site_addr(config.bind_address)
        .hash_files(hash_files)
        .build()
}

pub fn app_state(db: Db, config: &Config) -> AppState {
    AppState {
        db,
        leptos_options: leptos_options(config),
        settings: Arc::new(Settings {
            secure_cookies: config.is_https(),
            trust_forwarded_for: config.trust_forwarded_for,
            session_idle: config.session.idle_timeout,
            session_max: config.session.absolute_timeout,
            public_base_url: config.base_url(),
        }),
    }
}

/// The app's routes, generated once per process. Generating them suppresses resource loading
/// process-wide while it runs (leptos_server's `SuppressResourceLoad`, leptos issue #4773), so a
/// page rendering meanwhile on another thread would wait for its data forever: the test suite,
/// which builds a router per test, saw such pages time out after 30 s.
fn routes() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

pub fn build(state: AppState, config: &Config) -> Router {
    let routes = routes();
    let context = {
        let state = state.clone();
        move || provide_context(state.clone())
    };
    let page_shell = {
        let options = state.leptos_options.clone();
        move || shell(options.clone())
    };
    let pkg_dir = Path::new(&*state.leptos_options.site_root).join("pkg");
    // Hashed names change with their content, so browsers may keep them for a year.
    let pkg_cache = if state.leptos_options.hash_files {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    let pkg = ServiceBuilder::new()
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static(pkg_cache),
        ))
        .service(
            ServeDir::new(pkg_dir)
                .precompressed_br()
                .precompressed_gzip(),
        );

    let mut router = Router::new()
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .leptos_routes_with_context(&state, routes, context.clone(), page_shell)
        .nest_service("/pkg", pkg)
        .fallback(file_and_error_handler_with_context::<AppState, _>(
            context, shell,
        ))
        .layer(axum::middleware::from_fn(
            middleware::server_fn_error_status,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            authn::authenticate,
        ))
        .layer(authn::session_layer(&state, config))
        .layer(axum::middleware::from_fn_with_state(
            Arc::new(csrf::AllowedOrigins::for_base_url(&config.public_base_url)),
            csrf::refuse_cross_site,
        ));
    for layer in middleware::security_headers(config.is_https()) {
        router = router.layer(layer);
    }
    router
        .layer(CompressionLayer::new())
        .layer(axum::middleware::from_fn(middleware::head_as_get))
        .layer(RequestBodyLimitLayer::new(config.max_body_bytes))
        // A request still running after 30 s is cut off with 503 (not 408, which browsers retry).
        .layer(TimeoutLayer::with_status_code(http::StatusCode::SERVICE_UNAVAILABLE, Duration::from_secs(30)))
        .layer(
            TraceLayer::new_for_http().make_span_with(|request: &Request<_>| {
                let request_id = request
                    .extensions()
                    .get::<RequestId>()
                    .and_then(|id| id.header_value().to_str().ok())
                    .unwrap_or_default();
                // The path only: query strings may carry form input.
                tracing::info_span!("request", method = %request.method(), path = %request.uri().path(), request_id)
            })
            // One access-log line per response (status and latency) at INFO.
            .on_response(DefaultOnResponse::new().level(tracing::Level::INFO)),
        )
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        .with_state(state)
}
