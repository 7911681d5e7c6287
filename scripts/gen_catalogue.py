#!/usr/bin/env python3
"""Regenerates src/diagnose/catalogue_data.rs from ../shared/reference/aws-auth-errors.json."""
import json
import pathlib

root = pathlib.Path(__file__).resolve().parent.parent
entries = json.loads((root.parent / "shared/reference/aws-auth-errors.json").read_text())


def rs(s):
    return json.dumps(s, ensure_ascii=False)


out = [
    "//! AWS's authentication errors (../shared/reference/aws-auth-errors.json): code, message, regex.",
    "//! Regenerate with `python3 scripts/gen_catalogue.py`.",
    "",
    "/// One error AWS answers with.",
    "pub struct Entry {",
    "    pub id: &'static str,",
    "    pub codes: &'static [&'static str],",
    "    /// The message, with `{placeholders}` where AWS fills in values.",
    "    pub message: &'static str,",
    "    /// A regex recognising the message (named groups carry the values), when one is known.",
    "    pub regex: Option<&'static str>,",
    "    pub http_status: &'static [u16],",
    "}",
    "",
    "pub const CATALOGUE: &[Entry] = &[",
]
for e in entries:
    regex = e.get("message_regex")
    status = e.get("http_status") or []
    if isinstance(status, int):
        status = [status]
    out += [
        "    Entry {",
        f"        id: {rs(e['id'])},",
        f"        codes: &[{', '.join(rs(c) for c in e['code'])}],",
        f"        message: {rs(e.get('message') or '')},",
        f"        regex: {('Some(' + rs(regex) + ')') if regex else 'None'},",
        f"        http_status: &[{', '.join(str(int(s)) for s in status if str(s).isdigit())}],",
        "    },",
    ]
out += ["];", ""]
(root / "src/diagnose/catalogue_data.rs").write_text("\n".join(out))
