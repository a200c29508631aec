//! Identity on the server: signing in (`sign_in`), getting back in (`recovery`: reset links,
//! invitations), credentials and the account changes a user makes for themselves (`users`),
//! password hashing, signed-in browsers (`login`), single-use links (`tokens`), two-factor
//! sign-in (`two_factor`, its arithmetic in `totp`) and the database session store.
pub mod login;
pub mod password;
pub mod recovery;
pub mod sign_in;
pub mod store;
pub mod tokens;
pub mod totp;
pub mod two_factor;
pub mod users;
