use crate::{
    on_both_backends,
    support::{Backend, TestApp},
};
use http::StatusCode;

on_both_backends!(
    every_layout_renders_its_shell,
    unknown_paths_get_the_404_page,
    design_system_sorts_and_pages_through_the_url,
    sample_chart_is_server_rendered_svg,
    overviews_count_the_organizations_in_reach,
);

async fn every_layout_renders_its_shell(backend: Backend) {
    let Some(app) = TestApp::seeded(backend).await else {
        return;
    };
    let staff = app.sign_in("admin@steward.test").await;
    let partner = app.sign_in("member@northwind.test").await;
    let owner = app.sign_in(&app.first_owner().await).await;
    let pages = [
        (app.anonymous(), "/", "Keep every customer healthy"),
        (app.anonymous(), "/sign-in", "Sign in to Steward"),
        (staff.clone(), "/cs", "Portfolio health"),
        (staff.clone(), "/cs/design", "Design system"),
        (partner, "/partner", "Your customers"),
        (owner, "/portal", "Your account"),
    ];
    for (client, path, heading) in pages {
        let res = client.get(path).await;
        assert_eq!(res.status, StatusCode::OK, "{path}");
        assert!(res.body.starts_with("<!DOCTYPE html>"), "{path}");
        assert!(res.body.contains(r#"<html lang="en""#), "{path}");
        assert!(res.body.contains(heading), "{path} lacks {heading:?}");
        assert!(res.body.contains("Skip to content"), "{path}");
        assert!(
            res.header("content-type").unwrap().starts_with("text/html"),
            "{path}"
        );
    }
    let console = staff.get("/cs").await.body;
    assert!(
        console.contains(r#"aria-current="page""#),
        "current nav item is marked"
    );
    assert!(console.contains("Avery Admin") && console.contains("Sign out"));
}

async fn unknown_paths_get_the_404_page(backend: Backend) {
    let Some(app) = TestApp::seeded(backend).await else {
        return;
    };
    let staff = app.sign_in("admin@steward.test").await;
    for path in ["/no-such-page", "/cs/no-such-page", "/portal/a/b/c"] {
        let res = staff.get(path).await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{path}");
        assert!(res.body.contains("Page not found"), "{path}");
        assert!(res.body.contains("Error 404"), "{path}");
    }
}

async fn design_system_sorts_and_pages_through_the_url(backend: Backend) {
    let Some(app) = TestApp::seeded(backend).await else {
        return;
    };
    let app = app.sign_in("analyst@steward.test").await;
    let first = app.get("/cs/design").await.body;
    assert!(
        first.contains("Acme Retail"),
        "name ascending starts with Acme"
    );
    assert!(
        !first.contains("Wayne Analytics"),
        "only five rows per page"
    );
    assert!(first.contains("Showing 1–5 of 12"));
    let by_health = app.get("/cs/design?sort=health&dir=desc").await.body;
    assert!(by_health.contains("Stark Logistics") && !by_health.contains("Soylent Foods"));
    assert!(by_health.contains(r#"aria-sort="descending""#));
    let last_page = app.get("/cs/design?page=3").await.body;
    assert!(last_page.contains("Showing 11–12 of 12"));
    let clamped = app.get("/cs/design?page=999&sort=bogus").await;
    assert_eq!(clamped.status, StatusCode::OK);
    assert!(clamped.body.contains("Page 3 of 3"));
    let dialog = app.get("/cs/design?dialog=archive").await.body;
    assert!(dialog.contains(r#"role="dialog""#) && dialog.contains("Archive Northwind Traders?"));
    assert!(!first.contains(r#"role="dialog""#));
}

async fn sample_chart_is_server_rendered_svg(backend: Backend) {
    let Some(app) = TestApp::seeded(backend).await else {
        return;
    };
    let staff = app.sign_in("csm@steward.test").await;
    let res = staff.call("/api/design/sample-chart", &[]).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let svg: String = serde_json::from_str(&res.body).unwrap();
    assert!(svg.starts_with("<svg") && svg.contains("viewBox"));
}

/// The overviews show real counts, each within its reach (they said "no accounts yet" with
/// organizations seeded).
async fn overviews_count_the_organizations_in_reach(backend: Backend) {
    let Some(app) = TestApp::seeded(backend).await else {
        return;
    };
    let live = app
        .number("SELECT COUNT(*) FROM organizations WHERE archived_at IS NULL")
        .await;
    let northwind = app
        .number(
            "SELECT COUNT(*) FROM organizations o JOIN partners p ON p.id = o.partner_id \
             WHERE p.slug = 'northwind' AND o.archived_at IS NULL",
        )
        .await;
    assert!(live > northwind && northwind > 0, "{live} / {northwind}");
    let total = |res: crate::support::TestResponse| {
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        res.json()["total"].as_i64().unwrap()
    };
    let staff = app.sign_in("csm@steward.test").await;
    let partner = app.sign_in("member@northwind.test").await;
    let owner = app.sign_in(&app.first_owner().await).await;
    assert_eq!(
        total(staff.call("/api/organizations/counts", &[]).await),
        live
    );
    assert_eq!(
        total(partner.call("/api/organizations/counts", &[]).await),
        northwind
    );
    assert_eq!(total(owner.call("/api/organizations/counts", &[]).await), 1);
    assert_eq!(
        app.anonymous()
            .call("/api/organizations/counts", &[])
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    let console = staff.get("/cs").await.body;
    assert!(
        console.contains(&format!("{live} organizations")),
        "the console shows the count"
    );
    assert!(console.contains("By partner") && !console.contains("No customer accounts yet"));
    let partner_page = partner.get("/partner").await.body;
    assert!(
        partner_page.contains(&format!("{northwind} organizations")),
        "{partner_page}"
    );
    assert!(!partner_page.contains("By partner"));
}
