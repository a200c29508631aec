//! What every island needs from its page. Islands hydrate on their own, without the router or
//! any context of the page around them, so what they would have looked up arrives as props.
use crate::error::AppError;
use leptos::{prelude::*, server::ServerActionError, server_fn::error::ServerFnUrlError};

/// A plain form post's rejection, as the page's URL carries it back (`?__err=…&__path=…`),
/// read when the page renders on the server (`FormPost::to`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UrlError(Option<(String, String)>);

impl UrlError {
    /// The rejection in this page's URL, if any (on the server, where the router provides it).
    pub fn of_page() -> Self {
        Self(use_context::<ServerActionError>().map(|e| (e.path().to_owned(), e.err().to_owned())))
    }

    /// The rejection, when it came from the server function at `path`.
    pub fn for_path(&self, path: &str) -> Option<AppError> {
        let (from, err) = self.0.as_ref()?;
        (from == path).then(|| ServerFnUrlError::<AppError>::decode_err(err))
    }
}

/// Counts the calling island on `<html data-islands-alive>` once it runs in the browser, so
/// a test can wait until every `<leptos-island>` of the page has come alive.
pub fn count_alive() {
    Effect::new(|_| {
        let Some(root) = document().document_element() else {
            return;
        };
        let alive = root
            .get_attribute("data-islands-alive")
            .and_then(|n| n.parse::<u32>().ok())
            .unwrap_or(0);
        let _ = root.set_attribute("data-islands-alive", &(alive + 1).to_string());
    });
}
