//! One-shot notices ("flash messages") shown after a plain form POST redirects back.
//! Only a code travels in the cookie, so a forged cookie can show nothing but our own text.
use serde::{Deserialize, Serialize};

pub const FLASH_COOKIE: &str = "steward_flash";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Notice {
    ContactReceived,
    SignedOut,
    ResetLinkSent,
    PasswordReset,
    PasswordChanged,
    ProfileSaved,
    EmailChangeSent,
    EmailChanged,
    OtherSessionsEnded,
    Saved,
    InvitationSent,
    InvitationAccepted,
    InvitationDeclined,
    TwoFactorOn,
    TwoFactorOff,
}

const ALL: [Notice; 15] = [
    Notice::ContactReceived,
    Notice::SignedOut,
    Notice::ResetLinkSent,
    Notice::PasswordReset,
    Notice::PasswordChanged,
    Notice::ProfileSaved,
    Notice::EmailChangeSent,
    Notice::EmailChanged,
    Notice::OtherSessionsEnded,
    Notice::Saved,
    Notice::InvitationSent,
    Notice::InvitationAccepted,
    Notice::InvitationDeclined,
    Notice::TwoFactorOn,
    Notice::TwoFactorOff,
];

impl Notice {
    pub fn code(self) -> &'static str {
        match self {
            Self::ContactReceived => "contact_received",
            Self::SignedOut => "signed_out",
            Self::ResetLinkSent => "reset_link_sent",
            Self::PasswordReset => "password_reset",
            Self::PasswordChanged => "password_changed",
            Self::ProfileSaved => "profile_saved",
            Self::EmailChangeSent => "email_change_sent",
            Self::EmailChanged => "email_changed",
            Self::OtherSessionsEnded => "other_sessions_ended",
            Self::Saved => "saved",
            Self::InvitationSent => "invitation_sent",
            Self::InvitationAccepted => "invitation_accepted",
            Self::InvitationDeclined => "invitation_declined",
            Self::TwoFactorOn => "two_factor_on",
            Self::TwoFactorOff => "two_factor_off",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        ALL.into_iter().find(|n| n.code() == code)
    }

    pub fn text(self) -> &'static str {
        match self {
            Self::ContactReceived => {
                "Thanks! Your message reached our team; we reply within one business day."
            }
            Self::SignedOut => "You are signed out.",
            Self::ResetLinkSent => {
                "If an account uses that address, a link to choose a new password is on its way. It works for one hour."
            }
            Self::PasswordReset => "Your password is changed. Sign in with the new one.",
            Self::PasswordChanged => "Your password is changed. Other browsers were signed out.",
            Self::ProfileSaved => "Your profile is saved.",
            Self::EmailChangeSent => {
                "We sent a confirmation link to the new address. The change takes effect when you open it."
            }
            Self::EmailChanged => "Your e-mail address is changed.",
            Self::OtherSessionsEnded => "Every other browser is signed out.",
            Self::Saved => "Saved.",
            Self::InvitationSent => "Invitation sent.",
            Self::InvitationAccepted => "Invitation accepted. Find it under \"Switch to\" in your menu.",
            Self::InvitationDeclined => "Invitation declined.",
            Self::TwoFactorOn => "Two-factor sign-in is on. Keep your recovery codes somewhere safe.",
            Self::TwoFactorOff => "Two-factor sign-in is off.",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_unknown_codes_are_ignored() {
        for notice in ALL {
            assert_eq!(Notice::from_code(notice.code()), Some(notice));
        }
        assert_eq!(Notice::from_code("<script>"), None);
    }
}
