//! What a contact request is, and the rules it must meet (shared by the browser and server).
use crate::{
    error::FieldErrors,
    values::{required_text, EmailAddress},
};
use serde::{Deserialize, Serialize};

pub const TEAM_SIZES: [(&str, &str); 4] = [
    ("1-10", "1–10 people"),
    ("11-50", "11–50 people"),
    ("51-200", "51–200 people"),
    ("201+", "More than 200 people"),
];

pub const NAME_MAX: usize = 100;
pub const COMPANY_MAX: usize = 120;
pub const MESSAGE_MIN: usize = 10;
pub const MESSAGE_MAX: usize = 2000;
/// A rejected message is echoed back (in the redirect URL, for plain form posts) only when
/// short; browsers enforce the length limits natively, so this rarely matters.
const ECHO_MESSAGE_MAX: usize = 500;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactReceipt {
    /// What the visitor can quote when they write again, e.g. `REQ-000042`.
    pub reference: String,
}

/// The form as submitted: untrusted text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactInput {
    pub name: String,
    pub email: String,
    pub company: String,
    pub team_size: String,
    pub message: String,
}

/// A contact request that passed every rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactRequest {
    pub name: String,
    pub email: EmailAddress,
    pub company: String,
    pub team_size: &'static str,
    pub message: String,
}

fn parse_name(v: &str) -> Result<String, String> {
    required_text(v, "your name", 1, NAME_MAX)
}

fn parse_email(v: &str) -> Result<EmailAddress, String> {
    EmailAddress::parse(v).map_err(str::to_owned)
}

fn parse_company(v: &str) -> Result<String, String> {
    required_text(v, "your company", 1, COMPANY_MAX)
}

fn parse_team_size(v: &str) -> Result<&'static str, String> {
    TEAM_SIZES
        .iter()
        .find(|(size, _)| *size == v)
        .map(|(size, _)| *size)
        .ok_or_else(|| "Choose your team size.".to_owned())
}

fn parse_message(v: &str) -> Result<String, String> {
    required_text(v, "a message", MESSAGE_MIN, MESSAGE_MAX)
}

/// Records a field's error and passes its value on.
fn collect<T>(errors: &mut FieldErrors, field: &str, parsed: Result<T, String>) -> Option<T> {
    parsed.map_err(|message| errors.add(field, message)).ok()
}

impl ContactInput {
    pub fn validate(&self) -> Result<ContactRequest, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = collect(&mut errors, "name", parse_name(&self.name));
        let email = collect(&mut errors, "email", parse_email(&self.email));
        let company = collect(&mut errors, "company", parse_company(&self.company));
        let team_size = collect(&mut errors, "team_size", parse_team_size(&self.team_size));
        let message = collect(&mut errors, "message", parse_message(&self.message));
        match (name, email, company, team_size, message) {
            (Some(name), Some(email), Some(company), Some(team_size), Some(message)) => {
                Ok(ContactRequest {
                    name,
                    email,
                    company,
                    team_size,
                    message,
                })
            }
            _ => Err(errors
                .keep_input("name", &self.name)
                .keep_input("email", &self.email)
                .keep_input("company", &self.company)
                .keep_input("team_size", &self.team_size)
                .keep_input(
                    "message",
                    if self.message.len() <= ECHO_MESSAGE_MAX {
                        &self.message
                    } else {
                        ""
                    },
                )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> ContactInput {
        ContactInput {
            name: " Ada Lovelace ".into(),
            email: "ada@example.com".into(),
            company: "Analytical Engines".into(),
            team_size: "11-50".into(),
            message: "We need a partner portal for 40 resellers.".into(),
        }
    }

    #[test]
    fn a_complete_request_is_accepted_and_trimmed() {
        let request = valid().validate().unwrap();
        assert_eq!(request.name, "Ada Lovelace");
        assert_eq!(request.team_size, "11-50");
    }

    #[test]
    fn every_bad_field_gets_its_own_message_and_input_is_kept() {
        let input = ContactInput {
            name: "".into(),
            email: "ada@".into(),
            company: "x".repeat(COMPANY_MAX + 1),
            team_size: "9000".into(),
            message: "short".into(),
        };
        let errors = input.validate().unwrap_err();
        for field in ["name", "email", "company", "team_size", "message"] {
            assert!(errors.get(field).is_some(), "no message for {field}");
        }
        assert_eq!(errors.input("email"), Some("ada@"));
        assert_eq!(errors.input("message"), Some("short"));
    }
}
