//! The rules of the identity forms, shared by the browser and the server: new passwords (and
//! their confirmation), display names, and where to go after signing in.
use crate::{
    error::FieldErrors,
    values::{one_line_name, EmailAddress},
};

pub const PASSWORD_MIN: usize = 12;
pub const PASSWORD_MAX: usize = 256;

/// Passwords that pass the length rule but are among the first an attacker tries.
const COMMON_PASSWORDS: &[&str] = &[
    "123456789012",
    "1234567890123",
    "12345678901234",
    "qwertyuiopasdf",
    "qwertyuiop123",
    "password1234",
    "password12345",
    "passwordpassword",
    "letmein12345",
    "welcome12345",
    "iloveyou1234",
    "administrator",
    "changeme1234",
    "abc123456789",
    "aaaaaaaaaaaa",
    "111111111111",
    "000000000000",
    "qwerty123456",
    "1q2w3e4r5t6y",
    "zaq12wsxcde3",
    "trustno11234",
    "superman1234",
    "football1234",
    "baseball1234",
    "monkey123456",
    "dragon123456",
    "sunshine1234",
    "princess1234",
    "steward12345",
    "password123!",
    "p@ssw0rd1234",
    "correcthorsebatterystaple",
];

/// Checks a new password: length, and not one of the passwords attackers try first.
pub fn check_new_password(password: &str) -> Result<(), &'static str> {
    let length = password.chars().count();
    if length < PASSWORD_MIN {
        return Err("Use at least 12 characters.");
    }
    if length > PASSWORD_MAX {
        return Err("Use at most 256 characters.");
    }
    let lowered = password.to_lowercase();
    let first = lowered.chars().next();
    let one_repeated = lowered.chars().all(|c| Some(c) == first);
    if one_repeated || COMMON_PASSWORDS.contains(&lowered.as_str()) {
        return Err("This password is too common. Choose one that is harder to guess.");
    }
    Ok(())
}

/// A new password and its confirmation, as a form sends them: the field errors, if any.
pub fn check_new_password_pair(password: &str, confirm: &str) -> FieldErrors {
    let mut errors = FieldErrors::default();
    if let Err(e) = check_new_password(password) {
        errors.add("password", e);
    } else if password != confirm {
        errors.add("confirm", "The two passwords do not match.");
    }
    errors
}

/// A display name: trimmed, 1 to 100 characters.
pub fn check_display_name(name: &str) -> Result<String, String> {
    one_line_name(name, 100)
}

/// Where to go after signing in: only a path on this site, so the link cannot send the user
/// elsewhere.
pub fn safe_next_path(next: &str) -> Option<&str> {
    let ok = next.starts_with('/')
        && !next.starts_with("//")
        && !next.contains('\\')
        && !next.chars().any(char::is_control)
        && next.len() <= 512;
    ok.then_some(next)
}

/// The sign-in form: an address that can be one, and a password that is not empty.
pub fn parse_sign_in(email: &str, password: &str) -> Result<EmailAddress, FieldErrors> {
    let mut errors = FieldErrors::default();
    let address = EmailAddress::parse(email)
        .map_err(|e| errors.add("email", e))
        .ok();
    if password.is_empty() {
        errors.add("password", "Enter your password.");
    }
    let errors = errors.keep_input_if_invalid("email", email);
    match address {
        Some(address) => errors.into_result_with(address),
        None => Err(errors),
    }
}

/// The invitation form: the name to go by and a new password with its confirmation.
pub fn parse_acceptance(
    display_name: &str,
    password: &str,
    confirm: &str,
) -> Result<String, FieldErrors> {
    let mut errors = check_new_password_pair(password, confirm);
    let name = check_display_name(display_name)
        .map_err(|e| errors.add("display_name", e))
        .ok();
    let errors = errors.keep_input_if_invalid("display_name", display_name);
    match name {
        Some(name) => errors.into_result_with(name),
        None => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_need_length_and_must_not_be_common() {
        assert!(check_new_password("short").is_err());
        assert!(
            check_new_password("Password1234").is_err(),
            "common, any case"
        );
        assert!(
            check_new_password("zzzzzzzzzzzzzz").is_err(),
            "one repeated character"
        );
        assert!(check_new_password("amber-kettle-window").is_ok());
        assert!(check_new_password(&"x1".repeat(200)).is_err(), "too long");
    }

    #[test]
    fn a_new_password_needs_a_matching_confirmation() {
        assert!(check_new_password_pair("amber-kettle-window", "amber-kettle-window").is_empty());
        let mismatch = check_new_password_pair("amber-kettle-window", "amber-kettle");
        assert!(mismatch.get("confirm").is_some());
        let short = check_new_password_pair("short", "short");
        assert!(short.get("password").is_some() && short.get("confirm").is_none());
    }

    #[test]
    fn the_sign_in_and_invitation_forms_are_checked_whole() {
        assert_eq!(parse_sign_in(" a@b.co ", "x").unwrap().as_str(), "a@b.co");
        let both = parse_sign_in("nope", "").unwrap_err();
        assert!(both.get("email").is_some() && both.get("password").is_some());
        assert_eq!(both.input("email"), Some("nope"));
        assert_eq!(
            parse_acceptance(" Ada ", "amber-kettle-window", "amber-kettle-window"),
            Ok("Ada".into())
        );
        let bad = parse_acceptance("", "amber-kettle-window", "other").unwrap_err();
        assert!(bad.get("display_name").is_some() && bad.get("confirm").is_some());
    }

    #[test]
    fn next_path_stays_on_this_site() {
        assert_eq!(safe_next_path("/cs/admin"), Some("/cs/admin"));
        assert_eq!(safe_next_path("//evil.example"), None);
        assert_eq!(safe_next_path("https://evil.example"), None);
        assert_eq!(safe_next_path("/\\evil.example"), None);
        assert_eq!(safe_next_path(""), None);
    }

    #[test]
    fn display_names_are_trimmed_and_bounded() {
        assert_eq!(check_display_name("  Ada  "), Ok("Ada".to_owned()));
        assert!(check_display_name("   ").is_err());
        assert!(check_display_name(&"a".repeat(101)).is_err());
    }
}
