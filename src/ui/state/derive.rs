//! What the page shows that is computed from a [`State`]: the engine's inputs, the explanation,
//! the verification, AWS's answer decoded, the share link's content and a what-if. Derived,
//! recomputed, never stored in the state.

use std::rc::Rc;

use time::OffsetDateTime;

use crate::diagnose::verify;
use crate::input::aws_error::{self, AwsError};
use crate::input::form::{Form, Problem};
use crate::input::read_as::read_as;
use crate::input::{Credentials, Field, Inputs, ParseError, SigningTime};
use crate::lab::{self, Explanation, Summary, Verification};
use crate::learn::what_if::{self, Mistake, WhatIf};
use crate::report::share::Shared;
use crate::sigv4::SignError;
use crate::ui::ids;

use super::State;

impl From<SignError> for Problem {
    fn from(e: SignError) -> Self {
        Problem {
            field: e.field,
            message: e.message,
        }
    }
}

/// An explanation handed to components; equal when it is the same computation.
#[derive(Clone, Debug)]
pub struct Shown(pub Rc<Explanation>);

impl PartialEq for Shown {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// A what-if applied to the current inputs.
#[derive(Clone, Debug, PartialEq)]
pub struct Applied {
    pub what: WhatIf,
    pub explanation: Shown,
    /// Test ids of the outputs whose values changed, in page order.
    pub changed: Rc<Vec<&'static str>>,
    /// Hex digits of the signature that differ (of 64), when both have one.
    pub digits: Option<usize>,
}

/// Whether the key id field holds one of AWS's example key ids beside a secret that is not that
/// example's: an example's key id left in the field while the user typed a secret of their own.
/// It says nothing about which key signed, so the request's own key id stands in for it.
fn leftover_example_key_id(inputs: &Inputs) -> bool {
    let c = &inputs.credentials;
    let secret = c.secret_access_key.expose();
    !secret.is_empty()
        && crate::diagnose::facts::EXAMPLE_KEYS
            .iter()
            .any(|(id, s)| *id == c.access_key_id.trim() && *s != secret)
}

/// Whether the credentials of `inputs` can check its signature: a secret, for the key it claims.
fn can_check(inputs: &Inputs) -> bool {
    !inputs.credentials.secret_access_key.is_empty()
        && verify::claims(&inputs.request).is_ok_and(|c| lab::another_key(inputs, &c).is_none())
}

impl State {
    /// The credentials as the fields hold them.
    pub fn credentials(&self) -> Credentials {
        Credentials {
            access_key_id: self.access_key_id.clone(),
            secret_access_key: self.secret_access_key.clone(),
            session_token: Some(self.session_token.clone()).filter(|t| !t.is_empty()),
            expiration: self.expiration,
            region: self.credentials_region.clone(),
        }
    }

    /// The form with what the request says filled in where the user left a field empty.
    fn form_with_request_says(&self) -> std::borrow::Cow<'_, Form> {
        let says = &self.request_says;
        let fill = |typed: &str, said: &Option<String>| typed.trim().is_empty() && said.is_some();
        if !fill(&self.form.region, &says.region) && !fill(&self.form.service, &says.service) {
            return std::borrow::Cow::Borrowed(&self.form);
        }
        let mut form = self.form.clone();
        if fill(&form.region, &says.region) {
            form.region = says.region.clone().unwrap_or_default();
        }
        if fill(&form.service, &says.service) {
            form.service = says.service.clone().unwrap_or_default();
        }
        std::borrow::Cow::Owned(form)
    }

    /// The engine's inputs, or the field that stops them.
    pub fn inputs(&self) -> Result<Inputs, Problem> {
        let credentials = self.credentials();
        let form = self.form_with_request_says();
        let inputs = if self.verify_mode {
            // A request being verified was signed at its own X-Amz-Date: judge it at that time.
            form.inputs_at(SigningTime::FromRequest, credentials)
        } else {
            form.inputs(credentials)
        }?;
        let mut inputs = Inputs {
            aws_said: self.decoded_error().and_then(Result::ok),
            ..inputs
        };
        if self.verify_mode && leftover_example_key_id(&inputs) {
            if let Ok(claims) = verify::claims(&inputs.request) {
                inputs.credentials.access_key_id = claims.access_key_id;
            }
        }
        Ok(inputs)
    }

    /// What a share link carries: the form (blank header rows left out), never credentials
    /// ([`crate::report::share::to_fragment`] also leaves out tokens the request itself holds).
    pub fn shared(&self) -> Shared {
        let mut form = self.form_with_request_says().into_owned();
        form.headers = self.form.typed_headers().cloned().collect();
        Shared::new(form)
    }

    /// The explanation of the current inputs at `now`, or why there is none.
    pub fn explain(&self, now: OffsetDateTime) -> Result<Explanation, Problem> {
        if self.form.url.trim().is_empty() {
            return Err(Problem {
                field: Field::Url,
                message:
                    "Paste a request (curl, raw HTTP or a URL) or type a URL to see it signed."
                        .into(),
            });
        }
        let inputs = self.inputs()?;
        if self.verify_mode && read_as(&inputs.request).is_signed() && !can_check(&inputs) {
            // No secret (or one for another key) to check the signature with: the request is
            // judged by its own claims.
            return Ok(lab::explain_claimed(&inputs, now)?);
        }
        Ok(lab::explain(&inputs, now)?)
    }

    /// Whether the explanation judges a signed request by its claims alone (no secret given).
    pub fn claims_only(&self) -> bool {
        self.verify_mode
            && self
                .inputs()
                .is_ok_and(|i| read_as(&i.request).is_signed() && !can_check(&i))
    }

    /// The verdict on what the page shows: the verification's when a signature was checked,
    /// else the explanation's (a claims-only one says the signature is not checked).
    pub fn verdict(
        &self,
        explained: Option<&Explanation>,
        verified: Option<&Verification>,
    ) -> Option<Summary> {
        if let Some(v) = verified {
            return Some(v.summary());
        }
        let e = explained?;
        Some(if self.claims_only() {
            lab::summarize_claimed(&e.findings)
        } else {
            e.summary()
        })
    }

    /// In verify mode: the pasted request's signature checked against the secret.
    pub fn verify(&self, now: OffsetDateTime) -> Option<Result<Verification, Problem>> {
        if !self.verify_mode {
            return None;
        }
        let inputs = match self.inputs() {
            Ok(i) => i,
            Err(p) => return Some(Err(p)),
        };
        Some(lab::verify(&inputs, now).map_err(|e| Problem {
            // The request as a whole, except when it is the secret that is missing.
            field: match e.field {
                Field::SecretAccessKey | Field::AccessKeyId => e.field,
                _ => Field::Request,
            },
            message: e.message,
        }))
    }

    /// The "AWS said" box decoded: `None` when empty, else the error or why it cannot be read.
    pub fn decoded_error(&self) -> Option<Result<AwsError, ParseError>> {
        (!self.error_text.trim().is_empty()).then(|| aws_error::decode(&self.error_text))
    }

    /// `mistake` applied to the current inputs, over `base`, their explanation at `now`: the
    /// result, or why it does not apply (`None` when the inputs cannot be signed).
    pub fn what_if(
        &self,
        base: &Explanation,
        now: OffsetDateTime,
        mistake: Mistake,
    ) -> Option<Result<Applied, String>> {
        let inputs = self.inputs().ok()?;
        Some(
            what_if::apply(mistake, &inputs, &base.signing, now)
                .map_err(|n| n.0)
                .and_then(|w| {
                    let e = w.explain().map_err(|e| e.message)?;
                    let changed: Vec<&'static str> =
                        what_if::changed_steps(&base.signing, &e.signing)
                            .into_iter()
                            .map(ids::step)
                            .collect();
                    let digits = match (&base.signing.signature, &e.signing.signature) {
                        (Some(a), Some(b)) => Some(what_if::differing_hex_digits(a, b)),
                        _ => None,
                    };
                    Ok(Applied {
                        what: w,
                        explanation: Shown(Rc::new(e)),
                        changed: Rc::new(changed),
                        digits,
                    })
                }),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::super::{reduce, test_now, typed, Action};
    use super::*;
    use crate::input::form::ModeChoice;
    use crate::learn::what_if::Mistake;

    #[test]
    fn field_problems_name_the_field() {
        let s = typed(vec![
            Action::PasteRequest("https://iam.amazonaws.com/".into()),
            Action::SetSigningTime("noon".into()),
        ]);
        assert_eq!(s.explain(test_now()).unwrap_err().field, Field::SigningTime);
        let s = typed(vec![
            Action::PasteRequest("https://iam.amazonaws.com/".into()),
            Action::SetMode(ModeChoice::Presign),
            Action::SetExpires("soon".into()),
        ]);
        assert_eq!(s.explain(test_now()).unwrap_err().field, Field::Expires);
        assert_eq!(
            State::default().explain(test_now()).unwrap_err().field,
            Field::Url
        );
    }

    #[test]
    fn huge_fields_get_short_messages() {
        const MB: usize = 1024 * 1024;
        let short = |p: Problem| {
            assert!(p.message.chars().count() <= 400, "{}", p.message.len());
            assert!(!p.message.contains("\\u{"), "{}", p.message);
            p.message
        };
        let s = typed(vec![
            Action::PasteRequest("https://iam.amazonaws.com/".into()),
            Action::SetSigningTime("2".repeat(MB)),
        ]);
        let m = short(s.explain(test_now()).unwrap_err());
        assert!(m.contains("(1,048,576 characters)"), "{m}");
        assert_eq!(s.form.signing_time.len(), MB, "the typed text is kept");
        let s = typed(vec![
            Action::PasteRequest("https://iam.amazonaws.com/".into()),
            Action::SetMode(ModeChoice::Presign),
            Action::SetExpires("9".repeat(MB)),
        ]);
        let m = short(s.explain(test_now()).unwrap_err());
        assert!(m.starts_with("The expiry \"999"), "{m}");
        assert_eq!(s.form.expires.len(), MB, "the typed text is kept");
    }

    #[test]
    fn aws_said_joins_the_findings() {
        let s = typed(vec![
            Action::LoadExample("api-gateway".into()),
            Action::SetErrorText("{\"message\":\"Missing Authentication Token\"}".into()),
        ]);
        let ex = s.explain(test_now()).unwrap();
        assert!(ex
            .findings
            .iter()
            .any(|f| f.id == "api-gateway-missing-token-route"));
        let bad = reduce(s, Action::SetErrorText("<Error><Code>".into()));
        assert!(bad.decoded_error().unwrap().is_err());
        assert!(
            bad.explain(test_now()).is_ok(),
            "a bad error paste does not stop the steps"
        );
    }

    #[test]
    fn verify_mode_checks_the_pasted_signature() {
        let signed = "GET /prod/a%3Db HTTP/1.1\nHost: abc.execute-api.us-east-1.amazonaws.com\nX-Amz-Date: 20150830T123600Z\n\
Authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/execute-api/aws4_request, SignedHeaders=host;x-amz-date, Signature=0000\n";
        let s = typed(vec![
            Action::PasteRequest(signed.into()),
            Action::SetVerifyMode(true),
        ]);
        assert_eq!(
            s.verify(test_now()).unwrap().unwrap_err().field,
            Field::SecretAccessKey
        );
        let s = reduce(
            s,
            Action::SetSecretAccessKey("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY".into()),
        );
        let report = s.verify(test_now()).unwrap().unwrap().report;
        assert!(!report.matches);
        assert_eq!(report.claims.service, "execute-api");
        // Its steps and time checks use the request's own date, not the signing-time field.
        let s = reduce(s, Action::SetSigningTime("2024-01-01T00:00:00Z".into()));
        let ex = s.explain(test_now()).unwrap();
        assert_eq!(ex.signing.amz_date(), "20150830T123600Z");
        assert!(reduce(s, Action::SetVerifyMode(false))
            .verify(test_now())
            .is_none());
    }

    #[test]
    fn a_what_if_is_read_over_the_base_explanation() {
        let s = typed(vec![Action::LoadExample("iam-list-users".into())]);
        let base = s.explain(test_now()).unwrap();
        let a = s
            .what_if(&base, test_now(), Mistake::SecretTrailingSpace)
            .unwrap()
            .unwrap();
        assert_eq!(
            *a.changed,
            [
                "k-date",
                "k-region",
                "k-service",
                "k-signing",
                "signature",
                "authorization"
            ]
        );
        assert!(a.digits.is_some_and(|d| d > 0));
    }
}
