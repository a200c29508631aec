//! Notifications on the server: `notify` (in the caller's transaction, so a notification exists
//! exactly when what it tells of happened), a person's list and unread count, marking read, and
//! e-mail preferences. Every function is keyed on the person's own user id: nobody reaches
//! anyone else's notifications.
use super::types::{NotificationKind, NotificationPage, Preference};
use crate::{
    error::AppError,
    ids::{NotificationId, UserId},
    server::{
        db::{on_db, on_tx, paginate, Db, Tx},
        mail::{outbox, Email},
    },
    surfaces::ACCOUNT_PATH,
};
use chrono::Utc;

pub const PAGE_SIZE: i64 = 25;

/// Something to tell one person.
#[derive(Debug, Clone)]
pub struct Notification<'a> {
    pub kind: NotificationKind,
    pub title: String,
    pub body: String,
    /// The page about the subject: a path within the app, never user input.
    pub link: &'static str,
    /// Where links in the e-mail point.
    pub base_url: &'a str,
}

/// Tells `user`: a notification in their centre and, if their preference for its kind says so
/// (it does unless they turned it off; sign-in changes always), an e-mail through the outbox.
pub async fn notify(tx: &mut Tx, user: UserId, note: &Notification<'_>) -> Result<(), AppError> {
    on_tx!(tx, conn => sqlx::query(
        "INSERT INTO notifications (user_id, kind, title, body, link, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(user)
    .bind(note.kind)
    .bind(&note.title)
    .bind(&note.body)
    .bind(note.link)
    .bind(Utc::now())
    .execute(&mut *conn)
    .await
    .map(drop))?;
    let recipient: Option<(String, Option<bool>)> = on_tx!(tx, conn => sqlx::query_as(
        "SELECT u.email, p.email FROM users u \
         LEFT JOIN notification_preferences p ON p.user_id = u.id AND p.kind = $2 \
         WHERE u.id = $1 AND u.status <> 'disabled'",
    )
    .bind(user)
    .bind(note.kind)
    .fetch_optional(&mut *conn)
    .await)?;
    match recipient {
        Some((address, wants)) if note.kind.always_emailed() || wants.unwrap_or(true) => {
            let email = Email::Notification {
                title: note.title.clone(),
                body: note.body.clone(),
                link: format!("{}{}", note.base_url, note.link),
            };
            outbox::enqueue(tx, &address, &email).await.map(drop)
        }
        _ => Ok(()),
    }
}

/// Tells `user` of a change to how they sign in, pointing at their account settings.
pub async fn tell_security(
    tx: &mut Tx,
    base_url: &str,
    user: UserId,
    title: &str,
    body: &str,
) -> Result<(), AppError> {
    let note = Notification {
        kind: NotificationKind::Security,
        title: title.into(),
        body: body.into(),
        link: ACCOUNT_PATH,
        base_url,
    };
    notify(tx, user, &note).await
}

/// Page `page` of `user`'s notifications, newest first.
pub async fn list(db: &Db, user: UserId, page: i64) -> Result<NotificationPage, AppError> {
    paginate!(
        db,
        page,
        PAGE_SIZE,
        "SELECT COUNT(*) FROM notifications WHERE user_id = $1",
        "SELECT id, kind, title, body, link, created_at, read_at IS NOT NULL AS read \
         FROM notifications WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3",
        [user]
    )
}

pub async fn unread_count(db: &Db, user: UserId) -> Result<i64, AppError> {
    on_db!(db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL",
    )
    .bind(user)
    .fetch_one(pool)
    .await)
    .map_err(Into::into)
}

/// Marks `user`'s notification `id` read, or all of them when `id` is none. Returns the link
/// of the one marked; `NotFound` when `user` has no notification `id`.
pub async fn mark_read(
    db: &Db,
    user: UserId,
    id: Option<NotificationId>,
) -> Result<Option<String>, AppError> {
    let now = Utc::now();
    match id {
        None => on_db!(db, pool => sqlx::query(
            "UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL",
        )
        .bind(now)
        .bind(user)
        .execute(pool)
        .await
        .map(|_| None))
        .map_err(Into::into),
        Some(id) => {
            let found: Option<Option<String>> = on_db!(db, pool => sqlx::query_scalar(
                "UPDATE notifications SET read_at = COALESCE(read_at, $1) \
                 WHERE id = $2 AND user_id = $3 RETURNING link",
            )
            .bind(now)
            .bind(id)
            .bind(user)
            .fetch_optional(pool)
            .await)?;
            found.ok_or(AppError::NotFound)
        }
    }
}

/// Marks `user`'s unread notifications of `kind` read: their subject is settled (every
/// invitation answered).
pub async fn settle_kind(
    tx: &mut Tx,
    user: UserId,
    kind: NotificationKind,
) -> Result<(), AppError> {
    on_tx!(tx, conn => sqlx::query(
        "UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND kind = $3 AND read_at IS NULL",
    )
    .bind(Utc::now())
    .bind(user)
    .bind(kind)
    .execute(&mut *conn)
    .await
    .map(drop))
    .map_err(Into::into)
}

/// `user`'s e-mail preference for every kind they can choose for (on unless turned off).
pub async fn preferences(db: &Db, user: UserId) -> Result<Vec<Preference>, AppError> {
    let saved: Vec<(NotificationKind, bool)> = on_db!(db, pool => sqlx::query_as(
        "SELECT kind, email FROM notification_preferences WHERE user_id = $1",
    )
    .bind(user)
    .fetch_all(pool)
    .await)?;
    Ok(NotificationKind::ALL
        .iter()
        .filter(|kind| !kind.always_emailed())
        .map(|&kind| Preference {
            kind,
            email: saved
                .iter()
                .find(|(k, _)| *k == kind)
                .is_none_or(|(_, email)| *email),
        })
        .collect())
}

/// Saves `user`'s e-mail preference for each kind in `chosen`.
pub async fn save_preferences(
    tx: &mut Tx,
    user: UserId,
    chosen: &[Preference],
) -> Result<(), AppError> {
    for preference in chosen {
        on_tx!(tx, conn => sqlx::query(
            "INSERT INTO notification_preferences (user_id, kind, email) VALUES ($1, $2, $3) \
             ON CONFLICT (user_id, kind) DO UPDATE SET email = excluded.email",
        )
        .bind(user)
        .bind(preference.kind)
        .bind(preference.email)
        .execute(&mut *conn)
        .await
        .map(drop))?;
    }
    Ok(())
}
