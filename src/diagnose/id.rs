//! The stable finding ids of CONTRACT.md, as one enum: code names a cause by its variant, and
//! only [`FindingId::as_str`] spells it.

/// One cause AWS rejects a request for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FindingId {
    ClockSkew,
    CredentialsExpired,
    SessionTokenMissing,
    SessionTokenUnexpected,
    SessionTokenUnsigned,
    RegionMismatch,
    ServiceMismatch,
    GlobalServiceRegion,
    StsV1TokenOptInRegion,
    KeyWhitespace,
    AccessKeyMalformed,
    AccessKeyNotAKey,
    KeysSwapped,
    SecretMalformed,
    PayloadHashMismatch,
    HeaderNotSigned,
    DateScopeMismatch,
    PresignExpired,
    PresignExpiresTooLong,
    SignatureMismatch,
    CanonicalRequestMismatch,
    StringToSignMismatch,
    ApiGatewayMissingTokenRoute,
    AuthorizationDenied,
    CredentialsRejected,
}

impl FindingId {
    /// Every id, in CONTRACT.md's order.
    pub const ALL: [FindingId; 25] = [
        FindingId::ClockSkew,
        FindingId::CredentialsExpired,
        FindingId::SessionTokenMissing,
        FindingId::SessionTokenUnexpected,
        FindingId::SessionTokenUnsigned,
        FindingId::RegionMismatch,
        FindingId::ServiceMismatch,
        FindingId::GlobalServiceRegion,
        FindingId::StsV1TokenOptInRegion,
        FindingId::KeyWhitespace,
        FindingId::AccessKeyMalformed,
        FindingId::AccessKeyNotAKey,
        FindingId::KeysSwapped,
        FindingId::SecretMalformed,
        FindingId::PayloadHashMismatch,
        FindingId::HeaderNotSigned,
        FindingId::DateScopeMismatch,
        FindingId::PresignExpired,
        FindingId::PresignExpiresTooLong,
        FindingId::SignatureMismatch,
        FindingId::CanonicalRequestMismatch,
        FindingId::StringToSignMismatch,
        FindingId::ApiGatewayMissingTokenRoute,
        FindingId::AuthorizationDenied,
        FindingId::CredentialsRejected,
    ];

    /// The id as CONTRACT.md spells it (`clock-skew`).
    pub fn as_str(self) -> &'static str {
        match self {
            FindingId::ClockSkew => "clock-skew",
            FindingId::CredentialsExpired => "credentials-expired",
            FindingId::SessionTokenMissing => "session-token-missing",
            FindingId::SessionTokenUnexpected => "session-token-unexpected",
            FindingId::SessionTokenUnsigned => "session-token-unsigned",
            FindingId::RegionMismatch => "region-mismatch",
            FindingId::ServiceMismatch => "service-mismatch",
            FindingId::GlobalServiceRegion => "global-service-region",
            FindingId::StsV1TokenOptInRegion => "sts-v1-token-opt-in-region",
            FindingId::KeyWhitespace => "key-whitespace",
            FindingId::AccessKeyMalformed => "access-key-malformed",
            FindingId::AccessKeyNotAKey => "access-key-not-a-key",
            FindingId::KeysSwapped => "keys-swapped",
            FindingId::SecretMalformed => "secret-malformed",
            FindingId::PayloadHashMismatch => "payload-hash-mismatch",
            FindingId::HeaderNotSigned => "header-not-signed",
            FindingId::DateScopeMismatch => "date-scope-mismatch",
            FindingId::PresignExpired => "presign-expired",
            FindingId::PresignExpiresTooLong => "presign-expires-too-long",
            FindingId::SignatureMismatch => "signature-mismatch",
            FindingId::CanonicalRequestMismatch => "canonical-request-mismatch",
            FindingId::StringToSignMismatch => "string-to-sign-mismatch",
            FindingId::ApiGatewayMissingTokenRoute => "api-gateway-missing-token-route",
            FindingId::AuthorizationDenied => "authorization-denied",
            FindingId::CredentialsRejected => "credentials-rejected",
        }
    }

    /// The id spelled `s`, if there is one.
    pub fn parse(s: &str) -> Option<FindingId> {
        FindingId::ALL.into_iter().find(|id| id.as_str() == s)
    }
}

/// An id equals its CONTRACT.md spelling, so tests and scripts can compare with the contract.
impl PartialEq<&str> for FindingId {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl std::fmt::Display for FindingId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_id_reads_back() {
        for id in FindingId::ALL {
            assert_eq!(FindingId::parse(id.as_str()), Some(id));
        }
        assert_eq!(FindingId::parse("not-an-id"), None);
    }

    #[test]
    fn an_id_equals_and_prints_its_own_spelling_only() {
        assert!(FindingId::ClockSkew == "clock-skew");
        assert!(FindingId::ClockSkew != "credentials-expired");
        assert_eq!(
            FindingId::CredentialsRejected.to_string(),
            "credentials-rejected"
        );
        assert_eq!(format!("[{}]", FindingId::KeysSwapped), "[keys-swapped]");
    }
}
