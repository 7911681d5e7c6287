//! One rule per finding id: each reads the [`Ctx`] and returns the findings it has evidence for
//! (none, usually). [`RULES`] is their order on the page and in the CLI.

mod clock;
pub(crate) mod credentials;
mod request;
mod scope;

use super::{Ctx, Finding};

/// A rule: the findings of one id, from the evidence in the context.
pub(crate) type Rule = fn(&Ctx<'_>) -> Vec<Finding>;

/// Every rule, in the order their findings are listed within a severity.
pub(crate) const RULES: &[Rule] = &[
    credentials::key_whitespace,
    credentials::keys_swapped,
    credentials::access_key_not_a_key,
    credentials::access_key_malformed,
    credentials::secret_malformed,
    credentials::session_token_missing,
    credentials::session_token_unexpected,
    credentials::sts_v1_token_opt_in_region,
    credentials::credentials_expired,
    clock::clock_skew,
    clock::presign_expired,
    clock::presign_expires_too_long,
    scope::global_service_region,
    scope::region_mismatch,
    scope::service_mismatch,
    request::payload_hash_mismatch,
    request::session_token_unsigned,
];

/// Where stale or wrong credentials usually come from, for fixes.
pub(crate) const WHERE_CREDENTIALS_COME_FROM: &str = "Check, in order: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / \
AWS_SESSION_TOKEN in the environment (they win over profiles in boto3, the AWS CLI and Terraform's AWS provider); \
the [profile] block in ~/.aws/credentials and ~/.aws/config (AWS_PROFILE picks it); GitHub Actions' \
aws-actions/configure-aws-credentials step outputs; Postman's AWS Signature auth tab (and its environment variables).";
