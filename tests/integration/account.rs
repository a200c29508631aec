//! A user's own account: name, password, e-mail address and signed-in browsers.
use crate::{
    on_both_backends,
    support::{session_cookie, Backend, Client, TestApp, TestResponse, NEW_PASSWORD},
};
use http::StatusCode;
use steward::seed::DEMO_PASSWORD;

on_both_backends!(
    profile_name_is_checked_and_saved,
    changing_password_needs_the_current_one_and_ends_other_sessions,
    email_change_is_confirmed_from_the_new_address,
    email_change_refuses_addresses_of_other_accounts,
    wrong_current_passwords_count_against_the_sign_in_limit,
    sessions_are_listed_and_others_can_be_signed_out,
);

async fn user_field(app: &TestApp, id: i64, column: &str) -> Option<String> {
    let sql = format!("SELECT {column} FROM users WHERE id = $1");
    app::on_db!(&app.db, pool => sqlx::query_scalar(&sql).bind(id).fetch_one(pool).await.unwrap())
}

async fn change_password(
    client: &Client<'_>,
    current: &str,
    password: &str,
    confirm: &str,
) -> TestResponse {
    client
        .call(
            "/api/account/password",
            &[
                ("current", current),
                ("password", password),
                ("confirm", confirm),
            ],
        )
        .await
}

async fn request_email_change(client: &Client<'_>, email: &str, current: &str) -> TestResponse {
    client
        .call(
            "/api/account/email",
            &[("email", email), ("current", current)],
        )
        .await
}

async fn confirm_email(app: &TestApp, token: &str) -> TestResponse {
    app.call("/api/account/confirm-email", &[("token", token)])
        .await
}

async fn sessions(client: &Client<'_>) -> Vec<serde_json::Value> {
    let res = client.call("/api/account/sessions", &[]).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    res.json().as_array().expect("a list").clone()
}

fn current_ids(list: &[serde_json::Value]) -> Vec<i64> {
    list.iter()
        .filter(|s| s["current"] == true)
        .map(|s| s["id"].as_i64().unwrap())
        .collect()
}

async fn profile_name_is_checked_and_saved(backend: Backend) {
    let Some(app) = TestApp::seeded(backend).await else {
        return;
    };
    let email = app.first_owner().await;
    let id = app.user_id(&email).await;
    let original = user_field(&app, id, "display_name").await;
    let me = app.sign_in(&email).await;

    let blank = me
        .call("/api/account/profile", &[("display_name", "   ")])
        .await;
    assert_eq!(blank.field_error("display_name"), "Enter a name.");
    let long = "x".repeat(101);
    let too_long = me
        .call("/api/account/profile", &[("display_name", &long)])
        .await;
    assert_eq!(
        too_long.field_error("display_name"),
        "Use at most 100 characters (you have 101)."
    );
    assert_eq!(user_field(&app, id, "display_name").await, original);

    let saved = me
        .call("/api/account/profile", &[("display_name", "  Ada Owner ")])
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    assert_eq!(
        user_field(&app, id, "display_name").await.as_deref(),
        Some("Ada Owner")
    );
    assert!(me.get("/portal").await.body.contains("Ada Owner"));
    let audited = app
        .number(&format!(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'account.profile_updated' AND target_id = '{id}'"
        ))
        .await;
    assert_eq!(audited, 1);
}

async fn changing_password_needs_the_current_one_and_ends_other_sessions(backend: Backend) {
    let Some(app) = TestApp::seeded(backend).await else {
        return;
    };
    let email = "csm@steward.test";
    let id = app.user_id(email).await;
    let here = app.sign_in(email).await;
    let there = app.sign_in(email).await;
    let bystander = app.sign_in("csm2@steward.test").await;
    let hash = user_field(&app, id, "password_hash").await;

    let wrong = change_password(&here, "not-my-password", NEW_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(
        wrong.field_error("current"),
        "That is not your current password."
    );
    let short = change_password(&here, DEMO_PASSWORD, "short", "short").await;
    assert_eq!(short.field_error("password"), "Use at least 12 characters.");
    let mismatch =
        change_password(&here, DEMO_PASSWORD, NEW_PASSWORD, "amber-kettle-window-43").await;
    assert!(!mismatch.field_error("confirm").is_empty());
    let same = change_password(&here, DEMO_PASSWORD, DEMO_PASSWORD, DEMO_PASSWORD).await;
    assert!(!same.field_error("password").is_empty());
    assert_eq!(user_field(&app, id, "password_hash").await, hash);
    assert_eq!(there.get("/cs").await.status, StatusCode::OK);

    let changed = change_password(&here, DEMO_PASSWORD, NEW_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.body);
    assert_ne!(user_field(&app, id, "password_hash").await, hash);
    // This browser stays signed in, under the new session id the answer set.
    let here = Client {
        app: &app,
        cookie: session_cookie(&changed),
    };
    assert_eq!(
        here.get("/cs").await.status,
        StatusCode::OK,
        "this browser stays"
    );
    let other = there.get("/cs").await;
    assert_eq!(
        other.status,
        StatusCode::SEE_OTHER,
        "the other browser is signed out"
    );
    assert_eq!(
        bystander.get("/cs").await.status,
        StatusCode::OK,
        "other users keep theirs"
    );
    assert_eq!(sessions(&here).await.len(), 1);
    assert_eq!(
        app.try_sign_in(email, DEMO_PASSWORD).await.status,
        StatusCode::UNAUTHORIZED
    );
    app.sign_in_with(email, NEW_PASSWORD).await;
}

async fn email_change_is_confirmed_from_the_new_address(backend: Backend) {
    let Some(app) = TestApp::seeded(backend).await else {
        return;
    };
    let old = "csm2@steward.test";
    let new = "jonas@berg.example";
    let id = app.user_id(old).await;
    let me = app.sign_in(old).await;

    let wrong = request_email_change(&me, new, "not-my-password").await;
    assert_eq!(
        wrong.field_error("current"),
        "That is not your current password."
    );
    let mine = request_email_change(&me, "CSM2@steward.test", DEMO_PASSWORD).await;
    assert_eq!(mine.field_error("email"), "That is already your address.");
    let malformed = request_email_change(&me, "jonas@", DEMO_PASSWORD).await;
    assert!(!malformed.field_error("email").is_empty());
    assert_eq!(app.number("SELECT COUNT(*) FROM outbox").await, 0);

    let asked = request_email_change(&me, new, DEMO_PASSWORD).await;
    assert_eq!(asked.status, StatusCode::OK, "{}", asked.body);
    assert_eq!(
        user_field(&app, id, "email").await.as_deref(),
        Some(old),
        "nothing changes before the new address confirms"
    );
    let token = app
        .mailed_token(new, "email_change", "/confirm-email")
        .await;

    // The link needs no session: it is opened from the new mailbox.
    let confirmed = confirm_email(&app, &token).await;
    assert_eq!(confirmed.status, StatusCode::OK, "{}", confirmed.body);
    assert_eq!(confirmed.json(), "/account");
    assert_eq!(user_field(&app, id, "email").await.as_deref(), Some(new));
    let reused = confirm_email(&app, &token).await;
    assert_eq!(reused.status, StatusCode::BAD_REQUEST, "{}", reused.body);

    assert_eq!(
        app.try_sign_in(old, DEMO_PASSWORD).await.status,
        StatusCode::UNAUTHORIZED
    );
    app.sign_in(new).await;
    let audited = app
        .number("SELECT COUNT(*) FROM audit_log WHERE action IN ('account.email_change_requested', 'account.email_changed')")
        .await;
    assert_eq!(audited, 2);
}

async fn email_change_refuses_addresses_of_other_accounts(backend: Backend) {
    let Some(app) = TestApp::seeded(backend).await else {
        return;
    };
    let email = "csm2@steward.test";
    let id = app.user_id(email).await;
    let me = app.sign_in(email).await;

    // Without the password, the answer says nothing about whether the address is taken.
    let guessed = request_email_change(&me, "CSM@steward.test", "not-my-password").await;
    assert_eq!(
        guessed.field_error("current"),
        "That is not your current password."
    );
    assert!(
        guessed.json()["Validation"]["messages"]["email"].is_null(),
        "{}",
        guessed.body
    );
    // With it, the answer reads as for a free address: the address's owner is told instead,
    // and there is no link to confirm.
    let taken = request_email_change(&me, "CSM@steward.test", DEMO_PASSWORD).await;
    let free = request_email_change(&me, "free@example.com", DEMO_PASSWORD).await;
    assert_eq!((taken.status, &taken.body), (free.status, &free.body));
    assert_eq!(
        app.number("SELECT COUNT(*) FROM one_time_tokens WHERE new_email = 'csm@steward.test'")
            .await,
        0
    );
    let notice = app
        .latest_mail("CSM@steward.test")
        .await
        .expect("the address's owner is told");
    assert_eq!(notice.template, "address_in_use");
    assert!(!notice.body_text.contains("token="), "{}", notice.body_text);

    // Taken between the request and the confirmation: the change is refused, nothing moves.
    let wanted = "wanted@example.com";
    let asked = request_email_change(&me, wanted, DEMO_PASSWORD).await;
    assert_eq!(asked.status, StatusCode::OK, "{}", asked.body);
    let token = app
        .mailed_token(wanted, "email_change", "/confirm-email")
        .await;
    let admin = app.sign_in("admin@steward.test").await;
    let invited = admin
        .call(
            "/api/people/invite",
            &[
                ("email", wanted),
                ("display_name", "Someone Else"),
                ("role", "analyst"),
            ],
        )
        .await;
    assert_eq!(invited.status, StatusCode::OK, "{}", invited.body);
    let conflict = confirm_email(&app, &token).await;
    assert_eq!(conflict.status, StatusCode::CONFLICT, "{}", conflict.body);
    assert_eq!(user_field(&app, id, "email").await.as_deref(), Some(email));

    // An expired link changes nothing either.
    let asked = request_email_change(&me, "later@example.com", DEMO_PASSWORD).await;
    assert_eq!(asked.status, StatusCode::OK, "{}", asked.body);
    let token = app
        .mailed_token("later@example.com", "email_change", "/confirm-email")
        .await;
    app.backdate(
        "UPDATE one_time_tokens SET expires_at = $1 WHERE purpose = 'email_change'",
        std::time::Duration::from_secs(60),
    )
    .await;
    let expired = confirm_email(&app, &token).await;
    assert_eq!(expired.status, StatusCode::BAD_REQUEST, "{}", expired.body);
    assert!(expired.body.contains("expired"), "{}", expired.body);
    assert_eq!(user_field(&app, id, "email").await.as_deref(), Some(email));
}

async fn wrong_current_passwords_count_against_the_sign_in_limit(backend: Backend) {
    let Some(app) = TestApp::seeded(backend).await else {
        return;
    };
    let email = "csm@steward.test";
    let id = app.user_id(email).await;
    let me = app.sign_in(email).await;
    let hash = user_field(&app, id, "password_hash").await;
    for guess in 0..5 {
        let wrong =
            change_password(&me, &format!("guess-{guess}"), NEW_PASSWORD, NEW_PASSWORD).await;
        assert_eq!(
            wrong.field_error("current"),
            "That is not your current password."
        );
    }
    // Now even the right password waits, here and at the sign-in form.
    let locked = change_password(&me, DEMO_PASSWORD, NEW_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(
        locked.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        locked.body
    );
    let email_change = request_email_change(&me, "new@example.com", DEMO_PASSWORD).await;
    assert_eq!(email_change.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        app.try_sign_in(email, DEMO_PASSWORD).await.status,
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(user_field(&app, id, "password_hash").await, hash);
    assert_eq!(app.number("SELECT COUNT(*) FROM one_time_tokens").await, 0);
}

async fn sessions_are_listed_and_others_can_be_signed_out(backend: Backend) {
    let Some(app) = TestApp::seeded(backend).await else {
        return;
    };
    let email = app.first_owner().await;
    let first = app.sign_in(&email).await;
    let second = app.sign_in(&email).await;
    let stranger = app.sign_in("admin@steward.test").await;

    let seen_by_first = sessions(&first).await;
    let seen_by_second = sessions(&second).await;
    assert_eq!(seen_by_first.len(), 2, "{seen_by_first:?}");
    let (a, b) = (current_ids(&seen_by_first), current_ids(&seen_by_second));
    assert_eq!(
        (a.len(), b.len()),
        (1, 1),
        "each browser sees itself as current"
    );
    assert_ne!(a, b);
    assert!(seen_by_first
        .iter()
        .all(|s| s["ip"] == "203.0.113.7" && s["created_at"].is_string()));

    let ended = first.call("/api/account/sign-out-others", &[]).await;
    assert_eq!(ended.status, StatusCode::OK, "{}", ended.body);
    assert_eq!(ended.json(), 1);
    let left = sessions(&first).await;
    assert_eq!(left.len(), 1);
    assert_eq!(current_ids(&left), a);
    assert_eq!(first.get("/portal").await.status, StatusCode::OK);
    assert_eq!(second.get("/portal").await.status, StatusCode::SEE_OTHER);
    assert_eq!(stranger.get("/cs").await.status, StatusCode::OK);
    assert_eq!(sessions(&stranger).await.len(), 1);
}
