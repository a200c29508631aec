//! Configuration: read once from environment variables into one typed struct. A missing or
//! malformed variable stops start-up with a message naming it. Every variable is documented
//! in `.env.example` and the README.
use app::server::mail::smtp::SmtpSettings;
pub use app::server::{mail::smtp::SmtpTls, secret::Secret};
use std::{fmt, net::SocketAddr, path::PathBuf, str::FromStr, time::Duration};
use url::Url;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub variable: &'static str,
    pub problem: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "configuration error in {}: {}",
            self.variable, self.problem
        )
    }
}

impl std::error::Error for ConfigError {}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Pretty,
    Json,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionConfig {
    /// Signs session cookies; required when the site is served over https.
    pub secret: Option<Secret>,
    pub cookie_name: String,
    pub idle_timeout: Duration,
    pub absolute_timeout: Duration,
}

/// Outgoing mail. Without it, e-mail stays in the outbox, which admins read in the console.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmtpConfig {
    pub host: String,
    pub port: u16,
    pub username: Option<String>,
    pub password: Option<Secret>,
    pub from: String,
    pub tls: SmtpTls,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub bind_address: SocketAddr,
    /// May carry a password, hence `Secret`.
    pub database_url: Secret,
    pub database_max_connections: u32,
    pub public_base_url: Url,
    pub session: SessionConfig,
    pub log_format: LogFormat,
    /// `RUST_LOG` syntax, e.g. `info,steward=debug`.
    pub log_filter: String,
    pub site_root: PathBuf,
    pub max_body_bytes: usize,
    pub shutdown_grace: Duration,
    pub trust_forwarded_for: bool,
    pub smtp: Option<SmtpConfig>,
}

pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/steward.db";

/// Reads variables through `lookup`, so tests need not touch the process environment.
struct Vars<F: Fn(&str) -> Option<String>>(F);

impl<F: Fn(&str) -> Option<String>> Vars<F> {
    fn raw(&self, name: &'static str) -> Option<String> {
        (self.0)(name)
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    }

    fn parsed<T: FromStr>(
        &self,
        name: &'static str,
        default: T,
        expected: &str,
    ) -> Result<T, ConfigError> {
        match self.raw(name) {
            None => Ok(default),
            Some(v) => v.parse().map_err(|_| ConfigError {
                variable: name,
                problem: format!("expected {expected}, got {v:?}"),
            }),
        }
    }

    fn positive<T: FromStr + PartialEq + From<u8>>(
        &self,
        name: &'static str,
        default: T,
    ) -> Result<T, ConfigError> {
        let value = self.parsed(name, default, "a positive whole number")?;
        if value == T::from(0) {
            return Err(ConfigError {
                variable: name,
                problem: "must be greater than 0".into(),
            });
        }
        Ok(value)
    }

    /// A positive count of `unit_secs`-second units, as a duration.
    fn duration(
        &self,
        name: &'static str,
        default: u64,
        unit_secs: u64,
    ) -> Result<Duration, ConfigError> {
        let secs = self
            .positive(name, default)?
            .checked_mul(unit_secs)
            .ok_or(ConfigError {
                variable: name,
                problem: "is too large".into(),
            })?;
        Ok(Duration::from_secs(secs))
    }

    fn flag(&self, name: &'static str) -> Result<bool, ConfigError> {
        match self
            .raw(name)
            .as_deref()
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            None | Some("false" | "0" | "no") => Ok(false),
            Some("true" | "1" | "yes") => Ok(true),
            Some(other) => Err(ConfigError {
                variable: name,
                problem: format!("expected true or false, got {other:?}"),
            }),
        }
    }
}

impl SmtpConfig {
    pub fn settings(&self) -> SmtpSettings {
        SmtpSettings {
            host: self.host.clone(),
            port: self.port,
            tls: self.tls,
            username: self.username.clone(),
            password: self.password.clone(),
            from: self.from.clone(),
        }
    }
}

impl Config {
    /// Served over https: cookies get `Secure` and responses HSTS.
    pub fn is_https(&self) -> bool {
        self.public_base_url.scheme() == "https"
    }

    /// The public base URL without its trailing slash, as links in e-mails start.
    pub fn base_url(&self) -> String {
        self.public_base_url
            .as_str()
            .trim_end_matches('/')
            .to_owned()
    }

    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let vars = Vars(lookup);
        let bind_address: SocketAddr = vars.parsed(
            "BIND_ADDRESS",
            ([127, 0, 0, 1], 3000).into(),
            "an address like 127.0.0.1:3000",
        )?;

        let database_url = Secret::new(
            vars.raw("DATABASE_URL")
                .unwrap_or_else(|| DEFAULT_DATABASE_URL.into()),
        );
        let known_scheme = ["sqlite:", "postgres://", "postgresql://"]
            .iter()
            .any(|scheme| database_url.expose().starts_with(scheme));
        if !known_scheme {
            return Err(ConfigError {
                variable: "DATABASE_URL",
                problem: "must start with sqlite: or postgres://".into(),
            });
        }

        let public_base_url = match vars.raw("PUBLIC_BASE_URL") {
            None => Url::parse(&format!("http://{bind_address}"))
                .expect("a socket address makes a valid URL"),
            Some(raw) => parse_base_url(&raw)?,
        };
        let https = public_base_url.scheme() == "https";

        let secret = match vars.raw("SESSION_SECRET") {
            Some(s) if s.len() < 64 => {
                return Err(ConfigError {
                    variable: "SESSION_SECRET",
                    problem: format!(
                        "must be at least 64 characters (has {}); generate one with `openssl rand -hex 32`",
                        s.len()
                    ),
                })
            }
            Some(s) => Some(Secret::new(s)),
            None if https => {
                return Err(ConfigError {
                    variable: "SESSION_SECRET",
                    problem: "is required when PUBLIC_BASE_URL is https; generate one with `openssl rand -hex 32`".into(),
                })
            }
            None => None,
        };
        let cookie_name = vars
            .raw("SESSION_COOKIE_NAME")
            .unwrap_or_else(|| "steward_session".into());
        if !cookie_name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        {
            return Err(ConfigError {
                variable: "SESSION_COOKIE_NAME",
                problem: "may contain only letters, digits, '-' and '_'".into(),
            });
        }
        let session = SessionConfig {
            secret,
            cookie_name,
            idle_timeout: vars.duration("SESSION_IDLE_MINUTES", 120, 60)?,
            absolute_timeout: vars.duration("SESSION_MAX_HOURS", 24, 3600)?,
        };

        let log_format = match vars.raw("LOG_FORMAT").as_deref() {
            None | Some("pretty") => LogFormat::Pretty,
            Some("json") => LogFormat::Json,
            Some(other) => {
                return Err(ConfigError {
                    variable: "LOG_FORMAT",
                    problem: format!("expected pretty or json, got {other:?}"),
                })
            }
        };

        let log_filter = vars.raw("RUST_LOG").unwrap_or_else(|| "info".into());
        if let Err(error) = tracing_subscriber::EnvFilter::try_new(&log_filter) {
            return Err(ConfigError {
                variable: "RUST_LOG",
                problem: format!("not a valid filter: {error}"),
            });
        }

        Ok(Self {
            bind_address,
            database_max_connections: vars.positive("DATABASE_MAX_CONNECTIONS", 16u32)?,
            database_url,
            public_base_url,
            session,
            log_format,
            log_filter,
            site_root: vars
                .raw("SITE_ROOT")
                .unwrap_or_else(|| "target/site".into())
                .into(),
            max_body_bytes: vars.positive("MAX_BODY_BYTES", 1024 * 1024usize)?,
            shutdown_grace: vars.duration("SHUTDOWN_GRACE_SECONDS", 30, 1)?,
            trust_forwarded_for: vars.flag("TRUST_X_FORWARDED_FOR")?,
            smtp: smtp(&vars)?,
        })
    }
}

fn parse_base_url(raw: &str) -> Result<Url, ConfigError> {
    let invalid = |problem: &str| ConfigError {
        variable: "PUBLIC_BASE_URL",
        problem: problem.into(),
    };
    let url = Url::parse(raw).map_err(|e| invalid(&format!("not a URL ({e}): {raw:?}")))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(invalid("must start with http:// or https://"));
    }
    if url.host_str().is_none() || url.path() != "/" || url.query().is_some() {
        return Err(invalid(
            "must be an origin like https://steward.example.com, without a path",
        ));
    }
    Ok(url)
}

fn smtp<F: Fn(&str) -> Option<String>>(vars: &Vars<F>) -> Result<Option<SmtpConfig>, ConfigError> {
    let Some(host) = vars.raw("SMTP_HOST") else {
        return Ok(None);
    };
    let from = vars.raw("SMTP_FROM").ok_or(ConfigError {
        variable: "SMTP_FROM",
        problem: "is required when SMTP_HOST is set (e.g. \"Steward <no-reply@example.com>\")"
            .into(),
    })?;
    let tls = match vars.raw("SMTP_TLS").as_deref() {
        None | Some("starttls") => SmtpTls::StartTls,
        Some("tls") => SmtpTls::Tls,
        Some("none") => SmtpTls::None,
        Some(other) => {
            return Err(ConfigError {
                variable: "SMTP_TLS",
                problem: format!("expected starttls, tls or none, got {other:?}"),
            })
        }
    };
    let default_port = if tls == SmtpTls::Tls { 465 } else { 587 };
    Ok(Some(SmtpConfig {
        host,
        port: vars.parsed("SMTP_PORT", default_port, "a port number")?,
        username: vars.raw("SMTP_USERNAME"),
        password: vars.raw("SMTP_PASSWORD").map(Secret::new),
        from,
        tls,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::from_lookup(|name| map.get(name).cloned())
    }

    fn error_variable(vars: &[(&str, &str)]) -> &'static str {
        config(vars).unwrap_err().variable
    }

    #[test]
    fn defaults_run_locally_on_sqlite() {
        let c = config(&[]).unwrap();
        assert_eq!(c.bind_address.to_string(), "127.0.0.1:3000");
        assert_eq!(c.database_url.expose(), DEFAULT_DATABASE_URL);
        assert_eq!(c.log_filter, "info");
        assert_eq!(c.public_base_url.as_str(), "http://127.0.0.1:3000/");
        assert_eq!(c.log_format, LogFormat::Pretty);
        assert_eq!(c.session.idle_timeout, Duration::from_secs(7200));
        assert!(c.session.secret.is_none());
        assert!(c.smtp.is_none());
        assert!(!c.trust_forwarded_for);
    }

    #[test]
    fn reads_every_variable() {
        let secret = "s".repeat(64);
        let c = config(&[
            ("BIND_ADDRESS", "0.0.0.0:8080"),
            ("DATABASE_URL", "postgres://steward@db/steward"),
            ("DATABASE_MAX_CONNECTIONS", "32"),
            ("PUBLIC_BASE_URL", "https://cs.example.com"),
            ("SESSION_SECRET", &secret),
            ("SESSION_COOKIE_NAME", "sid"),
            ("SESSION_IDLE_MINUTES", "30"),
            ("SESSION_MAX_HOURS", "12"),
            ("LOG_FORMAT", "json"),
            ("RUST_LOG", "warn,steward=debug"),
            ("SITE_ROOT", "/srv/steward/site"),
            ("MAX_BODY_BYTES", "2048"),
            ("SHUTDOWN_GRACE_SECONDS", "5"),
            ("TRUST_X_FORWARDED_FOR", "true"),
            ("SMTP_HOST", "smtp.example.com"),
            ("SMTP_TLS", "tls"),
            ("SMTP_USERNAME", "mailer"),
            ("SMTP_PASSWORD", "hunter2"),
            ("SMTP_FROM", "Steward <no-reply@example.com>"),
        ])
        .unwrap();
        assert_eq!(c.bind_address.port(), 8080);
        assert_eq!(c.database_max_connections, 32);
        assert_eq!(
            c.session.secret.as_ref().map(Secret::expose),
            Some(secret.as_str())
        );
        assert_eq!(c.session.cookie_name, "sid");
        assert_eq!(c.session.absolute_timeout, Duration::from_secs(12 * 3600));
        assert_eq!(
            (c.log_format, c.log_filter.as_str()),
            (LogFormat::Json, "warn,steward=debug")
        );
        assert_eq!(c.site_root, PathBuf::from("/srv/steward/site"));
        assert_eq!(
            (c.max_body_bytes, c.shutdown_grace),
            (2048, Duration::from_secs(5))
        );
        assert!(c.trust_forwarded_for);
        let smtp = c.smtp.clone().unwrap();
        assert_eq!((smtp.port, smtp.tls), (465, SmtpTls::Tls));
        assert!(
            !format!("{smtp:?}").contains("hunter2"),
            "secrets must not show in Debug"
        );
        assert!(
            !format!("{c:?}").contains("steward@db"),
            "the database URL may hold a password"
        );
    }

    #[test]
    fn malformed_values_name_their_variable() {
        assert_eq!(
            error_variable(&[("BIND_ADDRESS", "localhost")]),
            "BIND_ADDRESS"
        );
        assert_eq!(
            error_variable(&[("DATABASE_URL", "mysql://x")]),
            "DATABASE_URL"
        );
        assert_eq!(
            error_variable(&[("DATABASE_MAX_CONNECTIONS", "0")]),
            "DATABASE_MAX_CONNECTIONS"
        );
        assert_eq!(
            error_variable(&[("DATABASE_MAX_CONNECTIONS", "many")]),
            "DATABASE_MAX_CONNECTIONS"
        );
        assert_eq!(
            error_variable(&[("PUBLIC_BASE_URL", "ftp://x.com")]),
            "PUBLIC_BASE_URL"
        );
        assert_eq!(
            error_variable(&[("PUBLIC_BASE_URL", "https://x.com/app")]),
            "PUBLIC_BASE_URL"
        );
        assert_eq!(
            error_variable(&[("PUBLIC_BASE_URL", "not a url")]),
            "PUBLIC_BASE_URL"
        );
        assert_eq!(
            error_variable(&[("SESSION_SECRET", "short")]),
            "SESSION_SECRET"
        );
        assert_eq!(
            error_variable(&[("SESSION_COOKIE_NAME", "a;b")]),
            "SESSION_COOKIE_NAME"
        );
        assert_eq!(error_variable(&[("LOG_FORMAT", "xml")]), "LOG_FORMAT");
        assert_eq!(
            error_variable(&[("RUST_LOG", "info,steward=loud")]),
            "RUST_LOG"
        );
        assert_eq!(
            error_variable(&[("SESSION_IDLE_MINUTES", "18446744073709551615")]),
            "SESSION_IDLE_MINUTES"
        );
        assert_eq!(
            error_variable(&[("DATABASE_MAX_CONNECTIONS", "4294967296")]),
            "DATABASE_MAX_CONNECTIONS"
        );
        assert_eq!(
            error_variable(&[("TRUST_X_FORWARDED_FOR", "maybe")]),
            "TRUST_X_FORWARDED_FOR"
        );
        assert_eq!(
            error_variable(&[("SMTP_HOST", "smtp.example.com")]),
            "SMTP_FROM"
        );
        assert_eq!(
            error_variable(&[
                ("SMTP_HOST", "h"),
                ("SMTP_FROM", "a@b.co"),
                ("SMTP_PORT", "70000")
            ]),
            "SMTP_PORT"
        );
    }

    #[test]
    fn https_requires_a_session_secret() {
        assert_eq!(
            error_variable(&[("PUBLIC_BASE_URL", "https://cs.example.com")]),
            "SESSION_SECRET"
        );
        let message = config(&[("PUBLIC_BASE_URL", "https://cs.example.com")])
            .unwrap_err()
            .to_string();
        assert!(
            message.starts_with("configuration error in SESSION_SECRET"),
            "{message}"
        );
    }

    #[test]
    fn blank_values_count_as_unset() {
        assert_eq!(
            config(&[("DATABASE_URL", "  ")])
                .unwrap()
                .database_url
                .expose(),
            DEFAULT_DATABASE_URL
        );
    }
}
