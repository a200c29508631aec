//! Server functions for contact requests.
use super::types::ContactReceipt;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::{server as contact, types::ContactInput},
    crate::{
        notice::Notice,
        server::{flash, request, state::app_state, throttle::CONTACT},
    },
};

/// Stores a "Talk to us" request. Public by design: it is the one thing an anonymous visitor
/// can write, so it is bounded by the request body limit and a per-address hourly limit.
#[server(prefix = "/api", endpoint = "contact")]
pub async fn submit_contact_request(
    name: String,
    email: String,
    company: String,
    team_size: String,
    message: String,
) -> Result<ContactReceipt, AppError> {
    let input = ContactInput {
        name,
        email,
        company,
        team_size,
        message,
    };
    let request = input.validate()?;
    let state = app_state()?;
    let ip = request::client_ip().await;
    CONTACT
        .admit(&state.db, request.email.as_str(), ip.as_deref())
        .await?;
    let id = contact::insert(&state.db, &request, ip.as_deref()).await?;
    flash::set(Notice::ContactReceived);
    Ok(ContactReceipt {
        reference: format!("REQ-{id:06}"),
    })
}
