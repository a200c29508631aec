//! Two-factor sign-in (issue 9, section 3): set up from the account page with a code, asked for
//! after the password (throttled like passwords, no code twice, recovery codes once), turned
//! off only with the password and a code, and required of platform staff by a platform setting.
use crate::{
    on_both_backends,
    support::{session_cookie, Backend, Client, TestApp, TestResponse},
};
use app::auth::server::totp::{code_at, TotpSecret, STEP_SECS};
use http::StatusCode;
use steward::seed::DEMO_PASSWORD;

on_both_backends!(
    setting_up_shows_a_qr_code_and_recovery_codes_once,
    signing_in_asks_for_a_code_after_the_password,
    wrong_codes_are_limited_like_passwords,
    three_wrong_codes_ask_for_the_password_again,
    turning_it_off_needs_the_password_and_a_code,
    the_platform_can_require_it_of_staff,
);

const PERSON: &str = "member@northwind.test";

/// The 6-digit code `steps` steps from now.
fn code(secret: &TotpSecret, steps: i64) -> String {
    let now = chrono::Utc::now().timestamp();
    format!("{:06}", code_at(secret, now + steps * STEP_SECS))
}

/// Sets up two-factor sign-in for `client`'s account; returns the secret and recovery codes.
async fn enrol(client: &Client<'_>) -> (TotpSecret, Vec<String>) {
    let begun = client.call("/api/two-factor/begin", &[]).await;
    assert_eq!(begun.status, StatusCode::OK, "{}", begun.body);
    let status = client.call("/api/two-factor/status", &[]).await.json();
    let key: String = status["setting_up"]["secret"]
        .as_str()
        .expect("a key to type in")
        .split_whitespace()
        .collect();
    let secret = TotpSecret::from_base32(&key).expect("the key is base32");
    let confirmed = client
        .call(
            "/api/two-factor/confirm",
            &[("code", &code(&secret, 0)), ("current", DEMO_PASSWORD)],
        )
        .await;
    assert_eq!(confirmed.status, StatusCode::OK, "{}", confirmed.body);
    let status = client.call("/api/two-factor/status", &[]).await.json();
    let codes = status["fresh_codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_owned())
        .collect();
    (secret, codes)
}

/// A browser past the password of `email`, waiting for its code.
async fn past_password<'a>(app: &'a TestApp, email: &str) -> Client<'a> {
    let res = app.try_sign_in(email, DEMO_PASSWORD).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(res.json(), "/sign-in/two-factor");
    Client {
        app,
        cookie: session_cookie(&res),
    }
}

/// Sends `code` from `browser`; a right one leaves it signed in (with its new session cookie).
async fn send_code<'a>(browser: &mut Client<'a>, code: &str) -> TestResponse {
    let res = browser
        .call("/api/auth/two-factor", &[("code", code)])
        .await;
    if let Some(cookie) = session_cookie(&res) {
        browser.cookie = Some(cookie);
    }
    res
}

async fn setting_up_shows_a_qr_code_and_recovery_codes_once(backend: Backend) {
    let Some(app) = TestApp::seeded(backend).await else {
        return;
    };
    let person = app.sign_in(PERSON).await;
    let off = person.call("/api/two-factor/status", &[]).await.json();
    assert!(
        off["on_since"].is_null() && off["setting_up"].is_null(),
        "{off}"
    );
    person.call("/api/two-factor/begin", &[]).await;
    let status = person.call("/api/two-factor/status", &[]).await.json();
    assert!(status["setting_up"]["qr_svg"]
        .as_str()
        .unwrap()
        .contains("<svg"));
    let account = person.get("/account").await;
    assert_eq!(
        account.header("cache-control"),
        Some("no-store"),
        "no cache keeps the key"
    );
    let page = account.body;
    assert!(
        page.contains("<svg") && page.contains("QR code"),
        "the page draws it"
    );
    // A wrong first code leaves it off, with the error at the field.
    let wrong = person
        .call(
            "/api/two-factor/confirm",
            &[("code", "000000"), ("current", DEMO_PASSWORD)],
        )
        .await;
    assert!(wrong.field_error("code").contains("not right"));
    // A session alone (without the password) cannot bind an app to the account.
    let no_password = person
        .call(
            "/api/two-factor/confirm",
            &[("code", "000000"), ("current", "not-my-password")],
        )
        .await;
    assert!(no_password
        .field_error("current")
        .contains("current password"));
    assert!(person.call("/api/two-factor/status", &[]).await.json()["on_since"].is_null());

    let (_, codes) = enrol(&person).await;
    assert_eq!(codes.len(), 10);
    let again = person.call("/api/two-factor/status", &[]).await.json();
    assert!(again["on_since"].is_string(), "{again}");
    assert_eq!(again["recovery_codes_left"], 10);
    assert!(
        again["fresh_codes"].as_array().unwrap().is_empty(),
        "shown once"
    );
    // Stored hashed: no code is in the database as it was shown.
    let user = app.user_id(PERSON).await;
    for shown in &codes {
        let plain: String = shown.chars().filter(|c| *c != '-').collect();
        let found = app
            .number(&format!(
                "SELECT COUNT(*) FROM recovery_codes WHERE user_id = {user} \
                 AND (code_hash = '{plain}' OR code_hash = '{shown}')"
            ))
            .await;
        assert_eq!(found, 0);
    }
    let note = app
        .number(&format!(
            "SELECT COUNT(*) FROM notifications WHERE user_id = {user} AND kind = 'security'"
        ))
        .await;
    assert_eq!(note, 1, "the change is notified");
    // Setting it up again while it is on is refused.
    let twice = person.call("/api/two-factor/begin", &[]).await;
    assert_eq!(twice.status, StatusCode::CONFLICT, "{}", twice.body);
}

async fn signing_in_asks_for_a_code_after_the_password(backend: Backend) {
    let Some(app) = TestApp::seeded(backend).await else {
        return;
    };
    let (secret, codes) = enrol(&app.sign_in(PERSON).await).await;
    let mut browser = past_password(&app, PERSON).await;
    // The password alone opens nothing.
    assert_eq!(browser.get("/partner").await.status, StatusCode::SEE_OTHER);
    let people = browser.call("/api/people/list", &[]).await;
    assert_eq!(people.status, StatusCode::UNAUTHORIZED);
    let wrong = send_code(&mut browser, "123456").await;
    assert!(wrong.field_error("code").contains("not right"));
    let next = code(&secret, 1);
    let right = send_code(&mut browser, &next).await;
    assert_eq!(right.status, StatusCode::OK, "{}", right.body);
    assert_eq!(right.json(), "/partner");
    assert_eq!(browser.get("/partner").await.status, StatusCode::OK);

    // The same code does not work twice, even from another browser.
    let mut other = past_password(&app, PERSON).await;
    let replay = send_code(&mut other, &next).await;
    assert!(replay.field_error("code").contains("not right"));
    // A recovery code works once.
    let recovery = send_code(&mut other, &codes[0].to_uppercase()).await;
    assert_eq!(recovery.status, StatusCode::OK, "{}", recovery.body);
    let mut third = past_password(&app, PERSON).await;
    let used = send_code(&mut third, &codes[0]).await;
    assert!(used.field_error("code").contains("not right"));
    // Without the password first, a code leads nowhere.
    let mut stranger = app.anonymous();
    let alone = send_code(&mut stranger, &codes[1]).await;
    assert_eq!(alone.status, StatusCode::CONFLICT, "{}", alone.body);
}

async fn wrong_codes_are_limited_like_passwords(backend: Backend) {
    let Some(app) = TestApp::seeded(backend).await else {
        return;
    };
    let (secret, _) = enrol(&app.sign_in(PERSON).await).await;
    let mut browser = past_password(&app, PERSON).await;
    for attempt in 0..5 {
        // Three wrong codes end a sign-in; the count goes on across the next one.
        if attempt == 3 {
            browser = past_password(&app, PERSON).await;
        }
        let wrong = send_code(&mut browser, "000000").await;
        assert_eq!(
            wrong.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            wrong.body
        );
    }
    let limited = send_code(&mut browser, &code(&secret, 1)).await;
    assert_eq!(
        limited.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        limited.body
    );
    assert_eq!(browser.get("/partner").await.status, StatusCode::SEE_OTHER);
}

async fn three_wrong_codes_ask_for_the_password_again(backend: Backend) {
    let Some(app) = TestApp::seeded(backend).await else {
        return;
    };
    let person = app.sign_in(PERSON).await;
    let (secret, codes) = enrol(&person).await;
    let mut browser = past_password(&app, PERSON).await;
    for _ in 0..3 {
        let wrong = send_code(&mut browser, "000000").await;
        assert_eq!(
            wrong.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            wrong.body
        );
    }
    let after = send_code(&mut browser, &code(&secret, 1)).await;
    assert_eq!(after.status, StatusCode::CONFLICT, "{}", after.body);
    // The owner is told once that someone knows their password.
    let user = app.user_id(PERSON).await;
    let told = app
        .number(&format!(
            "SELECT COUNT(*) FROM notifications WHERE user_id = {user} \
             AND title LIKE '%stopped at the code%'"
        ))
        .await;
    assert_eq!(told, 1);
    // Turning it off limits its codes too.
    let turn_off = |code: String| {
        let person = &person;
        async move {
            person
                .call(
                    "/api/two-factor/turn-off",
                    &[("current", DEMO_PASSWORD), ("code", &code)],
                )
                .await
        }
    };
    for _ in 0..2 {
        let res = turn_off("000000".into()).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
    }
    let res = turn_off(codes[0].clone()).await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS, "{}", res.body);
}

async fn turning_it_off_needs_the_password_and_a_code(backend: Backend) {
    let Some(app) = TestApp::seeded(backend).await else {
        return;
    };
    let person = app.sign_in(PERSON).await;
    let (_, codes) = enrol(&person).await;
    let off = |current: &'static str, code: String| {
        let person = &person;
        async move {
            person
                .call(
                    "/api/two-factor/turn-off",
                    &[("current", current), ("code", &code)],
                )
                .await
        }
    };
    let no_password = off("not-my-password", codes[0].clone()).await;
    assert!(no_password
        .field_error("current")
        .contains("current password"));
    let no_code = off(DEMO_PASSWORD, "000000".into()).await;
    assert!(no_code.field_error("code").contains("not right"));
    let done = off(DEMO_PASSWORD, codes[1].clone()).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    let user = app.user_id(PERSON).await;
    for table in ["two_factor", "recovery_codes"] {
        let left = app
            .number(&format!(
                "SELECT COUNT(*) FROM {table} WHERE user_id = {user}"
            ))
            .await;
        assert_eq!(left, 0, "{table}");
    }
    let res = app.try_sign_in(PERSON, DEMO_PASSWORD).await;
    assert_eq!(res.json(), "/partner", "the password alone signs in again");
}

async fn the_platform_can_require_it_of_staff(backend: Backend) {
    let Some(app) = TestApp::seeded(backend).await else {
        return;
    };
    let admin = app.sign_in("admin@steward.test").await;
    // Not by an admin without it (they would shut themselves out), never by other staff.
    let early = require(&admin).await;
    assert_eq!(early.status, StatusCode::CONFLICT, "{}", early.body);
    let csm = app.sign_in("csm@steward.test").await;
    assert_eq!(require(&csm).await.status, StatusCode::FORBIDDEN);
    let partner = app.sign_in(PERSON).await;
    assert_eq!(require(&partner).await.status, StatusCode::FORBIDDEN);

    enrol(&admin).await;
    let set = require(&admin).await;
    assert_eq!(set.status, StatusCode::OK, "{}", set.body);
    // Staff without it reach only their account settings until they turn it on.
    let console = csm.get("/cs").await;
    assert_eq!(console.status, StatusCode::SEE_OTHER);
    assert_eq!(
        console.header("location"),
        Some("/account?two_factor=required")
    );
    let api = csm.call("/api/people/list", &[]).await;
    assert_eq!(api.status, StatusCode::FORBIDDEN, "{}", api.body);
    // Nor through a path the router does not know but the page renderer normalizes.
    let sideways = csm.get("/x/../cs/admin/users").await;
    assert!(
        !sideways.body.contains("analyst@steward.test"),
        "no staff data: {}",
        sideways.status
    );
    let account = csm.get("/account?two_factor=required").await;
    assert_eq!(account.status, StatusCode::OK);
    assert!(account.body.contains("requires two-factor sign-in"));
    // Other surfaces are not affected.
    assert_eq!(partner.get("/partner").await.status, StatusCode::OK);
    enrol(&csm).await;
    assert_eq!(csm.get("/cs").await.status, StatusCode::OK);
    assert_eq!(admin.get("/cs").await.status, StatusCode::OK);
}

async fn require(client: &Client<'_>) -> TestResponse {
    client
        .call("/api/platform/require-two-factor", &[("required", "true")])
        .await
}
