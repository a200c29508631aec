//! Two-factor sign-in, the part that needs no database: TOTP secrets and codes (RFC 6238,
//! HMAC-SHA1, 6 digits, 30 s steps, as every authenticator app expects), the `otpauth://` URI
//! and QR code that enrol an app, and single-use recovery codes for a lost device. Keeping it
//! pure lets the arithmetic be checked against the RFC's vectors without any I/O.
use data_encoding::BASE32_NOPAD;
use hmac::{Hmac, Mac};
use qrcode::{render::svg, QrCode};
use rand::{rngs::OsRng, Rng, RngCore};
use sha1::Sha1;
use sha2::{Digest, Sha256};
use std::fmt;

/// Seconds per TOTP time step.
pub const STEP_SECS: i64 = 30;
/// Digits in a TOTP code.
pub const DIGITS: u32 = 6;
/// Recovery codes issued at once.
pub const RECOVERY_CODES: usize = 10;

/// Letters and digits that cannot be mistaken for one another (no i, l, o, 0, 1).
const RECOVERY_ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
/// Characters in a recovery code, without the dash.
const RECOVERY_LEN: usize = 10;

/// A shared TOTP key: 20 random bytes (160 bits, the length RFC 4226 recommends).
pub struct TotpSecret(Vec<u8>);

impl TotpSecret {
    /// A fresh key from the operating system's CSPRNG.
    pub fn generate() -> Self {
        let mut bytes = vec![0; 20];
        OsRng.fill_bytes(&mut bytes);
        Self(bytes)
    }

    /// Unpadded base32, the form authenticator apps take and the form stored.
    pub fn to_base32(&self) -> String {
        BASE32_NOPAD.encode(&self.0)
    }

    /// Reads back what [`Self::to_base32`] produced; `None` if it is not that.
    pub fn from_base32(stored: &str) -> Option<Self> {
        BASE32_NOPAD
            .decode(stored.as_bytes())
            .ok()
            .filter(|bytes| !bytes.is_empty())
            .map(Self)
    }
}

impl fmt::Debug for TotpSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TotpSecret(..)")
    }
}

/// The code for time step `step` (RFC 4226 HOTP with the step as counter).
fn code_for_step(secret: &TotpSecret, step: i64) -> u32 {
    let mut mac = Hmac::<Sha1>::new_from_slice(&secret.0).expect("HMAC accepts keys of any length");
    mac.update(&(step as u64).to_be_bytes());
    let hash = mac.finalize().into_bytes();
    let offset = usize::from(hash[hash.len() - 1] & 0x0f);
    let binary = u32::from_be_bytes([
        hash[offset] & 0x7f,
        hash[offset + 1],
        hash[offset + 2],
        hash[offset + 3],
    ]);
    binary % 10u32.pow(DIGITS)
}

/// The code an authenticator shows at `unix_secs`.
pub fn code_at(secret: &TotpSecret, unix_secs: i64) -> u32 {
    code_for_step(secret, unix_secs.div_euclid(STEP_SECS))
}

/// Checks `input` (whitespace ignored, then exactly six digits) against the current step and
/// one step either side, to allow for clock drift. Steps at or before `last_step` are refused so
/// that a code cannot be replayed. Returns the matched step, which the caller must store as the
/// new `last_step`.
pub fn verify(
    secret: &TotpSecret,
    input: &str,
    unix_secs: i64,
    last_step: Option<i64>,
) -> Option<i64> {
    let digits: String = input.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    if digits.len() != DIGITS as usize || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let input: u32 = digits.parse().ok()?;
    let now = unix_secs.div_euclid(STEP_SECS);
    // Every candidate is computed and compared, so the time taken says nothing about which
    // (if any) matched.
    let mut matched = None;
    for step in now - 1..=now + 1 {
        let fresh = last_step.is_none_or(|last| step > last);
        if (code_for_step(secret, step) == input) & fresh {
            matched = Some(step);
        }
    }
    matched
}

/// Percent-encodes a URI component, with `%20` (not `+`) for a space.
fn uri_encode(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes())
        .collect::<String>()
        .replace('+', "%20")
}

/// The Key URI authenticator apps read (usually from a QR code) to enrol `secret`.
pub fn otpauth_uri(issuer: &str, account: &str, secret: &TotpSecret) -> String {
    let issuer = uri_encode(issuer);
    let account = uri_encode(account);
    let secret = secret.to_base32();
    format!(
        "otpauth://totp/{issuer}:{account}?secret={secret}&issuer={issuer}\
         &algorithm=SHA1&digits={DIGITS}&period={STEP_SECS}"
    )
}

/// `data` as a QR code in an inline `<svg>` element; empty if it is too long to encode.
pub fn qr_svg(data: &str) -> String {
    let Ok(code) = QrCode::new(data.as_bytes()) else {
        return String::new();
    };
    let image = code
        .render::<svg::Color>()
        .min_dimensions(200, 200)
        .dark_color(svg::Color("#111827"))
        .light_color(svg::Color("#ffffff"))
        .quiet_zone(true)
        .build();
    // Drop the XML declaration: the element is embedded in an HTML page.
    match image.find("<svg") {
        Some(start) => image[start..].to_owned(),
        None => image,
    }
}

/// A fresh set of distinct recovery codes, shown as `xxxxx-xxxxx`.
pub fn generate_recovery_codes() -> Vec<String> {
    let mut codes = Vec::with_capacity(RECOVERY_CODES);
    while codes.len() < RECOVERY_CODES {
        let mut code = String::with_capacity(RECOVERY_LEN + 1);
        for i in 0..RECOVERY_LEN {
            if i == RECOVERY_LEN / 2 {
                code.push('-');
            }
            code.push(char::from(
                RECOVERY_ALPHABET[OsRng.gen_range(0..RECOVERY_ALPHABET.len())],
            ));
        }
        if !codes.contains(&code) {
            codes.push(code);
        }
    }
    codes
}

/// The canonical form of a typed recovery code (lowercase, no spaces or dashes), or `None` if
/// it cannot be one.
pub fn normalize_recovery_code(input: &str) -> Option<String> {
    let code: String = input
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && *c != '-')
        .map(|c| c.to_ascii_lowercase())
        .collect();
    (code.len() == RECOVERY_LEN && code.bytes().all(|b| RECOVERY_ALPHABET.contains(&b)))
        .then_some(code)
}

/// What is stored for a normalized recovery code: hex SHA-256. A fast, unsalted hash is enough
/// here: each code carries about 49 random bits and attempts are throttled, so neither online
/// guessing nor brute-forcing a leaked hash is practical.
pub fn hash_recovery_code(normalized: &str) -> String {
    hex::encode(Sha256::digest(normalized.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rfc_secret() -> TotpSecret {
        TotpSecret(b"12345678901234567890".to_vec())
    }

    fn code_text(secret: &TotpSecret, unix_secs: i64) -> String {
        format!("{:06}", code_at(secret, unix_secs))
    }

    #[test]
    fn rfc_6238_sha1_vectors() {
        let secret = rfc_secret();
        for (time, eight_digits) in [
            (59, "94287082"),
            (1_111_111_109, "07081804"),
            (1_111_111_111, "14050471"),
            (1_234_567_890, "89005924"),
            (2_000_000_000, "69279037"),
            (20_000_000_000, "65353130"),
        ] {
            assert_eq!(code_text(&secret, time), &eight_digits[2..], "at {time}");
        }
    }

    #[test]
    fn verify_allows_one_step_of_drift() {
        let secret = rfc_secret();
        let now = 1_111_111_111;
        let step = now / STEP_SECS;
        for delta in -1..=1 {
            let code = code_text(&secret, now + delta * STEP_SECS);
            assert_eq!(verify(&secret, &code, now, None), Some(step + delta));
        }
        for delta in [-2, 2] {
            let code = code_text(&secret, now + delta * STEP_SECS);
            assert_eq!(verify(&secret, &code, now, None), None);
        }
    }

    #[test]
    fn verify_ignores_whitespace() {
        let secret = rfc_secret();
        let code = code_text(&secret, 59);
        let spaced = format!(" {} {}\n", &code[..3], &code[3..]);
        assert_eq!(verify(&secret, &spaced, 59, None), Some(1));
    }

    #[test]
    fn verify_refuses_replay() {
        let secret = rfc_secret();
        let now = 1_234_567_890;
        let step = now / STEP_SECS;
        let code = code_text(&secret, now);
        assert_eq!(verify(&secret, &code, now, Some(step)), None);
        assert_eq!(verify(&secret, &code, now, Some(step + 1)), None);
        assert_eq!(verify(&secret, &code, now, Some(step - 1)), Some(step));
    }

    #[test]
    fn verify_refuses_garbage() {
        let secret = rfc_secret();
        for input in ["", "12345", "abcdef", "1234567", "12345a", "+12345"] {
            assert_eq!(verify(&secret, input, 59, None), None, "{input:?}");
        }
    }

    #[test]
    fn base32_round_trips() {
        let secret = TotpSecret::generate();
        let stored = secret.to_base32();
        assert_eq!(stored.len(), 32);
        let back = TotpSecret::from_base32(&stored).expect("valid base32");
        assert_eq!(back.0, secret.0);
        assert!(TotpSecret::from_base32("not base32!").is_none());
        assert!(TotpSecret::from_base32("").is_none());
        assert_eq!(format!("{secret:?}"), "TotpSecret(..)");
    }

    #[test]
    fn otpauth_uri_encodes_label_and_issuer() {
        let secret = rfc_secret();
        let uri = otpauth_uri("Steward Demo", "ann smith@example.com", &secret);
        assert_eq!(
            uri,
            format!(
                "otpauth://totp/Steward%20Demo:ann%20smith%40example.com?secret={}\
                 &issuer=Steward%20Demo&algorithm=SHA1&digits=6&period=30",
                secret.to_base32()
            )
        );
    }

    #[test]
    fn qr_svg_is_an_svg() {
        let svg = qr_svg("otpauth://totp/Steward:ann?secret=ABC");
        assert!(svg.starts_with("<?xml") || svg.contains("<svg"));
        assert!(svg.contains("#111827"));
    }

    #[test]
    fn recovery_codes_are_distinct_and_normalize() {
        let codes = generate_recovery_codes();
        assert_eq!(codes.len(), RECOVERY_CODES);
        for (i, code) in codes.iter().enumerate() {
            assert!(!codes[i + 1..].contains(code));
            assert_eq!(code.len(), 11);
            assert_eq!(code.as_bytes()[5], b'-');
            let normalized = normalize_recovery_code(code).expect("own codes normalize");
            assert_eq!(normalized, code.replace('-', ""));
            let hash = hash_recovery_code(&normalized);
            assert_eq!(hash.len(), 64);
            assert!(hash.bytes().all(|b| b.is_ascii_hexdigit()));
        }
    }

    #[test]
    fn recovery_code_input_is_forgiving_but_strict() {
        assert_eq!(
            normalize_recovery_code(" ABCDE - FGHJK ").as_deref(),
            Some("abcdefghjk")
        );
        assert_eq!(normalize_recovery_code("abcde-fghj"), None);
        assert_eq!(normalize_recovery_code("abcde-fghjkm"), None);
        assert_eq!(normalize_recovery_code("abcde-fghj1"), None);
    }
}
