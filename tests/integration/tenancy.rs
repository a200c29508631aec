//! Tenant isolation: a user of one tenant reaches nothing of another, whatever ids they send.
//! Every refused call is followed by a check that the database did not change, and every
//! suite ends with the same call on the user's own tenant succeeding, so the refusals are not
//! malformed requests.
use crate::{
    on_both_backends,
    support::{Backend, Client, TestApp, TestResponse},
};
use http::StatusCode;
use std::collections::BTreeSet;

on_both_backends!(
    partner_admins_reach_only_their_own_organizations,
    people_managers_reach_only_memberships_in_their_tenant,
    organization_lists_stay_within_the_tenant,
    people_lists_stay_within_the_scope,
    tenant_users_cannot_call_platform_functions,
    analysts_read_everything_and_change_nothing,
    only_platform_admins_manage_partners_and_accounts,
    partner_members_and_organization_members_manage_no_one,
    scope_switch_is_limited_to_the_users_own_memberships,
    surfaces_refuse_users_of_another_scope,
    suspended_partners_and_archived_organizations_lock_their_people_out,
);

const FORBIDDEN: StatusCode = StatusCode::FORBIDDEN;
const NOT_FOUND: StatusCode = StatusCode::NOT_FOUND;

/// The demo tenants' ids, looked up by what the seed names them.
struct Demo {
    northwind: i64,
    bluebird: i64,
    /// The first organization: a Northwind customer.
    northwind_org: i64,
    bluebird_org: i64,
    /// A customer without a partner.
    direct_org: i64,
    owner: String,
}

impl Demo {
    async fn of(app: &TestApp) -> Self {
        let partner = |slug: &str| format!("SELECT id FROM partners WHERE slug = '{slug}'");
        let org_of = |slug: &str| {
            format!(
                "SELECT o.id FROM organizations o JOIN partners p ON p.id = o.partner_id \
                 WHERE p.slug = '{slug}' ORDER BY o.id LIMIT 1"
            )
        };
        Self {
            northwind: app.number(&partner("northwind")).await,
            bluebird: app.number(&partner("bluebird")).await,
            northwind_org: app.number(&org_of("northwind")).await,
            bluebird_org: app.number(&org_of("bluebird")).await,
            direct_org: app
                .number("SELECT id FROM organizations WHERE partner_id IS NULL ORDER BY id LIMIT 1")
                .await,
            owner: app.first_owner().await,
        }
    }
}

/// The e-mail of the owner of organization `id`.
async fn owner_of(app: &TestApp, organization: i64) -> String {
    app::on_db!(&app.db, pool => sqlx::query_scalar(
        "SELECT u.email FROM memberships m JOIN users u ON u.id = m.user_id \
         WHERE m.organization_id = $1 AND m.role = 'owner'",
    )
    .bind(organization)
    .fetch_one(pool)
    .await
    .unwrap())
}

/// A call and the refusal it must get.
type Attempt<'a> = (StatusCode, &'a str, Vec<(&'a str, String)>);

/// Makes every attempt as `client`, checks each is refused as expected, then that the database
/// is exactly as before.
async fn all_refused(app: &TestApp, client: &Client<'_>, attempts: &[Attempt<'_>]) {
    let before = app.snapshot().await;
    for (status, path, form) in attempts {
        let res = call(client, path, form).await;
        assert_eq!(res.status, *status, "{path} {form:?}: {}", res.body);
    }
    assert_eq!(
        app.snapshot().await,
        before,
        "refused calls changed nothing"
    );
}

async fn call(client: &Client<'_>, path: &str, form: &[(&str, String)]) -> TestResponse {
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    client.call(path, &form).await
}

async fn ok(client: &Client<'_>, path: &str, form: &[(&str, String)]) -> serde_json::Value {
    let res = call(client, path, form).await;
    assert_eq!(res.status, StatusCode::OK, "{path} {form:?}: {}", res.body);
    res.json()
}

fn form<const N: usize>(pairs: [(&'static str, &str); N]) -> Vec<(&'static str, String)> {
    pairs.into_iter().map(|(k, v)| (k, v.to_owned())).collect()
}

async fn org_row(app: &TestApp, id: i64) -> (Option<i64>, String, String) {
    app::on_db!(&app.db, pool => sqlx::query_as("SELECT partner_id, name, status FROM organizations WHERE id = $1")
        .bind(id)
        .fetch_one(pool)
        .await
        .unwrap())
}

async fn role_of(app: &TestApp, membership: &str) -> String {
    let id: i64 = membership.parse().unwrap();
    app::on_db!(&app.db, pool => sqlx::query_scalar("SELECT role FROM memberships WHERE id = $1")
        .bind(id)
        .fetch_one(pool)
        .await
        .unwrap())
}

fn invite_form(email: &str, role: &str, organization: Option<i64>) -> Vec<(&'static str, String)> {
    let mut form = form([("email", email), ("display_name", "Spy"), ("role", role)]);
    if let Some(id) = organization {
        form.push(("organization", id.to_string()));
    }
    form
}

fn org_update_form(
    organization: i64,
    name: &str,
    status: &str,
    partner: Option<i64>,
) -> Vec<(&'static str, String)> {
    let mut form = form([("name", name), ("status", status)]);
    form.push(("organization", organization.to_string()));
    if let Some(id) = partner {
        form.push(("partner", id.to_string()));
    }
    form
}

async fn partner_admins_reach_only_their_own_organizations(backend: Backend) {
    let Some(app) = TestApp::seeded(backend).await else {
        return;
    };
    let demo = Demo::of(&app).await;
    let northwind = app.sign_in("admin@northwind.test").await;
    let bluebird_before = org_row(&app, demo.bluebird_org).await;
    let update = "/api/organizations/update";
    let invite = "/api/people/invite";
    #[rustfmt::skip]
    let attempts = [
        (NOT_FOUND, update, org_update_form(demo.bluebird_org, "Hijacked", "cancelled", Some(demo.bluebird))),
        (NOT_FOUND, update, org_update_form(demo.bluebird_org, "Hijacked", "active", Some(demo.northwind))),
        (NOT_FOUND, update, org_update_form(demo.direct_org, "Hijacked", "cancelled", None)),
        (NOT_FOUND, update, org_update_form(demo.direct_org, "Hijacked", "active", Some(demo.northwind))),
        // Its own customer cannot be handed to another partner either.
        (FORBIDDEN, update, org_update_form(demo.northwind_org, "Quarry", "active", Some(demo.bluebird))),
        (NOT_FOUND, invite, invite_form("spy@example.com", "owner", Some(demo.bluebird_org))),
        (NOT_FOUND, invite, invite_form("spy@example.com", "member", Some(demo.direct_org))),
    ];
    all_refused(&app, &northwind, &attempts).await;
    assert_eq!(org_row(&app, demo.bluebird_org).await, bluebird_before);

    // Its own customer: editable, and people can be invited into it.
    ok(
        &northwind,
        update,
        &org_update_form(
            demo.northwind_org,
            "Quarry Renamed",
            "past_due",
            Some(demo.northwind),
        ),
    )
    .await;
    assert_eq!(
        org_row(&app, demo.northwind_org).await,
        (
            Some(demo.northwind),
            "Quarry Renamed".into(),
            "past_due".into()
        )
    );
    ok(
        &northwind,
        invite,
        &invite_form("new.member@example.com", "member", Some(demo.northwind_org)),
    )
    .await;
    let joined = app
        .number(&format!(
            "SELECT COUNT(*) FROM memberships m JOIN users u ON u.id = m.user_id \
             WHERE u.email = 'new.member@example.com' AND m.organization_id = {}",
            demo.northwind_org
        ))
        .await;
    assert_eq!(joined, 1);

    // A new customer is always its own, whatever partner the request names.
    let mut create = form([
        ("name", "Injected Co"),
        ("owner_email", "owner@injected.example"),
        ("owner_name", "Ina Jected"),
    ]);
    create.push(("partner", demo.bluebird.to_string()));
    let id = ok(&northwind, "/api/organizations/create", &create)
        .await
        .as_i64()
        .expect("the new organization's id");
    assert_eq!(org_row(&app, id).await.0, Some(demo.northwind));
}

async fn people_managers_reach_only_memberships_in_their_tenant(backend: Backend) {
    let Some(app) = TestApp::seeded(backend).await else {
        return;
    };
    let demo = Demo::of(&app).await;
    let bluebird_member = app.membership_id("member@bluebird.test", "partner").await;
    let northwind_member = app.membership_id("member@northwind.test", "partner").await;
    let bluebird_org_owner = owner_of(&app, demo.bluebird_org).await;
    let bluebird_org_owner = app.membership_id(&bluebird_org_owner, "organization").await;
    let direct_owner = owner_of(&app, demo.direct_org).await;
    let direct_member = app
        .membership_id(&direct_owner.replace("owner@", "member1@"), "organization")
        .await;
    let direct_owner = app.membership_id(&direct_owner, "organization").await;
    let csm = app.membership_id("csm@steward.test", "platform").await;
    let admin = app.membership_id("admin@steward.test", "platform").await;
    let own_member = app
        .membership_id(&demo.owner.replace("owner@", "member1@"), "organization")
        .await;
    let own_owner = app.membership_id(&demo.owner, "organization").await;
    let role = "/api/people/change-role";
    let remove = "/api/people/remove";
    let invite = "/api/people/invite";

    let northwind = app.sign_in("admin@northwind.test").await;
    #[rustfmt::skip]
    let attempts = [
        (NOT_FOUND, role, form([("membership", &bluebird_member), ("role", "partner_admin")])),
        (NOT_FOUND, remove, form([("membership", &bluebird_member)])),
        (NOT_FOUND, role, form([("membership", &bluebird_org_owner), ("role", "member")])),
        (NOT_FOUND, remove, form([("membership", &bluebird_org_owner)])),
        (NOT_FOUND, role, form([("membership", &direct_owner), ("role", "member")])),
        (NOT_FOUND, remove, form([("membership", &direct_member)])),
        (NOT_FOUND, role, form([("membership", &csm), ("role", "admin")])),
        (NOT_FOUND, remove, form([("membership", &admin)])),
        (NOT_FOUND, role, form([("membership", "999999"), ("role", "member")])),
    ];
    all_refused(&app, &northwind, &attempts).await;

    let owner = app.sign_in(&demo.owner).await;
    #[rustfmt::skip]
    let attempts = [
        (NOT_FOUND, role, form([("membership", &direct_member), ("role", "owner")])),
        (NOT_FOUND, remove, form([("membership", &direct_member)])),
        (NOT_FOUND, remove, form([("membership", &bluebird_org_owner)])),
        (NOT_FOUND, role, form([("membership", &northwind_member), ("role", "partner_admin")])),
        (NOT_FOUND, remove, form([("membership", &northwind_member)])),
        (NOT_FOUND, role, form([("membership", &csm), ("role", "analyst")])),
        (NOT_FOUND, invite, invite_form("spy@example.com", "member", Some(demo.direct_org))),
        (NOT_FOUND, invite, invite_form("spy@example.com", "owner", Some(demo.bluebird_org))),
        (StatusCode::CONFLICT, role, form([("membership", &own_owner), ("role", "member")])),
    ];
    all_refused(&app, &owner, &attempts).await;

    // Within their own tenants both manage people.
    ok(
        &owner,
        role,
        &form([("membership", &own_member), ("role", "owner")]),
    )
    .await;
    assert_eq!(role_of(&app, &own_member).await, "owner");
    ok(
        &northwind,
        role,
        &form([("membership", &own_member), ("role", "member")]),
    )
    .await;
    assert_eq!(role_of(&app, &own_member).await, "member");
    ok(
        &northwind,
        remove,
        &form([("membership", &northwind_member)]),
    )
    .await;
    let left = app
        .number(&format!(
            "SELECT COUNT(*) FROM memberships WHERE id = {northwind_member}"
        ))
        .await;
    assert_eq!(left, 0);
}

async fn org_list(client: &Client<'_>, form: &[(&str, String)]) -> Vec<(i64, Option<i64>)> {
    let page = ok(client, "/api/organizations/list", form).await;
    let rows: Vec<(i64, Option<i64>)> = page["items"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|row| (row["id"].as_i64().unwrap(), row["partner_id"].as_i64()))
        .collect();
    assert_eq!(page["total"].as_i64(), Some(rows.len() as i64), "{page}");
    rows
}

async fn organization_lists_stay_within_the_tenant(backend: Backend) {
    let Some(app) = TestApp::seeded(backend).await else {
        return;
    };
    let demo = Demo::of(&app).await;
    let everything = org_list(&app.sign_in("admin@steward.test").await, &[]).await;
    assert_eq!(everything.len(), 3, "platform staff see every organization");
    let bluebird_only = org_list(
        &app.sign_in("csm@steward.test").await,
        &[("filter[partner]", demo.bluebird.to_string())],
    )
    .await;
    assert!(
        !bluebird_only.is_empty() && bluebird_only.iter().all(|(_, p)| *p == Some(demo.bluebird)),
        "the filter is applied: {bluebird_only:?}"
    );

    let northwind = app.sign_in("admin@northwind.test").await;
    let own = org_list(&northwind, &[]).await;
    let expected = app
        .number(&format!(
            "SELECT COUNT(*) FROM organizations WHERE partner_id = {}",
            demo.northwind
        ))
        .await;
    assert_eq!(own.len() as i64, expected);
    assert!(own.contains(&(demo.northwind_org, Some(demo.northwind))));
    assert!(
        own.iter()
            .all(|(_, partner)| *partner == Some(demo.northwind)),
        "{own:?}"
    );
    // Asking for another partner's, or the direct customers, finds nothing.
    for partner in [demo.bluebird.to_string(), "direct".into()] {
        let filtered = org_list(&northwind, &[("filter[partner]", partner.clone())]).await;
        assert!(filtered.is_empty(), "partner={partner}: {filtered:?}");
    }
    let searched = org_list(&northwind, &[("filter[q]", "a".into())]).await;
    assert!(searched.iter().all(|(_, p)| *p == Some(demo.northwind)));

    let owner = app.sign_in(&demo.owner).await;
    assert_eq!(
        org_list(&owner, &[]).await,
        vec![(demo.northwind_org, Some(demo.northwind))]
    );
    let filtered = org_list(&owner, &[("filter[partner]", demo.bluebird.to_string())]).await;
    assert!(filtered.is_empty());
}

async fn people_emails(client: &Client<'_>, form: &[(&str, String)]) -> BTreeSet<String> {
    let page = ok(client, "/api/people/list", form).await;
    let people = page["items"].as_array().expect("a list");
    assert_eq!(page["total"].as_i64(), Some(people.len() as i64), "{page}");
    people
        .iter()
        .map(|person| {
            assert!(
                person["membership"].is_object(),
                "everyone listed has a role here: {person}"
            );
            person["email"].as_str().unwrap().to_owned()
        })
        .collect()
}

async fn emails_in(app: &TestApp, condition: &str) -> BTreeSet<String> {
    let sql = format!(
        "SELECT u.email FROM memberships m JOIN users u ON u.id = m.user_id WHERE {condition}"
    );
    app::on_db!(&app.db, pool => sqlx::query_scalar(&sql).fetch_all(pool).await.unwrap())
        .into_iter()
        .collect()
}

async fn people_lists_stay_within_the_scope(backend: Backend) {
    let Some(app) = TestApp::seeded(backend).await else {
        return;
    };
    let demo = Demo::of(&app).await;
    let owner = app.sign_in(&demo.owner).await;
    let expected = emails_in(&app, &format!("m.organization_id = {}", demo.northwind_org)).await;
    assert!(expected.contains("admin@northwind.test") && expected.len() >= 2);
    assert_eq!(people_emails(&owner, &[]).await, expected);
    let search = people_emails(&owner, &[("q", "bluebird".into())]).await;
    assert!(search.is_empty(), "{search:?}");

    let member = app.sign_in("member@northwind.test").await;
    assert_eq!(
        people_emails(&member, &[]).await,
        BTreeSet::from([
            "admin@northwind.test".into(),
            "member@northwind.test".into()
        ])
    );
    let everyone = app.number("SELECT COUNT(*) FROM users").await;
    let platform = ok(
        &app.sign_in("csm@steward.test").await,
        "/api/people/list",
        &[],
    )
    .await;
    assert_eq!(platform["total"].as_i64(), Some(everyone));
}

/// Calls only platform staff may make, refused to everyone else with 403.
async fn platform_only_attempts(app: &TestApp) -> Vec<Attempt<'static>> {
    let demo = Demo::of(app).await;
    let csm = app.user_id("csm@steward.test").await.to_string();
    let northwind = demo.northwind.to_string();
    vec![
        (FORBIDDEN, "/api/partners/list", vec![]),
        (
            FORBIDDEN,
            "/api/partners/create",
            form([("name", "Rogue Partner")]),
        ),
        (
            FORBIDDEN,
            "/api/partners/update",
            form([
                ("partner", &northwind),
                ("name", "Renamed"),
                ("status", "suspended"),
            ]),
        ),
        (FORBIDDEN, "/api/people/detail", form([("user", &csm)])),
        (
            FORBIDDEN,
            "/api/people/set-disabled",
            form([("user", &csm), ("disabled", "true")]),
        ),
        (FORBIDDEN, "/api/outbox/list", vec![]),
        (FORBIDDEN, "/api/audit/list", vec![]),
    ]
}

async fn tenant_users_cannot_call_platform_functions(backend: Backend) {
    let Some(app) = TestApp::seeded(backend).await else {
        return;
    };
    let attempts = platform_only_attempts(&app).await;
    let owner = app.first_owner().await;
    for email in [
        "admin@northwind.test",
        "member@northwind.test",
        owner.as_str(),
    ] {
        let client = app.sign_in(email).await;
        all_refused(&app, &client, &attempts).await;
    }
    let partners = ok(
        &app.sign_in("admin@steward.test").await,
        "/api/partners/list",
        &[],
    )
    .await;
    assert_eq!(partners.as_array().map(Vec::len), Some(3));
}

async fn analysts_read_everything_and_change_nothing(backend: Backend) {
    let Some(app) = TestApp::seeded(backend).await else {
        return;
    };
    let demo = Demo::of(&app).await;
    let csm2 = app.membership_id("csm2@steward.test", "platform").await;
    let csm2_user = app.user_id("csm2@steward.test").await.to_string();
    let analyst = app.sign_in("analyst@steward.test").await;
    let northwind = demo.northwind.to_string();
    #[rustfmt::skip]
    let attempts = [
        (FORBIDDEN, "/api/people/invite", invite_form("spy@example.com", "csm", None)),
        (FORBIDDEN, "/api/people/invite", invite_form("spy@example.com", "owner", Some(demo.northwind_org))),
        (FORBIDDEN, "/api/people/change-role", form([("membership", &csm2), ("role", "analyst")])),
        (FORBIDDEN, "/api/people/remove", form([("membership", &csm2)])),
        (FORBIDDEN, "/api/people/set-disabled", form([("user", &csm2_user), ("disabled", "true")])),
        (FORBIDDEN, "/api/partners/create", form([("name", "Rogue Partner")])),
        (FORBIDDEN, "/api/partners/update", form([("partner", &northwind), ("name", "Renamed"), ("status", "suspended")])),
        (FORBIDDEN, "/api/organizations/create", form([("name", "Rogue Org"), ("owner_email", "o@rogue.example"), ("owner_name", "Rogue")])),
        (FORBIDDEN, "/api/organizations/update", org_update_form(demo.northwind_org, "Renamed", "cancelled", Some(demo.northwind))),
    ];
    all_refused(&app, &analyst, &attempts).await;

    // Reading is what analysts are for, except the outbox: undelivered mail holds live
    // sign-in links, so only platform admins read it.
    let outbox = analyst.call("/api/outbox/list", &[]).await;
    assert_eq!(outbox.status, FORBIDDEN, "{}", outbox.body);
    let csm = app.sign_in("csm@steward.test").await;
    assert_eq!(csm.call("/api/outbox/list", &[]).await.status, FORBIDDEN);
    for path in [
        "/api/partners/list",
        "/api/audit/list",
        "/api/people/list",
        "/api/organizations/list",
    ] {
        ok(&analyst, path, &[]).await;
    }
    let detail = ok(
        &analyst,
        "/api/people/detail",
        &form([("user", &csm2_user)]),
    )
    .await;
    assert_eq!(detail["person"]["email"], "csm2@steward.test");
}

async fn only_platform_admins_manage_partners_and_accounts(backend: Backend) {
    let Some(app) = TestApp::seeded(backend).await else {
        return;
    };
    let demo = Demo::of(&app).await;
    let csm = app.sign_in("csm@steward.test").await;
    let csm2 = app.membership_id("csm2@steward.test", "platform").await;
    let csm2_user = app.user_id("csm2@steward.test").await.to_string();
    let northwind = demo.northwind.to_string();
    #[rustfmt::skip]
    let attempts = [
        (FORBIDDEN, "/api/partners/create", form([("name", "Rogue Partner")])),
        (FORBIDDEN, "/api/partners/update", form([("partner", &northwind), ("name", "Renamed"), ("status", "suspended")])),
        (FORBIDDEN, "/api/people/set-disabled", form([("user", &csm2_user), ("disabled", "true")])),
        (FORBIDDEN, "/api/people/invite", invite_form("spy@example.com", "admin", None)),
        (NOT_FOUND, "/api/people/change-role", form([("membership", &csm2), ("role", "admin")])),
        // Moving a customer between partners is for platform admins.
        (FORBIDDEN, "/api/organizations/update", org_update_form(demo.northwind_org, "Quarry", "active", Some(demo.bluebird))),
    ];
    all_refused(&app, &csm, &attempts).await;
    // CSMs do manage organizations.
    ok(
        &csm,
        "/api/organizations/update",
        &org_update_form(
            demo.northwind_org,
            "Quarry Kept",
            "trial",
            Some(demo.northwind),
        ),
    )
    .await;
    assert_eq!(
        org_row(&app, demo.northwind_org).await,
        (Some(demo.northwind), "Quarry Kept".into(), "trial".into())
    );
}

async fn partner_members_and_organization_members_manage_no_one(backend: Backend) {
    let Some(app) = TestApp::seeded(backend).await else {
        return;
    };
    let demo = Demo::of(&app).await;
    let own_member_email = demo.owner.replace("owner@", "member1@");
    let own_member = app.membership_id(&own_member_email, "organization").await;
    let own_owner = app.membership_id(&demo.owner, "organization").await;
    let partner_member = app.sign_in("member@northwind.test").await;
    #[rustfmt::skip]
    let attempts = [
        (FORBIDDEN, "/api/people/invite", invite_form("friend@example.com", "partner_member", None)),
        (FORBIDDEN, "/api/people/invite", invite_form("friend@example.com", "member", Some(demo.northwind_org))),
        (NOT_FOUND, "/api/people/change-role", form([("membership", &own_member), ("role", "owner")])),
        (NOT_FOUND, "/api/people/remove", form([("membership", &own_owner)])),
        (FORBIDDEN, "/api/organizations/create", form([("name", "Side Co"), ("owner_email", "o@side.example"), ("owner_name", "Side")])),
        (FORBIDDEN, "/api/organizations/update", org_update_form(demo.northwind_org, "Renamed", "cancelled", Some(demo.northwind))),
    ];
    all_refused(&app, &partner_member, &attempts).await;

    let org_member = app.sign_in(&own_member_email).await;
    #[rustfmt::skip]
    let attempts = [
        (FORBIDDEN, "/api/people/invite", invite_form("friend@example.com", "member", None)),
        (NOT_FOUND, "/api/people/change-role", form([("membership", &own_owner), ("role", "member")])),
        (NOT_FOUND, "/api/people/remove", form([("membership", &own_owner)])),
        (FORBIDDEN, "/api/organizations/update", org_update_form(demo.northwind_org, "Renamed", "cancelled", Some(demo.northwind))),
    ];
    all_refused(&app, &org_member, &attempts).await;
}

async fn scope_switch_is_limited_to_the_users_own_memberships(backend: Backend) {
    let Some(app) = TestApp::seeded(backend).await else {
        return;
    };
    let demo = Demo::of(&app).await;
    let northwind = app.sign_in("admin@northwind.test").await;
    let switch = "/api/auth/switch-scope";
    #[rustfmt::skip]
    let attempts = [
        (NOT_FOUND, switch, form([("membership", &app.membership_id(&demo.owner, "organization").await)])),
        (NOT_FOUND, switch, form([("membership", &app.membership_id("admin@steward.test", "platform").await)])),
        (NOT_FOUND, switch, form([("membership", &app.membership_id("admin@bluebird.test", "partner").await)])),
    ];
    all_refused(&app, &northwind, &attempts).await;
    assert_eq!(northwind.get("/partner").await.status, StatusCode::OK);
    let partner_people = people_emails(&northwind, &[]).await;
    assert!(!partner_people.contains(&demo.owner), "{partner_people:?}");

    // Its own organization membership: a plain member there, with a member's powers.
    let own = app
        .membership_id("admin@northwind.test", "organization")
        .await;
    assert_eq!(
        ok(&northwind, switch, &form([("membership", &own)])).await,
        "/portal"
    );
    assert_eq!(northwind.get("/portal").await.status, StatusCode::OK);
    assert!(people_emails(&northwind, &[]).await.contains(&demo.owner));
    all_refused(
        &app,
        &northwind,
        &[(
            FORBIDDEN,
            "/api/people/invite",
            invite_form("friend@example.com", "member", None),
        )],
    )
    .await;
    let back = app.membership_id("admin@northwind.test", "partner").await;
    assert_eq!(
        ok(&northwind, switch, &form([("membership", &back)])).await,
        "/partner"
    );
    assert_eq!(northwind.get("/partner").await.status, StatusCode::OK);
}

async fn surfaces_refuse_users_of_another_scope(backend: Backend) {
    let Some(app) = TestApp::seeded(backend).await else {
        return;
    };
    let owner = app.sign_in(&app.first_owner().await).await;
    let partner_member = app.sign_in("member@northwind.test").await;
    let csm = app.sign_in("csm@steward.test").await;
    let cases = [
        (&owner, "/cs", FORBIDDEN),
        (&owner, "/partner", FORBIDDEN),
        (&owner, "/portal", StatusCode::OK),
        (&partner_member, "/portal", FORBIDDEN),
        (&partner_member, "/cs", FORBIDDEN),
        (&partner_member, "/partner", StatusCode::OK),
        (&csm, "/portal", FORBIDDEN),
        (&csm, "/partner", FORBIDDEN),
    ];
    for (client, path, status) in cases {
        let res = client.get(path).await;
        assert_eq!(res.status, status, "{path}");
        if status == FORBIDDEN {
            assert!(res.body.contains("Error 403"), "{path}");
        }
    }
}

async fn suspended_partners_and_archived_organizations_lock_their_people_out(backend: Backend) {
    let Some(app) = TestApp::seeded(backend).await else {
        return;
    };
    let demo = Demo::of(&app).await;
    let admin = app.sign_in("admin@steward.test").await;
    let bluebird_admin = app.sign_in("admin@bluebird.test").await;
    let direct_owner_email = owner_of(&app, demo.direct_org).await;
    let direct_owner = app.sign_in(&direct_owner_email).await;
    assert_eq!(bluebird_admin.get("/partner").await.status, StatusCode::OK);
    assert_eq!(direct_owner.get("/portal").await.status, StatusCode::OK);

    ok(
        &admin,
        "/api/partners/update",
        &form([
            ("partner", &demo.bluebird.to_string()),
            ("name", "Bluebird Cloud"),
            ("status", "suspended"),
        ]),
    )
    .await;
    let res = bluebird_admin.get("/partner").await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let res = bluebird_admin.call("/api/organizations/list", &[]).await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED, "{}", res.body);
    let refused = app
        .try_sign_in("admin@bluebird.test", steward::seed::DEMO_PASSWORD)
        .await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED, "{}", refused.body);

    let mut archive = org_update_form(demo.direct_org, "Archived Co", "cancelled", None);
    archive.push(("archived", "true".into()));
    ok(&admin, "/api/organizations/update", &archive).await;
    assert_eq!(
        direct_owner.get("/portal").await.status,
        StatusCode::SEE_OTHER
    );
    let res = direct_owner.call("/api/people/list", &[]).await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED, "{}", res.body);
    let refused = app
        .try_sign_in(&direct_owner_email, steward::seed::DEMO_PASSWORD)
        .await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED, "{}", refused.body);
}
