//! Structured logs through `tracing`: readable in a terminal, JSON for log collectors.
//! `RUST_LOG` filters (default `info`; validated with the rest of the config).
use crate::config::Config;
use tracing_subscriber::{fmt, EnvFilter};

pub fn init(config: &Config) {
    let format = config.log_format;
    let filter = EnvFilter::new(&config.log_filter);
    let builder = fmt().with_env_filter(filter).with_target(false);
    // Ignore the error when a subscriber already exists (tests, embedding).
    let _ = match format {
        crate::config::LogFormat::Pretty => builder.try_init(),
        crate::config::LogFormat::Json => builder
            .json()
            .flatten_event(true)
            .with_current_span(true)
            .try_init(),
    };
}
