//! Writing the audit log: who did what to which target, when and from where, in the same
//! transaction as the change it records. (Reading it is the `audit` feature.)
use crate::{
    error::AppError,
    identity::Scope,
    ids::{OrgId, PartnerId, UserId},
    server::{
        db::{on_tx, Db, Tx},
        request,
        tenancy::Actor,
    },
};
use chrono::Utc;

/// One entry being written. Build it with `Event::new`, then `write` it.
#[derive(Debug, Default)]
pub struct Event {
    actor_user_id: Option<UserId>,
    actor_label: String,
    partner_id: Option<PartnerId>,
    organization_id: Option<OrgId>,
    action: &'static str,
    target_type: Option<&'static str>,
    target_id: Option<String>,
    detail: Option<String>,
}

impl Event {
    pub fn new(action: &'static str) -> Self {
        Self {
            action,
            actor_label: "anonymous".into(),
            ..Self::default()
        }
    }

    pub fn by(mut self, actor: &Actor) -> Self {
        self.actor_user_id = Some(actor.user_id);
        self.actor_label = actor.label();
        self
    }

    /// For events without a signed-in actor (failed sign-ins, accepted invitations).
    pub fn by_label(mut self, user_id: Option<UserId>, label: &str) -> Self {
        self.actor_user_id = user_id;
        self.actor_label = label.chars().take(200).collect();
        self
    }

    pub fn target(mut self, kind: &'static str, id: impl ToString) -> Self {
        self.target_type = Some(kind);
        self.target_id = Some(id.to_string());
        self
    }

    /// The tenant the event belongs to, so tenant admins can be shown their own history.
    pub fn tenant(mut self, partner_id: Option<PartnerId>, organization_id: Option<OrgId>) -> Self {
        self.partner_id = partner_id;
        self.organization_id = organization_id;
        self
    }

    /// The tenant of a membership's or organization's scope.
    pub fn in_scope(self, scope: Scope) -> Self {
        self.tenant(scope.partner_id(), scope.organization_id())
    }

    pub fn detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }

    /// Writes the entry in `tx`, with the client address and request id of this request.
    pub async fn write(self, tx: &mut Tx) -> Result<(), AppError> {
        let ip = request::client_ip().await;
        let request_id = request::header("x-request-id");
        on_tx!(tx, conn => {
            sqlx::query(INSERT)
                .bind(Utc::now())
                .bind(self.actor_user_id)
                .bind(&self.actor_label)
                .bind(self.partner_id)
                .bind(self.organization_id)
                .bind(self.action)
                .bind(self.target_type)
                .bind(self.target_id.as_deref())
                .bind(self.detail.as_deref())
                .bind(ip.as_deref())
                .bind(request_id.as_deref())
                .execute(conn)
                .await
                .map(drop)
        })?;
        Ok(())
    }

    /// Writes the entry on its own (for events that change nothing else).
    pub async fn write_alone(self, db: &Db) -> Result<(), AppError> {
        self.commit(db.begin().await?).await
    }

    /// Records the event as the last write of `tx`, then commits: the change and its audit
    /// entry land together or not at all.
    pub async fn commit(self, mut tx: Tx) -> Result<(), AppError> {
        self.write(&mut tx).await?;
        tx.commit().await
    }
}

const INSERT: &str = "INSERT INTO audit_log (created_at, actor_user_id, actor_label, partner_id, \
     organization_id, action, target_type, target_id, detail, ip, request_id) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";
