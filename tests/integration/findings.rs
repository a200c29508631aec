//! The security review's findings (issue 9, section 4), one test each, on both backends. Each
//! failed before its fix. (Finding 7, the contact form's limit counted before it runs, is
//! `contact::parallel_requests_cannot_slip_past_the_hourly_limit`.)
use crate::{
    on_both_backends,
    support::{Backend, TestApp},
};
use http::StatusCode;

on_both_backends!(
    names_with_line_breaks_are_refused_at_the_field,
    the_sample_chart_and_design_system_are_for_signed_in_staff,
);

/// A server function, its form, and the field whose error it must answer.
type Attempt<'a> = (&'a str, Vec<(&'a str, &'a str)>, &'a str);

/// Finding 6: names reach e-mail bodies and subjects as they are.
async fn names_with_line_breaks_are_refused_at_the_field(backend: Backend) {
    let Some(app) = TestApp::seeded(backend).await else {
        return;
    };
    let admin = app.sign_in("admin@steward.test").await;
    let before = app.snapshot().await;
    let partner = app
        .number("SELECT id FROM partners ORDER BY id LIMIT 1")
        .await
        .to_string();
    let org = app
        .number("SELECT id FROM organizations ORDER BY id LIMIT 1")
        .await
        .to_string();
    for forged in [
        "Ada\r\nBcc: mallory@evil.test",
        "Ada\nLovelace",
        "Ada\u{202E}ecalevoL",
        "Ada\u{7}",
    ] {
        let attempts: [Attempt; 6] = [
            (
                "/api/account/profile",
                vec![("display_name", forged)],
                "display_name",
            ),
            (
                "/api/people/invite",
                vec![
                    ("email", "new.person@example.com"),
                    ("display_name", forged),
                    ("role", "analyst"),
                ],
                "display_name",
            ),
            ("/api/partners/create", vec![("name", forged)], "name"),
            (
                "/api/partners/update",
                vec![
                    ("partner", &partner),
                    ("name", forged),
                    ("status", "active"),
                ],
                "name",
            ),
            (
                "/api/organizations/create",
                vec![
                    ("name", forged),
                    ("owner_email", "owner@example.com"),
                    ("owner_name", "Owner"),
                ],
                "name",
            ),
            (
                "/api/organizations/update",
                vec![
                    ("organization", &org),
                    ("name", forged),
                    ("status", "active"),
                    ("partner", "direct"),
                ],
                "name",
            ),
        ];
        for (path, form, field) in attempts {
            let res = admin.call(path, &form).await;
            assert!(
                res.field_error(field).contains("one line"),
                "{path} with {forged:?}: {}",
                res.body
            );
        }
        let invited_owner = admin
            .call(
                "/api/organizations/create",
                &[
                    ("name", "Fine Name"),
                    ("owner_email", "owner@example.com"),
                    ("owner_name", forged),
                ],
            )
            .await;
        assert!(invited_owner.field_error("owner_name").contains("one line"));
    }
    assert_eq!(app.snapshot().await, before, "nothing was written");
}

/// Finding 8: the design system's sample chart answered anyone.
async fn the_sample_chart_and_design_system_are_for_signed_in_staff(backend: Backend) {
    let Some(app) = TestApp::seeded(backend).await else {
        return;
    };
    let chart = "/api/design/sample-chart";
    assert_eq!(
        app.anonymous().call(chart, &[]).await.status,
        StatusCode::UNAUTHORIZED
    );
    let customer = app.sign_in("admin@northwind.test").await;
    assert_eq!(
        customer.call(chart, &[]).await.status,
        StatusCode::FORBIDDEN
    );
    assert_ne!(customer.get("/cs/design").await.status, StatusCode::OK);
    let staff = app.sign_in("csm@steward.test").await;
    let drawn = staff.call(chart, &[]).await;
    assert_eq!(drawn.status, StatusCode::OK, "{}", drawn.body);
    assert!(drawn.body.contains("<svg"));
    // Staff reach it from the overview's one link, not from the product's navigation.
    for email in ["csm@steward.test", "admin@steward.test"] {
        let overview = app.sign_in(email).await.get("/cs").await;
        assert_eq!(
            overview.body.matches(r#"href="/cs/design""#).count(),
            1,
            "{email}"
        );
    }
}
