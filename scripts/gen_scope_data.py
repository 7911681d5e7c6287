#!/usr/bin/env python3
"""Regenerates src/sigv4/scope_data.rs from ../shared/reference/aws-auth-facts.json."""
import json
import pathlib

root = pathlib.Path(__file__).resolve().parent.parent
facts = json.loads((root.parent / "shared/reference/aws-auth-facts.json").read_text())
rows = sorted({(r["endpoint_prefix"], r["signing_name"]) for r in facts["signing_name_differs_from_endpoint_prefix"]})
glob = [
    (host, region.split(" ")[0])
    for part in ("aws", "aws-cn", "aws-us-gov")
    for host, region in facts["global_endpoints_signing_region"][part].items()
]
out = [
    "//! Endpoint facts from ../shared/reference/aws-auth-facts.json (botocore endpoint data), as tables.",
    "//! Regenerate with `python3 scripts/gen_scope_data.py`.",
    "",
    "/// Endpoint prefixes whose signing name differs (endpoint prefix, signing name).",
    "pub const SIGNING_NAMES: &[(&str, &str)] = &[",
    *[f"    ({json.dumps(a)}, {json.dumps(b)})," for a, b in rows],
    "];",
    "",
    "/// Global endpoints and the region they sign for (host, region).",
    "pub const GLOBAL_ENDPOINTS: &[(&str, &str)] = &[",
    *[f"    ({json.dumps(a)}, {json.dumps(b)})," for a, b in glob],
    "];",
    "",
]
(root / "src/sigv4/scope_data.rs").write_text("\n".join(out))
