use crate::{
    on_both_backends,
    support::{Backend, TestApp},
};
use http::StatusCode;

on_both_backends!(
    healthz_answers_while_the_process_runs,
    readyz_reports_the_database,
    readyz_is_503_when_the_database_is_gone,
    signed_in_pages_say_unavailable_when_the_database_is_gone
);

async fn healthz_answers_while_the_process_runs(backend: Backend) {
    let Some(app) = TestApp::new(backend).await else {
        return;
    };
    let res = app.get("/healthz").await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.json()["status"], "ok");
}

async fn readyz_reports_the_database(backend: Backend) {
    let Some(app) = TestApp::new(backend).await else {
        return;
    };
    let res = app.get("/readyz").await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let expected = if backend == Backend::Sqlite {
        "sqlite"
    } else {
        "postgres"
    };
    assert_eq!(res.json()["database"], expected);
}

async fn readyz_is_503_when_the_database_is_gone(backend: Backend) {
    let Some(app) = TestApp::new(backend).await else {
        return;
    };
    app.db.close().await;
    let res = app.get("/readyz").await;
    assert_eq!(res.status, StatusCode::SERVICE_UNAVAILABLE);
    let body = res.json();
    assert_eq!(body["status"], "unavailable");
    assert!(
        body["reason"].as_str().unwrap().contains("did not answer"),
        "{body}"
    );
    // The process itself is still alive.
    assert_eq!(app.get("/healthz").await.status, StatusCode::OK);
}

async fn signed_in_pages_say_unavailable_when_the_database_is_gone(backend: Backend) {
    let Some(app) = TestApp::seeded(backend).await else {
        return;
    };
    let csm = app.sign_in("csm@steward.test").await;
    app.db.close().await;
    let page = csm.get("/cs").await;
    assert_eq!(
        page.status,
        StatusCode::SERVICE_UNAVAILABLE,
        "{}",
        page.body
    );
    assert!(
        page.body.contains("temporarily unavailable"),
        "{}",
        page.body
    );
    let api = csm.call("/api/people/list", &[]).await;
    assert_eq!(api.status, StatusCode::SERVICE_UNAVAILABLE, "{}", api.body);
    let sign_in = app
        .try_sign_in("csm@steward.test", "steward-demo-password")
        .await;
    assert_eq!(
        sign_in.status,
        StatusCode::SERVICE_UNAVAILABLE,
        "{}",
        sign_in.body
    );
}
