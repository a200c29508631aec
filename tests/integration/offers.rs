//! Finding 1 of the security review (issue 9): inviting an existing account offers it a
//! membership that it accepts or declines. Until it accepts, the inviter sees only what they
//! typed, the role opens nothing, and only the invited account can answer.
use crate::{
    on_both_backends,
    support::{Backend, Client, TestApp, NEW_PASSWORD},
};
use http::StatusCode;

on_both_backends!(
    an_invited_existing_account_stays_hidden_until_it_accepts,
    a_declined_invitation_is_gone,
    only_the_invited_account_answers_its_invitation,
    an_invitation_link_accepts_only_its_own_inviters_offers,
    the_platform_lists_an_offered_account_as_itself_in_name_order,
);

const INVITEE: &str = "member@northwind.test";
const TYPED_NAME: &str = "Typed By Inviter";

/// The first demo owner invites `INVITEE` (an existing account of another tenant) to their
/// organization; returns the owner's browser, the organization's id and the offer's id.
async fn owner_invites(app: &TestApp) -> (Client<'_>, i64, String) {
    let owner_email = app.first_owner().await;
    let owner = app.sign_in(&owner_email).await;
    let org = app
        .number(&format!(
            "SELECT m.organization_id FROM memberships m JOIN users u ON u.id = m.user_id \
             WHERE u.email = '{owner_email}' AND m.scope = 'organization'"
        ))
        .await;
    let res = owner
        .call(
            "/api/people/invite",
            &[
                ("email", &INVITEE.to_uppercase()),
                ("display_name", TYPED_NAME),
                ("role", "member"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let offer = app
        .number(&format!(
            "SELECT m.id FROM memberships m JOIN users u ON u.id = m.user_id \
             WHERE u.email = '{INVITEE}' AND m.organization_id = {org}"
        ))
        .await
        .to_string();
    (owner, org, offer)
}

/// The people list as `client` sees it, searched for `q`.
async fn people(client: &Client<'_>, q: &str) -> serde_json::Value {
    let res = client.call("/api/people/list", &[("q", q)]).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    res.json()
}

async fn an_invited_existing_account_stays_hidden_until_it_accepts(backend: Backend) {
    let Some(app) = TestApp::seeded(backend).await else {
        return;
    };
    let real_name: String = app::on_db!(&app.db, pool => {
        sqlx::query_scalar("SELECT display_name FROM users WHERE email = $1")
            .bind(INVITEE)
            .fetch_one(pool)
            .await
    })
    .unwrap();
    let invitee = app.sign_in(INVITEE).await;
    let (owner, org, offer) = owner_invites(&app).await;
    let mail = app.latest_mail(INVITEE).await.expect("the invitee is told");
    assert_eq!(mail.template, "notification");
    assert!(mail.body_text.contains("/account"), "{}", mail.body_text);

    // The inviter sees what they typed, as an invitation nobody has answered.
    let listed = people(&owner, "").await;
    let row = listed["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["membership"]["id"].as_i64() == offer.parse().ok())
        .expect("the invitation is listed")
        .clone();
    assert_eq!(row["display_name"], TYPED_NAME);
    assert_eq!(row["email"], INVITEE.to_uppercase());
    assert_eq!(row["status"], "invited");
    assert!(row["id"].is_null(), "no account id either: {row}");
    assert!(row["last_login_at"].is_null());
    // Searching for the real name or filtering on the real status finds nothing either.
    assert_eq!(people(&owner, &real_name).await["total"], 0);
    let active = owner
        .call("/api/people/list", &[("status", "active"), ("q", INVITEE)])
        .await;
    assert_eq!(active.json()["total"], 0, "{}", active.body);
    let page = owner.get("/portal/team").await.body;
    assert!(page.contains(TYPED_NAME) && !page.contains(&real_name));

    // The offered role opens nothing yet.
    let switch = invitee
        .call("/api/auth/switch-scope", &[("membership", &offer)])
        .await;
    assert_eq!(switch.status, StatusCode::NOT_FOUND, "{}", switch.body);

    // The invitee sees it on their account page and accepts it.
    let offers = invitee.call("/api/account/invitations", &[]).await;
    assert_eq!(offers.status, StatusCode::OK, "{}", offers.body);
    let listed = offers.json();
    assert_eq!(listed.as_array().unwrap().len(), 1, "{listed}");
    assert_eq!(listed[0]["id"].as_i64(), offer.parse().ok());
    assert!(invitee.get("/account").await.body.contains("Invitations"));
    let accepted = invitee
        .call("/api/account/invitations/accept", &[("membership", &offer)])
        .await;
    assert_eq!(accepted.status, StatusCode::OK, "{}", accepted.body);
    let unread = invitee.call("/api/notifications/unread", &[]).await;
    assert_eq!(unread.json(), 0, "answered, its notification is settled");
    assert_eq!(
        app.number(&format!(
            "SELECT COUNT(*) FROM memberships WHERE id = {offer} AND accepted_at IS NOT NULL \
             AND invited_name IS NULL AND invited_email IS NULL"
        ))
        .await,
        1
    );
    assert_eq!(
        app.number(&format!(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'membership.accepted' AND organization_id = {org}"
        ))
        .await,
        1
    );
    // Now the role works, and the inviter sees the account as it is.
    let switch = invitee
        .call("/api/auth/switch-scope", &[("membership", &offer)])
        .await;
    assert_eq!(switch.status, StatusCode::OK, "{}", switch.body);
    let listed = people(&owner, &real_name).await;
    assert_eq!(listed["total"], 1, "{listed}");
    assert_eq!(listed["items"][0]["email"], INVITEE);
    assert_eq!(listed["items"][0]["status"], "active");
    assert!(invitee
        .call("/api/account/invitations", &[])
        .await
        .json()
        .as_array()
        .unwrap()
        .is_empty());
}

async fn a_declined_invitation_is_gone(backend: Backend) {
    let Some(app) = TestApp::seeded(backend).await else {
        return;
    };
    let invitee = app.sign_in(INVITEE).await;
    let (owner, org, offer) = owner_invites(&app).await;
    let declined = invitee
        .call(
            "/api/account/invitations/decline",
            &[("membership", &offer)],
        )
        .await;
    assert_eq!(declined.status, StatusCode::OK, "{}", declined.body);
    assert_eq!(
        app.number(&format!(
            "SELECT COUNT(*) FROM memberships WHERE id = {offer}"
        ))
        .await,
        0
    );
    assert_eq!(people(&owner, TYPED_NAME).await["total"], 0);
    // The audit entry in the inviting organization names the address, not the other roles.
    let label: String = app::on_db!(&app.db, pool => {
        sqlx::query_scalar("SELECT actor_label FROM audit_log WHERE action = 'membership.declined' AND organization_id = $1")
            .bind(org)
            .fetch_one(pool)
            .await
    })
    .unwrap();
    assert_eq!(label, INVITEE);
    // Answering again finds nothing.
    let again = invitee
        .call("/api/account/invitations/accept", &[("membership", &offer)])
        .await;
    assert_eq!(again.status, StatusCode::NOT_FOUND, "{}", again.body);
}

async fn only_the_invited_account_answers_its_invitation(backend: Backend) {
    let Some(app) = TestApp::seeded(backend).await else {
        return;
    };
    let (owner, _, offer) = owner_invites(&app).await;
    let other = app.sign_in("admin@bluebird.test").await;
    let before = app.snapshot().await;
    for path in [
        "/api/account/invitations/accept",
        "/api/account/invitations/decline",
    ] {
        // Neither the inviter nor another tenant's admin can answer it for the invitee.
        for client in [&owner, &other] {
            let res = client.call(path, &[("membership", &offer)]).await;
            assert_eq!(res.status, StatusCode::NOT_FOUND, "{path}: {}", res.body);
        }
        let res = app.anonymous().call(path, &[("membership", &offer)]).await;
        assert_eq!(res.status, StatusCode::UNAUTHORIZED, "{path}: {}", res.body);
    }
    let others = owner.call("/api/account/invitations", &[]).await;
    assert!(
        others.json().as_array().unwrap().is_empty(),
        "{}",
        others.body
    );
    assert_eq!(app.snapshot().await, before, "nothing changed");
}

async fn an_invitation_link_accepts_only_its_own_inviters_offers(backend: Backend) {
    let Some(app) = TestApp::seeded(backend).await else {
        return;
    };
    let newcomer = "newcomer@example.com";
    let admin = app.sign_in("admin@steward.test").await;
    let res = admin
        .call(
            "/api/people/invite",
            &[
                ("email", newcomer),
                ("display_name", "New Comer"),
                ("role", "analyst"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let token = app
        .mailed_token(newcomer, "invitation", "/accept-invitation")
        .await;
    // Another tenant invites the same address before it is set up.
    let owner = app.sign_in(&app.first_owner().await).await;
    let res = owner
        .call(
            "/api/people/invite",
            &[
                ("email", newcomer),
                ("display_name", "Typed"),
                ("role", "member"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let accepted = app
        .call(
            "/api/auth/accept-invitation",
            &[
                ("token", &token),
                ("display_name", "Real Name"),
                ("password", NEW_PASSWORD),
                ("confirm", NEW_PASSWORD),
            ],
        )
        .await;
    assert_eq!(accepted.status, StatusCode::OK, "{}", accepted.body);
    let state = |scope: &str| {
        format!(
            "SELECT COUNT(*) FROM memberships m JOIN users u ON u.id = m.user_id \
             WHERE u.email = '{newcomer}' AND m.scope = '{scope}' AND m.accepted_at IS NOT NULL"
        )
    };
    assert_eq!(
        app.number(&state("platform")).await,
        1,
        "the link's own offer"
    );
    assert_eq!(
        app.number(&state("organization")).await,
        0,
        "the other waits"
    );
    let listed = people(&owner, "").await;
    assert!(
        !listed.to_string().contains("Real Name"),
        "the other inviter still sees only what they typed"
    );
}

/// Platform staff may open every account, so their list shows an account offered a platform
/// role as itself (invited until it accepts, with the offered role), and pages by name.
async fn the_platform_lists_an_offered_account_as_itself_in_name_order(backend: Backend) {
    let Some(app) = TestApp::seeded(backend).await else {
        return;
    };
    let admin = app.sign_in("admin@steward.test").await;
    let res = admin
        .call(
            "/api/people/invite",
            &[
                ("email", INVITEE),
                ("display_name", TYPED_NAME),
                ("role", "analyst"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let listed = people(&admin, INVITEE).await;
    assert_eq!(listed["total"], 1, "{listed}");
    let row = &listed["items"][0];
    assert_ne!(row["display_name"], TYPED_NAME, "the account itself: {row}");
    assert!(row["id"].as_i64().is_some(), "{row}");
    assert_eq!(row["status"], "invited", "{row}");
    assert_eq!(row["membership"]["role"], "analyst", "{row}");
    let invited = admin
        .call("/api/people/list", &[("status", "invited"), ("q", INVITEE)])
        .await;
    assert_eq!(invited.json()["total"], 1, "{}", invited.body);
    let active = admin
        .call("/api/people/list", &[("status", "active"), ("q", INVITEE)])
        .await;
    assert_eq!(active.json()["total"], 0, "{}", active.body);
    // Disabled, it shows as disabled, offer or not, so it can be enabled again from the list.
    let user = row["id"].to_string();
    let res = admin
        .call(
            "/api/people/set-disabled",
            &[("user", user.as_str()), ("disabled", "true")],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(
        people(&admin, INVITEE).await["items"][0]["status"],
        "disabled"
    );

    // Every account, a page at a time, by name whatever the letter case.
    let first = people(&admin, "").await;
    let total = app.number("SELECT COUNT(*) FROM users").await;
    assert_eq!(first["total"], total);
    let names: Vec<String> = first["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["display_name"].as_str().unwrap().to_lowercase())
        .collect();
    assert!(names.len() > 1 && names.is_sorted(), "{names:?}");
}
