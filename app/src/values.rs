//! Parsed values shared by several features. Input is validated where it enters, once.
use serde::{Deserialize, Serialize};
use std::fmt;

/// A syntactically valid e-mail address, trimmed, at most 254 characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct EmailAddress(String);

impl EmailAddress {
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        const INVALID: &str = "Enter a valid e-mail address, like name@example.com.";
        let email = raw.trim();
        if email.is_empty() {
            return Err("Enter your e-mail address.");
        }
        if email.len() > 254 {
            return Err("That e-mail address is too long.");
        }
        let (local, domain) = email.rsplit_once('@').ok_or(INVALID)?;
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && !local.starts_with('.')
            && !local.ends_with('.')
            && !local.contains("..")
            && local
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c));
        let labels: Vec<&str> = domain.split('.').collect();
        let domain_ok = labels.len() >= 2
            && labels.iter().all(|label| {
                !label.is_empty()
                    && label.len() <= 63
                    && !label.starts_with('-')
                    && !label.ends_with('-')
                    && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            })
            && labels
                .last()
                .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()));
        if local_ok && domain_ok {
            Ok(Self(email.to_owned()))
        } else {
            Err(INVALID)
        }
    }

    /// The address with most of its local part hidden (`ad…@example.com`), for telling the
    /// old address where an account went without handing the new one to whoever reads it.
    pub fn masked(&self) -> String {
        let (local, domain) = self.0.rsplit_once('@').unwrap_or((&self.0, ""));
        // Short local parts would be shown whole: they keep one character.
        let keep = if local.chars().count() > 4 { 2 } else { 1 };
        let shown: String = local.chars().take(keep).collect();
        format!("{shown}…@{domain}")
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The one slug function: a URL-safe short name from a display name, lowercase ASCII letters
/// and digits joined by single dashes, at most `SLUG_MAX` characters ("" when nothing is left).
/// Apostrophes join rather than separate: "O'Brien Dental" -> "obrien-dental".
pub fn slugify(name: &str) -> String {
    let mut slug = String::new();
    for c in name.trim().chars().filter(|c| !matches!(c, '\'' | '’')) {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug: String = slug.trim_end_matches('-').chars().take(SLUG_MAX).collect();
    slug.trim_end_matches('-').to_owned()
}

pub const SLUG_MAX: usize = 60;

/// Whether `slug` is a short name `slugify` could have made.
pub fn is_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug.len() <= SLUG_MAX
        && slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && !slug.contains("--")
}

/// Trims `raw` and checks its length in characters; `label` names the field in the message.
pub fn required_text(raw: &str, label: &str, min: usize, max: usize) -> Result<String, String> {
    let text = raw.trim();
    let chars = text.chars().count();
    if chars == 0 {
        Err(format!("Enter {label}."))
    } else if chars < min {
        Err(format!("Use at least {min} characters for {label}."))
    } else if chars > max {
        Err(format!(
            "Use at most {max} characters for {label} (you have {chars})."
        ))
    } else if text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
    {
        Err(format!("Remove the control characters from {label}."))
    } else {
        Ok(text.to_owned())
    }
}

/// A name shown on one line (a person, an organization, a partner): trimmed, 1 to `max`
/// characters, with no line breaks, control characters or text-direction overrides. Names go
/// into e-mail subjects and bodies as they are; a newline there would forge lines of a message.
pub fn one_line_name(raw: &str, max: usize) -> Result<String, String> {
    let name = raw.trim();
    let chars = name.chars().count();
    if chars == 0 {
        Err("Enter a name.".into())
    } else if chars > max {
        Err(format!("Use at most {max} characters (you have {chars})."))
    } else if name.chars().any(breaks_a_line) {
        Err("Use one line, without line breaks or control characters.".into())
    } else {
        Ok(name.to_owned())
    }
}

/// Control characters, Unicode line and paragraph separators, and bidirectional overrides.
fn breaks_a_line(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_ordinary_addresses() {
        for ok in [
            "a@b.co",
            "first.last+tag@mail.example.org",
            "  padded@example.com ",
        ] {
            assert!(EmailAddress::parse(ok).is_ok(), "{ok}");
        }
        assert_eq!(EmailAddress::parse(" x@y.io ").unwrap().as_str(), "x@y.io");
    }

    #[test]
    fn rejects_malformed_addresses() {
        for bad in [
            "",
            "plain",
            "@example.com",
            "a@",
            "a@b",
            "a@b.c",
            "a@-b.com",
            "a b@c.com",
            "a..b@c.com",
            "a@b..com",
            "a@b.c0m1",
            ".a@b.com",
        ] {
            assert!(EmailAddress::parse(bad).is_err(), "{bad:?} was accepted");
        }
        let long = format!("{}@example.com", "a".repeat(250));
        assert_eq!(
            EmailAddress::parse(&long),
            Err("That e-mail address is too long.")
        );
    }

    #[test]
    fn slugs_are_lowercase_dashed_and_bounded() {
        assert_eq!(slugify("  Harbor & Co. Logistics "), "harbor-co-logistics");
        assert_eq!(slugify("O'Brien Dental"), "obrien-dental");
        assert_eq!(slugify("Ünïcode"), "n-code");
        assert_eq!(slugify("!!!"), "");
        assert_eq!(slugify(&"a".repeat(100)).len(), 60);
        assert_eq!(slugify(&format!("{}-b", "a".repeat(59))), "a".repeat(59));
        for name in ["Kestrel  Analytics Co-op", "Smith & Sons, Ltd."] {
            assert!(is_slug(&slugify(name)), "{name}");
        }
        assert!(!is_slug("-a") && !is_slug("a--b") && !is_slug("A"));
    }

    #[test]
    fn masked_addresses_keep_little_of_the_local_part() {
        let masked = |a: &str| EmailAddress::parse(a).unwrap().masked();
        assert_eq!(masked("new.member@example.com"), "ne…@example.com");
        assert_eq!(masked("al@example.com"), "a…@example.com");
        assert_eq!(masked("x@example.com"), "x…@example.com");
    }

    #[test]
    fn names_stay_on_one_line() {
        assert_eq!(
            one_line_name("  Ada Lovelace ", 100),
            Ok("Ada Lovelace".into())
        );
        assert_eq!(
            one_line_name("Zoë & Co. (Berlin)", 100),
            Ok("Zoë & Co. (Berlin)".into())
        );
        for forged in [
            "Ada\nSubject: urgent",
            "Ada\r\nBcc: x@y.z",
            "Ada\tLovelace",
            "Ada\u{0}",
            "Ada\u{2028}Lovelace",
            "Ada\u{202E}ecalevoL",
            "Ada\u{85}Lovelace",
        ] {
            assert!(one_line_name(forged, 100).is_err(), "{forged:?}");
        }
        assert!(one_line_name("   ", 100).is_err());
        assert!(one_line_name(&"é".repeat(101), 100)
            .unwrap_err()
            .contains("you have 101"));
    }

    #[test]
    fn required_text_checks_bounds_in_characters() {
        assert_eq!(required_text("  hi  ", "a name", 1, 10), Ok("hi".into()));
        assert_eq!(
            required_text("   ", "a name", 1, 10),
            Err("Enter a name.".into())
        );
        assert!(required_text("ab", "a message", 3, 10)
            .unwrap_err()
            .contains("at least 3"));
        assert!(required_text("ééééé", "a name", 1, 4)
            .unwrap_err()
            .contains("you have 5"));
        assert!(required_text("ok\u{0}", "a name", 1, 10)
            .unwrap_err()
            .contains("control"));
        assert_eq!(
            required_text("line\nbreak", "a message", 1, 20),
            Ok("line\nbreak".into())
        );
    }
}
