//! The e-mails Steward sends. Each message's wording is written once, as a `Content`
//! (subject, paragraphs, one call to action, footer), and rendered from it both as plain text
//! and as a simple, inline-styled HTML e-mail. Every value put into the HTML is escaped.

const PRODUCT: &str = "Steward";
const GREETING: &str = "Hello,";

/// Every e-mail Steward sends, with the values it needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Email {
    /// A new account was created for the recipient; the link lets them choose a password.
    Invitation {
        inviter: String,
        scope_name: String,
        role_label: String,
        link: String,
        expires_hours: i64,
    },
    PasswordReset {
        link: String,
        expires_minutes: i64,
    },
    /// Sent to the new address; the link confirms the change.
    EmailChange {
        new_email: String,
        link: String,
        expires_hours: i64,
    },
    /// Sent to the old address once a change is confirmed, so a hijacked account is noticed.
    /// The new address is shown masked (`ma…@example.com`).
    EmailChanged {
        new_email_masked: String,
        link: String,
    },
    /// Sent to an address someone tried to move their account to while it has an account of its
    /// own: the owner of the address learns of it, the requester learns nothing.
    AddressInUse {
        link: String,
    },
    /// A notification (`notifications`) for someone whose preference asks for e-mail.
    Notification {
        title: String,
        body: String,
        link: String,
    },
}

/// A message ready for the outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// The template code, stored with the message.
    pub template: &'static str,
    pub subject: String,
    pub text: String,
    pub html: String,
}

impl Email {
    /// The template code: "invitation", "password_reset", "email_change", "email_changed",
    /// "address_in_use" or "notification".
    pub fn template(&self) -> &'static str {
        match self {
            Self::Invitation { .. } => "invitation",
            Self::PasswordReset { .. } => "password_reset",
            Self::EmailChange { .. } => "email_change",
            Self::EmailChanged { .. } => "email_changed",
            Self::AddressInUse { .. } => "address_in_use",
            Self::Notification { .. } => "notification",
        }
    }

    pub fn render(&self) -> Rendered {
        let content = self.content();
        Rendered {
            template: self.template(),
            text: content.text(),
            html: content.html(),
            subject: content.subject,
        }
    }

    /// The wording of each message, written once for both forms.
    fn content(&self) -> Content<'_> {
        let mut content = match self {
            Self::Invitation {
                inviter,
                scope_name,
                role_label,
                link,
                expires_hours,
            } => Content {
                subject: format!("{inviter} invited you to {scope_name} on {PRODUCT}"),
                paragraphs: vec![
                    format!(
                        "{inviter} has invited you to join {scope_name} on {PRODUCT} \
                         with the role {role_label}."
                    ),
                    format!(
                        "Choose a password to activate your account. The link works once \
                         and expires in {}.",
                        quantity(*expires_hours, "hour")
                    ),
                ],
                action: "Accept the invitation",
                link,
                footer: "If you weren't expecting this invitation, you can ignore this e-mail: \
                         no account is activated unless the link is used."
                    .into(),
            },
            Self::PasswordReset {
                link,
                expires_minutes,
            } => Content {
                subject: format!("Reset your {PRODUCT} password"),
                paragraphs: vec![
                    format!(
                        "Someone, hopefully you, asked to reset the password of your \
                         {PRODUCT} account."
                    ),
                    format!(
                        "Use the link below to choose a new password. It works once and \
                         expires in {}.",
                        quantity(*expires_minutes, "minute")
                    ),
                ],
                action: "Choose a new password",
                link,
                footer: "If you didn't ask for this, you can ignore this e-mail: your password \
                         stays as it is."
                    .into(),
            },
            Self::EmailChange {
                new_email,
                link,
                expires_hours,
            } => Content {
                subject: format!("Confirm your new e-mail address for {PRODUCT}"),
                paragraphs: vec![
                    format!(
                        "You asked to change the e-mail address of your {PRODUCT} account \
                         to {new_email}."
                    ),
                    format!(
                        "Confirm the change with the link below. It works once and expires \
                         in {}. Until then, sign in with your current address.",
                        quantity(*expires_hours, "hour")
                    ),
                ],
                action: "Confirm the new address",
                link,
                footer: "If you didn't ask for this, you can ignore this e-mail: your address \
                         stays as it is."
                    .into(),
            },
            Self::EmailChanged {
                new_email_masked,
                link,
            } => Content {
                subject: format!("Your {PRODUCT} sign-in address was changed"),
                paragraphs: vec![
                    format!(
                        "The e-mail address of your {PRODUCT} account was changed to \
                         {new_email_masked}. This address no longer signs in, and every \
                         browser signed in to the account was signed out."
                    ),
                    "If you made this change, there is nothing to do.".into(),
                ],
                action: "Sign in",
                link,
                footer: "If you did not make this change, tell your administrator right away: \
                         they can disable the account and restore your address."
                    .into(),
            },
            Self::AddressInUse { link } => Content {
                subject: format!("Someone tried to use your address on {PRODUCT}"),
                paragraphs: vec![
                    format!(
                        "Someone asked to move another {PRODUCT} account to this e-mail                          address. It already belongs to your account, so nothing was changed."
                    ),
                    "You can sign in as usual.".into(),
                ],
                action: "Sign in",
                link,
                footer: "If it was you, sign in with this address instead, or choose another                          address for the other account. Otherwise you can ignore this e-mail."
                    .into(),
            },
            Self::Notification { title, body, link } => Content {
                subject: title.clone(),
                paragraphs: vec![body.clone()],
                action: "Open in Steward",
                link,
                footer: format!(
                    "You receive e-mails like this one because of your notification settings \
                     in {PRODUCT}; change them under Account settings, Notifications."
                ),
            },
        };
        // Names come from users: keep the subject header on one line.
        content.subject = one_line(&content.subject);
        content
    }
}

/// One message's wording. Values are kept raw here; `html` escapes them.
struct Content<'a> {
    subject: String,
    paragraphs: Vec<String>,
    /// The label of the one call to action, which opens `link`.
    action: &'static str,
    link: &'a str,
    footer: String,
}

const FONT: &str = "font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,\
     Arial,sans-serif;";

impl Content<'_> {
    fn text(&self) -> String {
        let mut out = String::new();
        out.push_str(GREETING);
        out.push_str("\n\n");
        for paragraph in &self.paragraphs {
            out.push_str(paragraph);
            out.push_str("\n\n");
        }
        out.push_str(self.action);
        out.push_str(":\n");
        out.push_str(self.link);
        out.push_str("\n\n");
        out.push_str(&self.footer);
        out.push_str("\n\n-- \n");
        out.push_str(PRODUCT);
        out.push('\n');
        out
    }

    fn html(&self) -> String {
        let subject = escape(&self.subject);
        let link = escape(self.link);
        let paragraph_style = "margin:0 0 16px;";
        let mut body = String::new();
        body.push_str(&format!(
            "<p style=\"{paragraph_style}\">{}</p>\n",
            escape(GREETING)
        ));
        for paragraph in &self.paragraphs {
            body.push_str(&format!(
                "<p style=\"{paragraph_style}\">{}</p>\n",
                escape(paragraph)
            ));
        }
        body.push_str(&format!(
            "<p style=\"margin:24px 0;\"><a href=\"{link}\" style=\"display:inline-block;\
             padding:12px 20px;background-color:#1d4ed8;color:#ffffff;font-weight:bold;\
             text-decoration:none;border-radius:6px;\">{}</a></p>\n",
            escape(self.action)
        ));
        body.push_str(&format!(
            "<p style=\"margin:0 0 16px;font-size:14px;color:#4b5563;\">If the button doesn't \
             work, copy this address into your browser:<br>\n<a href=\"{link}\" \
             style=\"color:#1d4ed8;word-break:break-all;\">{link}</a></p>\n"
        ));
        body.push_str(&format!(
            "<p style=\"margin:24px 0 0;padding-top:16px;border-top:1px solid #e5e7eb;\
             font-size:14px;color:#4b5563;\">{}</p>\n",
            escape(&self.footer)
        ));

        format!(
            "<!DOCTYPE html>\n\
             <html lang=\"en\">\n\
             <head>\n\
             <meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <meta name=\"color-scheme\" content=\"light\">\n\
             <title>{subject}</title>\n\
             </head>\n\
             <body style=\"margin:0;padding:0;background-color:#f3f4f6;\">\n\
             <div role=\"article\" aria-roledescription=\"email\" aria-label=\"{subject}\" \
             lang=\"en\" style=\"{FONT}font-size:16px;line-height:1.5;color:#111827;\">\n\
             <table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" \
             border=\"0\" style=\"background-color:#f3f4f6;\">\n\
             <tr><td align=\"center\" style=\"padding:24px 12px;\">\n\
             <table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" \
             border=\"0\" style=\"max-width:560px;background-color:#ffffff;border-radius:8px;\">\n\
             <tr><td style=\"padding:32px;{FONT}font-size:16px;line-height:1.5;color:#111827;\">\n\
             <p style=\"margin:0 0 24px;font-size:14px;font-weight:bold;letter-spacing:0.05em;\
             text-transform:uppercase;color:#374151;\">{product}</p>\n\
             <h1 style=\"margin:0 0 24px;font-size:22px;line-height:1.3;color:#111827;\">\
             {subject}</h1>\n\
             {body}\
             </td></tr>\n\
             </table>\n\
             </td></tr>\n\
             </table>\n\
             </div>\n\
             </body>\n\
             </html>\n",
            product = escape(PRODUCT),
        )
    }
}

/// Control characters (line breaks included) become spaces; runs of spaces collapse.
fn one_line(raw: &str) -> String {
    raw.split(|c: char| c.is_control() || c.is_whitespace())
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// "1 hour", "3 hours".
fn quantity(n: i64, unit: &str) -> String {
    if n == 1 {
        format!("1 {unit}")
    } else {
        format!("{n} {unit}s")
    }
}

/// Escapes text for HTML element content and quoted attribute values.
fn escape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const LINK: &str = "https://steward.example.com/welcome/AbC123";

    fn all() -> Vec<Email> {
        vec![
            Email::Invitation {
                inviter: "Ada Admin".into(),
                scope_name: "Acme".into(),
                role_label: "Organization admin".into(),
                link: LINK.into(),
                expires_hours: 72,
            },
            Email::PasswordReset {
                link: LINK.into(),
                expires_minutes: 60,
            },
            Email::EmailChange {
                new_email: "new@example.com".into(),
                link: LINK.into(),
                expires_hours: 24,
            },
            Email::EmailChanged {
                new_email_masked: "ne…@example.com".into(),
                link: LINK.into(),
            },
            Email::AddressInUse { link: LINK.into() },
            Email::Notification {
                title: "Ada Admin invited you to Acme".into(),
                body: "Accept or decline it in your account settings.".into(),
                link: LINK.into(),
            },
        ]
    }

    #[test]
    fn escape_covers_the_special_characters() {
        assert_eq!(
            escape(r#"<a href="x">Tom & 'Jerry'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;"
        );
        assert_eq!(escape("plain"), "plain");
    }

    #[test]
    fn interpolated_values_are_escaped_in_html() {
        let hostile = "<script>alert(1)</script>";
        for email in [
            Email::Invitation {
                inviter: hostile.into(),
                scope_name: hostile.into(),
                role_label: hostile.into(),
                link: LINK.into(),
                expires_hours: 72,
            },
            Email::EmailChange {
                new_email: hostile.into(),
                link: LINK.into(),
                expires_hours: 24,
            },
            Email::Notification {
                title: hostile.into(),
                body: hostile.into(),
                link: LINK.into(),
            },
        ] {
            let rendered = email.render();
            assert!(!rendered.html.contains("<script"), "{}", rendered.html);
            assert!(rendered
                .html
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
            // The text form is not HTML: it carries the value as written.
            assert!(rendered.text.contains(hostile));
        }
    }

    #[test]
    fn links_are_escaped_in_attributes() {
        let rendered = Email::PasswordReset {
            link: "https://steward.example.com/reset?a=1&b=\"2\"".into(),
            expires_minutes: 60,
        }
        .render();
        assert!(rendered
            .html
            .contains("href=\"https://steward.example.com/reset?a=1&amp;b=&quot;2&quot;\""));
        assert!(!rendered.html.contains("b=\"2\""));
    }

    #[test]
    fn every_template_carries_its_link_in_both_forms() {
        for email in all() {
            let rendered = email.render();
            assert!(rendered.text.contains(LINK), "{}", rendered.template);
            assert!(
                rendered.html.contains(&format!("href=\"{LINK}\"")),
                "{}",
                rendered.template
            );
            assert!(rendered.html.starts_with("<!DOCTYPE html>"));
            assert!(rendered.html.contains("<html lang=\"en\">"));
            assert!(rendered.text.starts_with("Hello,"));
        }
    }

    #[test]
    fn template_codes() {
        let codes: Vec<_> = all().iter().map(|e| e.render().template).collect();
        assert_eq!(
            codes,
            [
                "invitation",
                "password_reset",
                "email_change",
                "email_changed",
                "address_in_use",
                "notification"
            ]
        );
    }

    #[test]
    fn subjects() {
        let subjects: Vec<_> = all().iter().map(|e| e.render().subject).collect();
        assert_eq!(
            subjects,
            [
                "Ada Admin invited you to Acme on Steward",
                "Reset your Steward password",
                "Confirm your new e-mail address for Steward",
                "Your Steward sign-in address was changed",
                "Someone tried to use your address on Steward",
                "Ada Admin invited you to Acme",
            ]
        );
    }

    #[test]
    fn text_and_html_share_the_wording() {
        for email in all() {
            let rendered = email.render();
            let content = email.content();
            for paragraph in &content.paragraphs {
                assert!(rendered.text.contains(paragraph.as_str()));
                assert!(rendered.html.contains(&escape(paragraph)));
            }
            assert!(rendered.html.contains(&escape(&rendered.subject)));
        }
    }

    #[test]
    fn subjects_stay_on_one_line() {
        let rendered = Email::Notification {
            title: "A invited you to Acme\r\nBcc: victim@example.com".into(),
            body: "Body".into(),
            link: LINK.into(),
        }
        .render();
        assert_eq!(
            rendered.subject,
            "A invited you to Acme Bcc: victim@example.com"
        );
    }

    #[test]
    fn durations_read_naturally() {
        let one = Email::PasswordReset {
            link: LINK.into(),
            expires_minutes: 1,
        }
        .render();
        assert!(one.text.contains("expires in 1 minute."));
        let many = Email::Invitation {
            inviter: "A".into(),
            scope_name: "B".into(),
            role_label: "C".into(),
            link: LINK.into(),
            expires_hours: 72,
        }
        .render();
        assert!(many.text.contains("expires in 72 hours."));
    }
}
