//! Facts behind the findings, from ../shared/reference/aws-auth-facts.json.

/// Regions launched after 2019-03-20: disabled until an account opts in; v1 STS tokens do not work there.
pub const OPT_IN_REGIONS: &[&str] = &[
    "af-south-1",
    "ap-east-1",
    "ap-east-2",
    "ap-south-2",
    "ap-southeast-3",
    "ap-southeast-4",
    "ap-southeast-5",
    "ap-southeast-6",
    "ap-southeast-7",
    "ca-west-1",
    "eu-central-2",
    "eu-south-1",
    "eu-south-2",
    "il-central-1",
    "me-central-1",
    "me-south-1",
    "mx-central-1",
];

/// IAM unique-id prefixes that name other things than access keys (IAM User Guide, "Unique ID prefixes").
pub const NOT_A_KEY: &[(&str, &str)] = &[
    ("ABIA", "an AWS STS service bearer token"),
    ("ACCA", "a context-specific credential"),
    ("AGPA", "an IAM user group's unique id"),
    ("AIDA", "an IAM user's unique id"),
    ("AIPA", "an EC2 instance profile's unique id"),
    ("ANPA", "a managed policy's unique id"),
    ("ANVA", "a managed policy version's unique id"),
    ("APKA", "a public key's id"),
    ("AROA", "an IAM role's unique id"),
    ("ASCA", "a certificate's id"),
];

/// AWS's published example keys: well-formed for teaching even where they break the usual shape.
pub const EXAMPLE_KEY_IDS: &[&str] = &[
    "AKIDEXAMPLE",
    "AKIAIOSFODNN7EXAMPLE",
    "ASIAIOSFODNN7EXAMPLE",
];

/// AWS's published example key pairs (the signing suite's and the IAM guide's): a key id with the
/// secret AWS prints beside it.
pub const EXAMPLE_KEYS: &[(&str, &str)] = &[
    ("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
    (
        "AKIAIOSFODNN7EXAMPLE",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    ),
    (
        "ASIAIOSFODNN7EXAMPLE",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    ),
];

/// Session tokens from the global STS endpoint (version 1) start like this (observed, not documented).
pub const V1_TOKEN_PREFIXES: &[&str] = &["FwoGZXIvYXdz", "FQoGZXIvYXdz"];

/// How far a request's time may be from AWS's clock, in minutes, per signing name.
/// "In most cases, a request must reach AWS within five minutes"; S3, STS, SQS and DynamoDB allow 15.
pub fn skew_window_minutes(service: &str) -> i64 {
    match service {
        "s3" | "s3-object-lambda" | "s3-outposts" | "s3express" | "sts" | "sqs" | "dynamodb" => 15,
        _ => 5,
    }
}

/// The longest X-Amz-Expires AWS accepts (7 days).
pub const MAX_PRESIGN_SECONDS: u64 = 604_800;
