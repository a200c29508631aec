//! Probes for load balancers and orchestrators.
use app::server::state::AppState;
use axum::{extract::State, http::StatusCode, response::IntoResponse, Json};
use serde_json::json;
use std::time::Duration;

/// The process is up and serving.
pub async fn healthz() -> impl IntoResponse {
    Json(json!({ "status": "ok" }))
}

/// The process can do useful work: its database answers within two seconds.
pub async fn readyz(State(state): State<AppState>) -> impl IntoResponse {
    let backend = state.db.backend();
    match tokio::time::timeout(Duration::from_secs(2), state.db.ping()).await {
        Ok(Ok(())) => (
            StatusCode::OK,
            Json(json!({ "status": "ready", "database": backend })),
        ),
        Ok(Err(error)) => {
            // Details (host and user names) go to the log, not to anonymous callers.
            tracing::warn!(%error, "readiness check failed");
            let reason = format!("database ({backend}) did not answer");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(json!({ "status": "unavailable", "reason": reason })),
            )
        }
        Err(_) => (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(
                json!({ "status": "unavailable", "reason": format!("database ({backend}) timed out") }),
            ),
        ),
    }
}
