//! `AppError`: the one error type shared by server functions, pages and the REST API.
//! It crosses the wire as JSON, renders as a message the UI can show, and maps to an HTTP status.
use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("Please sign in to continue.")]
    Unauthenticated,
    /// Unknown e-mail, wrong password and unusable account all read the same.
    #[error("The e-mail address or password is incorrect.")]
    InvalidCredentials,
    #[error("You don't have access to this page.")]
    Forbidden,
    #[error("We couldn't find what you were looking for.")]
    NotFound,
    #[error("The request could not be understood: {0}")]
    BadRequest(String),
    #[error("Please correct the highlighted fields.")]
    Validation(FieldErrors),
    #[error("{0}")]
    Conflict(String),
    #[error("Too many attempts. Try again in {} minute(s).", retry_after_secs.div_ceil(60))]
    RateLimited { retry_after_secs: u64 },
    #[error("Steward is temporarily unavailable. Please try again in a moment.")]
    Unavailable,
    #[error("Something went wrong on our side. It has been logged; please try again.")]
    Internal,
}

impl AppError {
    /// The HTTP status this error is answered with.
    pub fn status(&self) -> u16 {
        match self {
            Self::Unauthenticated | Self::InvalidCredentials => 401,
            Self::Forbidden => 403,
            Self::NotFound => 404,
            Self::BadRequest(_) => 400,
            Self::Validation(_) => 422,
            Self::Conflict(_) => 409,
            Self::RateLimited { .. } => 429,
            Self::Unavailable => 503,
            Self::Internal => 500,
        }
    }

    /// A short page title for error pages.
    pub fn title(&self) -> &'static str {
        match self {
            Self::Unauthenticated => "Sign in required",
            Self::InvalidCredentials => "Sign-in failed",
            Self::Forbidden => "Access denied",
            Self::NotFound => "Page not found",
            Self::BadRequest(_) | Self::Validation(_) => "Request not accepted",
            Self::Conflict(_) => "Conflict",
            Self::RateLimited { .. } => "Slow down",
            Self::Unavailable => "Temporarily unavailable",
            Self::Internal => "Something went wrong",
        }
    }

    pub fn field_errors(&self) -> Option<&FieldErrors> {
        match self {
            Self::Validation(errors) => Some(errors),
            _ => None,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(msg) | ServerFnErrorErr::Deserialization(msg) => {
                Self::BadRequest(msg)
            }
            ServerFnErrorErr::Request(_) | ServerFnErrorErr::Response(_) => Self::Unavailable,
            ServerFnErrorErr::UnsupportedRequestMethod(msg) => Self::BadRequest(msg),
            _ => Self::Internal,
        }
    }
}

impl From<FieldErrors> for AppError {
    fn from(errors: FieldErrors) -> Self {
        Self::Validation(errors)
    }
}

/// Field name → message, plus the rejected input of non-secret fields so that a form
/// re-rendered after a plain (no-JavaScript) POST keeps what the user typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldErrors {
    pub messages: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub input: BTreeMap<String, String>,
}

impl FieldErrors {
    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        self.messages
            .entry(field.to_owned())
            .or_insert_with(|| message.into());
    }

    pub fn is_empty(&self) -> bool {
        self.messages.is_empty()
    }

    /// One message at one field.
    pub fn one(field: &str, message: impl Into<String>) -> Self {
        let mut errors = Self::default();
        errors.add(field, message);
        errors
    }

    /// `Ok(value)` when nothing was added, else these errors.
    pub fn into_result_with<T>(self, value: T) -> Result<T, Self> {
        if self.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
    }

    /// `Ok(())` when nothing was added, else the validation error.
    pub fn into_result(self) -> Result<(), AppError> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(AppError::Validation(self))
        }
    }

    pub fn get(&self, field: &str) -> Option<&str> {
        self.messages.get(field).map(String::as_str)
    }

    pub fn input(&self, field: &str) -> Option<&str> {
        self.input.get(field).map(String::as_str)
    }

    /// Keeps `value` for re-display when something was rejected.
    pub fn keep_input_if_invalid(self, field: &str, value: &str) -> Self {
        if self.is_empty() {
            self
        } else {
            self.keep_input(field, value)
        }
    }

    /// Keeps `value` for re-display; never call this for passwords or other secrets.
    pub fn keep_input(mut self, field: &str, value: &str) -> Self {
        self.input.insert(field.to_owned(), value.to_owned());
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_variant_maps_to_its_status() {
        let cases = [
            (AppError::Unauthenticated, 401),
            (AppError::InvalidCredentials, 401),
            (AppError::Forbidden, 403),
            (AppError::NotFound, 404),
            (AppError::BadRequest("x".into()), 400),
            (AppError::Validation(FieldErrors::default()), 422),
            (AppError::Conflict("taken".into()), 409),
            (
                AppError::RateLimited {
                    retry_after_secs: 90,
                },
                429,
            ),
            (AppError::Unavailable, 503),
            (AppError::Internal, 500),
        ];
        for (error, status) in cases {
            assert_eq!(error.status(), status, "{error:?}");
        }
    }

    #[test]
    fn rate_limit_message_rounds_up_to_minutes() {
        let msg = AppError::RateLimited {
            retry_after_secs: 61,
        }
        .to_string();
        assert_eq!(msg, "Too many attempts. Try again in 2 minute(s).");
    }

    #[test]
    fn server_fn_plumbing_errors_become_app_errors() {
        let bad_args =
            AppError::from_server_fn_error(ServerFnErrorErr::Args("missing field".into()));
        assert_eq!(bad_args, AppError::BadRequest("missing field".into()));
        let network = AppError::from_server_fn_error(ServerFnErrorErr::Request("offline".into()));
        assert_eq!(network, AppError::Unavailable);
        let other = AppError::from_server_fn_error(ServerFnErrorErr::ServerError("boom".into()));
        assert_eq!(other, AppError::Internal);
    }

    #[test]
    fn errors_round_trip_through_the_wire_encoding() {
        let mut fields = FieldErrors::default();
        fields.add("email", "Enter a valid e-mail address.");
        let error = AppError::Validation(fields.keep_input("email", "nope"));
        let bytes = error.ser();
        assert_eq!(AppError::de(bytes), error);
    }

    #[test]
    fn first_message_for_a_field_wins() {
        let mut fields = FieldErrors::default();
        fields.add("name", "first");
        fields.add("name", "second");
        assert_eq!(fields.get("name"), Some("first"));
    }
}
