//! Rules about the credentials themselves: their shape, the token that goes with them, expiry.

use crate::diagnose::{facts, human_minutes, Concern, Ctx, Finding, FindingId, Severity};
use crate::input::Field;
use crate::timefmt;

use super::WHERE_CREDENTIALS_COME_FROM;

pub(crate) fn looks_like_key_id(s: &str) -> bool {
    s.len() == 20
        && (s.starts_with("AKIA") || s.starts_with("ASIA"))
        && s.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

pub(crate) fn looks_like_secret(s: &str) -> bool {
    s.len() == 40
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'/' || b == b'+')
}

fn whitespace_problem(value: &str) -> Option<&'static str> {
    if value != value.trim() {
        Some("leading or trailing whitespace")
    } else if value.contains(['\n', '\r']) {
        Some("a line break")
    } else if value.contains([' ', '\t']) {
        Some("a space or tab inside it")
    } else if value.starts_with(['"', '\'']) || value.ends_with(['"', '\'']) {
        Some("quote marks around it")
    } else {
        None
    }
}

fn swapped(c: &Ctx<'_>) -> bool {
    looks_like_secret(c.akid_t) && looks_like_key_id(c.secret_t)
}

/// The first four characters of the access key id.
fn prefix<'a>(c: &Ctx<'a>) -> &'a str {
    c.akid_t.get(..4).unwrap_or("")
}

fn not_a_key<'a>(c: &Ctx<'a>) -> Option<&'static (&'static str, &'static str)> {
    facts::NOT_A_KEY.iter().find(|(p, _)| *p == prefix(c))
}

/// `key-whitespace`: whitespace or quotes around (or inside) the key id, the secret or the token.
pub(crate) fn key_whitespace(c: &Ctx<'_>) -> Vec<Finding> {
    [
        ("access key id", Field::AccessKeyId, Some(c.akid)),
        ("secret access key", Field::SecretAccessKey, Some(c.secret)),
        ("session token", Field::SessionToken, c.token),
    ]
    .into_iter()
    .filter_map(|(name, field, value)| {
        let problem = value.and_then(whitespace_problem)?;
        Some(Finding {
            id: FindingId::KeyWhitespace,
            severity: Severity::Error,
            concerns: Concern::Field(field),
            title: format!("The {name} has {problem}"),
            detail: format!(
                "The {name} as pasted has {problem}. The secret is part of the signing key (kDate = HMAC(\"AWS4\" + secret, date)), \
                 so one stray byte changes every signature; in an id or token AWS just sees an unknown value."
            ),
            fix: "Copy the value again without the surrounding characters (a trailing newline from `echo` or a copied \
                  terminal line is the usual cause), or check the quotes in the file it came from."
                .into(),
            checks: Vec::new(),
            ruled_out: Vec::new(),
        })
    })
    .collect()
}

/// `keys-swapped`: a secret-shaped key id and a key-id-shaped secret.
pub(crate) fn keys_swapped(c: &Ctx<'_>) -> Vec<Finding> {
    if !swapped(c) {
        return vec![];
    }
    vec![Finding {
        id: FindingId::KeysSwapped,
        severity: Severity::Error,
        concerns: Concern::Field(Field::AccessKeyId),
        title: "The access key id and the secret look swapped".into(),
        detail: format!(
            "The access key id field holds a 40-character secret-like value, and the secret field holds {}…, which looks like an access key id.",
            &c.secret_t[..4]
        ),
        fix: "Put the AKIA…/ASIA… value in the access key id and the 40-character value in the secret.".into(),
        checks: Vec::new(),
        ruled_out: Vec::new(),
    }]
}

/// `access-key-not-a-key`: an IAM unique id (AROA…, AIDA…) where the key id goes.
pub(crate) fn access_key_not_a_key(c: &Ctx<'_>) -> Vec<Finding> {
    let Some((p, what)) = not_a_key(c) else {
        return vec![];
    };
    vec![Finding {
        id: FindingId::AccessKeyNotAKey,
        severity: Severity::Error,
        concerns: Concern::Field(Field::AccessKeyId),
        title: format!("{p}… is not an access key id"),
        detail: format!("An id starting with {p} is {what}, not an access key. Only AKIA… (long-term) and ASIA… (temporary) keys can sign."),
        fix: "Create or look up an access key (IAM console → Users → Security credentials, or `aws iam create-access-key`), \
              or use temporary credentials from `aws sts assume-role`."
            .into(),
        checks: Vec::new(),
        ruled_out: Vec::new(),
    }]
}

/// `access-key-malformed`: a key id that has none of the shapes AWS key ids have.
pub(crate) fn access_key_malformed(c: &Ctx<'_>) -> Vec<Finding> {
    let akid = c.akid_t;
    if akid.is_empty()
        || not_a_key(c).is_some()
        || swapped(c)
        || looks_like_key_id(akid)
        || facts::EXAMPLE_KEY_IDS.contains(&akid)
    {
        return vec![];
    }
    vec![Finding {
        id: FindingId::AccessKeyMalformed,
        severity: Severity::Warning,
        concerns: Concern::Field(Field::AccessKeyId),
        title: "The access key id does not look like one".into(),
        detail: format!(
            "\"{}…\" ({} characters) is not 20 uppercase letters and digits starting with AKIA or ASIA, the shape every AWS access key id has had.",
            akid.chars().take(4).collect::<String>(),
            akid.chars().count()
        ),
        fix: "Check that the whole key id was copied, and that it is the key id, not a user name or ARN.".into(),
        checks: Vec::new(),
        ruled_out: Vec::new(),
    }]
}

/// `secret-malformed`: a secret that is not 40 characters of the secret alphabet.
pub(crate) fn secret_malformed(c: &Ctx<'_>) -> Vec<Finding> {
    if c.secret_t.is_empty() || swapped(c) || looks_like_secret(c.secret_t) {
        return vec![];
    }
    vec![Finding {
        id: FindingId::SecretMalformed,
        severity: Severity::Warning,
        concerns: Concern::Field(Field::SecretAccessKey),
        title: "The secret access key does not look like one".into(),
        detail: format!(
            "It has {} characters; AWS secret access keys have been 40 characters of letters, digits, '/' and '+'.",
            c.secret_t.chars().count()
        ),
        fix: "Copy the secret again in full; it is shown only once, when the key is created — if it is lost, create a new key.".into(),
        checks: Vec::new(),
        ruled_out: Vec::new(),
    }]
}

/// `session-token-missing`: a temporary (ASIA…) key without its token.
pub(crate) fn session_token_missing(c: &Ctx<'_>) -> Vec<Finding> {
    if !(c.akid_t.starts_with("ASIA") && c.token.is_none()) {
        return vec![];
    }
    vec![Finding {
        id: FindingId::SessionTokenMissing,
        severity: Severity::Error,
        concerns: Concern::Field(Field::SessionToken),
        title: "Temporary key without its session token".into(),
        detail: "The access key id starts with ASIA: it is a temporary key from AWS STS, which AWS accepts only together with the \
                 session token issued with it. Without the token AWS answers \"The security token included in the request is invalid\"."
            .into(),
        fix: format!("Add the session token (AWS_SESSION_TOKEN, aws_session_token, or SessionToken in the STS JSON). {WHERE_CREDENTIALS_COME_FROM}"),
        checks: Vec::new(),
        ruled_out: Vec::new(),
    }]
}

/// `session-token-unexpected`: a long-term (AKIA…) key sent with a session token.
pub(crate) fn session_token_unexpected(c: &Ctx<'_>) -> Vec<Finding> {
    if !(c.akid_t.starts_with("AKIA") && c.token.is_some()) {
        return vec![];
    }
    vec![Finding {
        id: FindingId::SessionTokenUnexpected,
        // AWS rejects the pair: an error, not a warning.
        severity: Severity::Error,
        concerns: Concern::Field(Field::SessionToken),
        title: "Long-term key sent with a session token".into(),
        detail: "The access key id starts with AKIA (a long-term IAM user key), yet a session token is set. AWS rejects the pair with \
                 \"The security token included in the request is invalid\": the token belongs to some other, temporary key."
            .into(),
        fix: format!("Remove the session token — usually a stale AWS_SESSION_TOKEN left in the environment. {WHERE_CREDENTIALS_COME_FROM}"),
        checks: Vec::new(),
        ruled_out: Vec::new(),
    }]
}

/// `sts-v1-token-opt-in-region`: a version 1 (global STS) token in a region that does not take it.
pub(crate) fn sts_v1_token_opt_in_region(c: &Ctx<'_>) -> Vec<Finding> {
    let region = c.region;
    let Some(t) = c
        .token
        .filter(|t| facts::V1_TOKEN_PREFIXES.iter().any(|p| t.starts_with(p)))
        .filter(|_| facts::OPT_IN_REGIONS.contains(&region))
    else {
        return vec![];
    };
    vec![Finding {
        id: FindingId::StsV1TokenOptInRegion,
        severity: Severity::Error,
        concerns: Concern::Field(Field::SessionToken),
        title: format!("Version 1 STS token used in the opt-in region {region}"),
        detail: format!(
            "The session token starts with {}, the mark of a version 1 token from the global STS endpoint (sts.amazonaws.com). \
             Version 1 tokens work only in regions enabled by default; {region} is an opt-in region, so AWS answers \
             \"The security token included in the request is invalid\".",
            &t[..12]
        ),
        fix: "Get the credentials from a regional STS endpoint (e.g. https://sts.us-east-1.amazonaws.com, AWS_STS_REGIONAL_ENDPOINTS=regional), \
              or make the global endpoint issue version 2 tokens (`aws iam set-security-token-service-preferences --global-endpoint-token-version v2Token`)."
            .into(),
        checks: Vec::new(),
        ruled_out: Vec::new(),
    }]
}

/// `credentials-expired`: temporary credentials whose expiration is past.
pub(crate) fn credentials_expired(c: &Ctx<'_>) -> Vec<Finding> {
    let Some(exp) = c.inputs.credentials.expiration.filter(|e| *e <= c.now) else {
        return vec![];
    };
    vec![Finding {
        id: FindingId::CredentialsExpired,
        severity: Severity::Error,
        concerns: Concern::Field(Field::Credentials),
        title: "The temporary credentials have expired".into(),
        detail: format!(
            "They expired at {}, {} before this computer's clock ({}). AWS answers \"The security token included in the request is expired\".",
            timefmt::iso(exp),
            human_minutes((c.now - exp).whole_seconds()),
            timefmt::iso(c.now)
        ),
        fix: format!("Fetch new credentials (aws sts assume-role / aws sso login / re-run the CI step). {WHERE_CREDENTIALS_COME_FROM}"),
        checks: Vec::new(),
        ruled_out: Vec::new(),
    }]
}
