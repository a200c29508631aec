//! What the organization and partner screens exchange with their server functions, and the
//! rules their input must meet.
use crate::{
    error::{AppError, FieldErrors},
    identity::Role,
    ids::{OrgId, OrgStatus, PartnerId, PartnerStatus, ScopeKind},
    paging::Page,
    people::types::Invitation,
    values::{is_slug, one_line_name, slugify, SLUG_MAX},
};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct PartnerRow {
    pub id: PartnerId,
    pub slug: String,
    pub name: String,
    pub status: PartnerStatus,
    /// Customer organizations not archived.
    pub organizations: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgFilter {
    #[serde(default)]
    pub q: String,
    /// A partner's id, `direct` for customers without one, or empty for all.
    #[serde(default)]
    pub partner: String,
    /// A status code, or empty for all.
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub archived: bool,
    #[serde(default)]
    pub page: i64,
}

/// Which partner an organization filter asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartnerFilter {
    Any,
    Direct,
    Partner(PartnerId),
}

impl OrgFilter {
    /// The filter's status and partner as typed values; unknown ones are a bad request.
    pub fn parse(&self) -> Result<(Option<OrgStatus>, PartnerFilter), AppError> {
        let status = OrgStatus::parse_filter(&self.status)?;
        let partner = match self.partner.trim() {
            "" => PartnerFilter::Any,
            "direct" => PartnerFilter::Direct,
            id => PartnerFilter::Partner(id.parse().map_err(|_| unknown_partner())?),
        };
        Ok((status, partner))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct OrgRow {
    pub id: OrgId,
    pub slug: String,
    pub name: String,
    pub status: OrgStatus,
    pub partner_id: Option<PartnerId>,
    pub partner_name: Option<String>,
    pub archived: bool,
    pub created_at: DateTime<Utc>,
}

pub type OrgPage = Page<OrgRow>;

/// A partner's or organization's name and short name, checked. An empty short name is made
/// from the name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TenantName {
    pub name: String,
    pub slug: String,
}

impl TenantName {
    pub fn parse(name: &str, slug: &str) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        let trimmed = one_line_name(name, 100)
            .map_err(|e| errors.add("name", e))
            .unwrap_or_default();
        let slug = match slug.trim() {
            "" => slugify(&trimmed),
            typed => typed.to_owned(),
        };
        if !is_slug(&slug) {
            errors.add(
                "slug",
                format!("Use lowercase letters, digits and single dashes (at most {SLUG_MAX})."),
            );
        }
        errors
            .keep_input_if_invalid("name", name)
            .keep_input_if_invalid("slug", &slug)
            .into_result_with(Self {
                name: trimmed,
                slug,
            })
    }

    /// A new name alone, for renames (the short name never changes).
    pub fn parse_rename(name: &str) -> Result<String, AppError> {
        one_line_name(name, 100)
            .map_err(|e| FieldErrors::one("name", e).keep_input("name", name).into())
    }
}

/// A new organization and the owner to invite, as the form sends them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewOrganization {
    pub named: TenantName,
    pub owner: Invitation,
}

impl NewOrganization {
    pub fn parse(name: &str, owner_email: &str, owner_name: &str) -> Result<Self, FieldErrors> {
        let named = TenantName::parse(name, "");
        let owner = Invitation::parse(
            owner_email,
            owner_name,
            Role::Owner.code(),
            ScopeKind::Organization,
        );
        match (named, owner) {
            (Ok(named), Ok(owner)) => Ok(Self { named, owner }),
            (named, owner) => {
                let mut errors = named.err().unwrap_or_default();
                if let Err(owner) = owner {
                    for (field, message) in owner.messages {
                        errors.add(
                            &format!("owner_{}", field.trim_start_matches("display_")),
                            message,
                        );
                    }
                }
                Err(errors
                    .keep_input("name", name)
                    .keep_input("owner_email", owner_email)
                    .keep_input("owner_name", owner_name))
            }
        }
    }
}

/// An organization's editable fields, as the edit form sends them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgEdit {
    pub name: String,
    pub status: OrgStatus,
    pub archived: bool,
    /// The partner it belongs to (`None`: a direct customer).
    pub partner: Option<PartnerId>,
}

impl OrgEdit {
    pub fn parse(
        name: &str,
        status: &str,
        archived: bool,
        partner: &str,
    ) -> Result<Self, AppError> {
        Ok(Self {
            name: TenantName::parse_rename(name)?,
            status: parse_org_status(status)?,
            archived,
            partner: parse_partner_choice(partner)?,
        })
    }
}

/// A partner picker's value: empty or `direct` for a direct customer, else the partner's id.
pub fn parse_partner_choice(raw: &str) -> Result<Option<PartnerId>, AppError> {
    match raw.trim() {
        "" | "direct" => Ok(None),
        id => id.parse().map(Some).map_err(|_| unknown_partner()),
    }
}

pub fn parse_org_status(raw: &str) -> Result<OrgStatus, AppError> {
    OrgStatus::from_code(raw.trim()).ok_or_else(unknown_status)
}

pub fn parse_partner_status(raw: &str) -> Result<PartnerStatus, AppError> {
    PartnerStatus::from_code(raw.trim())
        .ok_or_else(|| AppError::BadRequest("Status must be active or suspended.".into()))
}

fn unknown_status() -> AppError {
    AppError::BadRequest("Unknown status.".into())
}

fn unknown_partner() -> AppError {
    AppError::BadRequest("Unknown partner.".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_checked_and_short_names_derived() {
        let named = TenantName::parse("  Harbor & Co ", "").unwrap();
        assert_eq!(
            (named.name.as_str(), named.slug.as_str()),
            ("Harbor & Co", "harbor-co")
        );
        let bad = TenantName::parse("", "Not A Slug").unwrap_err();
        assert!(bad.get("name").is_some() && bad.get("slug").is_some());
        assert_eq!(bad.input("slug"), Some("Not A Slug"));
        assert!(TenantName::parse("!!!", "")
            .unwrap_err()
            .get("slug")
            .is_some());
    }

    #[test]
    fn a_new_organization_needs_a_name_and_an_owner() {
        let ok = NewOrganization::parse("Harbor Co", "ada@harbor.example", "Ada").unwrap();
        assert_eq!(
            (ok.named.slug.as_str(), ok.owner.role),
            ("harbor-co", Role::Owner)
        );
        let bad = NewOrganization::parse("", "ada", "").unwrap_err();
        for field in ["name", "owner_email", "owner_name"] {
            assert!(bad.get(field).is_some(), "{field}: {bad:?}");
        }
        assert_eq!(bad.input("owner_email"), Some("ada"));
    }

    #[test]
    fn partner_choices_and_filters_parse_or_are_refused() {
        assert_eq!(parse_partner_choice("direct").unwrap(), None);
        assert_eq!(parse_partner_choice(" 7 ").unwrap(), Some(PartnerId(7)));
        assert!(parse_partner_choice("seven").is_err());
        let filter = OrgFilter {
            status: "past_due".into(),
            partner: "direct".into(),
            ..OrgFilter::default()
        };
        assert_eq!(
            filter.parse().unwrap(),
            (Some(OrgStatus::PastDue), PartnerFilter::Direct)
        );
        let bad = OrgFilter {
            status: "deleted".into(),
            ..OrgFilter::default()
        };
        assert!(bad.parse().is_err());
    }
}

/// How many live (not archived) organizations a reach covers, by status and by partner: what
/// the overview pages show until the health dashboard replaces them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgCounts {
    pub total: i64,
    /// Every status, in `OrgStatus::ALL` order, with zeros.
    pub by_status: Vec<(OrgStatus, i64)>,
    /// The partners with the most organizations, largest first; `None` is direct customers.
    pub by_partner: Vec<(Option<String>, i64)>,
}
