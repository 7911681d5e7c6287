//! Steps 2 and 3: the string to sign, the derived signing key, and the signature.
//!
//! AWS IAM User Guide, "Create a string to sign" and "Calculate the signature":
//! `kDate = HMAC("AWS4" + secret, date)`, `kRegion = HMAC(kDate, region)`,
//! `kService = HMAC(kRegion, service)`, `kSigning = HMAC(kService, "aws4_request")`,
//! `signature = hex(HMAC(kSigning, string_to_sign))`.

use std::fmt;

use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};

use crate::http::ALGORITHM;

/// Lowercase hex SHA-256.
pub fn sha256_hex(data: &[u8]) -> String {
    hex::encode(Sha256::digest(data))
}

fn hmac(key: &[u8], data: &[u8]) -> [u8; 32] {
    // HMAC accepts keys of any length, so new_from_slice cannot fail.
    let mut mac = match Hmac::<Sha256>::new_from_slice(key) {
        Ok(m) => m,
        Err(_) => unreachable!("HMAC-SHA256 takes keys of any length"),
    };
    mac.update(data);
    mac.finalize().into_bytes().into()
}

/// The string to sign. `Display` prints exactly the text that is HMAC'd.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StringToSign {
    pub amz_date: String,
    pub scope: String,
    pub canonical_request_hash: String,
}

impl fmt::Display for StringToSign {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{ALGORITHM}\n{}\n{}\n{}",
            self.amz_date, self.scope, self.canonical_request_hash
        )
    }
}

/// One link of the key chain.
#[derive(Clone, PartialEq, Eq)]
pub struct KeyStep {
    /// `kDate`, `kRegion`, `kService` or `kSigning`.
    pub name: &'static str,
    /// What was HMAC'd with the previous key.
    pub input: String,
    pub hex: String,
}

impl fmt::Debug for KeyStep {
    // Derived keys are as good as the secret for a day: keep them out of logs.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "KeyStep {{ name: {:?}, input: {:?}, hex: ** redacted ** }}",
            self.name, self.input
        )
    }
}

/// kDate → kRegion → kService → kSigning. `Debug` redacts the keys.
#[derive(Clone, PartialEq, Eq)]
pub struct SigningKeyChain {
    pub steps: [KeyStep; 4],
    signing_key: [u8; 32],
}

impl fmt::Debug for SigningKeyChain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigningKeyChain")
            .field("steps", &self.steps)
            .finish_non_exhaustive()
    }
}

impl SigningKeyChain {
    /// Derives the chain from the secret access key for one date, region and service.
    pub fn derive(secret: &str, date: &str, region: &str, service: &str) -> Self {
        let k_date = hmac(format!("AWS4{secret}").as_bytes(), date.as_bytes());
        let k_region = hmac(&k_date, region.as_bytes());
        let k_service = hmac(&k_region, service.as_bytes());
        let k_signing = hmac(&k_service, b"aws4_request");
        let step = |name, input: &str, key: &[u8; 32]| KeyStep {
            name,
            input: input.to_string(),
            hex: hex::encode(key),
        };
        SigningKeyChain {
            steps: [
                step("kDate", date, &k_date),
                step("kRegion", region, &k_region),
                step("kService", service, &k_service),
                step("kSigning", "aws4_request", &k_signing),
            ],
            signing_key: k_signing,
        }
    }

    /// The hex of the step called `name`.
    pub fn hex(&self, name: &str) -> Option<&str> {
        self.steps
            .iter()
            .find(|s| s.name == name)
            .map(|s| s.hex.as_str())
    }

    /// The signature of `string_to_sign`, lowercase hex.
    pub fn sign(&self, string_to_sign: &str) -> String {
        hex::encode(hmac(&self.signing_key, string_to_sign.as_bytes()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The AWS documentation example's signing key (IAM User Guide, "Examples of how to derive a signing key").
    #[test]
    fn documented_signing_key() {
        let chain = SigningKeyChain::derive(
            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            "20120215",
            "us-east-1",
            "iam",
        );
        assert_eq!(
            chain.hex("kSigning"),
            Some("f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d")
        );
        assert!(!format!("{chain:?}").contains("f4780e2d"));
    }
}
