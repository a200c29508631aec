//! The tenant guard's session side: the role a browser acts in is the one stored at sign-in or
//! by a scope switch, and losing it signs that browser out (never falling back to another).
use crate::{
    on_both_backends,
    support::{Backend, TestApp},
};
use http::StatusCode;

on_both_backends!(
    a_browser_whose_chosen_role_is_removed_is_signed_out,
    sign_in_lands_in_the_first_role_and_a_switch_is_remembered,
);

async fn membership_id(app: &TestApp, email: &str, kind: &str) -> i64 {
    app.number(&format!(
        "SELECT m.id FROM memberships m JOIN users u ON u.id = m.user_id \
         WHERE u.email = '{email}' AND m.scope = '{kind}'"
    ))
    .await
}

async fn a_browser_whose_chosen_role_is_removed_is_signed_out(backend: Backend) {
    let Some(app) = TestApp::seeded(backend).await else {
        return;
    };
    let northwind = app.sign_in("admin@northwind.test").await;
    let own = membership_id(&app, "admin@northwind.test", "organization").await;
    let res = northwind
        .call(
            "/api/auth/switch-scope",
            &[("membership", &own.to_string())],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(northwind.get("/portal").await.status, StatusCode::OK);
    let logins = "SELECT COUNT(*) FROM logins l JOIN users u ON u.id = l.user_id \
                  WHERE u.email = 'admin@northwind.test'";
    assert_eq!(app.number(logins).await, 1);

    let admin = app.sign_in("admin@steward.test").await;
    let res = admin
        .call("/api/people/remove", &[("membership", &own.to_string())])
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);

    // Still a partner admin, but this browser chose the removed role: it is signed out, not
    // moved to another role, and its login no longer counts as a signed-in browser.
    let res = northwind.get("/portal").await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let res = northwind.get("/partner").await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert_eq!(app.number(logins).await, 0);
    let again = app.sign_in("admin@northwind.test").await;
    assert_eq!(again.get("/partner").await.status, StatusCode::OK);
}

async fn sign_in_lands_in_the_first_role_and_a_switch_is_remembered(backend: Backend) {
    let Some(app) = TestApp::seeded(backend).await else {
        return;
    };
    let northwind = app.sign_in("admin@northwind.test").await;
    assert_eq!(northwind.get("/partner").await.status, StatusCode::OK);
    assert_eq!(northwind.get("/portal").await.status, StatusCode::FORBIDDEN);
    let own = membership_id(&app, "admin@northwind.test", "organization").await;
    northwind
        .call(
            "/api/auth/switch-scope",
            &[("membership", &own.to_string())],
        )
        .await;
    for _ in 0..3 {
        assert_eq!(northwind.get("/portal").await.status, StatusCode::OK);
        assert_eq!(
            northwind.get("/partner").await.status,
            StatusCode::FORBIDDEN
        );
    }
}
