//! Access denied: the signature was accepted, the action refused. Who, what, on what, and why.

/// The codes AWS refuses an authorized-looking request with when the caller may not act.
pub const ACCESS_DENIED_CODES: [&str; 5] = [
    "AccessDenied",
    "AccessDeniedException",
    "UnauthorizedOperation",
    "AuthorizationError",
    "UnauthorizedAccess",
];

/// What an access-denied message says: who may not do what, on what, and which policy decided.
///
/// IAM's wording (IAM User Guide, "Troubleshoot access denied error messages"): `User: PRINCIPAL
/// is not authorized to perform: ACTION [on resource: RESOURCE] because no POLICY-TYPE allows
/// the ACTION action` (an implicit deny), or `… with an explicit deny in a POLICY-TYPE[: ARN]`,
/// sometimes followed by `. Go to https://… ` (the Access Troubleshooter's page for it).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Denied {
    pub principal: Option<String>,
    pub action: Option<String>,
    pub resource: Option<String>,
    /// `Some(true)`: a Deny statement decided; `Some(false)`: no policy allowed it.
    pub explicit: Option<bool>,
    /// The kind of policy the message names: `identity-based policy`, `service control
    /// policy`, `resource-based policy`, `permissions boundary`, `session policy`, ...
    pub policy: Option<String>,
    /// The ARN of the policy that denied, when the message names it.
    pub policy_arn: Option<String>,
    /// The link to the access denial's details, when the message has one.
    pub details_link: Option<String>,
    /// EC2's "Encoded authorization failure message" (decode it with STS).
    pub encoded: bool,
}

/// `text` without surrounding quotes and a final period.
fn bare(text: &str) -> String {
    text.trim()
        .trim_end_matches('.')
        .trim_matches(['"', '\'', '`'])
        .trim()
        .to_string()
}

/// Reads an access-denied answer: `Some` when the code is one of [`ACCESS_DENIED_CODES`] or the
/// message says "is not authorized to perform".
pub(super) fn denied(code: Option<&str>, message: &str) -> Option<Denied> {
    let by_code = code.is_some_and(|c| ACCESS_DENIED_CODES.contains(&c));
    const PERFORM: &str = " is not authorized to perform: ";
    let lower = message.to_ascii_lowercase();
    // STS's web-identity denial names only the action: "Not authorized to perform
    // sts:AssumeRoleWithWebIdentity".
    if let Some(action) = lower
        .strip_prefix("not authorized to perform ")
        .map(|_| bare(&message["not authorized to perform ".len()..]))
        .filter(|a| a.contains(':') && !a.contains(' '))
    {
        return Some(Denied {
            action: Some(action),
            ..Denied::default()
        });
    }
    let Some(at) = lower.find(PERFORM) else {
        return by_code.then(|| Denied {
            encoded: message.contains("Encoded authorization failure message"),
            ..Denied::default()
        });
    };
    let mut d = Denied {
        encoded: message.contains("Encoded authorization failure message"),
        ..Denied::default()
    };
    let head = &message[..at];
    d.principal = head
        .rfind(": ")
        .map(|i| bare(&head[i + 2..]))
        .or_else(|| Some(bare(head)))
        .filter(|p| !p.is_empty());
    let rest = &message[at + PERFORM.len()..];
    // The link to the details ends the message: ". Go to https://…".
    // EC2 appends the encoded evaluation: "… action. Encoded authorization failure message: …".
    let rest = rest
        .find(". Encoded authorization failure message")
        .map_or(rest, |i| &rest[..i]);
    let (rest, link) = match rest.find(". Go to ") {
        Some(i) => (
            &rest[..i],
            rest[i + ". Go to ".len()..]
                .split_whitespace()
                .next()
                .map(bare),
        ),
        None => (rest, None),
    };
    d.details_link = link;
    let lower_rest = rest.to_ascii_lowercase();
    let because = lower_rest.find(" because no ");
    let explicit = lower_rest.find(" with an explicit deny");
    let reason_at = [because, explicit].into_iter().flatten().min();
    let subject = &rest[..reason_at.unwrap_or(rest.len())];
    // IAM writes "ACTION on resource: ARN"; S3's messages "ACTION on \"ARN\"".
    let lower_subject = subject.to_ascii_lowercase();
    let on = lower_subject
        .find(" on resource: ")
        .map(|i| (i, " on resource: ".len()))
        .or_else(|| lower_subject.find(" on ").map(|i| (i, " on ".len())));
    match on {
        Some((i, len)) => {
            d.action = Some(bare(&subject[..i]));
            d.resource = Some(bare(&subject[i + len..])).filter(|r| !r.is_empty());
        }
        None => d.action = Some(bare(subject)).filter(|a| !a.is_empty()),
    }
    let article = |s: &str| {
        s.trim_start()
            .strip_prefix("an ")
            .or_else(|| s.trim_start().strip_prefix("a "))
            .or_else(|| s.trim_start().strip_prefix("the "))
            .unwrap_or(s.trim_start())
            .to_string()
    };
    if let (Some(b), true) = (because, explicit.is_none_or(|e| because < Some(e))) {
        // "because no identity-based policy allows the iam:ListUsers action"
        let after = &rest[b + " because no ".len()..];
        let policy = after
            .to_ascii_lowercase()
            .find(" allows")
            .map_or(after, |i| &after[..i]);
        d.explicit = Some(false);
        d.policy = Some(bare(policy)).filter(|p| !p.is_empty());
    } else if let Some(e) = explicit {
        // "with an explicit deny in a service control policy[: arn:…]"
        let after = &rest[e + " with an explicit deny".len()..];
        let after = after.trim_start().strip_prefix("in").unwrap_or(after);
        d.explicit = Some(true);
        let (policy, arn) = match after.find(": arn:") {
            Some(i) => (&after[..i], Some(bare(&after[i + 2..]))),
            None => (after, None),
        };
        d.policy = Some(bare(&article(policy))).filter(|p| !p.is_empty());
        d.policy_arn = arn;
    }
    Some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn access_denied_messages_are_read() {
        let d = denied(
            Some("AccessDenied"),
            "User: arn:aws:iam::123456789012:user/alice is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::123456789012:user/ because no identity-based policy allows the iam:ListUsers action",
        )
        .unwrap();
        assert_eq!(
            d.principal.as_deref(),
            Some("arn:aws:iam::123456789012:user/alice")
        );
        assert_eq!(d.action.as_deref(), Some("iam:ListUsers"));
        assert_eq!(
            d.resource.as_deref(),
            Some("arn:aws:iam::123456789012:user/")
        );
        assert_eq!(
            (d.explicit, d.policy.as_deref()),
            (Some(false), Some("identity-based policy"))
        );
        let d = denied(
            None,
            "User: arn:aws:iam::123456789012:user/janedoe is not authorized to perform: iam:CreateInstanceProfile on resource: arn:aws:iam::123456789012:instance-profile/p with an explicit deny in an identity-based policy: arn:aws:iam::123456789012:policy/ExampleDenyPolicy. Go to https://us-east-1.console.aws.amazon.com/iam/home?region=us-east-1#/authorization-details/EXAMPLE1 to learn more.",
        )
        .unwrap();
        assert_eq!(
            (d.explicit, d.policy.as_deref()),
            (Some(true), Some("identity-based policy"))
        );
        assert_eq!(
            d.policy_arn.as_deref(),
            Some("arn:aws:iam::123456789012:policy/ExampleDenyPolicy")
        );
        assert!(d
            .details_link
            .unwrap()
            .ends_with("authorization-details/EXAMPLE1"));
        let d = denied(
            Some("AccessDeniedException"),
            "User: arn:aws:sts::123456789012:assumed-role/Dev/s is not authorized to perform: dynamodb:GetItem on resource: arn:aws:dynamodb:us-east-1:123456789012:table/T with an explicit deny in a service control policy",
        )
        .unwrap();
        assert_eq!(d.policy.as_deref(), Some("service control policy"));
        assert_eq!(
            d.principal.as_deref(),
            Some("arn:aws:sts::123456789012:assumed-role/Dev/s")
        );
        let s3 = denied(
            Some("AccessDenied"),
            "User: arn:aws:iam::777788889999:user/MaryMajor is not authorized to perform: s3:GetObject on \"arn:aws:s3:::amzn-s3-demo-bucket1/object-name\" because no resource-based policy allows the s3:GetObject action",
        )
        .unwrap();
        assert_eq!(
            s3.resource.as_deref(),
            Some("arn:aws:s3:::amzn-s3-demo-bucket1/object-name")
        );
        assert_eq!(s3.policy.as_deref(), Some("resource-based policy"));
        let plain = denied(Some("AccessDenied"), "Access Denied").unwrap();
        assert_eq!(plain, Denied::default());
        assert!(denied(Some("SignatureDoesNotMatch"), "Access Denied").is_none());
        let oidc = denied(
            None,
            "Not authorized to perform sts:AssumeRoleWithWebIdentity",
        )
        .unwrap();
        assert_eq!(
            oidc.action.as_deref(),
            Some("sts:AssumeRoleWithWebIdentity")
        );
        assert!(denied(None, "Not authorized to perform this operation").is_none());
        assert!(denied(Some("UnauthorizedOperation"), "You are not authorized to perform this operation. Encoded authorization failure message: abc").unwrap().encoded);
    }
}
