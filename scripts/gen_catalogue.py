#!/usr/bin/env python3
"""Regenerates src/diagnose/catalogue_data.rs from ../shared/reference/aws-auth-errors.json."""
import json
import pathlib
import re

root = pathlib.Path(__file__).resolve().parent.parent
entries = json.loads((root.parent / "shared/reference/aws-auth-errors.json").read_text())


def rs(s):
    return json.dumps(s, ensure_ascii=False)


out = [
    "//! AWS's authentication errors (../shared/reference/aws-auth-errors.json): codes and message templates.",
    "//! Regenerate with `python3 scripts/gen_catalogue.py`.",
    "",
    "/// One error AWS answers with.",
    "pub struct Entry {",
    "    pub id: &'static str,",
    "    pub codes: &'static [&'static str],",
    "    /// The message, with `{placeholders}` where AWS fills in values.",
    "    pub message: &'static str,",
    "    pub http_status: &'static [u16],",
    "    /// Other wordings AWS uses for the same error.",
    "    pub variants: &'static [&'static str],",
    "}",
    "",
    "pub const CATALOGUE: &[Entry] = &[",
]
for e in entries:
    message = e.get("message") or ""
    if not message or message.startswith("("):
        # No wording of its own: the first variant, without the catalogue's "(doc …)" note.
        variant = (e.get("message_variants") or [message])[0] or message
        message = re.sub(r"^\((doc|doc description)\)\s*", "", variant).strip()
    variants = []
    for v in e.get("message_variants") or []:
        # Keep the wording only: drop "(…)" notes and "doc description:" prefixes.
        if not v or v.startswith("(") or "description" in v.split(":")[0]:
            continue
        v = re.sub(r"\s*\(.*$", "", v).strip()
        if v and v != message and v not in variants:
            variants.append(v)
    status = e.get("http_status") or []
    if isinstance(status, int):
        status = [status]
    out += [
        "    Entry {",
        f"        id: {rs(e['id'])},",
        f"        codes: &[{', '.join(rs(c) for c in e['code'])}],",
        f"        message: {rs(message)},",
        f"        http_status: &[{', '.join(str(int(s)) for s in status if str(s).isdigit())}],",
        f"        variants: &[{', '.join(rs(v) for v in variants)}],",
        "    },",
    ]
out += ["];", ""]
(root / "src/diagnose/catalogue_data.rs").write_text("\n".join(out))
