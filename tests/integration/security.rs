use crate::{
    on_both_backends,
    support::{Backend, TestApp},
};
use axum::body::Body;
use http::{header, Request, StatusCode};

on_both_backends!(
    pages_carry_a_nonce_based_csp_and_security_headers,
    other_responses_get_a_locked_down_csp,
    oversized_bodies_are_refused_with_413,
    https_deployments_send_hsts,
    pages_are_compressed,
    head_answers_with_the_headers_of_get,
);

async fn pages_carry_a_nonce_based_csp_and_security_headers(backend: Backend) {
    let Some(app) = TestApp::new(backend).await else {
        return;
    };
    let res = app.get("/").await;
    let csp = res.header("content-security-policy").expect("CSP");
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    let nonce = csp
        .split_whitespace()
        .find_map(|token| token.strip_prefix("'nonce-"))
        .and_then(|rest| rest.strip_suffix('\''))
        .expect("script-src has a nonce");
    assert!(nonce.len() >= 16);
    assert!(
        res.body.contains(&format!(r#"nonce="{nonce}""#)),
        "inline scripts carry the header's nonce"
    );
    assert_eq!(res.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(
        res.header("referrer-policy"),
        Some("strict-origin-when-cross-origin")
    );
    assert_eq!(res.header("x-frame-options"), Some("DENY"));
    assert!(res.header("x-request-id").is_some_and(|id| id.len() >= 32));
    assert!(
        res.header("strict-transport-security").is_none(),
        "no HSTS over plain http"
    );
    // A new nonce for every response.
    let again = app.get("/").await;
    assert_ne!(again.header("content-security-policy"), Some(csp));
}

async fn other_responses_get_a_locked_down_csp(backend: Backend) {
    let Some(app) = TestApp::new(backend).await else {
        return;
    };
    let res = app.get("/healthz").await;
    assert_eq!(
        res.header("content-security-policy"),
        Some("default-src 'none'; frame-ancestors 'none'; base-uri 'none'")
    );
    assert_eq!(res.header("x-content-type-options"), Some("nosniff"));
}

async fn oversized_bodies_are_refused_with_413(backend: Backend) {
    let Some(app) = TestApp::with_env(backend, &[("MAX_BODY_BYTES", "1024")]).await else {
        return;
    };
    let message = "x".repeat(4096);
    let res = app
        .call(
            "/api/contact",
            &[
                ("name", "A"),
                ("email", "a@b.co"),
                ("company", "C"),
                ("team_size", "1-10"),
                ("message", &message),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::PAYLOAD_TOO_LARGE);
    let count: i64 = app::on_db!(&app.db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM contact_requests").fetch_one(pool).await.unwrap());
    assert_eq!(count, 0);
}

async fn https_deployments_send_hsts(backend: Backend) {
    let secret = "k".repeat(64);
    let env = [
        ("PUBLIC_BASE_URL", "https://steward.example.com"),
        ("SESSION_SECRET", secret.as_str()),
    ];
    let Some(app) = TestApp::with_env(backend, &env).await else {
        return;
    };
    let res = app.get("/").await;
    assert_eq!(
        res.header("strict-transport-security"),
        Some("max-age=63072000; includeSubDomains")
    );
}

async fn pages_are_compressed(backend: Backend) {
    let Some(app) = TestApp::new(backend).await else {
        return;
    };
    let res = app
        .send(
            Request::get("/")
                .header(header::ACCEPT_ENCODING, "gzip")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.header("content-encoding"), Some("gzip"));
}

/// HEAD carried different headers from GET (no compression, no `vary`).
async fn head_answers_with_the_headers_of_get(backend: Backend) {
    let site = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(site.path().join("pkg")).unwrap();
    std::fs::write(
        site.path().join("pkg/steward.css"),
        "body { color: red; }\n".repeat(200),
    )
    .unwrap();
    let root = site.path().display().to_string();
    let Some(app) = TestApp::with_env(backend, &[("SITE_ROOT", &root)]).await else {
        return;
    };
    for path in [
        "/",
        "/sign-in",
        "/healthz",
        "/no-such-page",
        "/pkg/steward.css",
    ] {
        let ask = |method: &str| {
            Request::builder()
                .method(method)
                .uri(path)
                .header(header::ACCEPT, "text/html")
                .header(header::ACCEPT_ENCODING, "gzip")
                .body(Body::empty())
                .unwrap()
        };
        let (get, head) = (app.send(ask("GET")).await, app.send(ask("HEAD")).await);
        assert_eq!(get.status, head.status, "{path}");
        let names = |res: &crate::support::TestResponse| {
            let mut names: Vec<String> = res
                .headers
                .keys()
                .map(|k| k.as_str().to_owned())
                .filter(|k| k != "content-length")
                .collect();
            names.sort();
            names
        };
        assert_eq!(names(&get), names(&head), "{path}");
        for same in ["content-type", "content-encoding", "vary", "cache-control"] {
            assert_eq!(get.header(same), head.header(same), "{path}: {same}");
        }
    }
}
