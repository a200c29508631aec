//! Identity on the server: credentials and the account changes a user makes for themselves
//! (`users`), password hashing, signed-in browsers (`login`), single-use links (`tokens`) and
//! the database session store.
pub mod login;
pub mod password;
pub mod store;
pub mod tokens;
pub mod users;
