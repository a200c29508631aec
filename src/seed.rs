//! Demo data for `steward seed-demo`: platform staff, three partners with their people, and any
//! number of customer organizations with owners and members. Everything is generated from a
//! seed, so the same seed always gives the same data, and written in one transaction.
//!
//! Every demo user shares one password hash: hashing once keeps `--orgs 10000` fast.
use app::server::db::{on_db, Db};
use sqlx::types::chrono::Utc;
use std::collections::HashSet;

/// The password of every demo user.
pub const DEMO_PASSWORD: &str = "steward-demo-password";

/// The most organizations one run may create (the command line enforces it).
pub const MAX_ORGS: usize = 100_000;

/// Who wrote the audit entry of a seeding run, and what it is called.
const AUDIT_ACTOR: &str = "steward seed-demo";
const AUDIT_ACTION: &str = "demo.seeded";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeedOptions {
    /// How many customer organizations to create.
    pub orgs: usize,
    /// Seed of the generator: the same seed gives the same data.
    pub seed: u64,
}

impl Default for SeedOptions {
    fn default() -> Self {
        Self { orgs: 60, seed: 1 }
    }
}

/// What a run created, and the accounts worth signing in with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeedSummary {
    pub partners: usize,
    pub organizations: usize,
    pub users: usize,
    pub logins: Vec<DemoLogin>,
}

/// One account to try, with a human label for its role. The password is `DEMO_PASSWORD`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoLogin {
    pub role: &'static str,
    pub email: String,
}

// ---------------------------------------------------------------------------------------------
// Fixed accounts
// ---------------------------------------------------------------------------------------------

struct PlatformAccount {
    email: &'static str,
    /// Role code, as in `app::identity::Role::code`.
    role: &'static str,
    name: &'static str,
    label: &'static str,
}

const PLATFORM_ACCOUNTS: [PlatformAccount; 4] = [
    PlatformAccount {
        email: "admin@steward.test",
        role: "admin",
        name: "Avery Admin",
        label: "Platform admin",
    },
    PlatformAccount {
        email: "csm@steward.test",
        role: "csm",
        name: "Maya Okafor",
        label: "Customer success manager",
    },
    PlatformAccount {
        email: "csm2@steward.test",
        role: "csm",
        name: "Jonas Berg",
        label: "Customer success manager",
    },
    PlatformAccount {
        email: "analyst@steward.test",
        role: "analyst",
        name: "Priya Raman",
        label: "Analyst (read-only)",
    },
];

struct DemoPartner {
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

const LABEL_PARTNER_ADMIN: &str = "Partner admin";
const LABEL_PARTNER_MEMBER: &str = "Partner member";
const LABEL_ORGANIZATION_OWNER: &str = "Organization owner";

/// Slugs the fixed accounts' e-mail domains use; organizations never take them.
const RESERVED_SLUGS: [&str; 4] = ["steward", "northwind", "bluebird", "summit"];

// ---------------------------------------------------------------------------------------------
// Word lists
// ---------------------------------------------------------------------------------------------

#[rustfmt::skip]
const NAME_PREFIXES: &[&str] = &[
    "Alder", "Amber", "Aspen", "Atlas", "Beacon", "Birch", "Bright", "Canyon", "Cedar",
    "Cobalt", "Copper", "Crescent", "Delta", "Driftwood", "Ember", "Evergreen", "Falcon",
    "Fjord", "Foxglove", "Garnet", "Glacier", "Granite", "Harbor", "Heron", "Hollow", "Indigo",
    "Ironwood", "Jasper", "Juniper", "Kestrel", "Keystone", "Lark", "Lighthouse", "Lumen",
    "Maple", "Marble", "Meridian", "Nimbus", "Northgate", "Oakridge", "Onyx", "Orchid",
    "Pinecrest", "Pioneer", "Quarry", "Quill", "Redwood", "Riverbend", "Rowan", "Sable",
    "Saffron", "Silverline", "Sparrow", "Thistle", "Tidewater", "Trellis", "Vantage", "Willow",
    "Yarrow", "Zephyr",
];

#[rustfmt::skip]
const NAME_SUFFIXES: &[&str] = &[
    "Analytics", "Architects", "Bakery", "Biotech", "Brewing", "Capital", "Clinics",
    "Construction", "Consulting", "Dental", "Design", "Education", "Energy", "Engineering",
    "Fitness", "Foods", "Freight", "Games", "Health", "Hospitality", "Insurance", "Labs",
    "Legal", "Logistics", "Manufacturing", "Marine", "Media", "Outfitters", "Payments",
    "Pharmacy", "Realty", "Robotics", "Security", "Software", "Solar", "Studios", "Supply",
    "Systems", "Textiles", "Travel", "Ventures", "Veterinary", "Works",
];

/// Added to names once every prefix/suffix pair has been used (large `--orgs`).
const NAME_QUALIFIERS: &[&str] = &[
    "Group",
    "International",
    "North",
    "South",
    "East",
    "West",
    "Holdings",
    "Co-op",
];

#[rustfmt::skip]
const FIRST_NAMES: &[&str] = &[
    "Aaliyah", "Adrian", "Amara", "Andre", "Beatriz", "Caleb", "Camille", "Chen", "Daniela",
    "Darius", "Elena", "Emeka", "Fatima", "Felix", "Gabriel", "Grace", "Hiro", "Ingrid",
    "Isaac", "Jade", "Javier", "Kai", "Keisha", "Lars", "Leila", "Lucas", "Mei", "Mateo",
    "Nina", "Noah", "Olivia", "Omar", "Paloma", "Quinn", "Rafael", "Rosa", "Sana", "Soren",
    "Tariq", "Tessa", "Uma", "Victor", "Wren", "Xavier", "Yara", "Yusuf", "Zoe", "Zainab",
];

#[rustfmt::skip]
const LAST_NAMES: &[&str] = &[
    "Abbott", "Adeyemi", "Alvarez", "Andersen", "Bauer", "Brennan", "Castillo", "Chowdhury",
    "Dubois", "Eriksson", "Fischer", "Fontaine", "Garcia", "Haddad", "Hughes", "Ibrahim",
    "Jensen", "Kowalski", "Laurent", "Lindqvist", "Mahmoud", "Marsh", "Moreau", "Nakamura",
    "Novak", "Nguyen", "O'Brien", "Okonkwo", "Patel", "Petrov", "Quintero", "Rossi", "Santos",
    "Schmidt", "Singh", "Sullivan", "Tanaka", "Torres", "Ueda", "Varga", "Wallace", "Weber",
    "Xu", "Yilmaz", "Zhang", "Zimmerman",
];

// ---------------------------------------------------------------------------------------------
// The plan: pure, deterministic, tested
// ---------------------------------------------------------------------------------------------

/// splitmix64: tiny, fast, and good enough for demo data.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Self(seed)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0). The modulo bias is irrelevant at these sizes.
    fn below(&mut self, n: usize) -> usize {
        debug_assert!(n > 0);
        (self.next_u64() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Person {
    email: String,
    name: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct PlannedOrganization {
    name: String,
    slug: String,
    /// Index into `PARTNERS`; `None` for direct customers.
    partner: Option<usize>,
    status: &'static str,
    owner: Person,
    members: Vec<Person>,
}

/// Lowercase ASCII letters and digits separated by single hyphens; never empty.
fn kebab_case(name: &str) -> String {
    let mut slug = String::with_capacity(name.len());
    // Apostrophes join rather than separate: "O'Brien" -> "obrien".
    for c in name.chars().filter(|c| *c != '\'') {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    if slug.is_empty() {
        slug.push_str("organization");
    }
    slug
}

/// `count` company names: every prefix/suffix pair once, in shuffled order, then the pairs
/// again with a qualifier ("Harbor Logistics West"), and so on.
fn organization_names(count: usize, rng: &mut Rng) -> Vec<String> {
    let pairs = NAME_PREFIXES.len() * NAME_SUFFIXES.len();
    let mut order: Vec<usize> = (0..pairs).collect();
    rng.shuffle(&mut order);
    (0..count)
        .map(|i| {
            let pair = order[i % pairs];
            let base = format!(
                "{} {}",
                NAME_PREFIXES[pair / NAME_SUFFIXES.len()],
                NAME_SUFFIXES[pair % NAME_SUFFIXES.len()]
            );
            match i / pairs {
                0 => base,
                round => format!(
                    "{base} {}",
                    NAME_QUALIFIERS[(round - 1) % NAME_QUALIFIERS.len()]
                ),
            }
        })
        .collect()
}

/// The kebab-case of `name`, with `-2`, `-3`, … added until it is not in `used`; records it.
fn unique_slug(name: &str, used: &mut HashSet<String>) -> String {
    let base = kebab_case(name);
    let mut candidate = base.clone();
    let mut n = 1;
    while !used.insert(candidate.clone()) {
        n += 1;
        candidate = format!("{base}-{n}");
    }
    candidate
}

fn person_name(rng: &mut Rng) -> String {
    let first = rng.pick(FIRST_NAMES);
    let last = rng.pick(LAST_NAMES);
    format!("{first} {last}")
}

/// Mostly active, some trials, a few past due and cancelled.
fn organization_status(rng: &mut Rng) -> &'static str {
    match rng.below(100) {
        0..=69 => "active",
        70..=85 => "trial",
        86..=93 => "past_due",
        _ => "cancelled",
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
                (Some(NORTHWIND), "active")
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
            let owner = Person {
                email: format!("owner@{slug}.test"),
                name: person_name(&mut rng),
            };
            let members = (1..=rng.below(3))
                .map(|n| Person {
                    email: format!("member{n}@{slug}.test"),
                    name: person_name(&mut rng),
                })
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

/// The accounts to print after seeding.
fn demo_logins(organizations: &[PlannedOrganization]) -> Vec<DemoLogin> {
    let mut logins: Vec<DemoLogin> = PLATFORM_ACCOUNTS
        .iter()
        .map(|account| DemoLogin {
            role: account.label,
            email: account.email.to_owned(),
        })
        .collect();
    let northwind = PARTNERS[NORTHWIND].slug;
    logins.push(DemoLogin {
        role: LABEL_PARTNER_ADMIN,
        email: format!("admin@{northwind}.test"),
    });
    logins.push(DemoLogin {
        role: LABEL_PARTNER_MEMBER,
        email: format!("member@{northwind}.test"),
    });
    if let Some(first) = organizations.first() {
        logins.push(DemoLogin {
            role: LABEL_ORGANIZATION_OWNER,
            email: first.owner.email.clone(),
        });
    }
    logins
}

// ---------------------------------------------------------------------------------------------
// Writing it
// ---------------------------------------------------------------------------------------------

const HAS_USERS: &str = "SELECT id FROM users LIMIT 1";

const INSERT_PARTNER: &str = "INSERT INTO partners (slug, name, status, created_at, updated_at) \
     VALUES ($1, $2, 'active', $3, $3) RETURNING id";

const INSERT_ORGANIZATION: &str = "INSERT INTO organizations \
     (partner_id, slug, name, status, created_at, updated_at) \
     VALUES ($1, $2, $3, $4, $5, $5) RETURNING id";

const INSERT_USER: &str = "INSERT INTO users \
     (email, display_name, password_hash, status, created_at, updated_at) \
     VALUES ($1, $2, $3, 'active', $4, $4) RETURNING id";

const INSERT_MEMBERSHIP: &str = "INSERT INTO memberships \
     (user_id, scope, partner_id, organization_id, role, created_at, updated_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $6)";

const INSERT_AUDIT: &str = "INSERT INTO audit_log (created_at, actor_label, action, detail) \
     VALUES ($1, $2, $3, $4)";

/// Runs `$sql` with the bound arguments on the transaction `$tx` and yields the returned id;
/// returns from the enclosing function on error.
macro_rules! insert_returning_id {
    ($tx:ident, $sql:expr $(, $arg:expr)* $(,)?) => {
        sqlx::query_scalar::<_, i64>($sql)
            $(.bind($arg))*
            .fetch_one(&mut *$tx)
            .await?
    };
}

/// Runs `$sql` with the bound arguments on the transaction `$tx`; returns from the enclosing
/// function on error.
macro_rules! execute {
    ($tx:ident, $sql:expr $(, $arg:expr)* $(,)?) => {
        sqlx::query($sql)
            $(.bind($arg))*
            .execute(&mut *$tx)
            .await?
    };
}

/// Whether any user exists (seeding is meant for an empty database).
pub async fn has_users(db: &Db) -> Result<bool, sqlx::Error> {
    let first: Option<i64> = on_db!(db, pool => {
        sqlx::query_scalar::<_, i64>(HAS_USERS)
            .fetch_optional(pool)
            .await
    })?;
    Ok(first.is_some())
}

/// Writes the demo data in one transaction: nothing is left behind if any insert fails (for
/// example when one of the fixed e-mail addresses is already taken). Every user gets
/// `password_hash`, which should be the hash of `DEMO_PASSWORD`.
pub async fn seed_demo(
    db: &Db,
    options: &SeedOptions,
    password_hash: &str,
) -> Result<SeedSummary, sqlx::Error> {
    let organizations = plan_organizations(options.orgs, options.seed);
    let users = PLATFORM_ACCOUNTS.len()
        + PARTNERS.len() * 2
        + organizations
            .iter()
            .map(|org| 1 + org.members.len())
            .sum::<usize>();
    let detail = format!(
        "{} organizations, {} partners, {} users (seed {})",
        organizations.len(),
        PARTNERS.len(),
        users,
        options.seed
    );
    let now = Utc::now();

    on_db!(db, pool => {
        let mut tx = pool.begin().await?;

        for account in &PLATFORM_ACCOUNTS {
            let user_id = insert_returning_id!(
                tx, INSERT_USER, account.email, account.name, password_hash, now
            );
            execute!(
                tx, INSERT_MEMBERSHIP,
                user_id, "platform", None::<i64>, None::<i64>, account.role, now
            );
        }

        let mut partner_ids: Vec<i64> = Vec::with_capacity(PARTNERS.len());
        let mut northwind_admin_id: Option<i64> = None;
        for (index, partner) in PARTNERS.iter().enumerate() {
            let partner_id = insert_returning_id!(
                tx, INSERT_PARTNER, partner.slug, partner.name, now
            );
            partner_ids.push(partner_id);
            let people = [
                ("admin", partner.admin_name, "partner_admin"),
                ("member", partner.member_name, "partner_member"),
            ];
            for (local_part, name, role) in people {
                let email = format!("{local_part}@{}.test", partner.slug);
                let user_id = insert_returning_id!(
                    tx, INSERT_USER, email, name, password_hash, now
                );
                execute!(
                    tx, INSERT_MEMBERSHIP,
                    user_id, "partner", Some(partner_id), None::<i64>, role, now
                );
                if index == NORTHWIND && role == "partner_admin" {
                    northwind_admin_id = Some(user_id);
                }
            }
        }

        for (index, org) in organizations.iter().enumerate() {
            let partner_id: Option<i64> = org.partner.map(|p| partner_ids[p]);
            let organization_id = insert_returning_id!(
                tx, INSERT_ORGANIZATION, partner_id, org.slug.as_str(), org.name.as_str(),
                org.status, now
            );
            let owner_id = insert_returning_id!(
                tx, INSERT_USER, org.owner.email.as_str(), org.owner.name.as_str(),
                password_hash, now
            );
            execute!(
                tx, INSERT_MEMBERSHIP,
                owner_id, "organization", None::<i64>, Some(organization_id), "owner", now
            );
            for member in &org.members {
                let member_id = insert_returning_id!(
                    tx, INSERT_USER, member.email.as_str(), member.name.as_str(),
                    password_hash, now
                );
                execute!(
                    tx, INSERT_MEMBERSHIP,
                    member_id, "organization", None::<i64>, Some(organization_id), "member", now
                );
            }
            // The Northwind admin also belongs to the first organization, so that one account
            // can switch between a partner and an organization scope.
            if index == 0 {
                if let Some(admin_id) = northwind_admin_id {
                    execute!(
                        tx, INSERT_MEMBERSHIP,
                        admin_id, "organization", None::<i64>, Some(organization_id), "member",
                        now
                    );
                }
            }
        }

        execute!(tx, INSERT_AUDIT, now, AUDIT_ACTOR, AUDIT_ACTION, detail.as_str());
        tx.commit().await?;
    });

    Ok(SeedSummary {
        partners: PARTNERS.len(),
        organizations: organizations.len(),
        users,
        logins: demo_logins(&organizations),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_kebab(slug: &str) -> bool {
        !slug.is_empty()
            && slug
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && !slug.starts_with('-')
            && !slug.ends_with('-')
            && !slug.contains("--")
    }

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
            assert!(is_kebab(&org.slug), "{:?}", org.slug);
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
    fn kebab_case_is_lowercase_words_joined_by_single_hyphens() {
        assert_eq!(kebab_case("Harbor Logistics"), "harbor-logistics");
        assert_eq!(
            kebab_case("  Kestrel  Analytics Co-op "),
            "kestrel-analytics-co-op"
        );
        assert_eq!(kebab_case("Smith & Sons, Ltd."), "smith-sons-ltd");
        assert_eq!(kebab_case("O'Brien Dental"), "obrien-dental");
        assert_eq!(kebab_case("---"), "organization");
        for name in organization_names(500, &mut Rng::new(3)) {
            assert!(is_kebab(&kebab_case(&name)), "{name:?}");
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
        let pairs = NAME_PREFIXES.len() * NAME_SUFFIXES.len();
        let names = organization_names(pairs, &mut Rng::new(1));
        let distinct: HashSet<&String> = names.iter().collect();
        assert_eq!(distinct.len(), pairs);
    }

    #[test]
    fn the_first_organization_is_an_active_northwind_customer() {
        for seed in 0..20 {
            let orgs = plan_organizations(5, seed);
            assert_eq!(orgs[0].partner, Some(NORTHWIND));
            assert_eq!(orgs[0].status, "active");
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
        for status in ["active", "trial", "past_due", "cancelled"] {
            assert!(orgs.iter().any(|o| o.status == status), "{status}");
        }
        let active = orgs.iter().filter(|o| o.status == "active").count();
        assert!(active > orgs.len() / 2, "mostly active: {active}");
        assert!(orgs.iter().all(|o| o.members.len() <= 2));
        assert!(orgs
            .iter()
            .all(|o| o.owner.email == format!("owner@{}.test", o.slug)));
    }

    #[test]
    fn logins_list_platform_staff_northwind_and_the_first_owner() {
        let orgs = plan_organizations(3, 1);
        let logins = demo_logins(&orgs);
        let emails: Vec<&str> = logins.iter().map(|l| l.email.as_str()).collect();
        let first_owner = format!("owner@{}.test", orgs[0].slug);
        assert_eq!(
            emails,
            [
                "admin@steward.test",
                "csm@steward.test",
                "csm2@steward.test",
                "analyst@steward.test",
                "admin@northwind.test",
                "member@northwind.test",
                first_owner.as_str(),
            ]
        );
        assert_eq!(logins[6].role, "Organization owner");
        assert_eq!(demo_logins(&[]).len(), 6);
    }
}
