//! The organizations feature's demo data: three partners with their people, and any number of
//! customer organizations with owners and members, planned from a seed (the same seed gives the
//! same data) and written through this feature's own data functions.
use super::{organizations, partners};
use crate::{
    error::AppError,
    identity::{Role, Scope},
    ids::{OrgStatus, PartnerId},
    organizations::types::TenantName,
    people::server::seed::{member, DemoLogin, DemoPerson},
    server::{
        db::Tx,
        demo::{person_name, Rng},
        tenancy::Actor,
    },
    values::slugify,
};
use names::organization_names;
use std::collections::HashSet;

mod names;

pub struct DemoPartner {
    slug: &'static str,
    name: &'static str,
    admin_name: &'static str,
    member_name: &'static str,
}

/// The first partner (index 0) owns the first organization.
const PARTNERS: [DemoPartner; 3] = [
    DemoPartner {
        slug: "northwind",
        name: "Northwind Resellers",
        admin_name: "Nadia Whitfield",
        member_name: "Tomas Reyes",
    },
    DemoPartner {
        slug: "bluebird",
        name: "Bluebird Cloud",
        admin_name: "Bianca Lowe",
        member_name: "Ethan Park",
    },
    DemoPartner {
        slug: "summit",
        name: "Summit Partners",
        admin_name: "Samuel Ortiz",
        member_name: "Hannah Kim",
    },
];

const NORTHWIND: usize = 0;

/// Slugs the fixed accounts' e-mail domains use; organizations never take them.
const RESERVED_SLUGS: [&str; 4] = ["steward", "northwind", "bluebird", "summit"];

#[derive(Debug, Clone, PartialEq, Eq)]
struct PlannedOrganization {
    name: String,
    slug: String,
    /// Index into `PARTNERS`; `None` for direct customers.
    partner: Option<usize>,
    status: OrgStatus,
    owner: DemoPerson,
    members: Vec<DemoPerson>,
}

/// `slugify(name)`, with `-2`, `-3`, … added until it is not in `used`; records it.
fn unique_slug(name: &str, used: &mut HashSet<String>) -> String {
    let base = slugify(name);
    let mut candidate = base.clone();
    let mut n = 1;
    while !used.insert(candidate.clone()) {
        n += 1;
        candidate = format!("{base}-{n}");
    }
    candidate
}

/// Mostly active, some trials, a few past due and cancelled.
fn organization_status(rng: &mut Rng) -> OrgStatus {
    match rng.below(100) {
        0..=69 => OrgStatus::Active,
        70..=85 => OrgStatus::Trial,
        86..=93 => OrgStatus::PastDue,
        _ => OrgStatus::Cancelled,
    }
}

/// The organizations of a run. The first one is an active Northwind customer; after it about
/// one in four is a direct customer and the rest rotate over the partners.
fn plan_organizations(count: usize, seed: u64) -> Vec<PlannedOrganization> {
    let mut rng = Rng::new(seed);
    let names = organization_names(count, &mut rng);
    let mut used: HashSet<String> = RESERVED_SLUGS.iter().map(|s| (*s).to_owned()).collect();
    let mut rotation = 0usize;
    names
        .into_iter()
        .enumerate()
        .map(|(index, name)| {
            let slug = unique_slug(&name, &mut used);
            let (partner, status) = if index == 0 {
                rotation = NORTHWIND + 1;
                (Some(NORTHWIND), OrgStatus::Active)
            } else {
                let partner = if rng.below(4) == 0 {
                    None
                } else {
                    let partner = rotation % PARTNERS.len();
                    rotation += 1;
                    Some(partner)
                };
                (partner, organization_status(&mut rng))
            };
            let owner = DemoPerson::new(format!("owner@{slug}.test"), person_name(&mut rng));
            let members = (1..=rng.below(3))
                .map(|n| DemoPerson::new(format!("member{n}@{slug}.test"), person_name(&mut rng)))
                .collect();
            PlannedOrganization {
                name,
                slug,
                partner,
                status,
                owner,
                members,
            }
        })
        .collect()
}

/// What the organization seeders made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seeded {
    pub partners: usize,
    pub organizations: usize,
    pub users: usize,
    pub logins: Vec<DemoLogin>,
}

/// The demo partners, each with an admin and a member, then `count` organizations from `seed`
/// with their owners and members. The Northwind admin also joins the first organization, so
/// one account can switch between a partner and an organization.
pub async fn seed(
    actor: &Actor,
    tx: &mut Tx,
    count: usize,
    seed: u64,
    password_hash: &str,
) -> Result<Seeded, AppError> {
    let platform = actor.require_platform_admin()?;
    let reach = actor.reach();
    let mut users = 0;
    let mut partner_ids: Vec<PartnerId> = Vec::with_capacity(PARTNERS.len());
    let mut northwind_admin = None;
    for partner in &PARTNERS {
        let named = TenantName {
            name: partner.name.to_owned(),
            slug: partner.slug.to_owned(),
        };
        let id = partners::create(&platform, tx, &named).await?;
        partner_ids.push(id);
        let people = [
            ("admin", partner.admin_name, Role::PartnerAdmin),
            ("member", partner.member_name, Role::PartnerMember),
        ];
        for (local_part, name, role) in people {
            let person = DemoPerson::new(format!("{local_part}@{}.test", partner.slug), name);
            member(reach, tx, &person, Scope::Partner(id), role, password_hash).await?;
            users += 1;
            if id == partner_ids[NORTHWIND] && role == Role::PartnerAdmin {
                northwind_admin = Some(person);
            }
        }
    }
    let planned = plan_organizations(count, seed);
    for (index, org) in planned.iter().enumerate() {
        let named = TenantName {
            name: org.name.clone(),
            slug: org.slug.clone(),
        };
        let partner = org.partner.map(|p| partner_ids[p]);
        let id = organizations::create(reach, tx, &named, partner, org.status).await?;
        let scope = Scope::Organization(id);
        member(reach, tx, &org.owner, scope, Role::Owner, password_hash).await?;
        for person in &org.members {
            member(reach, tx, person, scope, Role::Member, password_hash).await?;
        }
        users += 1 + org.members.len();
        if index == 0 {
            if let Some(admin) = &northwind_admin {
                member(reach, tx, admin, scope, Role::Member, password_hash).await?;
            }
        }
    }
    Ok(Seeded {
        partners: PARTNERS.len(),
        organizations: planned.len(),
        users,
        logins: demo_logins(&planned),
    })
}

/// The partner and customer accounts to print after seeding.
fn demo_logins(organizations: &[PlannedOrganization]) -> Vec<DemoLogin> {
    let northwind = PARTNERS[NORTHWIND].slug;
    let mut logins = vec![
        DemoLogin {
            role: Role::PartnerAdmin.label(),
            email: format!("admin@{northwind}.test"),
        },
        DemoLogin {
            role: Role::PartnerMember.label(),
            email: format!("member@{northwind}.test"),
        },
    ];
    if let Some(first) = organizations.first() {
        logins.push(DemoLogin {
            role: "Organization owner",
            email: first.owner.email.clone(),
        });
    }
    logins
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_data() {
        let a = plan_organizations(200, 7);
        let b = plan_organizations(200, 7);
        assert_eq!(a, b);
        let names: Vec<&str> = a.iter().map(|o| o.name.as_str()).collect();
        let again: Vec<String> = plan_organizations(200, 7)
            .into_iter()
            .map(|o| o.name)
            .collect();
        assert_eq!(names, again);
        let other: Vec<String> = plan_organizations(200, 8)
            .into_iter()
            .map(|o| o.name)
            .collect();
        assert_ne!(names, other, "another seed gives other names");
    }

    #[test]
    fn slugs_are_unique_and_kebab_case_for_ten_thousand_organizations() {
        let orgs = plan_organizations(10_000, 1);
        assert_eq!(orgs.len(), 10_000);
        let mut seen = HashSet::new();
        for org in &orgs {
            assert!(crate::values::is_slug(&org.slug), "{:?}", org.slug);
            assert!(
                seen.insert(org.slug.as_str()),
                "duplicate slug {:?}",
                org.slug
            );
            assert!(!RESERVED_SLUGS.contains(&org.slug.as_str()));
        }
        let mut emails = HashSet::new();
        for org in &orgs {
            assert!(emails.insert(org.owner.email.as_str()));
            for member in &org.members {
                assert!(emails.insert(member.email.as_str()));
            }
        }
    }

    #[test]
    fn every_planned_name_makes_a_slug() {
        for name in organization_names(500, &mut Rng::new(3)) {
            assert!(crate::values::is_slug(&slugify(&name)), "{name:?}");
        }
    }

    #[test]
    fn colliding_names_get_numbered_slugs() {
        let mut used = HashSet::new();
        assert_eq!(
            unique_slug("Harbor Logistics", &mut used),
            "harbor-logistics"
        );
        assert_eq!(
            unique_slug("Harbor Logistics", &mut used),
            "harbor-logistics-2"
        );
        assert_eq!(
            unique_slug("Harbor  Logistics", &mut used),
            "harbor-logistics-3"
        );
    }

    #[test]
    fn names_are_distinct_until_the_word_lists_run_out() {
        let pairs = names::NAME_PREFIXES.len() * names::NAME_SUFFIXES.len();
        let names = organization_names(pairs, &mut Rng::new(1));
        let distinct: HashSet<&String> = names.iter().collect();
        assert_eq!(distinct.len(), pairs);
    }

    #[test]
    fn the_first_organization_is_an_active_northwind_customer() {
        for seed in 0..20 {
            let orgs = plan_organizations(5, seed);
            assert_eq!(orgs[0].partner, Some(NORTHWIND));
            assert_eq!(orgs[0].status, OrgStatus::Active);
        }
    }

    #[test]
    fn the_mix_has_direct_customers_every_partner_and_no_deleted_organizations() {
        let orgs = plan_organizations(400, 1);
        let direct = orgs.iter().filter(|o| o.partner.is_none()).count();
        assert!(
            (60..=140).contains(&direct),
            "about one in four direct: {direct}"
        );
        for partner in 0..PARTNERS.len() {
            assert!(orgs.iter().any(|o| o.partner == Some(partner)));
        }
        for status in [
            OrgStatus::Active,
            OrgStatus::Trial,
            OrgStatus::PastDue,
            OrgStatus::Cancelled,
        ] {
            assert!(orgs.iter().any(|o| o.status == status), "{status:?}");
        }
        let active = orgs
            .iter()
            .filter(|o| o.status == OrgStatus::Active)
            .count();
        assert!(active > orgs.len() / 2, "mostly active: {active}");
        assert!(orgs.iter().all(|o| o.members.len() <= 2));
        assert!(orgs
            .iter()
            .all(|o| o.owner.email == format!("owner@{}.test", o.slug)));
    }

    #[test]
    fn logins_list_northwind_and_the_first_owner() {
        let orgs = plan_organizations(3, 1);
        let logins = demo_logins(&orgs);
        let emails: Vec<&str> = logins.iter().map(|l| l.email.as_str()).collect();
        let first_owner = format!("owner@{}.test", orgs[0].slug);
        assert_eq!(
            emails,
            [
                "admin@northwind.test",
                "member@northwind.test",
                first_owner.as_str()
            ]
        );
        assert_eq!(demo_logins(&[]).len(), 2);
    }
}
