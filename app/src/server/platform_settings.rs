//! Deployment-wide switches that platform admins set in the app (not in the environment), kept
//! in `platform_settings`. Today one: whether platform staff must use two-factor sign-in.
use crate::{
    error::AppError,
    identity::{Membership, Scope},
    server::{
        db::{on_db, on_tx, Db, Tx},
        tenancy::PlatformAdmin,
    },
};
use chrono::Utc;

const REQUIRE_TWO_FACTOR: &str = "require_two_factor_for_staff";

/// Whether acting in the platform needs two-factor sign-in turned on.
pub async fn two_factor_required(db: &Db) -> Result<bool, AppError> {
    let value: Option<String> = on_db!(db, pool => sqlx::query_scalar(
        "SELECT value FROM platform_settings WHERE name = $1",
    )
    .bind(REQUIRE_TWO_FACTOR)
    .fetch_optional(pool)
    .await)?;
    Ok(value.as_deref() == Some("true"))
}

/// Whether the platform requires two-factor sign-in of someone holding `memberships`: it does
/// of whoever holds a platform role, in every scope (a stolen password must not open their
/// partner or organization roles either).
pub async fn two_factor_required_of(db: &Db, memberships: &[Membership]) -> Result<bool, AppError> {
    let staff = memberships.iter().any(|m| m.scope == Scope::Platform);
    Ok(staff && two_factor_required(db).await?)
}

pub async fn set_two_factor_required(
    _: &PlatformAdmin,
    tx: &mut Tx,
    required: bool,
) -> Result<(), AppError> {
    on_tx!(tx, conn => sqlx::query(
        "INSERT INTO platform_settings (name, value, updated_at) VALUES ($1, $2, $3) \
         ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
    )
    .bind(REQUIRE_TWO_FACTOR)
    .bind(if required { "true" } else { "false" })
    .bind(Utc::now())
    .execute(&mut *conn)
    .await
    .map(drop))
    .map_err(Into::into)
}
