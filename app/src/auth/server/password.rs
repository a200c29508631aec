//! Password hashing: argon2id with OWASP's parameters (19 MiB, 2 passes, 1 lane), always on a
//! blocking thread so a sign-in never stalls the async workers.
use crate::error::AppError;
use argon2::{
    password_hash::{PasswordHasher, PasswordVerifier},
    Algorithm, Argon2, Params, Version,
};
use std::sync::OnceLock;

fn hasher() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("OWASP argon2 parameters are valid");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, AppError> {
    tokio::task::spawn_blocking(work).await.map_err(|error| {
        tracing::error!(%error, "password hashing task failed");
        AppError::Internal
    })
}

/// A PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`) for `password` with a fresh salt.
pub async fn hash(password: String) -> Result<String, AppError> {
    blocking(move || {
        hasher()
            .hash_password(password.as_bytes())
            .map(|h| h.to_string())
    })
    .await?
    .map_err(|error| {
        tracing::error!(%error, "password hashing failed");
        AppError::Internal
    })
}

/// Checks `password` against `stored`. With no stored hash (unknown e-mail, or a user who never
/// set a password) it still does the same work against a throwaway hash, so the answer takes
/// as long as for a real account.
pub async fn verify(password: String, stored: Option<String>) -> Result<bool, AppError> {
    let decoy = stored.is_none();
    let stored = match stored {
        Some(stored) => stored,
        None => decoy_hash().await?,
    };
    let matches = blocking(move || {
        hasher()
            .verify_password(password.as_bytes(), stored.as_str())
            .is_ok()
    })
    .await?;
    Ok(matches && !decoy)
}

/// Computed once per process, with the same parameters as real hashes.
async fn decoy_hash() -> Result<String, AppError> {
    static DECOY: OnceLock<String> = OnceLock::new();
    if let Some(hash) = DECOY.get() {
        return Ok(hash.clone());
    }
    let fresh = hash("decoy password never matches".to_owned()).await?;
    Ok(DECOY.get_or_init(|| fresh).clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_verify_and_use_owasp_parameters() {
        let stored = hash("amber-kettle-window".into()).await.unwrap();
        assert!(
            stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{stored}"
        );
        assert!(verify("amber-kettle-window".into(), Some(stored.clone()))
            .await
            .unwrap());
        assert!(!verify("amber-kettle-windov".into(), Some(stored))
            .await
            .unwrap());
    }

    #[tokio::test]
    async fn no_stored_hash_never_matches() {
        assert!(!verify("decoy password never matches".into(), None)
            .await
            .unwrap());
    }
}
