//! The notification centre (issue 9, section 2): notifications are made with what they tell of,
//! listed and counted for their person only, opened (read) to their subject, and e-mailed as
//! each person's preference per kind says.
use crate::{
    on_both_backends,
    support::{Backend, Client, TestApp, NEW_PASSWORD},
};
use http::StatusCode;
use steward::seed;

on_both_backends!(
    an_invitation_notifies_and_opening_it_marks_it_read,
    email_follows_the_preference_of_each_kind,
    nobody_reaches_another_persons_notifications,
);

const INVITEE: &str = "member@northwind.test";

/// `inviter` invites `INVITEE` to their own scope as `role`.
async fn invite(app: &TestApp, inviter: &str, role: &str) {
    let inviter = app.sign_in(inviter).await;
    let res = inviter
        .call(
            "/api/people/invite",
            &[
                ("email", INVITEE),
                ("display_name", "Someone"),
                ("role", role),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
}

/// The first demo owner invites `INVITEE` to their organization.
async fn invite_existing(app: &TestApp) {
    invite(app, &app.first_owner().await, "member").await;
}

/// A platform admin invites `INVITEE` to the platform.
async fn invite_existing_elsewhere(app: &TestApp) {
    invite(app, "admin@steward.test", "analyst").await;
}

async fn unread(client: &Client<'_>) -> i64 {
    let res = client.call("/api/notifications/unread", &[]).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    res.json().as_i64().unwrap()
}

async fn listed(client: &Client<'_>) -> serde_json::Value {
    let res = client.call("/api/notifications/list", &[]).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    res.json()
}

async fn mails_to(app: &TestApp, address: &str) -> i64 {
    app.number(&format!(
        "SELECT COUNT(*) FROM outbox WHERE recipient = '{address}'"
    ))
    .await
}

async fn an_invitation_notifies_and_opening_it_marks_it_read(backend: Backend) {
    let Some(app) = TestApp::seeded(backend).await else {
        return;
    };
    let invitee = app.sign_in(INVITEE).await;
    assert_eq!(unread(&invitee).await, 0);
    invite_existing(&app).await;
    assert_eq!(unread(&invitee).await, 1);
    let list = listed(&invitee).await;
    assert_eq!(list["total"], 1, "{list}");
    let note = &list["items"][0];
    assert!(
        note["title"].as_str().unwrap().contains("invited you to"),
        "{note}"
    );
    assert_eq!(note["read"], false);
    assert_eq!(note["link"], "/account");
    // The layout shows the count on every page.
    let page = invitee.get("/partner").await.body;
    assert!(
        page.contains("1<span class=\"sr-only\"> unread notifications"),
        "{page}"
    );
    let centre = invitee.get("/account/notifications").await;
    assert_eq!(centre.status, StatusCode::OK);
    assert!(centre.body.contains("invited you to"));

    // Opening it (a plain form post) marks it read and goes to its subject.
    let id = note["id"].as_i64().unwrap().to_string();
    let opened = invitee
        .post_form(
            "/api/notifications/open",
            &[("notification", &id)],
            "/account/notifications",
        )
        .await;
    assert_eq!(opened.status, StatusCode::FOUND, "{}", opened.body);
    assert_eq!(opened.header("location"), Some("/account"));
    assert_eq!(unread(&invitee).await, 0);
    assert_eq!(listed(&invitee).await["items"][0]["read"], true);

    // A second one, then "mark all as read".
    invite_existing_elsewhere(&app).await;
    assert_eq!(unread(&invitee).await, 1);
    let all = invitee.call("/api/notifications/mark-all-read", &[]).await;
    assert_eq!(all.status, StatusCode::OK, "{}", all.body);
    assert_eq!(unread(&invitee).await, 0);
}

async fn email_follows_the_preference_of_each_kind(backend: Backend) {
    let Some(app) = TestApp::seeded(backend).await else {
        return;
    };
    let invitee = app.sign_in(INVITEE).await;
    let prefs = invitee.call("/api/notifications/preferences", &[]).await;
    assert_eq!(prefs.status, StatusCode::OK, "{}", prefs.body);
    assert!(
        prefs
            .json()
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["email"] == true),
        "e-mail is on by default: {}",
        prefs.body
    );
    invite_existing(&app).await;
    assert_eq!(mails_to(&app, INVITEE).await, 1, "e-mailed by default");
    let mail = app.latest_mail(INVITEE).await.unwrap();
    assert_eq!(mail.template, "notification");

    // Invitations in the centre only; sign-in changes are always e-mailed (not even offered).
    let saved = invitee
        .call("/api/notifications/save-preferences", &[])
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    let prefs = invitee
        .call("/api/notifications/preferences", &[])
        .await
        .json();
    assert_eq!(prefs.as_array().unwrap().len(), 1, "{prefs}");
    assert_eq!(prefs[0]["kind"], "invitation");
    assert_eq!(prefs[0]["email"], false);
    invite_existing_elsewhere(&app).await;
    assert_eq!(mails_to(&app, INVITEE).await, 1, "no e-mail for the second");
    assert_eq!(unread(&invitee).await, 2, "but it is in the centre");

    let changed = invitee
        .call(
            "/api/account/password",
            &[
                ("current", seed::DEMO_PASSWORD),
                ("password", NEW_PASSWORD),
                ("confirm", NEW_PASSWORD),
            ],
        )
        .await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.body);
    assert_eq!(mails_to(&app, INVITEE).await, 2);
    let mail = app.latest_mail(INVITEE).await.unwrap();
    assert!(
        mail.subject.contains("password was changed"),
        "{}",
        mail.subject
    );
}

async fn nobody_reaches_another_persons_notifications(backend: Backend) {
    let Some(app) = TestApp::seeded(backend).await else {
        return;
    };
    invite_existing(&app).await;
    let id = app
        .number("SELECT id FROM notifications ORDER BY id DESC LIMIT 1")
        .await
        .to_string();
    let other = app.sign_in("admin@bluebird.test").await;
    let before = app.snapshot().await;
    assert_eq!(listed(&other).await["total"], 0);
    assert_eq!(unread(&other).await, 0);
    for path in ["/api/notifications/open", "/api/notifications/mark-read"] {
        let res = other.call(path, &[("notification", &id)]).await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{path}: {}", res.body);
        let res = app.anonymous().call(path, &[("notification", &id)]).await;
        assert_eq!(res.status, StatusCode::UNAUTHORIZED, "{path}: {}", res.body);
    }
    let res = other.call("/api/notifications/mark-all-read", &[]).await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(
        app.snapshot().await,
        before,
        "nothing of the invitee's changed"
    );
    assert_eq!(
        app.anonymous()
            .call("/api/notifications/list", &[])
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
}
