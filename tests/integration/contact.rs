use crate::{
    on_both_backends,
    support::{Backend, TestApp},
};
use http::StatusCode;

on_both_backends!(
    api_stores_a_valid_request,
    api_rejects_bad_fields_with_422_and_writes_nothing,
    api_rejects_malformed_bodies_with_400,
    plain_form_post_redirects_back_with_a_one_shot_notice,
    plain_form_post_with_errors_comes_back_with_messages_and_input,
    each_address_may_send_five_requests_an_hour,
    parallel_requests_cannot_slip_past_the_hourly_limit,
    behind_a_trusted_proxy_the_last_forwarded_address_counts
);

const VALID: [(&str, &str); 5] = [
    ("name", "Ada Lovelace"),
    ("email", "ada@example.com"),
    ("company", "Analytical Engines"),
    ("team_size", "11-50"),
    ("message", "We want a partner portal for 40 resellers."),
];

async fn stored(app: &TestApp) -> Vec<(String, String, String)> {
    app::on_db!(&app.db, pool => sqlx::query_as("SELECT name, email, message FROM contact_requests ORDER BY id")
        .fetch_all(pool)
        .await
        .unwrap())
}

async fn api_stores_a_valid_request(backend: Backend) {
    let Some(app) = TestApp::new(backend).await else {
        return;
    };
    let res = app.call("/api/contact", &VALID).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(res.json()["reference"], "REQ-000001");
    assert!(
        res.header("set-cookie").is_none(),
        "API callers get no flash cookie"
    );
    let rows = stored(&app).await;
    assert_eq!(
        rows,
        vec![(
            "Ada Lovelace".into(),
            "ada@example.com".into(),
            VALID[4].1.into()
        )]
    );
}

async fn api_rejects_bad_fields_with_422_and_writes_nothing(backend: Backend) {
    let Some(app) = TestApp::new(backend).await else {
        return;
    };
    let res = app
        .call(
            "/api/contact",
            &[
                ("name", "  "),
                ("email", "ada@nowhere"),
                ("company", "Engines"),
                ("team_size", "huge"),
                ("message", "hi"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
    let messages = &res.json()["Validation"]["messages"];
    assert_eq!(messages["name"], "Enter your name.");
    assert_eq!(
        messages["email"],
        "Enter a valid e-mail address, like name@example.com."
    );
    assert_eq!(messages["team_size"], "Choose your team size.");
    assert_eq!(
        messages["message"],
        "Use at least 10 characters for a message."
    );
    assert!(messages.get("company").is_none());
    assert!(stored(&app).await.is_empty());
}

async fn api_rejects_malformed_bodies_with_400(backend: Backend) {
    let Some(app) = TestApp::new(backend).await else {
        return;
    };
    let res = app.call("/api/contact", &[("name", "only a name")]).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST, "{}", res.body);
    assert!(res.json().get("BadRequest").is_some(), "{}", res.body);
    assert!(stored(&app).await.is_empty());
}

async fn plain_form_post_redirects_back_with_a_one_shot_notice(backend: Backend) {
    let Some(app) = TestApp::new(backend).await else {
        return;
    };
    let res = app
        .post_form("/api/contact", &VALID, "http://127.0.0.1:3000/")
        .await;
    assert!(res.status.is_redirection(), "{} {}", res.status, res.body);
    let location = res.header("location").unwrap();
    assert!(
        location.starts_with("http://127.0.0.1:3000/") && !location.contains("__err"),
        "{location}"
    );
    let cookie = res.header("set-cookie").expect("flash cookie");
    assert!(
        cookie.starts_with("steward_flash=contact_received;"),
        "{cookie}"
    );
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    assert_eq!(stored(&app).await.len(), 1);

    let page = app
        .send(
            http::Request::get("/")
                .header("cookie", "steward_flash=contact_received")
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await;
    assert!(
        page.body.contains("Your message reached our team"),
        "notice shown once"
    );
    let cleared = page.header("set-cookie").expect("notice cookie cleared");
    assert!(
        cleared.starts_with("steward_flash=;") && cleared.contains("Max-Age=0"),
        "{cleared}"
    );
    let forged = app
        .send(
            http::Request::get("/")
                .header("cookie", "steward_flash=<b>hi</b>")
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await;
    assert!(
        !forged.body.contains("<b>hi</b>"),
        "unknown notice codes show nothing"
    );
}

async fn plain_form_post_with_errors_comes_back_with_messages_and_input(backend: Backend) {
    let Some(app) = TestApp::new(backend).await else {
        return;
    };
    let mut form = VALID;
    form[4] = ("message", "Too short");
    let res = app
        .post_form("/api/contact", &form, "http://127.0.0.1:3000/")
        .await;
    assert!(res.status.is_redirection(), "{}", res.status);
    let location = res.header("location").unwrap();
    assert!(location.contains("__err="), "{location}");
    assert!(stored(&app).await.is_empty());

    let path = location.trim_start_matches("http://127.0.0.1:3000");
    let page = app.get(path).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body
            .contains("Use at least 10 characters for a message."),
        "message at the field"
    );
    assert!(page.body.contains("Too short"), "what was typed is kept");
    assert!(
        page.body.contains(r#"value="Ada Lovelace""#),
        "other fields are kept"
    );
}

async fn each_address_may_send_five_requests_an_hour(backend: Backend) {
    let Some(app) = TestApp::new(backend).await else {
        return;
    };
    for n in 1..=5 {
        let res = app.call("/api/contact", &VALID).await;
        assert_eq!(res.status, StatusCode::OK, "request {n}: {}", res.body);
    }
    let res = app.call("/api/contact", &VALID).await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS, "{}", res.body);
    let retry = res.json()["RateLimited"]["retry_after_secs"]
        .as_u64()
        .unwrap();
    assert!((3500..=3600).contains(&retry), "{retry}");
    assert_eq!(
        stored(&app).await.len(),
        5,
        "the refused request wrote nothing"
    );
}

async fn parallel_requests_cannot_slip_past_the_hourly_limit(backend: Backend) {
    let Some(app) = TestApp::new(backend).await else {
        return;
    };
    let answers =
        futures_util::future::join_all((0..12).map(|_| app.call("/api/contact", &VALID))).await;
    let accepted = answers
        .iter()
        .filter(|r| r.status == StatusCode::OK)
        .count();
    let refused = answers
        .iter()
        .filter(|r| r.status == StatusCode::TOO_MANY_REQUESTS)
        .count();
    // Counted before they run: however they interleave, no more than five get through.
    assert!(accepted <= 5, "{accepted} accepted");
    assert_eq!(accepted + refused, 12);
    assert_eq!(stored(&app).await.len(), accepted);
}

async fn behind_a_trusted_proxy_the_last_forwarded_address_counts(backend: Backend) {
    let Some(app) = TestApp::with_env(backend, &[("TRUST_X_FORWARDED_FOR", "true")]).await else {
        return;
    };
    let from = |forwarded: &str| {
        crate::support::form_request("/api/contact", &VALID)
            .header("x-forwarded-for", forwarded)
            .body(axum::body::Body::from(crate::support::encode_form(&VALID)))
            .unwrap()
    };
    // The client can prepend anything; the proxy's own entry (the last) is what counts.
    for n in 0..5 {
        let res = app.send(from(&format!("10.0.0.{n}, 198.51.100.1"))).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    }
    assert_eq!(
        app.send(from("10.9.9.9, 198.51.100.1")).await.status,
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(app.send(from("198.51.100.2")).await.status, StatusCode::OK);
    // A proxy that adds its own header line instead of extending the client's: its line counts.
    let two_lines = crate::support::form_request("/api/contact", &VALID)
        .header("x-forwarded-for", "198.51.100.1")
        .header("x-forwarded-for", "198.51.100.3")
        .body(axum::body::Body::from(crate::support::encode_form(&VALID)))
        .unwrap();
    assert_eq!(app.send(two_lines).await.status, StatusCode::OK);
    let ips: Vec<Option<String>> = app::on_db!(&app.db, pool => sqlx::query_scalar("SELECT ip FROM contact_requests ORDER BY id")
        .fetch_all(pool)
        .await
        .unwrap());
    assert_eq!(ips[0].as_deref(), Some("198.51.100.1"));
    assert_eq!(ips[5].as_deref(), Some("198.51.100.2"));
    assert_eq!(ips[6].as_deref(), Some("198.51.100.3"));
}
