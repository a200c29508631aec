//! `steward seed-demo`: composes the features' demo-data seeders, in one transaction, as the
//! platform admin the first seeder creates. Each feature owns its seeder
//! (`app/src/<feature>/server/seed.rs`) and writes through its own data functions.
use app::{
    error::AppError,
    organizations::server::seed as organizations,
    people::server::seed::{self as people, DemoLogin},
    server::{audit::Event, db::Db, tenancy},
};

pub use app::server::demo::DEMO_PASSWORD;

/// The most organizations one run may create (the command line enforces it).
pub const MAX_ORGS: usize = 100_000;

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

/// Whether any user exists (seeding is meant for an empty database).
pub async fn has_users(db: &Db) -> Result<bool, AppError> {
    let first: Option<i64> = app::on_db!(db, pool => {
        sqlx::query_scalar("SELECT id FROM users LIMIT 1").fetch_optional(pool).await
    })?;
    Ok(first.is_some())
}

/// Writes the demo data in one transaction: nothing is left behind if any part fails. Every
/// user gets `password_hash`, which should be the hash of `DEMO_PASSWORD`.
pub async fn seed_demo(
    db: &Db,
    options: &SeedOptions,
    password_hash: &str,
) -> Result<SeedSummary, AppError> {
    let mut tx = db.begin().await?;
    let admin = people::first_admin(&mut tx, password_hash).await?;
    let actor = tenancy::actor::resolve_for_command_line(&mut tx, admin).await?;
    let mut logins = people::platform_staff(actor.reach(), &mut tx, password_hash).await?;
    let seeded =
        organizations::seed(&actor, &mut tx, options.orgs, options.seed, password_hash).await?;
    logins.extend(seeded.logins);
    let users = people::STAFF_ACCOUNTS + seeded.users;
    Event::new("demo.seeded")
        .by_label(Some(actor.user_id), "steward seed-demo")
        .detail(format!(
            "{} organizations, {} partners, {users} users (seed {})",
            seeded.organizations, seeded.partners, options.seed
        ))
        .commit(tx)
        .await?;
    Ok(SeedSummary {
        partners: seeded.partners,
        organizations: seeded.organizations,
        users,
        logins,
    })
}
