#!/usr/bin/env python3
"""Regenerates fuzz/seeds/<target>/ from the project's own test inputs: the AWS signing
test suite (read from the aws-sigv4 package, as tests/suite.rs does), the string literals of
tests/*.rs, and tests/fixtures/aws-errors/. Run from anywhere: python3 fuzz/make_seeds.py"""
import glob, hashlib, json, os, re, shutil, struct, subprocess, sys

FUZZ = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(FUZZ)
SEEDS = os.path.join(FUZZ, "seeds")
TARGETS = ["parse_request", "curl", "http", "url", "credentials", "aws_error", "verify", "explain", "share", "paste"]
DOC_CREDS = "[default]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY\n"


def rust_unescape(s):
    out, i = [], 0
    while i < len(s):
        c = s[i]
        if c != "\\":
            out.append(c); i += 1; continue
        n = s[i + 1]
        if n == "u":
            j = s.index("}", i)
            out.append(chr(int(s[i + 3:j], 16))); i = j + 1; continue
        if n == "x":
            out.append(chr(int(s[i + 2:i + 4], 16))); i += 4; continue
        if n == "\n":  # line continuation: skip the newline and leading spaces
            i += 2
            while i < len(s) and s[i] in " \t":
                i += 1
            continue
        out.append({"n": "\n", "r": "\r", "t": "\t", "0": "\0", "\\": "\\", '"': '"', "'": "'"}[n])
        i += 2
    return "".join(out)


def literals(path):
    src = open(path, encoding="utf-8").read()
    found = [m.group(1) for m in re.finditer(r'(?<![A-Za-z0-9_#])"((?:[^"\\]|\\.)*)"', src, re.S)]
    decoded = []
    for s in found:
        try:
            decoded.append(rust_unescape(s))
        except (ValueError, KeyError, IndexError):
            pass  # not a string literal after all (a char literal's quote, a raw string)
    found = decoded
    found += [m.group(2) for m in re.finditer(r'r(#+)"(.*?)"\1', src, re.S)]
    return [s for s in found if len(s) >= 4]


def suite_dir():
    meta = json.loads(subprocess.check_output(
        ["cargo", "metadata", "--format-version", "1", "--manifest-path", os.path.join(ROOT, "Cargo.toml")]))
    for p in meta["packages"]:
        if p["name"] == "aws-sigv4":
            return os.path.join(os.path.dirname(p["manifest_path"]), "aws-signing-test-suite", "v4")
    sys.exit("aws-sigv4 not found in cargo metadata")


def main():
    seeds = {t: set() for t in TARGETS}
    suite = suite_dir()
    for f in glob.glob(os.path.join(suite, "*", "*.txt")):
        name = os.path.basename(f)
        text = open(f, encoding="utf-8", errors="replace").read()
        if name == "request.txt":
            for t in ("parse_request", "http", "explain"):
                seeds[t].add(text)
        elif name.endswith("signed-request.txt"):
            for t in ("parse_request", "http", "verify"):
                seeds[t].add(text)
        elif name.endswith("canonical-request.txt") or name.endswith("string-to-sign.txt"):
            seeds["aws_error"].add(
                "<Error><Code>SignatureDoesNotMatch</Code><CanonicalRequest>%s</CanonicalRequest>"
                "<StringToSign>%s</StringToSign></Error>" % (text, text))
    for f in glob.glob(os.path.join(ROOT, "tests", "fixtures", "aws-errors", "**", "*"), recursive=True):
        if os.path.isfile(f) and not f.endswith(".md"):
            seeds["aws_error"].add(open(f, encoding="utf-8", errors="replace").read())
    for f in glob.glob(os.path.join(ROOT, "tests", "*.rs")):
        for s in literals(f):
            low = s.lower()
            if low.lstrip("$ ").startswith("curl"):
                kinds = ["parse_request", "curl", "explain"]
            elif "http/1." in low:
                kinds = ["parse_request", "http", "explain", "verify"]
            elif "aws_access_key_id" in low or "aws_secret" in low or "accesskeyid" in low or low.startswith("access key id,"):
                kinds = ["credentials"]
            elif "<error" in low or "<code>" in low or "__type" in low or "signature" in low:
                kinds = ["aws_error"]
            elif "://" in s or re.fullmatch(r"[A-Za-z0-9.\-]+\.[a-z]{2,}(/\S*)?", s.strip()):
                kinds = ["parse_request", "url", "explain", "verify"]
            else:
                continue
            for t in kinds:
                seeds[t].add(s)
    # paste: every request, credentials and answer alone, and a few together as a scrollback.
    for t in ("parse_request", "credentials", "aws_error"):
        seeds["paste"] |= {x for x in seeds[t] if "\0" not in x}
    req, cred, err = (sorted(seeds[t]) for t in ("curl", "credentials", "aws_error"))
    for i in range(min(len(req), len(cred), len(err), 20)):
        seeds["paste"].add("$ " + cred[i] + "\n$ " + req[i] + "\n" + err[i] + "\n$ ls\n")
    seeds["credentials"].add("dev\0[default]\naws_access_key_id=A\naws_secret_access_key=S\n[dev]\naws_access_key_id=B\naws_secret_access_key=T\n")
    # explain: a 17-byte header (flags, expiry u64, signing time i64), then request \0 credentials ...
    heads = [
        (0, 0, 0), (0x20, 300, 1440938160), (0x40, 604800, 0), (0x60, 604801, -1),
        (0x01, 2**64 - 1, 2**63 - 1), (0x0e, 1, -2**63), (0x90, 3600, 253402300799),
        (0x20, 86400, 253402300800), (0x20, 1, -62135596800), (0x80, 60, 1795694400),
    ]
    texts = sorted(seeds["explain"])
    explain = set()
    for i, t in enumerate(texts):
        flags, exp, at = heads[i % len(heads)]
        head = struct.pack("<BQq", flags, exp, at)
        explain.add(head + t.encode())
        if i % 3 == 0:
            explain.add(head + (t + "\0" + DOC_CREDS.replace("\n", "\naws_session_token = TOKEN\n", 1)
                                + "\0us-west-2\0s3\0<Error><Code>SignatureDoesNotMatch</Code></Error>").encode())
    if os.path.isdir(SEEDS):
        shutil.rmtree(SEEDS)
    for t in TARGETS:
        d = os.path.join(SEEDS, t)
        os.makedirs(d)
        items = explain if t == "explain" else {s.encode() for s in seeds[t]}
        for b in items:
            with open(os.path.join(d, hashlib.sha1(b).hexdigest()), "wb") as fh:
                fh.write(b)
        print(f"{t}: {len(items)} seeds")


main()
