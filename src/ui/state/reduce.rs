//! The reducer: one [`Action`] applied to a [`State`], plain and total.

use crate::input::form::{Body, Form};
use crate::input::paste::{self, Kind};
use crate::input::read_as::read_as;
use crate::input::{self, credentials, Credentials, Header, Secret};
use crate::learn::{examples, walkthrough};
use crate::report::share::Shared;

use super::{Action, Hashing, Pasted, RequestSays, State};

impl State {
    fn apply_credentials(&mut self, c: Credentials) {
        self.access_key_id = c.access_key_id;
        self.secret_access_key = c.secret_access_key;
        self.session_token = c.session_token.unwrap_or_default();
        self.expiration = c.expiration;
        self.credentials_region = c.region;
    }

    fn paste_credentials(&mut self, text: String) {
        self.credentials_text = text;
        self.parse_credentials();
    }

    fn parse_credentials(&mut self) {
        if self.credentials_text.trim().is_empty() {
            self.credentials_error = None;
            self.profiles.clear();
            return;
        }
        self.profiles = credentials::profiles(&self.credentials_text);
        if self
            .profile
            .as_ref()
            .is_some_and(|p| !self.profiles.contains(p))
        {
            self.profile = None;
        }
        match credentials::parse(&self.credentials_text, self.profile.as_deref()) {
            Ok(c) => {
                self.credentials_error = None;
                self.apply_credentials(c);
            }
            // The fields keep their values; the paste box keeps its text.
            Err(e) => self.credentials_error = Some(e),
        }
    }

    fn paste_request(&mut self, text: String) {
        self.request_text = text;
        if self.request_text.trim().is_empty() {
            self.request_error = None;
            self.request_warnings.clear();
            return;
        }
        match input::parse_request(&self.request_text) {
            Ok(parsed) => {
                self.request_error = None;
                self.request_warnings = parsed.warnings;
                // What the request says of itself is kept apart from what the user set: it goes
                // with the request, and a signed one is checked, not signed anew.
                let read = read_as(&parsed.request);
                self.request_says = RequestSays {
                    read_as: read,
                    region: parsed.hints.region,
                    service: parsed.hints.service,
                };
                self.verify_mode = read.is_signed();
                self.form.take_request(parsed.request);
                self.rows.renew(self.form.headers.len());
                if let Some(c) = parsed.hints.credentials {
                    if self.access_key_id.is_empty() && self.secret_access_key.is_empty() {
                        self.apply_credentials(c);
                    }
                }
            }
            Err(e) => self.request_error = Some(e),
        }
    }

    /// A request of the user's own ends example mode: the example's documented time, scope,
    /// mode and (untouched) credentials go, and the page signs at now with the scope inferred.
    /// Fields the user set since are theirs and stay.
    fn leave_example(&mut self) {
        if self.example.take().is_none() {
            return;
        }
        let blank = Form::default();
        let t = std::mem::take(&mut self.example_touched);
        let f = &mut self.form;
        if !t.signing_time {
            f.signing_time = blank.signing_time;
        }
        if !t.region {
            f.region = blank.region;
        }
        if !t.service {
            f.service = blank.service;
        }
        if !t.mode {
            f.mode = blank.mode;
        }
        if !t.expires {
            f.expires = blank.expires;
        }
        // The example's keys stay (the request still signs, and the credentials card says they
        // are AWS's example keys); the user's own paste replaces them.
    }

    fn clear_credentials(&mut self) {
        self.credentials_text.clear();
        self.credentials_error = None;
        self.profiles.clear();
        self.profile = None;
        self.apply_credentials(Credentials::default());
        self.show_secrets = false;
    }

    /// One paste into the paste-anything box: each part goes to its box (the first of each
    /// kind; later ones are listed as skipped), as if pasted there; the page before is kept
    /// for Undo.
    fn paste_anything(&mut self, text: String) {
        let before = Box::new(State {
            pasted: None,
            ..self.clone()
        });
        let routed = paste::route(&text);
        self.anything_text = text;
        let mut taken = Vec::new();
        let mut skipped = Vec::new();
        for part in &routed.parts {
            if taken.contains(&part.kind) {
                skipped.push(part.lines);
                continue;
            }
            taken.push(part.kind);
            match part.kind {
                Kind::Request => {
                    self.leave_example();
                    self.paste_request(part.text.clone());
                }
                Kind::Credentials => {
                    self.paste_credentials(part.text.clone());
                }
                Kind::AwsAnswer => self.error_text = part.text.clone(),
            }
        }
        self.pasted = Some(Pasted {
            routed,
            skipped,
            before,
        });
    }

    /// The header row with this key.
    fn header_mut(&mut self, id: u32) -> Option<&mut Header> {
        let i = self.rows.position(id)?;
        self.form.headers.get_mut(i)
    }

    fn set_body(&mut self, body: Body) {
        self.form.body = body;
        self.hashing = None;
        self.body_error = None;
    }

    /// The page as a share link leaves it: its form, and no credentials.
    fn restored(shared: Shared) -> State {
        let mut s = State {
            body_error: shared.body_omitted.then(|| {
                "The share link did not carry the body (it was a file, or too long for a link): add it again.".to_string()
            }),
            form: shared.form,
            ..State::default()
        };
        s.rows.renew(s.form.headers.len());
        s
    }

    /// The page with an example loaded, exactly as if a person had pasted its texts and typed
    /// its signing fields.
    fn with_example(preset: &'static examples::Preset) -> State {
        let mut s = State {
            example: Some(preset.id),
            ..State::default()
        };
        s.paste_credentials(preset.credentials.to_string());
        s.paste_request(preset.request.to_string());
        preset.set_signing(&mut s.form);
        s
    }
}

/// Applies one action. Plain and total: every action on every state gives a state.
pub fn reduce(mut s: State, action: Action) -> State {
    match action {
        Action::PasteCredentials(text) => s.paste_credentials(text),
        Action::SelectProfile(p) => {
            s.profile = Some(p);
            s.parse_credentials();
        }
        Action::SetAccessKeyId(v) => s.access_key_id = v,
        Action::SetSecretAccessKey(v) => s.secret_access_key = Secret::new(v),
        Action::SetSessionToken(v) => s.session_token = Secret::new(v),
        Action::ToggleShowSecrets => s.show_secrets = !s.show_secrets,
        Action::ClearCredentials => s.clear_credentials(),
        Action::PasteRequest(text) => {
            if !text.trim().is_empty() {
                s.leave_example();
            }
            s.paste_request(text);
        }
        Action::SetAnythingText(text) => s.anything_text = text,
        Action::PasteAnything(text) => s.paste_anything(text),
        Action::UndoPaste => {
            if let Some(p) = s.pasted.take() {
                let text = std::mem::take(&mut s.anything_text);
                s = *p.before;
                // The box keeps what was pasted: nothing typed is lost.
                s.anything_text = text;
            }
        }
        Action::BeginWalkthrough => {
            if let Some(p) = examples::find(walkthrough::EXAMPLE) {
                let before = s
                    .before_walkthrough
                    .take()
                    .unwrap_or_else(|| Box::new(s.clone()));
                s = State {
                    before_walkthrough: Some(before),
                    ..State::with_example(p)
                };
            }
        }
        Action::EndWalkthrough => {
            if let Some(b) = s.before_walkthrough.take() {
                s = *b;
            }
        }
        Action::SetMethod(v) => s.form.method = v,
        Action::SetUrl(v) => s.form.url = v,
        Action::SetHeaderName(id, v) => {
            if let Some(h) = s.header_mut(id) {
                h.name = v;
            }
        }
        Action::SetHeaderValue(id, v) => {
            if let Some(h) = s.header_mut(id) {
                h.value = v;
            }
        }
        Action::AddHeader => {
            s.form.headers.push(Header::new("", ""));
            s.rows.push();
        }
        Action::RemoveHeader(id) => {
            if let Some(i) = s.rows.position(id) {
                s.rows.keys.remove(i);
                if i < s.form.headers.len() {
                    s.form.headers.remove(i);
                }
            }
        }
        Action::SetBodyText(t) => s.set_body(Body::Text(t)),
        Action::SetBodyFile { name, bytes } => s.set_body(Body::File { name, bytes }),
        Action::HashStarted { name, size } => {
            s.hashing = Some(Hashing {
                name,
                size,
                done: 0,
            });
            s.body_error = None;
        }
        Action::HashProgress(done) => {
            if let Some(h) = &mut s.hashing {
                h.done = done.min(h.size);
            }
        }
        Action::HashDone(body) => {
            // Only the file still being hashed may land (a cancelled job's late answer may not).
            if s.hashing
                .as_ref()
                .is_some_and(|h| h.name == body.name && h.size == body.size)
            {
                s.form.body = Body::Hashed(body);
                s.hashing = None;
            }
        }
        Action::HashStopped(why) => {
            s.hashing = None;
            s.body_error = why;
        }
        Action::SetRegion(v) => {
            s.form.region = v;
            s.example_touched.region = true;
        }
        Action::SetService(v) => {
            s.form.service = v;
            s.example_touched.service = true;
        }
        Action::SetSigningTime(v) => {
            s.form.signing_time = v;
            s.example_touched.signing_time = true;
        }
        Action::UseRequestDate => {
            if let Some(t) = s.form.request_date() {
                s.form.signing_time = t;
                s.example_touched.signing_time = true;
            }
        }
        Action::SetMode(m) => {
            s.form.mode = m;
            s.example_touched.mode = true;
        }
        Action::SetExpires(v) => {
            s.form.expires = v;
            s.example_touched.expires = true;
        }
        Action::SetFlag(flag, on) => s.form.flags.set(flag, on),
        Action::SetErrorText(t) => s.error_text = t,
        Action::SetVerifyMode(on) => s.verify_mode = on,
        Action::RestoreShared(shared) => s = State::restored(*shared),
        Action::LoadExample(id) => {
            if let Some(p) = examples::find(&id) {
                s = State {
                    error_text: s.error_text,
                    ..State::with_example(p)
                };
            }
        }
    }
    // Rows added or removed other than by the verbs above (a test's form) get keys too.
    s.rows.fit(s.form.headers.len());
    s
}

#[cfg(test)]
mod tests {
    use super::super::{test_now, typed};
    use super::*;
    use crate::input::form::Flag;
    use crate::input::{ExternalBody, Request};

    #[test]
    fn pasting_fills_the_form_and_signs() {
        let s = typed(vec![
            Action::PasteRequest(
                "curl 'https://sqs.eu-west-1.amazonaws.com/' -H 'Content-Type: application/x-www-form-urlencoded' --data-raw 'Action=ListQueues'".into(),
            ),
            Action::PasteCredentials("export AWS_ACCESS_KEY_ID=AKIDEXAMPLE\nexport AWS_SECRET_ACCESS_KEY=secret".into()),
            Action::SetSigningTime("2015-08-30T12:36:00Z".into()),
        ]);
        assert_eq!(s.form.method, "POST");
        assert_eq!(s.form.url, "https://sqs.eu-west-1.amazonaws.com/");
        assert_eq!(s.form.headers[0].name, "Content-Type");
        assert_eq!(s.form.body, Body::Text("Action=ListQueues".into()));
        assert_eq!(s.access_key_id, "AKIDEXAMPLE");
        let ex = s.explain(test_now()).unwrap();
        assert_eq!(ex.signing.region.value, "eu-west-1");
        assert!(ex.signing.cross_check.unwrap().agrees);
    }

    #[test]
    fn a_bad_paste_keeps_the_text_and_the_form() {
        let good = typed(vec![Action::PasteRequest(
            "https://iam.amazonaws.com/?Action=ListUsers".into(),
        )]);
        let bad = reduce(
            good.clone(),
            Action::PasteRequest("curl 'https://example.amazonaws.com/".into()),
        );
        assert_eq!(bad.request_text, "curl 'https://example.amazonaws.com/");
        assert!(bad
            .request_error
            .as_ref()
            .unwrap()
            .message
            .contains("quote"));
        assert_eq!(
            bad.form.url, good.form.url,
            "the form keeps the last good request"
        );
        let fixed = reduce(
            bad,
            Action::PasteRequest("curl 'https://example.amazonaws.com/'".into()),
        );
        assert!(fixed.request_error.is_none());
        assert_eq!(fixed.form.url, "https://example.amazonaws.com/");
    }

    #[test]
    fn header_rows_add_edit_remove() {
        let s = typed(vec![Action::AddHeader, Action::AddHeader]);
        let rows = s.header_rows();
        let (a, b) = (rows[0].id, rows[1].id);
        let s = reduce(s, Action::SetHeaderName(b, "X-Two".into()));
        let s = reduce(s, Action::RemoveHeader(a));
        assert_eq!(s.header_rows().len(), 1);
        assert_eq!(s.header_rows()[0].name, "X-Two");
        let s = reduce(s, Action::AddHeader);
        let rows = s.header_rows();
        assert_ne!(rows[1].id, rows[0].id, "ids stay unique");
    }

    #[test]
    fn a_row_keeps_its_key_while_rows_before_it_go() {
        let s = typed(vec![
            Action::AddHeader,
            Action::AddHeader,
            Action::AddHeader,
        ]);
        let keys: Vec<u32> = s.header_rows().iter().map(|r| r.id).collect();
        let s = reduce(s, Action::RemoveHeader(keys[0]));
        let after: Vec<u32> = s.header_rows().iter().map(|r| r.id).collect();
        assert_eq!(after, keys[1..]);
        let s = reduce(s, Action::SetHeaderValue(keys[2], "v".into()));
        assert_eq!(s.form.headers[1].value, "v");
        // A paste replaces every row, with new keys.
        let s = reduce(
            s,
            Action::PasteRequest("GET / HTTP/1.1\nHost: example.amazonaws.com\n".into()),
        );
        let rows = s.header_rows();
        assert_eq!(rows.len(), 1);
        assert!(!keys.contains(&rows[0].id));
    }

    #[test]
    fn clear_wipes_every_credential() {
        let s = typed(vec![
            Action::PasteCredentials("[default]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = s\naws_session_token = t".into()),
            Action::ToggleShowSecrets,
            Action::ClearCredentials,
        ]);
        assert!(s.credentials_text.is_empty() && s.access_key_id.is_empty());
        assert!(s.secret_access_key.is_empty() && s.session_token.is_empty());
        assert!(!s.show_secrets);
    }

    #[test]
    fn request_date_becomes_the_signing_time() {
        let s = typed(vec![
            Action::PasteRequest(
                "GET / HTTP/1.1\nHost: example.amazonaws.com\nX-Amz-Date: 20150830T123600Z\n"
                    .into(),
            ),
            Action::UseRequestDate,
        ]);
        assert_eq!(s.form.signing_time, "2015-08-30T12:36:00Z");
    }

    #[test]
    fn a_large_file_hashed_in_the_worker_becomes_the_body_only_when_done() {
        use crate::sigv4::key::sha256_hex;
        let body = vec![7u8; 2_000_000];
        let file = ExternalBody {
            name: "big.bin".into(),
            size: body.len() as u64,
            sha256: sha256_hex(&body),
        };
        let base = typed(vec![
            Action::LoadExample("sts-get-caller-identity".into()),
            Action::SetBodyText("Action=GetCallerIdentity&Version=2011-06-15".into()),
        ]);
        let before = base.explain(test_now()).unwrap().signing.signature;
        let s = reduce(
            base.clone(),
            Action::HashStarted {
                name: file.name.clone(),
                size: file.size,
            },
        );
        let s = reduce(s, Action::HashProgress(5_000_000));
        assert_eq!(
            s.hashing.as_ref().map(|h| h.done),
            Some(2_000_000),
            "progress is capped at the size"
        );
        // While hashing, the old body still signs.
        assert_eq!(s.explain(test_now()).unwrap().signing.signature, before);
        // A late answer for another file (a cancelled job) is ignored.
        let other = ExternalBody {
            name: "old.bin".into(),
            ..file.clone()
        };
        let s = reduce(s, Action::HashDone(other));
        assert!(s.hashing.is_some() && matches!(s.form.body, Body::Text(_)));
        let done = reduce(s.clone(), Action::HashDone(file.clone()));
        assert!(done.hashing.is_none());
        let mut inline = base.clone();
        inline.form.body = Body::File {
            name: "big.bin".into(),
            bytes: body,
        };
        assert_eq!(
            done.explain(test_now()).unwrap().signing.signature,
            inline.explain(test_now()).unwrap().signing.signature,
            "the hashed file signs as its bytes do"
        );
        // Cancel keeps the old body; a failure says why.
        let cancelled = reduce(s.clone(), Action::HashStopped(None));
        assert!(
            cancelled.hashing.is_none()
                && cancelled.form.body == base.form.body
                && cancelled.body_error.is_none()
        );
        let failed = reduce(
            s,
            Action::HashStopped(Some("The file big.bin could not be read.".into())),
        );
        assert_eq!(
            failed.body_error.as_deref(),
            Some("The file big.bin could not be read.")
        );
        // Typing a body afterwards replaces the file.
        let typed_over = reduce(done, Action::SetBodyText("x".into()));
        assert_eq!(typed_over.form.body, Body::Text("x".into()));
    }

    #[test]
    fn a_share_link_restores_the_request_without_credentials() {
        use crate::report::share::{from_fragment, to_fragment};
        for preset in examples::PRESETS {
            let s = typed(vec![
                Action::LoadExample(preset.id.into()),
                Action::SetRegion("eu-west-3".into()),
                Action::SetFlag(Flag::SignBody, true),
            ]);
            let link = to_fragment(&s.shared());
            assert!(!link.contains(s.secret_access_key.expose()), "{link}");
            let opened = reduce(
                State::default(),
                Action::RestoreShared(Box::new(from_fragment(&link).unwrap())),
            );
            assert!(opened.access_key_id.is_empty() && opened.secret_access_key.is_empty());
            assert!(opened.session_token.is_empty());
            let (a, b) = (s.inputs().unwrap(), opened.inputs().unwrap());
            assert_eq!(a.request.method, b.request.method, "{}", preset.id);
            assert_eq!(a.request.url, b.request.url, "{}", preset.id);
            assert_eq!(a.region, b.region);
            assert_eq!(a.time, b.time);
            assert_eq!(a.settings, b.settings, "{}", preset.id);
            // Every header but the session token comes back.
            let without_token = |r: &Request| -> Vec<(String, String)> {
                r.headers
                    .iter()
                    .filter(|h| !h.name.eq_ignore_ascii_case("x-amz-security-token"))
                    .map(|h| (h.name.clone(), h.value.clone()))
                    .collect()
            };
            assert_eq!(
                without_token(&a.request),
                without_token(&b.request),
                "{}",
                preset.id
            );
        }
    }

    /// A signed request (botocore's, for STS in eu-west-1).
    const SIGNED: &str = "POST / HTTP/1.1\nHost: sts.eu-west-1.amazonaws.com\nContent-Type: application/x-www-form-urlencoded; charset=utf-8\nX-Amz-Date: 20261202T020000Z\nAuthorization: AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261202/eu-west-1/sts/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=0b1c\n\nAction=GetCallerIdentity&Version=2011-06-15";

    #[test]
    fn what_a_signed_request_claims_is_shown_not_set_and_goes_with_it() {
        let s = typed(vec![Action::PasteRequest(SIGNED.into())]);
        assert_eq!(s.request_says.read_as.as_str(), "signed");
        assert_eq!(s.request_says.region.as_deref(), Some("eu-west-1"));
        assert_eq!(s.request_says.service.as_deref(), Some("sts"));
        assert_eq!((s.form.region.as_str(), s.form.service.as_str()), ("", ""));
        assert!(
            s.verify_mode,
            "a signed request is checked, not signed anew"
        );
        assert_eq!(s.inputs().unwrap().region.as_deref(), Some("eu-west-1"));
        // The next, unrelated request does not inherit it.
        let s = reduce(
            s,
            Action::PasteRequest("https://sqs.us-east-2.amazonaws.com/?Action=ListQueues".into()),
        );
        assert_eq!(s.request_says.region, None);
        assert!(!s.verify_mode);
        let ex = s
            .clone()
            .explain(test_now())
            .expect("signs with the inferred scope");
        assert_eq!(ex.signing.region.value, "us-east-2");
        // What the user types wins over what the request says.
        let s = typed(vec![
            Action::PasteRequest(SIGNED.into()),
            Action::SetRegion("eu-central-1".into()),
        ]);
        assert_eq!(s.inputs().unwrap().region.as_deref(), Some("eu-central-1"));
    }

    #[test]
    fn a_signed_request_without_its_secret_is_judged_by_its_claims() {
        let s = typed(vec![Action::PasteRequest(SIGNED.into())]);
        assert!(s.claims_only());
        let now = crate::timefmt::parse_instant("2026-12-02T02:00:30Z").unwrap();
        let ex = s.explain(now).unwrap();
        let v = s.verify(now).unwrap();
        assert!(v.is_err(), "no secret, no verification");
        let summary = s.verdict(Some(&ex), None).unwrap();
        assert_eq!(summary.verdict.as_str(), "warning");
        assert!(
            summary.headline.contains("not checked"),
            "{}",
            summary.headline
        );
        // An hour later its own time is the reason to reject it.
        let late = crate::timefmt::parse_instant("2026-12-02T03:00:00Z").unwrap();
        let ex = s.explain(late).unwrap();
        let summary = s.verdict(Some(&ex), None).unwrap();
        assert_eq!(summary.verdict.as_str(), "reject", "{}", summary.headline);
        // The example's keys (another access key) cannot check it: it stays judged by its claims.
        let with_other = typed(vec![
            Action::LoadExample("iam-list-users".into()),
            Action::PasteRequest(SIGNED.into()),
        ]);
        assert_eq!(with_other.access_key_id, "AKIDEXAMPLE");
        assert!(with_other.claims_only());
        let p = with_other.verify(now).unwrap().unwrap_err();
        assert!(
            p.message
                .contains("signed with the access key AKIAIOSFODNN7EXAMPLE"),
            "{}",
            p.message
        );
        // The example's key id left beside a secret the user typed is no claim: the secret is
        // checked for the key the request names (it mismatches here, as a wrong secret should).
        let typed_secret = reduce(
            with_other.clone(),
            Action::SetSecretAccessKey("my-own-secret".into()),
        );
        assert!(!typed_secret.claims_only());
        let v = typed_secret.verify(now).unwrap().unwrap();
        assert!(!v.matches());
        // A key id of the user's own (not an example's) beside it is another key: refused.
        let other_key = reduce(
            typed_secret,
            Action::SetAccessKeyId("AKIAOTHERKEY0000000X".into()),
        );
        assert!(other_key.claims_only());
        assert!(other_key.verify(now).unwrap().is_err());
        // Re-signing it instead is one switch.
        let s = reduce(s, Action::SetVerifyMode(false));
        assert!(!s.claims_only());
    }

    #[test]
    fn the_first_request_of_ones_own_leaves_example_mode() {
        let s = typed(vec![Action::LoadExample("iam-list-users".into())]);
        assert_eq!(s.example, Some("iam-list-users"));
        assert_eq!(s.form.signing_time, "2015-08-30T12:36:00Z");
        let s = reduce(
            s,
            Action::PasteRequest("https://sqs.us-east-2.amazonaws.com/?Action=ListQueues".into()),
        );
        assert_eq!(s.example, None);
        assert_eq!(s.form.signing_time, "", "signed at now again");
        assert_eq!(
            s.access_key_id, "AKIDEXAMPLE",
            "the example's keys still sign it"
        );
        // Credentials the user typed into an example stay.
        let s = typed(vec![
            Action::LoadExample("s3-presign".into()),
            Action::SetSecretAccessKey("mine".into()),
            Action::PasteRequest("https://sqs.us-east-2.amazonaws.com/".into()),
        ]);
        assert_eq!(s.secret_access_key.expose(), "mine");
        assert_eq!(
            s.form.mode,
            Form::default().mode,
            "the example's presign mode went too"
        );
    }

    #[test]
    fn paste_anything_routes_each_part_and_undo_takes_it_back() {
        let before = typed(vec![
            Action::PasteRequest("https://iam.amazonaws.com/?Action=ListUsers".into()),
            Action::SetErrorText("mine".into()),
        ]);
        let scrollback = "$ export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n$ export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n$ curl 'https://sts.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15'\n$ aws sts get-caller-identity\n\nAn error occurred (InvalidClientTokenId) when calling the GetCallerIdentity operation: The security token included in the request is invalid.\n$ curl https://sqs.us-east-2.amazonaws.com/\n";
        let s = reduce(before.clone(), Action::PasteAnything(scrollback.into()));
        assert_eq!(s.access_key_id, "AKIAIOSFODNN7EXAMPLE");
        assert_eq!(
            s.form.url,
            "https://sts.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15"
        );
        assert!(
            s.error_text.contains("InvalidClientTokenId"),
            "{}",
            s.error_text
        );
        let pasted = s.pasted.as_ref().unwrap();
        assert_eq!(pasted.routed.parts.len(), 4, "{:?}", pasted.routed);
        assert_eq!(pasted.skipped, [(7, 7)], "the second curl is not taken");
        let undone = reduce(s, Action::UndoPaste);
        assert_eq!(undone.form.url, before.form.url);
        assert_eq!(undone.error_text, "mine");
        assert!(undone.access_key_id.is_empty());
        assert_eq!(undone.anything_text, scrollback, "the box keeps the paste");
        assert!(undone.pasted.is_none());
    }

    #[test]
    fn the_walkthrough_gives_back_what_it_replaced() {
        let mine = typed(vec![
            Action::PasteRequest("https://sqs.us-east-2.amazonaws.com/?Action=ListQueues".into()),
            Action::SetSecretAccessKey("mine".into()),
        ]);
        let walking = reduce(mine.clone(), Action::BeginWalkthrough);
        assert_eq!(walking.example, Some(walkthrough::EXAMPLE));
        assert_ne!(walking.form.url, mine.form.url);
        // Opening it again (another step's button) keeps the first saved page.
        let walking = reduce(walking, Action::BeginWalkthrough);
        let back = reduce(walking, Action::EndWalkthrough);
        assert_eq!(back, mine);
    }
}
