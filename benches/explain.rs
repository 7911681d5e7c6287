//! `explain` (every step, plus its own aws-sigv4 cross-check) against aws-sigv4's bare `sign`, on the same requests.
//! Run: `make bench` (or `cargo bench --bench explain`).

use std::time::{Duration, SystemTime};

use aws_credential_types::Credentials as AwsCredentials;
use aws_sigv4::http_request::{sign, SignableBody, SignableRequest, SigningSettings};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;
use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use sigv4_lab::input::{Credentials, Header, Request, Secret};
use sigv4_lab::input::{Inputs, SigningTime};
use sigv4_lab::lab::explain;
use time::OffsetDateTime;

const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

fn requests() -> Vec<(&'static str, Request)> {
    let json = format!(
        "{{\"items\":[{}]}}",
        vec!["{\"id\":12345,\"name\":\"example\"}"; 40].join(",")
    );
    vec![
        (
            "small GET",
            Request {
                method: "GET".into(),
                url: "https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08".into(),
                headers: vec![Header::new(
                    "Content-Type",
                    "application/x-www-form-urlencoded; charset=utf-8",
                )],
                body: vec![],
            },
        ),
        (
            "1 KB JSON POST",
            Request {
                method: "POST".into(),
                url: "https://dynamodb.us-east-1.amazonaws.com/".into(),
                headers: vec![
                    Header::new("Content-Type", "application/x-amz-json-1.0"),
                    Header::new("X-Amz-Target", "DynamoDB_20120810.PutItem"),
                ],
                body: json.into_bytes()[..1024].to_vec(),
            },
        ),
        (
            "1 MB PUT",
            Request {
                method: "PUT".into(),
                url: "https://sqs.us-east-1.amazonaws.com/upload".into(),
                headers: vec![Header::new("Content-Type", "application/octet-stream")],
                body: vec![0x5a; 1 << 20],
            },
        ),
    ]
}

fn bench(c: &mut Criterion) {
    let time = OffsetDateTime::from_unix_timestamp(1_440_938_160).unwrap();
    let identity: Identity = AwsCredentials::new("AKIDEXAMPLE", SECRET, None, None, "bench").into();
    let mut group = c.benchmark_group("sign");
    for (name, req) in requests() {
        group.throughput(Throughput::Bytes(req.body.len() as u64));
        let inputs = Inputs {
            request: req.clone(),
            credentials: Credentials {
                access_key_id: "AKIDEXAMPLE".into(),
                secret_access_key: Secret::new(SECRET),
                ..Credentials::default()
            },
            time: SigningTime::At(time),
            ..Inputs::default()
        };
        group.bench_function(BenchmarkId::new("sigv4-lab explain", name), |b| {
            b.iter(|| explain(black_box(&inputs), time).unwrap())
        });
        let (region, service) = if name == "small GET" {
            ("us-east-1", "iam")
        } else if name == "1 KB JSON POST" {
            ("us-east-1", "dynamodb")
        } else {
            ("us-east-1", "sqs")
        };
        group.bench_function(BenchmarkId::new("aws-sigv4 sign", name), |b| {
            b.iter(|| {
                let signable = SignableRequest::new(
                    &req.method,
                    req.url.as_str(),
                    req.headers
                        .iter()
                        .map(|h| (h.name.as_str(), h.value.as_str())),
                    SignableBody::Bytes(&req.body),
                )
                .unwrap();
                let params = v4::SigningParams::builder()
                    .identity(&identity)
                    .region(region)
                    .name(service)
                    .time(SystemTime::UNIX_EPOCH + Duration::from_secs(1_440_938_160))
                    .settings(SigningSettings::default())
                    .build()
                    .unwrap()
                    .into();
                black_box(sign(signable, &params).unwrap())
            })
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).measurement_time(Duration::from_secs(3)).warm_up_time(Duration::from_secs(1));
    targets = bench
}
criterion_main!(benches);
