//! One-shot notices ("flash messages") shown after a plain form POST redirects back.
//! Only a code travels in the cookie, so a forged cookie can show nothing but our own text.
use serde::{Deserialize, Serialize};

pub const FLASH_COOKIE: &str = "steward_flash";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Notice {
    ContactReceived,
}

impl Notice {
    pub fn code(self) -> &'static str {
        match self {
            Self::ContactReceived => "contact_received",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "contact_received" => Some(Self::ContactReceived),
            _ => None,
        }
    }

    pub fn text(self) -> &'static str {
        match self {
            Self::ContactReceived => {
                "Thanks! Your message reached our team; we reply within one business day."
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_unknown_codes_are_ignored() {
        let notice = Notice::ContactReceived;
        assert_eq!(Notice::from_code(notice.code()), Some(notice));
        assert_eq!(Notice::from_code("<script>"), None);
    }
}
