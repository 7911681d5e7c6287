//! The credential scope's region and service: given by the user, or read from the endpoint host.
//!
//! Host patterns follow botocore's endpoint data (see `scope_data.rs`) and the
//! S3 rules in aws-auth-facts.json: regional, global, S3 virtual-host and path
//! styles, legacy `s3-<region>`, execute-api, es, aoss, dualstack and FIPS.

use super::{err, SignError};
use crate::generated::endpoints as data;
use crate::input::Field;
use crate::text::{describe_char, excerpt, quoted, QUOTE_CHARS};

/// Where a value came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// The user gave it (a CLI flag or the page's field).
    Flag,
    /// Read from the endpoint host.
    Host,
    /// Nothing said otherwise.
    Default,
}

/// A region or service name with where it came from and a one-line reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Inferred {
    pub value: String,
    pub source: Source,
    pub why: String,
    /// What the host alone implies, when it implies something (even if the user overrode it).
    pub from_host: Option<String>,
}

/// True for signing names that follow S3's rules (single encoding, no normalisation, signed payload hash).
pub fn is_s3_family(service: &str) -> bool {
    matches!(
        service,
        "s3" | "s3-object-lambda" | "s3-outposts" | "s3express"
    )
}

/// Looks like a region name: `us-east-1`, `us-gov-west-1`, `eusc-de-east-1`.
pub fn is_region(label: &str) -> bool {
    let mut parts = label.split('-');
    let first = parts.next().unwrap_or("");
    let rest: Vec<&str> = parts.collect();
    (2..=4).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_lowercase())
        && rest.len() >= 2
        && rest[..rest.len() - 1]
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase()))
        && rest
            .last()
            .is_some_and(|n| (1..=2).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_digit()))
}

/// What a host says about region and service.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HostFacts {
    pub region: Option<(String, String)>,
    pub service: Option<(String, String)>,
    /// The host follows a known endpoint pattern (a region label, a global or S3 endpoint),
    /// rather than a first label guessed as the service.
    pub strong: bool,
    /// A global endpoint (iam.amazonaws.com, ...): it signs for one fixed region.
    pub global: bool,
}

const SUFFIXES: [(&str, &str); 6] = [
    (".amazonaws.com.cn", "cn-northwest-1"),
    (".api.amazonwebservices.com.cn", "cn-northwest-1"),
    (".amazonaws.com", "us-east-1"),
    (".amazonaws.eu", "eusc-de-east-1"),
    (".api.aws", "us-east-1"),
    (".on.aws", "us-east-1"),
];

fn signing_name(prefix: &str) -> String {
    data::SIGNING_NAMES
        .iter()
        .find(|(p, _)| *p == prefix)
        .map_or_else(|| prefix.to_string(), |(_, s)| s.to_string())
}

fn s3_name(label: &str) -> Option<&'static str> {
    let l = label.strip_suffix("-fips").unwrap_or(label);
    match l {
        "s3" | "s3-accesspoint" | "s3-control" | "s3-accelerate" => Some("s3"),
        "s3-object-lambda" => Some("s3-object-lambda"),
        "s3-outposts" => Some("s3-outposts"),
        _ if l.starts_with("s3express") => Some("s3express"),
        _ => None,
    }
}

/// Reads region and service from an endpoint host.
pub fn from_host(host: &str) -> HostFacts {
    let h = host.trim().trim_end_matches('.').to_ascii_lowercase();
    let h = h
        .rsplit_once(':')
        .filter(|(_, p)| p.bytes().all(|b| b.is_ascii_digit()))
        .map_or(h.as_str(), |(h, _)| h);
    let none = HostFacts {
        region: None,
        service: None,
        strong: false,
        global: false,
    };
    if let Some((_, region)) = data::GLOBAL_ENDPOINTS.iter().find(|(g, _)| *g == h) {
        let first = h.split('.').next().unwrap_or("");
        let service = if h.starts_with("global.health") {
            "health".to_string()
        } else {
            signing_name(first)
        };
        return HostFacts {
            region: Some((
                region.to_string(),
                format!("{h} is a global endpoint that signs for {region}"),
            )),
            service: Some((
                service.clone(),
                format!("from host {h}: global endpoint of {service}"),
            )),
            strong: true,
            global: true,
        };
    }
    let Some((suffix, partition_region)) = SUFFIXES.iter().find(|(s, _)| h.ends_with(s)) else {
        return none;
    };
    let rest = &h[..h.len() - suffix.len()];
    let labels: Vec<&str> = rest.split('.').collect();
    let ridx = labels.iter().rposition(|l| is_region(l));
    let h_q = excerpt(h, QUOTE_CHARS);
    let from = |what: &str| format!("from host {h_q}{what}");

    if let Some(r) = ridx {
        let region = labels[r].to_string();
        let before: Vec<&str> = labels[..r]
            .iter()
            .copied()
            .filter(|l| *l != "dualstack" && *l != "fips")
            .collect();
        // search-domain.us-east-1.es / collection.us-east-1.aoss: the service follows the region.
        if let Some(after) = labels.get(r + 1) {
            return HostFacts {
                region: Some((region.clone(), from(""))),
                service: Some((
                    signing_name(after),
                    from(&format!(": the label after the region, {after}")),
                )),
                strong: true,
                global: false,
            };
        }
        let service = (0..before.len()).find_map(|i| {
            let joined = before[i..].join(".");
            data::SIGNING_NAMES
                .iter()
                .find(|(p, _)| *p == joined)
                .map(|(_, s)| (s.to_string(), joined))
        });
        let service = match service {
            Some((s, prefix)) => Some((
                s.clone(),
                from(&format!(": endpoint prefix {prefix} signs as {s}")),
            )),
            None => before.last().map(|last| {
                let name = if let Some(s3) = s3_name(last) {
                    s3.to_string()
                } else if *last == "lambda-url" {
                    "lambda".to_string()
                } else if *last == "iot"
                    && before.len() >= 2
                    && before[before.len() - 2].ends_with("-ats")
                {
                    "iotdata".to_string()
                } else {
                    signing_name(last.strip_suffix("-fips").unwrap_or(last))
                };
                let why = if name == *last {
                    from("")
                } else {
                    from(&format!(": {last} signs as {name}"))
                };
                (name, why)
            }),
        };
        return HostFacts {
            region: Some((region, from(""))),
            service,
            strong: true,
            global: false,
        };
    }

    // No region label: legacy forms.
    for l in &labels {
        if let Some(r) = l
            .strip_prefix("s3-")
            .filter(|r| is_region(r) || *r == "external-1")
        {
            let region = if r == "external-1" { "us-east-1" } else { r };
            return HostFacts {
                region: Some((
                    region.to_string(),
                    from(&format!(": legacy S3 endpoint s3-{r}")),
                )),
                service: Some(("s3".into(), from(""))),
                strong: true,
                global: false,
            };
        }
    }
    if labels.contains(&"s3-accelerate") {
        return HostFacts {
            region: None,
            service: Some((
                "s3".into(),
                from(": S3 Transfer Acceleration (the host does not name the bucket's region)"),
            )),
            strong: true,
            global: false,
        };
    }
    if labels.contains(&"s3") {
        return HostFacts {
            region: Some((
                partition_region.to_string(),
                from(": legacy global S3 endpoint, signs for us-east-1"),
            )),
            service: Some(("s3".into(), from(""))),
            strong: true,
            global: false,
        };
    }
    let first = labels.last().copied().unwrap_or("");
    if first.is_empty() {
        return none;
    }
    HostFacts {
        region: Some((
            partition_region.to_string(),
            from(&format!(
                ": no region in the host, so the partition's global region {partition_region}"
            )),
        )),
        service: Some((signing_name(first), from(""))),
        strong: false,
        global: false,
    }
}

/// Resolves region and service: explicit values win; else the host; else a default.
pub fn resolve(
    host: &str,
    region: Option<&str>,
    service: Option<&str>,
) -> Result<(Inferred, Inferred), SignError> {
    let facts = from_host(host);
    let region = match region.map(str::trim).filter(|r| !r.is_empty()) {
        Some(r) => {
            check_name(Field::Region, r)?;
            Inferred { value: r.to_string(), source: Source::Flag, why: "given".into(), from_host: facts.region.as_ref().map(|x| x.0.clone()) }
        }
        None => match &facts.region {
            Some((r, why)) => Inferred { value: r.clone(), source: Source::Host, why: why.clone(), from_host: Some(r.clone()) },
            None => Inferred {
                value: "us-east-1".into(),
                source: Source::Default,
                why: format!("the host {} does not name a region, so us-east-1; set the region if the endpoint is elsewhere", excerpt(host, QUOTE_CHARS)),
                from_host: None,
            },
        },
    };
    let service = match service.map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => {
            check_name(Field::Service, s)?;
            Inferred { value: s.to_string(), source: Source::Flag, why: "given".into(), from_host: facts.service.as_ref().map(|x| x.0.clone()) }
        }
        None => match &facts.service {
            Some((s, why)) => Inferred { value: s.clone(), source: Source::Host, why: why.clone(), from_host: Some(s.clone()) },
            None => {
                return Err(err(
                    Field::Service,
                    format!("The host {} is not an AWS endpoint name, so the service cannot be read from it; give the service's signing name (for example execute-api, s3 or sqs).", quoted(host)),
                ))
            }
        },
    };
    Ok((region, service))
}

fn check_name(field: Field, value: &str) -> Result<(), SignError> {
    let name = field.as_str();
    match value
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_' || *c == '.'))
    {
        Some(c) => Err(err(
            field,
            format!(
                "The {name} {} contains {}; a {name} name is letters, digits and dashes.",
                quoted(value),
                describe_char(c)
            ),
        )),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rs(host: &str) -> (Option<String>, Option<String>) {
        let f = from_host(host);
        (f.region.map(|r| r.0), f.service.map(|s| s.0))
    }

    #[test]
    fn hosts() {
        let cases = [
            ("iam.amazonaws.com", "us-east-1", "iam"),
            ("sts.amazonaws.com", "us-east-1", "sts"),
            ("sqs.eu-west-1.amazonaws.com", "eu-west-1", "sqs"),
            ("sts.ap-east-1.amazonaws.com", "ap-east-1", "sts"),
            ("examplebucket.s3.amazonaws.com", "us-east-1", "s3"),
            (
                "examplebucket.s3.eu-central-1.amazonaws.com",
                "eu-central-1",
                "s3",
            ),
            ("s3.dualstack.us-west-2.amazonaws.com", "us-west-2", "s3"),
            ("bucket.s3-us-west-2.amazonaws.com", "us-west-2", "s3"),
            ("s3-fips.us-gov-west-1.amazonaws.com", "us-gov-west-1", "s3"),
            (
                "abc123.execute-api.us-east-1.amazonaws.com",
                "us-east-1",
                "execute-api",
            ),
            (
                "search-mydomain-abc.us-west-1.es.amazonaws.com",
                "us-west-1",
                "es",
            ),
            (
                "runtime.sagemaker.us-east-2.amazonaws.com",
                "us-east-2",
                "sagemaker",
            ),
            (
                "bedrock-runtime.us-east-1.amazonaws.com",
                "us-east-1",
                "bedrock",
            ),
            (
                "monitoring.us-east-1.amazonaws.com",
                "us-east-1",
                "monitoring",
            ),
            ("email.eu-west-1.amazonaws.com", "eu-west-1", "ses"),
            (
                "dynamodb-fips.us-east-1.amazonaws.com",
                "us-east-1",
                "dynamodb",
            ),
            ("sqs.us-east-1.api.aws", "us-east-1", "sqs"),
            ("abcdef.lambda-url.eu-west-1.on.aws", "eu-west-1", "lambda"),
            (
                "a1b2c3-ats.iot.us-east-1.amazonaws.com",
                "us-east-1",
                "iotdata",
            ),
            ("lambda.us-east-2.amazonaws.com:443", "us-east-2", "lambda"),
            ("ec2.amazonaws.com", "us-east-1", "ec2"),
        ];
        for (host, region, service) in cases {
            assert_eq!(
                rs(host),
                (Some(region.to_string()), Some(service.to_string())),
                "{host}"
            );
        }
        assert_eq!(
            rs("bucket.s3-accelerate.amazonaws.com"),
            (None, Some("s3".into()))
        );
        assert_eq!(rs("example.com"), (None, None));
    }

    #[test]
    fn explicit_wins_but_host_is_kept() {
        let (r, s) = resolve("sqs.eu-west-1.amazonaws.com", Some("us-east-1"), None).unwrap();
        assert_eq!(
            (r.value.as_str(), r.source, r.from_host.as_deref()),
            ("us-east-1", Source::Flag, Some("eu-west-1"))
        );
        assert_eq!(s.value, "sqs");
        assert!(resolve("localhost:4566", None, None)
            .unwrap_err()
            .message
            .contains("localhost"));
    }

    #[test]
    fn regions() {
        assert!(
            is_region("us-east-1") && is_region("us-gov-west-1") && is_region("eusc-de-east-1")
        );
        assert!(!is_region("s3") && !is_region("execute-api") && !is_region("us-east"));
    }
}
