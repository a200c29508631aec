//! Delivery of the outbox over SMTP, when configured. A recurring job looks for due messages
//! every few seconds; each message is claimed with a compare-and-set on its attempt count, so
//! even two overlapping runs (a lease that ran out) never send a message twice.
//!
//! A claim clears `last_error`, and only messages never tried or whose last try failed are
//! picked up, so a message in flight on one server is not taken by another. Retries wait a
//! little longer each time (counted from when the message was queued). A message whose
//! delivery was cut short by a crash mid-send stays unsent, without an error, for admins to see.
use super::outbox::without_secrets;
use crate::{
    ids::MessageId,
    server::{
        db::{on_db, Db},
        secret::Secret,
    },
};
use chrono::{TimeDelta, Utc};
use lettre::{
    message::{Mailbox, MultiPart},
    transport::smtp::{
        authentication::Credentials,
        client::{Tls, TlsParameters},
    },
    AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
};
use std::time::Duration;

/// How the connection to the SMTP server is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmtpTls {
    /// Plain connection upgraded with STARTTLS, which is required (usually port 587).
    StartTls,
    /// TLS from the first byte (usually port 465).
    Tls,
    /// No encryption: only for a relay on the same host or a trusted network.
    None,
}

/// Where and as whom to send. `Debug` leaves the password out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    pub tls: SmtpTls,
    pub username: Option<String>,
    pub password: Option<Secret>,
    /// The From header, e.g. `Steward <no-reply@example.com>`.
    pub from: String,
}

type Mailer = AsyncSmtpTransport<Tokio1Executor>;

pub const POLL_EVERY: Duration = Duration::from_secs(5);
/// Messages claimed per poll.
const BATCH: i64 = 20;
/// After this many attempts a message is left alone.
pub const MAX_ATTEMPTS: i32 = 5;
/// How long after being queued a message may be tried for the 2nd, 3rd, 4th and 5th time.
const RETRY_AFTER_SECS: [i64; 4] = [60, 5 * 60, 30 * 60, 2 * 60 * 60];
/// Per SMTP command.
const SMTP_TIMEOUT: Duration = Duration::from_secs(30);
const ERROR_MAX_CHARS: usize = 500;

/// The outbox's way out through one SMTP server. `deliver_due` is the body of the recurring
/// `email.deliver` job (every `POLL_EVERY`).
#[derive(Clone)]
pub struct Delivery {
    mailer: Mailer,
    from: Mailbox,
}

impl Delivery {
    /// Fails, with a message for the log, when the settings cannot work at all (a bad From
    /// address); mail then stays in the outbox.
    pub fn new(smtp: &SmtpSettings) -> Result<Self, String> {
        let from: Mailbox = smtp.from.parse().map_err(|error| {
            format!("SMTP_FROM {:?} is not a valid address: {error}", smtp.from)
        })?;
        let mailer = transport(smtp).map_err(|error| format!("could not set up SMTP: {error}"))?;
        Ok(Self { mailer, from })
    }

    pub async fn deliver_due(&self, db: &Db) -> Result<(), sqlx::Error> {
        deliver_due(db, &self.mailer, &self.from).await
    }
}

/// The SMTP transport for `smtp`. Certificates are checked against the Mozilla roots.
fn transport(smtp: &SmtpSettings) -> Result<Mailer, lettre::transport::smtp::Error> {
    let tls = match smtp.tls {
        SmtpTls::StartTls => Tls::Required(TlsParameters::new(smtp.host.clone())?),
        SmtpTls::Tls => Tls::Wrapper(TlsParameters::new(smtp.host.clone())?),
        SmtpTls::None => Tls::None,
    };
    let mut builder = Mailer::builder_dangerous(smtp.host.as_str())
        .port(smtp.port)
        .tls(tls)
        .timeout(Some(SMTP_TIMEOUT));
    if let Some(username) = &smtp.username {
        builder = builder.credentials(Credentials::new(
            username.clone(),
            smtp.password
                .as_ref()
                .map(|p| p.expose().to_owned())
                .unwrap_or_default(),
        ));
    }
    Ok(builder.build())
}

/// Unsent messages due for a try: never tried, or failed last time and past their retry delay.
const DUE: &str = "SELECT id, recipient, subject, body_text, body_html, attempts FROM outbox \
     WHERE sent_at IS NULL AND attempts < $5 AND (attempts = 0 OR (last_error IS NOT NULL AND ( \
     (attempts = 1 AND created_at <= $1) OR (attempts = 2 AND created_at <= $2) \
     OR (attempts = 3 AND created_at <= $3) OR (attempts = 4 AND created_at <= $4)))) \
     ORDER BY id LIMIT $6";

/// Takes a message for this server; fails (0 rows) when another server took it first.
const CLAIM: &str = "UPDATE outbox SET attempts = attempts + 1, last_error = NULL \
     WHERE id = $1 AND sent_at IS NULL AND attempts = $2";

/// A delivered message keeps no usable link (`outbox::without_secrets`).
const SENT: &str = "UPDATE outbox SET sent_at = $1, last_error = NULL, body_text = $3, \
     body_html = $4 WHERE id = $2";

const FAILED: &str = "UPDATE outbox SET last_error = $1 WHERE id = $2";

/// Failures that no retry can fix (a malformed recipient): no further attempts.
const FAILED_FOR_GOOD: &str = "UPDATE outbox SET last_error = $1, attempts = $3 WHERE id = $2";

/// A message due for a try.
#[derive(sqlx::FromRow)]
struct Pending {
    id: MessageId,
    recipient: String,
    subject: String,
    body_text: String,
    body_html: String,
    attempts: i32,
}

async fn deliver_due(db: &Db, mailer: &Mailer, from: &Mailbox) -> Result<(), sqlx::Error> {
    let now = Utc::now();
    let due_before = RETRY_AFTER_SECS.map(|secs| now - TimeDelta::seconds(secs));
    let due: Vec<Pending> = on_db!(db, pool => {
        sqlx::query_as(DUE)
            .bind(due_before[0])
            .bind(due_before[1])
            .bind(due_before[2])
            .bind(due_before[3])
            .bind(MAX_ATTEMPTS)
            .bind(BATCH)
            .fetch_all(pool)
            .await
    })?;

    for Pending {
        id,
        recipient,
        subject,
        body_text: text,
        body_html: html,
        attempts,
    } in due
    {
        let claimed = on_db!(db, pool => {
            sqlx::query(CLAIM)
                .bind(id)
                .bind(attempts)
                .execute(pool)
                .await
                .map(|done| done.rows_affected())
        })?;
        if claimed == 0 {
            continue;
        }
        let attempt = attempts + 1;
        let kept = (without_secrets(&text), without_secrets(&html));

        let message = match compose(from, &recipient, subject, text, html) {
            Ok(message) => message,
            Err(problem) => {
                tracing::error!(outbox_id = id.0, %problem, "e-mail cannot be sent; giving up");
                let problem = truncate(&problem);
                on_db!(db, pool => {
                    sqlx::query(FAILED_FOR_GOOD)
                        .bind(&problem)
                        .bind(id)
                        .bind(MAX_ATTEMPTS)
                        .execute(pool)
                        .await
                        .map(drop)
                })?;
                continue;
            }
        };

        match mailer.send(message).await {
            Ok(_) => {
                on_db!(db, pool => {
                    sqlx::query(SENT)
                        .bind(Utc::now())
                        .bind(id)
                        .bind(&kept.0)
                        .bind(&kept.1)
                        .execute(pool)
                        .await
                        .map(drop)
                })?;
                tracing::info!(outbox_id = id.0, attempt, "e-mail sent");
            }
            Err(error) => {
                let last_attempt = attempt >= MAX_ATTEMPTS;
                tracing::warn!(
                    outbox_id = id.0,
                    attempt,
                    last_attempt,
                    %error,
                    "e-mail delivery failed"
                );
                let problem = truncate(&error.to_string());
                on_db!(db, pool => {
                    sqlx::query(FAILED)
                        .bind(&problem)
                        .bind(id)
                        .execute(pool)
                        .await
                        .map(drop)
                })?;
            }
        }
    }
    Ok(())
}

/// The message as sent: plain text and HTML alternatives of the same content.
fn compose(
    from: &Mailbox,
    recipient: &str,
    subject: String,
    text: String,
    html: String,
) -> Result<Message, String> {
    let to: Mailbox = recipient
        .parse()
        .map_err(|error| format!("invalid recipient address {recipient:?}: {error}"))?;
    Message::builder()
        .from(from.clone())
        .to(to)
        .subject(subject)
        .multipart(MultiPart::alternative_plain_html(text, html))
        .map_err(|error| format!("could not build the message: {error}"))
}

fn truncate(error: &str) -> String {
    error.chars().take(ERROR_MAX_CHARS).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> SmtpSettings {
        SmtpSettings {
            host: "smtp.example.com".into(),
            port: 587,
            tls: SmtpTls::StartTls,
            username: Some("mailer".into()),
            password: Some(Secret::new("hunter2")),
            from: "Steward <no-reply@example.com>".into(),
        }
    }

    #[test]
    fn debug_hides_the_password() {
        let shown = format!("{:?}", settings());
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(shown.contains("<redacted>"));
        assert!(shown.contains("mailer"));
    }

    #[test]
    fn errors_are_truncated() {
        assert_eq!(truncate(&"é".repeat(600)).chars().count(), ERROR_MAX_CHARS);
        assert_eq!(truncate("short"), "short");
    }

    #[test]
    fn messages_are_multipart_alternative() {
        let from: Mailbox = settings().from.parse().unwrap();
        let message = compose(
            &from,
            "user@example.com",
            "Subject".into(),
            "Hello".into(),
            "<p>Hello</p>".into(),
        )
        .unwrap();
        let raw = String::from_utf8(message.formatted()).unwrap();
        assert!(raw.contains("multipart/alternative"), "{raw}");
        assert!(raw.contains("text/plain"));
        assert!(raw.contains("text/html"));
        assert!(compose(&from, "not an address", "S".into(), "t".into(), "h".into()).is_err());
    }

    #[test]
    fn transports_build_for_every_tls_mode() {
        for tls in [SmtpTls::StartTls, SmtpTls::Tls, SmtpTls::None] {
            let smtp = SmtpSettings { tls, ..settings() };
            assert!(transport(&smtp).is_ok(), "{tls:?}");
        }
    }
}
