//! Signing in and out, the throttle, CSRF, password resets, invitations and disabled accounts.
use crate::{
    on_both_backends,
    support::{
        encode_form, session_cookie, Backend, Client, TestApp, TestResponse, NEW_PASSWORD, ORIGIN,
    },
};
use app::error::AppError;
use axum::body::Body;
use http::{header, Request, StatusCode};
use sqlx::types::chrono::{DateTime, Utc};
use std::time::Duration;
use steward::seed::DEMO_PASSWORD;

on_both_backends!(
    sign_in_sets_a_fresh_http_only_lax_session_cookie,
    sign_in_follows_only_safe_next_paths,
    sign_in_works_as_a_plain_form_post,
    unknown_email_and_wrong_password_read_the_same,
    five_failures_lock_the_account_and_twenty_the_address,
    parallel_guesses_get_no_more_tries_than_the_limit,
    sign_out_ends_the_session,
    idle_and_expired_logins_no_longer_open_pages,
    anonymous_visitors_are_sent_to_sign_in_and_api_calls_get_401,
    cross_site_posts_are_refused_before_anything_runs,
    server_functions_cannot_be_triggered_by_a_get,
    password_reset_link_works_once_and_ends_old_sessions,
    forgot_password_reveals_nothing_about_who_has_an_account,
    forgot_password_mails_an_account_once_in_a_while_and_limits_an_address,
    expired_reset_link_is_refused,
    invitation_link_activates_the_account_once,
    invitations_from_two_tenants_to_one_new_address_both_stay_valid,
    invitations_refuse_duplicates_bad_addresses_and_wrong_roles,
    disabled_users_are_signed_out_and_kept_out,
    sign_ins_failures_and_role_changes_are_audited_with_the_client_address,
);

async fn sign_in_call(client: &Client<'_>, email: &str, password: &str) -> TestResponse {
    client
        .call(
            "/api/auth/sign-in",
            &[("email", email), ("password", password)],
        )
        .await
}

/// A form-encoded POST with exactly the headers given (no Origin unless one is among them).
async fn raw_post(
    app: &TestApp,
    path: &str,
    form: &[(&str, &str)],
    headers: &[(header::HeaderName, &str)],
    cookie: Option<&str>,
) -> TestResponse {
    let body = encode_form(form);
    let mut request = Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::CONTENT_LENGTH, body.len())
        .header(header::ACCEPT, "application/json");
    for (name, value) in headers {
        request = request.header(name, *value);
    }
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    app.send(request.body(Body::from(body)).unwrap()).await
}

fn assert_sent_to_sign_in(res: &TestResponse, next: &str) {
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert_eq!(
        res.header("location"),
        Some(format!("/sign-in?next={next}").as_str())
    );
}

fn error_of(res: &TestResponse) -> AppError {
    serde_json::from_str(&res.body)
        .unwrap_or_else(|e| panic!("not an AppError ({e}): {}", res.body))
}

async fn display_name(app: &TestApp, email: &str) -> String {
    app::on_db!(&app.db, pool => sqlx::query_scalar("SELECT display_name FROM users WHERE email = $1")
        .bind(email)
        .fetch_one(pool)
        .await
        .unwrap())
}

async fn status_of(app: &TestApp, email: &str) -> String {
    app::on_db!(&app.db, pool => sqlx::query_scalar("SELECT status FROM users WHERE email = $1")
        .bind(email)
        .fetch_one(pool)
        .await
        .unwrap())
}

async fn reset_password(app: &TestApp, token: &str, password: &str, confirm: &str) -> TestResponse {
    app.call(
        "/api/auth/reset-password",
        &[
            ("token", token),
            ("password", password),
            ("confirm", confirm),
        ],
    )
    .await
}

async fn accept_invitation(
    app: &TestApp,
    token: &str,
    name: &str,
    password: &str,
    confirm: &str,
) -> TestResponse {
    app.call(
        "/api/auth/accept-invitation",
        &[
            ("token", token),
            ("display_name", name),
            ("password", password),
            ("confirm", confirm),
        ],
    )
    .await
}

async fn invite(client: &Client<'_>, email: &str, role: &str) -> TestResponse {
    client
        .call(
            "/api/people/invite",
            &[
                ("email", email),
                ("display_name", "Someone"),
                ("role", role),
            ],
        )
        .await
}

/// Moves `email`'s logins' `column` to `ago` in the past.
async fn age_logins(app: &TestApp, email: &str, column: &str, ago: Duration) {
    let id = app.user_id(email).await;
    app.backdate(
        &format!("UPDATE logins SET {column} = $1 WHERE user_id = {id}"),
        ago,
    )
    .await;
}

async fn logins_of(app: &TestApp, email: &str) -> i64 {
    let id = app.user_id(email).await;
    app.number(&format!("SELECT COUNT(*) FROM logins WHERE user_id = {id}"))
        .await
}

fn session_set_cookie(res: &TestResponse) -> String {
    res.headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("steward_session="))
        .unwrap_or_else(|| panic!("no session cookie: {:?}", res.headers))
        .to_owned()
}

async fn sign_in_sets_a_fresh_http_only_lax_session_cookie(backend: Backend) {
    let Some(app) = TestApp::seeded(backend).await else {
        return;
    };
    let res = app.try_sign_in("admin@steward.test", DEMO_PASSWORD).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(res.json(), "/cs", "platform staff land in the console");
    let set_cookie = session_set_cookie(&res);
    for attribute in ["HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(set_cookie.contains(attribute), "{set_cookie}");
    }
    assert!(
        !set_cookie.contains("Secure"),
        "no Secure over plain http: {set_cookie}"
    );
    let first = Client {
        app: &app,
        cookie: session_cookie(&res),
    };
    assert_eq!(first.get("/cs").await.status, StatusCode::OK);

    // Signing in again from the same browser issues a new id and retires the old one.
    let again = sign_in_call(&first, "admin@steward.test", DEMO_PASSWORD).await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.body);
    let second = session_cookie(&again).expect("a new session cookie");
    assert_ne!(Some(&second), first.cookie.as_ref());
    assert_sent_to_sign_in(&first.get("/cs").await, "%2Fcs");
    let second = Client {
        app: &app,
        cookie: Some(second),
    };
    assert_eq!(second.get("/cs").await.status, StatusCode::OK);

    // An id planted before sign-in (session fixation) is never the one signed in.
    let planted = "steward_session=AAAAAAAAAAAAAAAAAAAAAA".to_owned();
    let fixated = Client {
        app: &app,
        cookie: Some(planted.clone()),
    };
    let res = sign_in_call(&fixated, "csm@steward.test", DEMO_PASSWORD).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_ne!(session_cookie(&res), Some(planted));
    assert_sent_to_sign_in(&fixated.get("/cs").await, "%2Fcs");
}

async fn sign_in_follows_only_safe_next_paths(backend: Backend) {
    let Some(app) = TestApp::seeded(backend).await else {
        return;
    };
    let cases = [
        ("/cs/design?page=2", "/cs/design?page=2"),
        ("/account", "/account"),
        ("https://evil.example/cs", "/cs"),
        ("//evil.example/cs", "/cs"),
        ("/portal", "/cs"),
    ];
    for (next, expected) in cases {
        let res = app
            .call(
                "/api/auth/sign-in",
                &[
                    ("email", "admin@steward.test"),
                    ("password", DEMO_PASSWORD),
                    ("next", next),
                ],
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{next}: {}", res.body);
        assert_eq!(res.json(), expected, "next={next}");
    }
}

async fn unknown_email_and_wrong_password_read_the_same(backend: Backend) {
    let Some(app) = TestApp::seeded(backend).await else {
        return;
    };
    let unknown = app.try_sign_in("nobody@steward.test", DEMO_PASSWORD).await;
    let wrong = app
        .try_sign_in("admin@steward.test", "not-the-password")
        .await;
    assert_eq!(unknown.status, StatusCode::UNAUTHORIZED, "{}", unknown.body);
    assert_eq!(wrong.status, unknown.status);
    assert_eq!(wrong.body, unknown.body);
    assert_eq!(error_of(&wrong), AppError::InvalidCredentials);
    assert!(session_cookie(&unknown).is_none() && session_cookie(&wrong).is_none());
    assert_eq!(logins_of(&app, "admin@steward.test").await, 0);
    assert_eq!(app.number("SELECT COUNT(*) FROM logins").await, 0);
    // Case does not make another account.
    let upper = app.try_sign_in("ADMIN@Steward.test", DEMO_PASSWORD).await;
    assert_eq!(upper.status, StatusCode::OK, "{}", upper.body);
}

async fn five_failures_lock_the_account_and_twenty_the_address(backend: Backend) {
    let Some(app) = TestApp::seeded(backend).await else {
        return;
    };
    for n in 1..=5 {
        let res = app
            .try_sign_in("admin@steward.test", "wrong-password")
            .await;
        assert_eq!(
            res.status,
            StatusCode::UNAUTHORIZED,
            "attempt {n}: {}",
            res.body
        );
    }
    let res = app.try_sign_in("admin@steward.test", DEMO_PASSWORD).await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS, "{}", res.body);
    let AppError::RateLimited { retry_after_secs } = error_of(&res) else {
        panic!("{}", res.body)
    };
    assert!(
        (800..=900).contains(&retry_after_secs),
        "{retry_after_secs}"
    );
    assert!(
        error_of(&res)
            .to_string()
            .contains("Try again in 15 minute(s)"),
        "{}",
        error_of(&res)
    );
    assert!(session_cookie(&res).is_none());
    assert_eq!(logins_of(&app, "admin@steward.test").await, 0);

    // The lock is per account: another account signs in from the same address.
    app.sign_in("csm@steward.test").await;

    // An address takes 20 failures in the window, whichever accounts they were for.
    let now = Utc::now();
    let failures_so_far = app
        .number("SELECT COUNT(*) FROM rate_limit_events WHERE action = 'sign_in' AND ip = '203.0.113.7'")
        .await;
    assert_eq!(failures_so_far, 5);
    app::on_db!(&app.db, pool => {
        for n in failures_so_far..20 {
            sqlx::query(
                "INSERT INTO rate_limit_events (action, email, ip, created_at) \
                 VALUES ('sign_in', $1, $2, $3)",
            )
                .bind(format!("guess{n}@steward.test"))
                .bind("203.0.113.7")
                .bind(now)
                .execute(pool)
                .await
                .unwrap();
        }
    });
    let res = app.try_sign_in("analyst@steward.test", DEMO_PASSWORD).await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS, "{}", res.body);
    assert_eq!(logins_of(&app, "analyst@steward.test").await, 0);
}

async fn parallel_guesses_get_no_more_tries_than_the_limit(backend: Backend) {
    let Some(app) = TestApp::seeded(backend).await else {
        return;
    };
    let guesses: Vec<String> = (0..12).map(|n| format!("guess-number-{n}")).collect();
    let answers = futures_util::future::join_all(
        guesses
            .iter()
            .map(|guess| app.try_sign_in("csm@steward.test", guess)),
    )
    .await;
    let count = |status| answers.iter().filter(|r| r.status == status).count();
    let tried = count(StatusCode::UNAUTHORIZED);
    assert!(tried <= 5, "{tried} guesses were checked");
    assert_eq!(tried + count(StatusCode::TOO_MANY_REQUESTS), guesses.len());
}

async fn sign_out_ends_the_session(backend: Backend) {
    let Some(app) = TestApp::seeded(backend).await else {
        return;
    };
    let admin = app.sign_in("admin@steward.test").await;
    assert_eq!(admin.get("/cs").await.status, StatusCode::OK);
    assert_eq!(logins_of(&app, "admin@steward.test").await, 1);
    let res = admin.call("/api/auth/sign-out", &[]).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(res.json(), "/sign-in");
    assert_eq!(logins_of(&app, "admin@steward.test").await, 0);
    assert_sent_to_sign_in(&admin.get("/cs").await, "%2Fcs");
    let api = admin.call("/api/people/list", &[]).await;
    assert_eq!(api.status, StatusCode::UNAUTHORIZED, "{}", api.body);
    let audited = app
        .number("SELECT COUNT(*) FROM audit_log WHERE action = 'auth.signed_out'")
        .await;
    assert_eq!(audited, 1);
}

async fn anonymous_visitors_are_sent_to_sign_in_and_api_calls_get_401(backend: Backend) {
    let Some(app) = TestApp::seeded(backend).await else {
        return;
    };
    assert_sent_to_sign_in(&app.get("/cs").await, "%2Fcs");
    assert_sent_to_sign_in(
        &app.get("/cs/design?page=2").await,
        "%2Fcs%2Fdesign%3Fpage%3D2",
    );
    assert_sent_to_sign_in(&app.get("/portal").await, "%2Fportal");
    for path in [
        "/api/people/list",
        "/api/account/sessions",
        "/api/partners/list",
    ] {
        let res = app.call(path, &[]).await;
        assert_eq!(res.status, StatusCode::UNAUTHORIZED, "{path}: {}", res.body);
        assert_eq!(error_of(&res), AppError::Unauthenticated, "{path}");
    }
    let res = app
        .call("/api/account/profile", &[("display_name", "Mallory")])
        .await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED, "{}", res.body);
    assert_eq!(
        app.number("SELECT COUNT(*) FROM users WHERE display_name = 'Mallory'")
            .await,
        0
    );
    // A forged cookie is just anonymous.
    let forged = Client {
        app: &app,
        cookie: Some("steward_session=not-a-session".into()),
    };
    assert_sent_to_sign_in(&forged.get("/cs").await, "%2Fcs");
}

async fn cross_site_posts_are_refused_before_anything_runs(backend: Backend) {
    let Some(app) = TestApp::seeded(backend).await else {
        return;
    };
    let credentials = [("email", "admin@steward.test"), ("password", DEMO_PASSWORD)];
    let audit_before = app.number("SELECT COUNT(*) FROM audit_log").await;
    let refused_headers: [&[(header::HeaderName, &str)]; 4] = [
        &[(header::ORIGIN, "http://evil.example")],
        &[],
        &[
            (header::ORIGIN, "null"),
            (header::REFERER, "http://evil.example/x"),
        ],
        &[(header::REFERER, "http://127.0.0.1:3001/sign-in")],
    ];
    for headers in refused_headers {
        let res = raw_post(&app, "/api/auth/sign-in", &credentials, headers, None).await;
        assert_eq!(
            res.status,
            StatusCode::FORBIDDEN,
            "{headers:?}: {}",
            res.body
        );
        assert!(
            res.body.contains("did not come from a Steward page"),
            "{}",
            res.body
        );
        assert!(session_cookie(&res).is_none(), "{headers:?}");
    }
    assert_eq!(app.number("SELECT COUNT(*) FROM logins").await, 0);
    assert_eq!(
        app.number("SELECT COUNT(*) FROM rate_limit_events").await,
        0
    );
    assert_eq!(
        app.number("SELECT COUNT(*) FROM audit_log").await,
        audit_before
    );

    // An authenticated write from another site is refused even with the victim's cookie.
    let admin = app.sign_in("admin@steward.test").await;
    let cookie = admin.cookie.as_deref();
    let rename = [("display_name", "Pwned")];
    for headers in [&[(header::ORIGIN, "http://evil.example")][..], &[]] {
        let res = raw_post(&app, "/api/account/profile", &rename, headers, cookie).await;
        assert_eq!(
            res.status,
            StatusCode::FORBIDDEN,
            "{headers:?}: {}",
            res.body
        );
    }
    assert_eq!(
        display_name(&app, "admin@steward.test").await,
        "Avery Admin"
    );

    // From our own pages: the Origin, or a Referer when a browser sends no Origin.
    let res = raw_post(
        &app,
        "/api/account/profile",
        &[("display_name", "Avery Referred")],
        &[(header::REFERER, "http://localhost:3000/account")],
        cookie,
    )
    .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(
        display_name(&app, "admin@steward.test").await,
        "Avery Referred"
    );
    let res = raw_post(
        &app,
        "/api/account/profile",
        &[("display_name", "Avery Origin")],
        &[(header::ORIGIN, ORIGIN)],
        cookie,
    )
    .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(
        display_name(&app, "admin@steward.test").await,
        "Avery Origin"
    );
}

async fn password_reset_link_works_once_and_ends_old_sessions(backend: Backend) {
    let Some(app) = TestApp::seeded(backend).await else {
        return;
    };
    let email = "csm@steward.test";
    let old_browser = app.sign_in(email).await;
    let res = app
        .call("/api/auth/forgot-password", &[("email", email)])
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let token = app
        .mailed_token(email, "password_reset", "/reset-password")
        .await;

    let short = reset_password(&app, &token, "short", "short").await;
    assert_eq!(short.field_error("password"), "Use at least 12 characters.");
    let mismatch = reset_password(&app, &token, NEW_PASSWORD, "amber-kettle-window-43").await;
    assert_eq!(
        mismatch.field_error("confirm"),
        "The two passwords do not match."
    );
    assert_eq!(
        old_browser.get("/cs").await.status,
        StatusCode::OK,
        "refused attempts change nothing"
    );

    let done = reset_password(&app, &token, NEW_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(
        done.status,
        StatusCode::OK,
        "the token still works: {}",
        done.body
    );
    assert_eq!(done.json(), "/sign-in");
    assert_sent_to_sign_in(&old_browser.get("/cs").await, "%2Fcs");
    assert_eq!(logins_of(&app, email).await, 0);
    let old = app.try_sign_in(email, DEMO_PASSWORD).await;
    assert_eq!(old.status, StatusCode::UNAUTHORIZED, "{}", old.body);
    app.sign_in_with(email, NEW_PASSWORD).await;

    let reused = reset_password(
        &app,
        &token,
        "another-long-password",
        "another-long-password",
    )
    .await;
    assert_eq!(reused.status, StatusCode::BAD_REQUEST, "{}", reused.body);
    assert!(reused.body.contains("already been used"), "{}", reused.body);
    app.sign_in_with(email, NEW_PASSWORD).await;
    let audited = app
        .number("SELECT COUNT(*) FROM audit_log WHERE action = 'auth.password_reset'")
        .await;
    assert_eq!(audited, 1);
}

async fn forgot_password_reveals_nothing_about_who_has_an_account(backend: Backend) {
    let Some(app) = TestApp::seeded(backend).await else {
        return;
    };
    app.execute("UPDATE users SET status = 'disabled' WHERE email = 'member@bluebird.test'")
        .await;
    let known = app
        .call(
            "/api/auth/forgot-password",
            &[("email", "admin@steward.test")],
        )
        .await;
    assert_eq!(known.status, StatusCode::OK, "{}", known.body);
    for email in ["nobody@steward.test", "member@bluebird.test"] {
        let res = app
            .call("/api/auth/forgot-password", &[("email", email)])
            .await;
        assert_eq!(
            (res.status, &res.body),
            (known.status, &known.body),
            "{email}"
        );
        let mail = app.latest_mail(email).await;
        assert!(mail.is_none(), "{email} got {mail:?}");
    }
    assert_eq!(app.number("SELECT COUNT(*) FROM outbox").await, 1);
    assert_eq!(app.number("SELECT COUNT(*) FROM one_time_tokens").await, 1);
    let bad = app
        .call("/api/auth/forgot-password", &[("email", "not an address")])
        .await;
    assert!(!bad.field_error("email").is_empty());
}

async fn forgot_password_mails_an_account_once_in_a_while_and_limits_an_address(backend: Backend) {
    let Some(app) = TestApp::seeded(backend).await else {
        return;
    };
    let app = &app;
    let ask = |email: &'static str| async move {
        app.call("/api/auth/forgot-password", &[("email", email)])
            .await
    };
    let first = ask("admin@steward.test").await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    // Asking again soon answers the same but sends nothing: no flooding someone's inbox.
    let again = ask("ADMIN@steward.test").await;
    assert_eq!((again.status, &again.body), (first.status, &first.body));
    assert_eq!(
        {
            app.run_jobs().await;
            app.number("SELECT COUNT(*) FROM outbox").await
        },
        1
    );

    // Minutes later the account may have another link.
    for table in ["rate_limit_events", "one_time_tokens"] {
        app.backdate(
            &format!("UPDATE {table} SET created_at = $1"),
            Duration::from_secs(6 * 60),
        )
        .await;
    }
    assert_eq!(ask("admin@steward.test").await.status, StatusCode::OK);
    assert_eq!(
        {
            app.run_jobs().await;
            app.number("SELECT COUNT(*) FROM outbox").await
        },
        2
    );

    // One address asking about many accounts is told to wait, whoever the accounts are.
    let accounts = [
        "csm@steward.test",
        "nobody@steward.test",
        "analyst@steward.test",
    ];
    for n in 1..10 {
        let res = ask(accounts[n % accounts.len()]).await;
        assert_eq!(res.status, StatusCode::OK, "request {n}: {}", res.body);
    }
    let mails = {
        app.run_jobs().await;
        app.number("SELECT COUNT(*) FROM outbox").await
    };
    let refused = ask("csm2@steward.test").await;
    assert_eq!(
        refused.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        refused.body
    );
    assert!(
        error_of(&refused)
            .to_string()
            .contains("Try again in 5 minute"),
        "{}",
        refused.body
    );
    assert_eq!(
        {
            app.run_jobs().await;
            app.number("SELECT COUNT(*) FROM outbox").await
        },
        mails
    );
    assert_eq!(
        app.number("SELECT COUNT(*) FROM outbox WHERE recipient = 'csm2@steward.test'")
            .await,
        0
    );
}

async fn expired_reset_link_is_refused(backend: Backend) {
    let Some(app) = TestApp::seeded(backend).await else {
        return;
    };
    let email = "csm@steward.test";
    app.call("/api/auth/forgot-password", &[("email", email)])
        .await;
    let token = app
        .mailed_token(email, "password_reset", "/reset-password")
        .await;
    app.backdate(
        "UPDATE one_time_tokens SET expires_at = $1",
        Duration::from_secs(60),
    )
    .await;
    let res = reset_password(&app, &token, NEW_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST, "{}", res.body);
    assert!(res.body.contains("expired"), "{}", res.body);
    app.sign_in(email).await;
    let refused = app.try_sign_in(email, NEW_PASSWORD).await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
}

async fn invitation_link_activates_the_account_once(backend: Backend) {
    let Some(app) = TestApp::seeded(backend).await else {
        return;
    };
    let email = "new.csm@steward.test";
    let admin = app.sign_in("admin@steward.test").await;
    let res = invite(&admin, email, "csm").await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let id = app.user_id(email).await;
    let platform_csm = app
        .number(&format!(
            "SELECT COUNT(*) FROM memberships WHERE user_id = {id} AND scope = 'platform' AND role = 'csm'"
        ))
        .await;
    assert_eq!(platform_csm, 1);
    let token = app
        .mailed_token(email, "invitation", "/accept-invitation")
        .await;

    // Invited is not yet signed up: no password opens the account.
    let early = app.try_sign_in(email, DEMO_PASSWORD).await;
    assert_eq!(early.status, StatusCode::UNAUTHORIZED, "{}", early.body);

    let shown = app.call("/api/auth/invitation", &[("token", &token)]).await;
    assert_eq!(shown.status, StatusCode::OK, "{}", shown.body);
    assert_eq!(shown.json(), email);

    let mismatch = accept_invitation(
        &app,
        &token,
        "Nell Csm",
        NEW_PASSWORD,
        "something-else-entirely",
    )
    .await;
    assert!(!mismatch.field_error("confirm").is_empty());
    let common = accept_invitation(&app, &token, "Nell Csm", "password1234", "password1234").await;
    assert!(
        common.field_error("password").contains("too common"),
        "{}",
        common.body
    );
    let nameless = accept_invitation(&app, &token, "   ", NEW_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(nameless.field_error("display_name"), "Enter a name.");
    assert_eq!(status_of(&app, email).await, "invited");
    assert_eq!(display_name(&app, email).await, "Someone");

    let accepted = accept_invitation(&app, &token, "Nell Csm", NEW_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(accepted.status, StatusCode::OK, "{}", accepted.body);
    assert_eq!(accepted.json(), "/cs");
    let browser = Client {
        app: &app,
        cookie: Some(session_cookie(&accepted).expect("accepting signs in")),
    };
    let console = browser.get("/cs").await;
    assert_eq!(console.status, StatusCode::OK);
    assert!(console.body.contains("Nell Csm"));
    assert_eq!(status_of(&app, email).await, "active");
    assert_eq!(display_name(&app, email).await, "Nell Csm");

    let reused = accept_invitation(&app, &token, "Nell Again", NEW_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(reused.status, StatusCode::BAD_REQUEST, "{}", reused.body);
    let shown = app.call("/api/auth/invitation", &[("token", &token)]).await;
    assert_eq!(shown.status, StatusCode::BAD_REQUEST, "{}", shown.body);
    assert_eq!(status_of(&app, email).await, "active");
    assert_eq!(display_name(&app, email).await, "Nell Csm");
    app.sign_in_with(email, NEW_PASSWORD).await;
}

async fn invitations_from_two_tenants_to_one_new_address_both_stay_valid(backend: Backend) {
    let Some(app) = TestApp::seeded(backend).await else {
        return;
    };
    let email = "sought.after@example.com";
    let staff = invite(&app.sign_in("admin@steward.test").await, email, "analyst").await;
    assert_eq!(staff.status, StatusCode::OK, "{}", staff.body);
    let first = app
        .mailed_token(email, "invitation", "/accept-invitation")
        .await;
    let partner = invite(
        &app.sign_in("admin@northwind.test").await,
        email,
        "partner_member",
    )
    .await;
    assert_eq!(partner.status, StatusCode::OK, "{}", partner.body);
    let second = app
        .mailed_token(email, "invitation", "/accept-invitation")
        .await;
    assert_ne!(first, second);

    // The partner's later invitation did not void the platform's.
    let accepted = accept_invitation(&app, &first, "Sam Sought", NEW_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(accepted.status, StatusCode::OK, "{}", accepted.body);
    let id = app.user_id(email).await;
    let memberships = app
        .number(&format!(
            "SELECT COUNT(*) FROM memberships WHERE user_id = {id}"
        ))
        .await;
    assert_eq!(memberships, 2);
    // Once the account is active, the other link has nothing left to do.
    let other = accept_invitation(&app, &second, "Sam Again", NEW_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(other.status, StatusCode::BAD_REQUEST, "{}", other.body);
    assert_eq!(display_name(&app, email).await, "Sam Sought");
}

async fn invitations_refuse_duplicates_bad_addresses_and_wrong_roles(backend: Backend) {
    let Some(app) = TestApp::seeded(backend).await else {
        return;
    };
    let admin = app.sign_in("admin@steward.test").await;
    let owner_email = app.first_owner().await;
    let owner = app.sign_in(&owner_email).await;
    let member = owner_email.replace("owner@", "member1@");
    let before = app.snapshot().await;

    let duplicate = invite(&admin, "csm@steward.test", "analyst").await;
    assert_eq!(duplicate.status, StatusCode::CONFLICT, "{}", duplicate.body);
    assert!(
        duplicate.body.contains("already has a role here"),
        "{}",
        duplicate.body
    );
    let duplicate = invite(&owner, &member, "member").await;
    assert_eq!(duplicate.status, StatusCode::CONFLICT, "{}", duplicate.body);

    let malformed = invite(&admin, "not-an-email", "csm").await;
    assert_eq!(
        malformed.field_error("email"),
        "Enter a valid e-mail address, like name@example.com."
    );
    assert_eq!(
        malformed.json()["Validation"]["input"]["email"],
        "not-an-email"
    );
    let wrong_scope = invite(&admin, "someone@steward.test", "owner").await;
    assert!(!wrong_scope.field_error("role").is_empty());
    let unknown_role = invite(&owner, "someone@example.com", "admin").await;
    assert!(!unknown_role.field_error("role").is_empty());
    let myself = invite(&owner, &owner_email, "member").await;
    assert!(!myself.field_error("email").is_empty());

    assert_eq!(
        app.snapshot().await,
        before,
        "refused invitations wrote nothing"
    );

    // Someone who already has an account is offered the membership (`offers` follows it) and
    // told by a notice, not a set-up link.
    let organization = app
        .number(
            "SELECT organization_id FROM memberships WHERE role = 'owner' ORDER BY user_id LIMIT 1",
        )
        .await
        .to_string();
    let res = admin
        .call(
            "/api/people/invite",
            &[
                ("email", "csm@steward.test"),
                ("display_name", "Ignored"),
                ("role", "member"),
                ("organization", &organization),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let notice = app.latest_mail("csm@steward.test").await.expect("a notice");
    assert_eq!(notice.template, "notification");
    assert_eq!(app.number("SELECT COUNT(*) FROM one_time_tokens").await, 0);
    assert_eq!(display_name(&app, "csm@steward.test").await, "Maya Okafor");
    let id = app.user_id("csm@steward.test").await;
    let joined = app
        .number(&format!(
            "SELECT COUNT(*) FROM memberships WHERE user_id = {id} AND organization_id = {organization} \
             AND role = 'member' AND accepted_at IS NULL"
        ))
        .await;
    assert_eq!(joined, 1);
}

async fn disabled_users_are_signed_out_and_kept_out(backend: Backend) {
    let Some(app) = TestApp::seeded(backend).await else {
        return;
    };
    let email = "csm2@steward.test";
    let id = app.user_id(email).await.to_string();
    let victim = app.sign_in(email).await;
    assert_eq!(victim.get("/cs").await.status, StatusCode::OK);
    let admin = app.sign_in("admin@steward.test").await;

    let res = admin
        .call(
            "/api/people/set-disabled",
            &[("user", &id), ("disabled", "true")],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(logins_of(&app, email).await, 0);
    assert_sent_to_sign_in(&victim.get("/cs").await, "%2Fcs");
    let api = victim.call("/api/people/list", &[]).await;
    assert_eq!(api.status, StatusCode::UNAUTHORIZED, "{}", api.body);
    let refused = app.try_sign_in(email, DEMO_PASSWORD).await;
    let unknown = app.try_sign_in("nobody@steward.test", DEMO_PASSWORD).await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        refused.body, unknown.body,
        "a disabled account reads as a wrong password"
    );

    let res = admin
        .call(
            "/api/people/set-disabled",
            &[("user", &id), ("disabled", "false")],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let back = app.sign_in(email).await;
    assert_eq!(back.get("/cs").await.status, StatusCode::OK);

    let admin_id = app.user_id("admin@steward.test").await.to_string();
    let res = admin
        .call(
            "/api/people/set-disabled",
            &[("user", &admin_id), ("disabled", "true")],
        )
        .await;
    assert_eq!(res.status, StatusCode::CONFLICT, "{}", res.body);
    let res = admin
        .call(
            "/api/people/set-disabled",
            &[("user", "999999"), ("disabled", "true")],
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND, "{}", res.body);
    let console = admin.get("/cs").await;
    assert_eq!(console.status, StatusCode::OK, "{}", console.body);
}

async fn sign_ins_failures_and_role_changes_are_audited_with_the_client_address(backend: Backend) {
    let Some(app) = TestApp::seeded(backend).await else {
        return;
    };
    let admin = app.sign_in("admin@steward.test").await;
    let failed = app
        .try_sign_in("nobody@steward.test", "whatever-it-is")
        .await;
    assert_eq!(failed.status, StatusCode::UNAUTHORIZED);
    let csm2 = app.user_id("csm2@steward.test").await;
    let membership = app
        .number(&format!(
            "SELECT id FROM memberships WHERE user_id = {csm2}"
        ))
        .await
        .to_string();
    let res = admin
        .call(
            "/api/people/change-role",
            &[("membership", &membership), ("role", "analyst")],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let role: String = app::on_db!(&app.db, pool => sqlx::query_scalar("SELECT role FROM memberships WHERE user_id = $1")
        .bind(csm2)
        .fetch_one(pool)
        .await
        .unwrap());
    assert_eq!(role, "analyst");

    type Row = (
        String,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
    );
    let rows: Vec<Row> = app::on_db!(&app.db, pool => sqlx::query_as(
        "SELECT action, actor_label, target_id, detail, ip FROM audit_log \
         WHERE action IN ('auth.signed_in', 'auth.sign_in_failed', 'user.role_changed') ORDER BY id",
    )
    .fetch_all(pool)
    .await
    .unwrap());
    let admin_id = app.user_id("admin@steward.test").await.to_string();
    let ip = Some("203.0.113.7".to_owned());
    assert_eq!(
        rows,
        vec![
            (
                "auth.signed_in".into(),
                "admin@steward.test".into(),
                Some(admin_id),
                None,
                ip.clone()
            ),
            (
                "auth.sign_in_failed".into(),
                "nobody@steward.test".into(),
                None,
                None,
                ip.clone()
            ),
            (
                "user.role_changed".into(),
                "admin@steward.test (admin)".into(),
                Some(csm2.to_string()),
                Some("csm → analyst".into()),
                ip
            ),
        ]
    );
}

/// Safe methods skip the origin check, so no server function may act on one.
async fn server_functions_cannot_be_triggered_by_a_get(backend: Backend) {
    let Some(app) = TestApp::seeded(backend).await else {
        return;
    };
    let email = "csm@steward.test";
    let here = app.sign_in(email).await;
    let there = app.sign_in(email).await;
    let before = app.snapshot().await;
    for path in [
        "/api/auth/sign-out",
        "/api/account/sign-out-others",
        "/api/account/profile?display_name=Pwned",
    ] {
        let res = here.get(path).await;
        assert!(
            res.status.is_client_error(),
            "{path}: {} {}",
            res.status,
            res.body
        );
    }
    assert_eq!(app.snapshot().await, before);
    assert_eq!(logins_of(&app, email).await, 2);
    assert_eq!(here.get("/cs").await.status, StatusCode::OK);
    assert_eq!(there.get("/cs").await.status, StatusCode::OK);
}

async fn sign_in_works_as_a_plain_form_post(backend: Backend) {
    let Some(app) = TestApp::seeded(backend).await else {
        return;
    };
    let referer = "http://127.0.0.1:3000/sign-in?next=%2Fcs%2Fdesign";
    let res = app
        .post_form(
            "/api/auth/sign-in",
            &[
                ("email", "admin@steward.test"),
                ("password", DEMO_PASSWORD),
                ("next", "/cs/design"),
            ],
            referer,
        )
        .await;
    assert!(res.status.is_redirection(), "{} {}", res.status, res.body);
    assert_eq!(res.header("location"), Some("/cs/design"));
    let browser = Client {
        app: &app,
        cookie: session_cookie(&res),
    };
    assert_eq!(browser.get("/cs/design").await.status, StatusCode::OK);

    let failed = app
        .post_form(
            "/api/auth/sign-in",
            &[
                ("email", "admin@steward.test"),
                ("password", "wrong-password"),
            ],
            referer,
        )
        .await;
    assert!(failed.status.is_redirection(), "{}", failed.status);
    let location = failed.header("location").unwrap();
    assert!(
        location.starts_with("http://127.0.0.1:3000/sign-in") && location.contains("__err="),
        "{location}"
    );
    assert!(session_cookie(&failed).is_none());
    let page = app.get(location.trim_start_matches(ORIGIN)).await;
    assert!(
        page.body
            .contains("The e-mail address or password is incorrect."),
        "the sign-in page says why"
    );
}

async fn idle_and_expired_logins_no_longer_open_pages(backend: Backend) {
    let Some(app) = TestApp::seeded(backend).await else {
        return;
    };
    let minutes = |n: u64| Duration::from_secs(60 * n);

    // Activity moves the idle deadline forward.
    let active = app.sign_in("csm@steward.test").await;
    age_logins(&app, "csm@steward.test", "last_seen_at", minutes(90)).await;
    assert_eq!(active.get("/cs").await.status, StatusCode::OK);
    let id = app.user_id("csm@steward.test").await;
    let seen: DateTime<Utc> = app::on_db!(&app.db, pool => sqlx::query_scalar("SELECT last_seen_at FROM logins WHERE user_id = $1")
        .bind(id)
        .fetch_one(pool)
        .await
        .unwrap());
    assert!(
        (Utc::now() - seen).num_seconds() < 60,
        "seen again at {seen}"
    );

    let idle = app.sign_in("csm2@steward.test").await;
    age_logins(&app, "csm2@steward.test", "last_seen_at", minutes(121)).await;
    assert_sent_to_sign_in(&idle.get("/cs").await, "%2Fcs");
    let api = idle.call("/api/account/sessions", &[]).await;
    assert_eq!(api.status, StatusCode::UNAUTHORIZED, "{}", api.body);

    let expired = app.sign_in("analyst@steward.test").await;
    age_logins(&app, "analyst@steward.test", "expires_at", minutes(1)).await;
    assert_sent_to_sign_in(&expired.get("/cs").await, "%2Fcs");
}
