//! The people feature's demo data: the platform's staff, and accounts with a membership that
//! other seeders place in their partners and organizations. Accounts are made the way real ones
//! are (invited, then activated with a password), so the demo exercises the same code.
use super::{
    find_or_invite,
    memberships::{add_membership, insert_membership, Joining},
};
use crate::{
    auth::server::users,
    error::AppError,
    identity::{Role, Scope},
    ids::UserId,
    server::{
        db::{on_tx, Tx},
        tenancy::Reach,
    },
};

/// Someone to create, with the password hash every demo account shares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoPerson {
    pub email: String,
    pub name: String,
}

impl DemoPerson {
    pub fn new(email: impl Into<String>, name: impl Into<String>) -> Self {
        Self {
            email: email.into(),
            name: name.into(),
        }
    }
}

/// One account worth signing in with, and what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoLogin {
    pub role: &'static str,
    pub email: String,
}

/// The platform's staff; the first is the admin the rest of the demo data is created by.
const STAFF: [(&str, &str, Role); 4] = [
    ("admin@steward.test", "Avery Admin", Role::Admin),
    ("csm@steward.test", "Maya Okafor", Role::Csm),
    ("csm2@steward.test", "Jonas Berg", Role::Csm),
    ("analyst@steward.test", "Priya Raman", Role::Analyst),
];

/// The platform admin of an empty database, who then creates everything else. Refused when
/// the database already has users.
pub async fn first_admin(tx: &mut Tx, password_hash: &str) -> Result<UserId, AppError> {
    let existing: Option<UserId> = on_tx!(tx, conn => {
        sqlx::query_scalar("SELECT id FROM users LIMIT 1").fetch_optional(conn).await
    })?;
    if existing.is_some() {
        return Err(AppError::Conflict(
            "The database already has users; demo data only goes into an empty one.".into(),
        ));
    }
    let (email, name, role) = STAFF[0];
    let id = account(tx, &DemoPerson::new(email, name), password_hash).await?;
    insert_membership(tx, id, Scope::Platform, role, Joining::Now).await?;
    Ok(id)
}

/// The rest of the platform's staff, added by the first admin.
pub async fn platform_staff(
    reach: &Reach,
    tx: &mut Tx,
    password_hash: &str,
) -> Result<Vec<DemoLogin>, AppError> {
    let mut logins = vec![DemoLogin {
        role: STAFF[0].2.label(),
        email: STAFF[0].0.to_owned(),
    }];
    for (email, name, role) in &STAFF[1..] {
        member(
            reach,
            tx,
            &DemoPerson::new(*email, *name),
            Scope::Platform,
            *role,
            password_hash,
        )
        .await?;
        logins.push(DemoLogin {
            role: role.label(),
            email: (*email).to_owned(),
        });
    }
    Ok(logins)
}

/// How many accounts `platform_staff` and `first_admin` make together.
pub const STAFF_ACCOUNTS: usize = STAFF.len();

/// An active account for `person` (an existing one is reused) with `role` in `scope`.
pub async fn member(
    reach: &Reach,
    tx: &mut Tx,
    person: &DemoPerson,
    scope: Scope,
    role: Role,
    password_hash: &str,
) -> Result<UserId, AppError> {
    let id = account(tx, person, password_hash).await?;
    add_membership(reach, tx, id, scope, role, Joining::Now).await?;
    Ok(id)
}

/// Invites `person` and accepts at once with the demo password.
async fn account(
    tx: &mut Tx,
    person: &DemoPerson,
    password_hash: &str,
) -> Result<UserId, AppError> {
    let (id, _) = find_or_invite(tx, &person.email, &person.name).await?;
    users::activate_invited(tx, id, &person.name, password_hash).await?;
    Ok(id)
}
