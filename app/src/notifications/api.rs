//! The notification centre's server functions. Each acts on the signed-in person's own
//! notifications only, whatever scope they act in.
use super::types::{NotificationPage, Preference};
use crate::{error::AppError, ids::NotificationId};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::{server, types::NotificationKind},
    crate::{
        auth::types::safe_next_path,
        notice::Notice,
        server::{audit::Event, flash, request::go_to, state::app_state, tenancy::account_holder},
        surfaces::NOTIFICATIONS_PATH,
    },
};

#[server(prefix = "/api", endpoint = "notifications/list")]
pub async fn list_notifications(
    #[server(default)] page: i64,
) -> Result<NotificationPage, AppError> {
    let actor = account_holder()?;
    server::list(&app_state()?.db, actor.user_id, page).await
}

#[server(prefix = "/api", endpoint = "notifications/unread")]
pub async fn unread_notifications() -> Result<i64, AppError> {
    let actor = account_holder()?;
    server::unread_count(&app_state()?.db, actor.user_id).await
}

/// Marks the notification read and goes to its subject.
#[server(prefix = "/api", endpoint = "notifications/open")]
pub async fn open_notification(notification: NotificationId) -> Result<String, AppError> {
    let actor = account_holder()?;
    let link = server::mark_read(&app_state()?.db, actor.user_id, Some(notification)).await?;
    // Links are written by the app; anything but a path within it stays on this page.
    let to = link
        .filter(|l| safe_next_path(l).is_some())
        .unwrap_or_else(|| NOTIFICATIONS_PATH.into());
    Ok(go_to(&to))
}

#[server(prefix = "/api", endpoint = "notifications/mark-read")]
pub async fn mark_notification_read(notification: NotificationId) -> Result<(), AppError> {
    let actor = account_holder()?;
    server::mark_read(&app_state()?.db, actor.user_id, Some(notification)).await?;
    Ok(())
}

#[server(prefix = "/api", endpoint = "notifications/mark-all-read")]
pub async fn mark_all_notifications_read() -> Result<(), AppError> {
    let actor = account_holder()?;
    server::mark_read(&app_state()?.db, actor.user_id, None).await?;
    flash::set(Notice::Saved);
    Ok(())
}

#[server(prefix = "/api", endpoint = "notifications/preferences")]
pub async fn notification_preferences() -> Result<Vec<Preference>, AppError> {
    let actor = account_holder()?;
    server::preferences(&app_state()?.db, actor.user_id).await
}

/// Saves which kinds also come by e-mail: a ticked box (sent as `true`) for each wanted.
/// (Sign-in changes always come by e-mail and are not offered.)
#[server(prefix = "/api", endpoint = "notifications/save-preferences")]
pub async fn save_notification_preferences(
    #[server(default)] invitation: bool,
) -> Result<(), AppError> {
    let actor = account_holder()?;
    let chosen = [Preference {
        kind: NotificationKind::Invitation,
        email: invitation,
    }];
    let mut tx = app_state()?.db.begin().await?;
    server::save_preferences(&mut tx, actor.user_id, &chosen).await?;
    let summary: Vec<&str> = chosen
        .iter()
        .filter(|p| p.email)
        .map(|p| p.kind.code())
        .collect();
    Event::new("account.notification_preferences_saved")
        .by(&actor)
        .target("user", actor.user_id)
        .detail(format!("e-mail for: {}", summary.join(", ")))
        .commit(tx)
        .await?;
    flash::set(Notice::Saved);
    Ok(())
}
