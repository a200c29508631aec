//! Identity on the server: password hashing, signed-in browsers, the sign-in throttle,
//! single-use links, and the tenant guard every server function starts from.
pub mod actor;
pub mod login;
pub mod password;
pub mod store;
pub mod throttle;
pub mod tokens;
