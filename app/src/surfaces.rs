//! The one table of signed-in surfaces: where each lives, who may use it, and its navigation.
//! The route table, the sign-in redirect, the layouts and "go home" all read it from here.
use crate::ids::{ScopeKind, UserId};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NavItem {
    pub label: &'static str,
    pub href: &'static str,
    /// Shown to platform admins only (the page refuses everyone else too).
    pub admin_only: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Surface {
    pub name: &'static str,
    /// Its first path segment, as the route table mounts it.
    pub segment: &'static str,
    /// Its home page.
    pub path: &'static str,
    /// The kind of scope a user must be acting in to use it.
    pub scope_kind: ScopeKind,
    pub nav: &'static [NavItem],
}

const fn item(label: &'static str, href: &'static str) -> NavItem {
    NavItem {
        label,
        href,
        admin_only: false,
    }
}

const fn admin_item(label: &'static str, href: &'static str) -> NavItem {
    NavItem {
        label,
        href,
        admin_only: true,
    }
}

/// The success console; its administration screens live under `/cs/admin`.
pub const CONSOLE: Surface = Surface {
    name: "Success console",
    segment: "cs",
    path: "/cs",
    scope_kind: ScopeKind::Platform,
    nav: &[
        item("Overview", "/cs"),
        item("Users", USERS_PATH),
        item("Partners", "/cs/admin/partners"),
        item("Organizations", "/cs/admin/organizations"),
        admin_item("E-mail outbox", "/cs/admin/outbox"),
        admin_item("Background jobs", "/cs/admin/jobs"),
        admin_item("Settings", "/cs/admin/settings"),
        item("Audit log", "/cs/admin/audit"),
    ],
};

/// The administration screens' section of the console (platform staff).
pub const ADMIN_SEGMENT: &str = "admin";

pub const PARTNER: Surface = Surface {
    name: "Partner portal",
    segment: "partner",
    path: "/partner",
    scope_kind: ScopeKind::Partner,
    nav: &[
        item("Overview", "/partner"),
        item("Customers", "/partner/customers"),
        item("Team", "/partner/team"),
    ],
};

pub const PORTAL: Surface = Surface {
    name: "Customer portal",
    segment: "portal",
    path: "/portal",
    scope_kind: ScopeKind::Organization,
    nav: &[item("Overview", "/portal"), item("Team", "/portal/team")],
};

pub const SURFACES: [Surface; 3] = [CONSOLE, PARTNER, PORTAL];

/// The design-system reference.
/// The design system's reference page: staff reach it from the console overview; it is not
/// part of the product's navigation.
pub const DESIGN_PATH: &str = "/cs/design";

/// The platform's list of every user, and one user's page.
pub const USERS_PATH: &str = "/cs/admin/users";

pub fn user_path(id: UserId) -> String {
    format!("{USERS_PATH}/{id}")
}

/// Account settings: signed in, shown in the frame of the surface the user acts in.
pub const ACCOUNT_SEGMENT: &str = "account";
pub const ACCOUNT_PATH: &str = "/account";
pub const NOTIFICATIONS_SEGMENT: &str = "notifications";
pub const NOTIFICATIONS_PATH: &str = "/account/notifications";

/// The surface for users acting in a scope of `kind`.
pub fn for_kind(kind: ScopeKind) -> &'static Surface {
    match kind {
        ScopeKind::Platform => &CONSOLE,
        ScopeKind::Partner => &PARTNER,
        ScopeKind::Organization => &PORTAL,
    }
}

/// Whether `path` (perhaps with a query) is `prefix` or below it (`/cs/x`, not `/csv`).
pub fn is_under(path: &str, prefix: &str) -> bool {
    path.strip_prefix(prefix)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(['/', '?', '#']))
}

/// Pages that need a signed-in user: every surface and the account settings.
pub fn needs_sign_in(path: &str) -> bool {
    SURFACES.iter().any(|s| is_under(path, s.path)) || is_under(path, ACCOUNT_PATH)
}

/// Where platform staff who must turn on two-factor sign-in are sent until they have.
pub const TWO_FACTOR_REQUIRED_PATH: &str = "/account?two_factor=required";

/// What is open to platform staff who must still turn on two-factor sign-in: public pages,
/// their account settings and the calls behind them, signing out and switching scope.
pub fn open_while_two_factor_due(path: &str) -> bool {
    const OWN: [&str; 4] = [
        "/api/account/",
        "/api/two-factor/",
        "/api/auth/",
        "/api/notifications/",
    ];
    is_under(path, ACCOUNT_PATH)
        || OWN.iter().any(|prefix| path.starts_with(prefix))
        || !(needs_sign_in(path) || path.starts_with("/api/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staff_owing_two_factor_reach_only_their_account() {
        let open = [
            "/",
            "/sign-in",
            "/accounting",
            "/account",
            "/account/notifications",
            "/api/two-factor/confirm",
            "/api/auth/sign-out",
        ];
        for path in open {
            assert!(open_while_two_factor_due(path), "{path}");
        }
        let shut = [
            "/cs",
            "/cs/admin/users",
            "/partner",
            "/api/people/list",
            "/api/organizations/counts",
        ];
        for path in shut {
            assert!(!open_while_two_factor_due(path), "{path}");
        }
    }

    #[test]
    fn surfaces_need_sign_in_and_public_pages_do_not() {
        for path in [
            "/cs",
            "/cs/admin/users",
            "/partner",
            "/portal/team",
            "/account",
        ] {
            assert!(needs_sign_in(path), "{path}");
        }
        assert!(is_under("/cs?page=2", "/cs"));
        for path in ["/", "/sign-in", "/csv", "/accounting", "/api/auth/sign-in"] {
            assert!(!needs_sign_in(path), "{path}");
        }
    }

    #[test]
    fn every_nav_link_stays_in_its_surface() {
        for surface in SURFACES {
            assert_eq!(surface.path, format!("/{}", surface.segment));
            assert!(surface.nav.iter().all(|i| is_under(i.href, surface.path)));
            assert_eq!(for_kind(surface.scope_kind), &surface);
        }
    }
}
