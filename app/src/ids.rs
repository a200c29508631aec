//! Typed ids and text-coded enums, shared by the server and the browser. An id never crosses a
//! function boundary as a bare integer: `OrgId` and `UserId` cannot be swapped by mistake.
//! On the server they bind to and decode from SQL directly.
use serde::{Deserialize, Serialize};
use std::{fmt, str::FromStr};

macro_rules! ids {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        #[cfg_attr(feature = "ssr", derive(sqlx::Type), sqlx(transparent))]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        /// Ids go into forms and links as plain numbers.
        impl leptos::tachys::prelude::IntoAttributeValue for $name {
            type Output = String;
            fn into_attribute_value(self) -> String {
                self.0.to_string()
            }
        }

        impl FromStr for $name {
            type Err = std::num::ParseIntError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.parse().map(Self)
            }
        }
    )*};
}

ids! {
    /// A person's account.
    UserId,
    /// A reseller partner.
    PartnerId,
    /// A customer organization.
    OrgId,
    /// One role of one user in one scope.
    MembershipId,
    /// One signed-in browser.
    LoginId,
    /// One e-mail in the outbox.
    MessageId,
    /// One "Talk to us" request.
    ContactRequestId,
    /// One audit log entry.
    AuditEntryId,
    /// One queued, running or finished background job.
    JobId,
    /// One notification to one person.
    NotificationId,
}

/// Declares an enum stored and sent as a short text code (`"past_due"`), with its codes, a
/// parser, and on the server the SQL encoding of that code.
macro_rules! text_enum {
    ($(#[$doc:meta])* $vis:vis enum $name:ident { $($variant:ident = $code:literal),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ::serde::Serialize, ::serde::Deserialize)]
        $vis enum $name {
            $(#[serde(rename = $code)] $variant),*
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$(Self::$variant),*];

            pub fn code(self) -> &'static str {
                match self {
                    $(Self::$variant => $code),*
                }
            }

            pub fn from_code(code: &str) -> Option<Self> {
                match code {
                    $($code => Some(Self::$variant),)*
                    _ => None,
                }
            }

            /// A count for every value, in `ALL` order, from a `GROUP BY` that leaves out the
            /// values with none.
            pub fn count_each(counted: &[(Self, i64)]) -> Vec<(Self, i64)> {
                Self::ALL
                    .iter()
                    .map(|v| (*v, counted.iter().find(|(c, _)| c == v).map_or(0, |(_, n)| *n)))
                    .collect()
            }

            /// A list filter's value: empty for any, else a known code.
            pub fn parse_filter(raw: &str) -> Result<Option<Self>, $crate::error::AppError> {
                match raw.trim() {
                    "" => Ok(None),
                    code => Self::from_code(code).map(Some).ok_or_else(|| {
                        $crate::error::AppError::BadRequest(format!("Unknown value {code:?}."))
                    }),
                }
            }
        }

        #[cfg(feature = "ssr")]
        $crate::ids::text_enum_sql!($name);
    };
}
pub(crate) use text_enum;

/// SQL encoding of a `text_enum!`: a TEXT column holding its code, on either backend.
#[cfg(feature = "ssr")]
macro_rules! text_enum_sql {
    ($name:ident) => {
        impl<DB: sqlx::Database> sqlx::Type<DB> for $name
        where
            String: sqlx::Type<DB>,
        {
            fn type_info() -> DB::TypeInfo {
                <String as sqlx::Type<DB>>::type_info()
            }
            fn compatible(ty: &DB::TypeInfo) -> bool {
                <String as sqlx::Type<DB>>::compatible(ty)
            }
        }

        impl<'r, DB: sqlx::Database> sqlx::Decode<'r, DB> for $name
        where
            String: sqlx::Decode<'r, DB>,
        {
            fn decode(
                value: <DB as sqlx::Database>::ValueRef<'r>,
            ) -> Result<Self, sqlx::error::BoxDynError> {
                let code = <String as sqlx::Decode<'r, DB>>::decode(value)?;
                Self::from_code(&code)
                    .ok_or_else(|| format!("unknown {} code {code:?}", stringify!($name)).into())
            }
        }

        impl<'q, DB: sqlx::Database> sqlx::Encode<'q, DB> for $name
        where
            String: sqlx::Encode<'q, DB>,
        {
            fn encode_by_ref(
                &self,
                buf: &mut <DB as sqlx::Database>::ArgumentBuffer<'q>,
            ) -> Result<sqlx::encode::IsNull, sqlx::error::BoxDynError> {
                <String as sqlx::Encode<'q, DB>>::encode(self.code().to_owned(), buf)
            }
        }
    };
}
#[cfg(feature = "ssr")]
pub(crate) use text_enum_sql;

text_enum! {
    /// Where a membership applies: the platform, a partner, or an organization.
    pub enum ScopeKind {
        Platform = "platform",
        Partner = "partner",
        Organization = "organization",
    }
}

text_enum! {
    /// An account's state: invited (no password yet), active, or disabled by a platform admin.
    pub enum UserStatus {
        Invited = "invited",
        Active = "active",
        Disabled = "disabled",
    }
}

text_enum! {
    /// A partner's state; a suspended partner's people cannot open the partner portal.
    pub enum PartnerStatus {
        Active = "active",
        Suspended = "suspended",
    }
}

text_enum! {
    /// Where a customer organization stands with its subscription.
    pub enum OrgStatus {
        Trial = "trial",
        Active = "active",
        PastDue = "past_due",
        Cancelled = "cancelled",
        PendingDeletion = "pending_deletion",
    }
}

impl UserStatus {
    pub fn label(self) -> &'static str {
        match self {
            Self::Invited => "Invited",
            Self::Active => "Active",
            Self::Disabled => "Disabled",
        }
    }
}

impl OrgStatus {
    pub fn label(self) -> &'static str {
        match self {
            Self::Trial => "Trial",
            Self::Active => "Active",
            Self::PastDue => "Past due",
            Self::Cancelled => "Cancelled",
            Self::PendingDeletion => "Pending deletion",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_match_the_wire_format() {
        for status in OrgStatus::ALL {
            assert_eq!(OrgStatus::from_code(status.code()), Some(*status));
            let json = serde_json::to_string(status).unwrap();
            assert_eq!(json, format!("\"{}\"", status.code()));
        }
        assert_eq!(OrgStatus::from_code("deleted"), None);
        assert_eq!(UserStatus::parse_filter(" "), Ok(None));
        assert_eq!(
            UserStatus::parse_filter("active"),
            Ok(Some(UserStatus::Active))
        );
        assert!(UserStatus::parse_filter("root").is_err());
        assert_eq!(ScopeKind::from_code("partner"), Some(ScopeKind::Partner));
    }

    #[test]
    fn ids_parse_and_print_as_plain_numbers() {
        assert_eq!("42".parse::<OrgId>(), Ok(OrgId(42)));
        assert!("x".parse::<OrgId>().is_err());
        assert_eq!(UserId(7).to_string(), "7");
        assert_eq!(serde_json::to_string(&MembershipId(3)).unwrap(), "3");
    }
}
