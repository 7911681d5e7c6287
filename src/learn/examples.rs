//! The examples: well-known AWS documentation requests with AWS's published example keys (never real ones).

use crate::input::form::{Form, ModeChoice};
use crate::input::{self, Inputs};

/// One example: pasted texts and signing fields, loaded exactly as if a person had typed them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Preset {
    /// The `examples` select's option value.
    pub id: &'static str,
    pub label: &'static str,
    /// What the example teaches, in one sentence.
    pub about: &'static str,
    pub request: &'static str,
    pub credentials: &'static str,
    /// The signing fields, as typed into the [`Form`] ([`Preset::set_signing`]).
    pub region: &'static str,
    pub service: &'static str,
    pub time: &'static str,
    /// Query-string authentication (a presigned URL), or the Authorization header.
    pub mode: ModeChoice,
    pub expires: &'static str,
}

/// AWS's published example secret (IAM documentation).
const DOC_KEYS: &str = "[default]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY\n";
/// The S3 documentation's example keys.
const S3_KEYS: &str = "export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\nexport AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n";

pub const PRESETS: [Preset; 5] = [
    Preset {
        id: "iam-list-users",
        label: "IAM ListUsers (AWS documentation example)",
        about: "The example from AWS's SigV4 documentation: a GET with a query string to a global endpoint.",
        request: "GET https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08 HTTP/1.1\nHost: iam.amazonaws.com\nContent-Type: application/x-www-form-urlencoded; charset=utf-8\n",
        credentials: DOC_KEYS,
        region: "",
        service: "",
        time: "2015-08-30T12:36:00Z",
        mode: ModeChoice::Header,
        expires: "3600",
    },
    Preset {
        id: "s3-get-session-token",
        label: "S3 GetObject with a session token",
        about: "S3 signs the path as sent (encoded once), always signs x-amz-content-sha256, and a session token joins the signed headers.",
        request: "curl 'https://examplebucket.s3.amazonaws.com/photos/my%20cat.jpg' \\\n  -H 'Range: bytes=0-9'",
        credentials: "{\n  \"Credentials\": {\n    \"AccessKeyId\": \"ASIAIOSFODNN7EXAMPLE\",\n    \"SecretAccessKey\": \"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\",\n    \"SessionToken\": \"AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==\",\n    \"Expiration\": \"2013-05-24T12:00:00Z\"\n  }\n}\n",
        region: "",
        service: "",
        time: "2013-05-24T00:00:00Z",
        mode: ModeChoice::Header,
        expires: "3600",
    },
    Preset {
        id: "s3-presign",
        label: "S3 presigned URL (AWS documentation example)",
        about: "Query-string authentication: the signature travels in the URL, and S3 signs UNSIGNED-PAYLOAD.",
        request: "https://examplebucket.s3.amazonaws.com/test.txt",
        credentials: S3_KEYS,
        region: "",
        service: "",
        time: "2013-05-24T00:00:00Z",
        mode: ModeChoice::Presign,
        expires: "86400",
    },
    Preset {
        id: "sts-get-caller-identity",
        label: "STS GetCallerIdentity (POST form)",
        about: "A query-protocol API call as a POST form body: the body's SHA-256 is the last line of the canonical request.",
        request: "curl 'https://sts.us-east-1.amazonaws.com/' \\\n  -H 'Content-Type: application/x-www-form-urlencoded; charset=utf-8' \\\n  --data-raw 'Action=GetCallerIdentity&Version=2011-06-15'",
        credentials: S3_KEYS,
        region: "",
        service: "",
        time: "2024-01-15T09:30:00Z",
        mode: ModeChoice::Header,
        expires: "3600",
    },
    Preset {
        id: "api-gateway",
        label: "API Gateway (execute-api) with IAM auth",
        about: "An API Gateway call: the service is execute-api, and the path is encoded twice like every service but S3.",
        request: "curl 'https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod/pets/dog%20food?type=dry&page=2' \\\n  -H 'Accept: application/json'",
        credentials: DOC_KEYS,
        region: "",
        service: "",
        time: "2024-01-15T09:30:00Z",
        mode: ModeChoice::Header,
        expires: "3600",
    },
];

/// The preset with this id.
pub fn find(id: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.id == id)
}

impl Preset {
    /// Sets the example's signing fields (region, service, time, mode, expiry) on `form`, as
    /// a person would type them after pasting the example's request.
    pub fn set_signing(&self, form: &mut Form) {
        form.region = self.region.into();
        form.service = self.service.into();
        form.signing_time = self.time.into();
        form.mode = self.mode;
        form.expires = self.expires.into();
    }

    /// The example's form: its request text read into the request fields, and its signing
    /// fields. `None` if the request text does not parse (a test keeps every example parsing).
    pub fn form(&self) -> Option<Form> {
        let mut form = Form::default();
        form.take_request(input::parse_request(self.request).ok()?.request);
        self.set_signing(&mut form);
        Some(form)
    }

    /// The example's inputs, as the page and the CLI read its texts. `None` if a text does not
    /// parse or a field does not read (a test keeps every example signing).
    pub fn inputs(&self) -> Option<Inputs> {
        let credentials = input::credentials::parse(self.credentials, None).ok()?;
        self.form()?.inputs(credentials).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sigv4::{sign, Signing};
    use crate::timefmt;

    fn load(id: &str) -> Signing {
        let inputs = find(id)
            .and_then(Preset::inputs)
            .unwrap_or_else(|| panic!("{id} parses"));
        let now = timefmt::parse_instant("2015-08-30T12:36:00Z").unwrap();
        sign(&inputs, now).unwrap_or_else(|e| panic!("{id}: {e:?}"))
    }

    #[test]
    fn every_preset_signs_and_aws_sigv4_agrees() {
        for p in PRESETS {
            let ex = load(p.id);
            assert!(
                ex.cross_check.as_ref().is_some_and(|c| c.agrees),
                "{}: {:?}",
                p.id,
                ex.cross_check_unavailable
            );
            assert!(
                !p.credentials.contains("AKIA") || p.credentials.contains("EXAMPLE"),
                "only example keys"
            );
        }
    }

    /// AWS S3 documentation, "Authenticating Requests: Using Query Parameters" example.
    #[test]
    fn s3_presign_matches_the_documentation() {
        let ex = load("s3-presign");
        assert_eq!(
            ex.signature.as_deref(),
            Some("aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404")
        );
    }

    #[test]
    fn iam_example_matches_the_documentation() {
        let ex = load("iam-list-users");
        assert_eq!(
            ex.signature.as_deref(),
            Some("5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7")
        );
    }

    #[test]
    fn each_preset_shows_what_it_teaches() {
        let s3 = load("s3-get-session-token");
        assert_eq!(s3.service.value, "s3");
        assert!(
            s3.signed_headers().contains("x-amz-content-sha256")
                && s3.signed_headers().contains("x-amz-security-token")
        );
        assert_eq!(s3.canonical_request.uri.canonical, "/photos/my%20cat.jpg");
        let api = load("api-gateway");
        assert_eq!(
            (api.service.value.as_str(), api.region.value.as_str()),
            ("execute-api", "eu-west-1")
        );
        assert_eq!(
            api.canonical_request.uri.canonical,
            "/prod/pets/dog%2520food"
        );
        let sts = load("sts-get-caller-identity");
        assert_eq!(sts.canonical_request.method, "POST");
        assert!(load("s3-presign").signed_url.is_some());
    }
}
