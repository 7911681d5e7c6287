//! Rules about the credential scope: its region and service against the endpoint.

use crate::diagnose::{Concern, Ctx, Finding, FindingId, Severity};
use crate::input::Field;
use crate::sigv4::scope::{self, Source};
use crate::text::{excerpt, QUOTE_CHARS};

/// Names as the sentences quote them: a typed region or service may be any length.
fn short(s: &str) -> String {
    excerpt(s, QUOTE_CHARS)
}

/// The region a global endpoint signs for, when the host is one.
fn global_region<'a>(c: &'a Ctx<'_>) -> Option<&'a str> {
    c.host_facts
        .region
        .as_ref()
        .filter(|_| c.host_facts.global)
        .map(|(r, _)| r.as_str())
}

/// `global-service-region`: a region set by hand for an endpoint that signs for one fixed region.
pub(crate) fn global_service_region(c: &Ctx<'_>) -> Vec<Finding> {
    let Some(global) = global_region(c) else {
        return vec![];
    };
    if c.signing.region.source != Source::Flag || c.region == global {
        return vec![];
    }
    let (host_q, region_q, global_q) = (short(c.host), short(c.region), short(global));
    vec![Finding {
        id: FindingId::GlobalServiceRegion,
        severity: Severity::Error,
        concerns: Concern::Field(Field::Region),
        title: format!("{host_q} signs for {global_q}, not {region_q}"),
        detail: format!("{host_q} is a global endpoint: requests to it are signed for {global_q} whatever region the caller works in. Signed for {region_q}, AWS answers \"Credential should be scoped to a valid region\"."),
        fix: format!("Set the region to {global_q} for this endpoint, or use the service's regional endpoint for {region_q}."),
        checks: Vec::new(),
        ruled_out: Vec::new(),
    }]
}

/// `region-mismatch`: a region set by hand that is not the one a regional endpoint names.
pub(crate) fn region_mismatch(c: &Ctx<'_>) -> Vec<Finding> {
    let r = &c.signing.region;
    let Some(from_host) = r.from_host.as_deref() else {
        return vec![];
    };
    let global_given = global_region(c).is_some() && r.source == Source::Flag;
    if global_given || r.source != Source::Flag || from_host == c.region || !c.host_facts.strong {
        return vec![];
    }
    let (host_q, region_q, from_host_q) = (short(c.host), short(c.region), short(from_host));
    vec![Finding {
        id: FindingId::RegionMismatch,
        severity: Severity::Error,
        concerns: Concern::Field(Field::Region),
        title: format!("Signed for {region_q}, but the endpoint is in {from_host_q}"),
        detail: format!("The credential scope says {region_q}, while the host {host_q} is in {from_host_q}. AWS answers \"Credential should be scoped to a valid region\" (S3: \"the region '{region_q}' is wrong; expecting '{from_host_q}'\")."),
        fix: format!("Sign for {from_host_q} (clear the region to use the host's), or send the request to the {region_q} endpoint — check AWS_REGION / AWS_DEFAULT_REGION and the profile's region."),
        checks: Vec::new(),
        ruled_out: Vec::new(),
    }]
}

/// `service-mismatch`: a service set by hand that is not the endpoint's signing name.
pub(crate) fn service_mismatch(c: &Ctx<'_>) -> Vec<Finding> {
    let s = &c.signing.service;
    let service = c.service;
    let Some(from_host) = s.from_host.as_deref() else {
        return vec![];
    };
    let both_s3 = scope::is_s3_family(from_host) && scope::is_s3_family(service);
    // The IoT data endpoint signs as iotdata over HTTP and iotdevicegateway for MQTT over WebSocket.
    let iot_websocket = from_host == "iotdata" && service == "iotdevicegateway";
    if s.source != Source::Flag
        || from_host == service
        || both_s3
        || iot_websocket
        || !c.host_facts.strong
    {
        return vec![];
    }
    let (host_q, service_q, from_host_q) = (short(c.host), short(service), short(from_host));
    vec![Finding {
        id: FindingId::ServiceMismatch,
        severity: Severity::Error,
        concerns: Concern::Field(Field::Service),
        title: format!("Signed for service {service_q}, but the endpoint is {from_host_q}"),
        detail: format!("The credential scope names {service_q}, while the host {host_q} belongs to {from_host_q}. AWS answers \"Credential should be scoped to correct service: '{from_host_q}'\"."),
        fix: format!("Sign with the service's signing name, {from_host_q} (clear the service field to use the host's). Signing names can differ from the host prefix (monitoring for CloudWatch, execute-api for API Gateway)."),
        checks: Vec::new(),
        ruled_out: Vec::new(),
    }]
}
