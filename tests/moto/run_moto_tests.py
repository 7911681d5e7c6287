#!/usr/bin/env python3
"""Real-server tier: sign requests with the sigv4-lab CLI and send them to moto.

Starts `moto_server` on 127.0.0.1 (free port) with INITIAL_NO_AUTH_ACTION_COUNT
set, so the first few actions run unauthenticated (creating an IAM user, an
allow-everything policy and an access key) and every action after that has its
SigV4 signature recomputed and checked by moto, as AWS would.

Each check writes the request to a temp file (a curl command line; two S3 GETs
as bare URLs), runs

    $SIGV4_LAB sign --request FILE --access-key-id AKID --secret-access-key SECRET \
        --region us-east-1 --service SVC --json

and runs the JSON's `signed_curl` as-is through `bash -c`, with only curl's
output flags appended (-s -S -o BODYFILE -w '%{http_code}' --max-time N). The request URLs
point at the moto server from the start, so nothing signed is rewritten.

Every request is sent with the real secret (must succeed) and again with a
different 40-character secret (must be refused with SignatureDoesNotMatch).
moto trusts x-amz-content-sha256 as sent, so the S3 checks also compare that
header with the body's SHA-256 themselves.

Output: one `PASS name` / `FAIL name: reason` line per check, then exactly
`moto: N passed, M failed`. Exit status 0 only when M == 0 and setup worked.

Python 3.11+ standard library plus `moto[server]` (tests/moto/requirements.txt).
Environment:
  SIGV4_LAB    path to the CLI (default target/release/sigv4-lab, relative to
               the current directory, else to the repository root)
  MOTO_SERVER  command to start moto (default: `python -m moto.server` with this
               interpreter when moto is importable, else `moto_server` on PATH)
  MOTO_TESTS_VERBOSE=1  also print each signed_curl (secrets are never printed)
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

REPO_ROOT = Path(__file__).resolve().parents[2]
REGION = "us-east-1"
USER_NAME = "sigv4-lab-user"
POLICY_NAME = "sigv4-lab-allow-all"
BUCKET = "sigv4-lab-bucket"
KEY_PATH = "my%20key%20with%20spaces.txt"  # as written in the URL
OBJECT_BODY = "hello from sigv4-lab\nsecond line, with spaces & symbols: a+b=c\n"
QUEUE_NAME = "q1"
FORM_CT = "application/x-www-form-urlencoded; charset=utf-8"
# The number of unauthenticated setup actions below (CreateUser, CreatePolicy,
# AttachUserPolicy, CreateAccessKey). moto counts every action it dispatches
# through its auth hook, in any service; from action N+1 on, signatures count.
SETUP_ACTIONS = 4
READY_TIMEOUT_S = 30.0
HTTP_TIMEOUT_S = 20.0
CLI_TIMEOUT_S = 60.0

# Set once the access key exists; every printed text goes through redact().
_SECRETS: list[str] = []


def redact(text: str) -> str:
    for s in _SECRETS:
        if s:
            text = text.replace(s, "[REDACTED]")
    return text


def redacted_form(secret: str) -> str:
    return f"{secret[:2]}…({len(secret)} chars)" if secret else "(empty)"


def out(line: str) -> None:
    print(redact(line), flush=True)


def snippet(body: bytes | str, n: int = 300) -> str:
    if isinstance(body, bytes):
        body = body.decode("utf-8", "replace")
    return redact(body[:n]).replace("\n", "\\n")


class SetupError(Exception):
    pass


# --------------------------------------------------------------------------
# moto server


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def moto_command(port: int) -> list[str]:
    override = os.environ.get("MOTO_SERVER")
    if override:
        base = shlex.split(override)
    else:
        import importlib.util

        if importlib.util.find_spec("moto") is not None:
            base = [sys.executable, "-m", "moto.server"]
        else:
            exe = shutil.which("moto_server")
            if not exe:
                raise SetupError(
                    "moto is not installed: run "
                    "`pip install -r tests/moto/requirements.txt`"
                )
            base = [exe]
    return base + ["-H", "127.0.0.1", "-p", str(port)]


class MotoServer:
    def __init__(self) -> None:
        self.port = 0
        self.proc: subprocess.Popen[bytes] | None = None
        self.log = tempfile.NamedTemporaryFile(
            prefix="moto-server-", suffix=".log", delete=False
        )

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.port = free_port()
        env = dict(os.environ)
        env["INITIAL_NO_AUTH_ACTION_COUNT"] = str(SETUP_ACTIONS)
        # Never let ambient AWS settings leak into moto.
        for k in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"):
            env.pop(k, None)
        cmd = moto_command(self.port)
        self.proc = subprocess.Popen(
            cmd,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=env,
            start_new_session=True,
        )
        deadline = time.monotonic() + READY_TIMEOUT_S
        last = ""
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise SetupError(
                    f"moto server exited with {self.proc.returncode}: "
                    f"{self.log_tail()}"
                )
            try:
                # /moto-api/ is moto's own dashboard: no AWS action, so it does
                # not use up one of the unauthenticated actions.
                with urllib.request.urlopen(
                    f"{self.base}/moto-api/data.json", timeout=2
                ) as r:
                    if r.status == 200:
                        return
            except (OSError, urllib.error.URLError) as e:
                last = str(e)
            time.sleep(0.1)
        raise SetupError(
            f"moto server not ready on port {self.port} after "
            f"{READY_TIMEOUT_S:.0f}s ({last}); log: {self.log_tail()}"
        )

    def log_tail(self, n: int = 1500) -> str:
        try:
            self.log.flush()
            return Path(self.log.name).read_text("utf-8", "replace")[-n:]
        except OSError:
            return "(no log)"

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)
        self.log.close()
        try:
            os.unlink(self.log.name)
        except OSError:
            pass


# --------------------------------------------------------------------------
# unauthenticated setup (IAM user, policy, access key)


def setup_post(server: MotoServer, service: str, form: dict[str, str]) -> str:
    """POST an AWS query-protocol form to moto, without a real signature.

    moto's server picks the service from the Authorization header's credential
    scope (it ignores Host for normal paths), so the header carries a scope and
    nothing else. During the first INITIAL_NO_AUTH_ACTION_COUNT actions moto
    does not look at the key or the signature.
    """
    body = urllib.parse.urlencode(form).encode()
    req = urllib.request.Request(
        f"{server.base}/",
        data=body,
        method="POST",
        headers={
            "Content-Type": FORM_CT,
            "Authorization": (
                "AWS4-HMAC-SHA256 Credential=AKIAUNSIGNEDSETUP000/20200101/"
                f"{REGION}/{service}/aws4_request, SignedHeaders=host, "
                "Signature=unsigned"
            ),
        },
    )
    try:
        with urllib.request.urlopen(req, timeout=HTTP_TIMEOUT_S) as r:
            return r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        raise SetupError(
            f"{service} {form.get('Action')} -> HTTP {e.code}: {snippet(e.read())}"
        ) from None
    except OSError as e:
        raise SetupError(f"{service} {form.get('Action')}: {e}") from None


def xml_text(xml: str, tag: str) -> str:
    m = re.search(rf"<{tag}>([^<]*)</{tag}>", xml)
    if not m:
        raise SetupError(f"no <{tag}> in response: {snippet(xml)}")
    return m.group(1)


@dataclass
class Identity:
    akid: str
    secret: str
    user_arn: str


def create_identity(server: MotoServer) -> Identity:
    iam = {"Version": "2010-05-08"}
    user_xml = setup_post(server, "iam", {**iam, "Action": "CreateUser", "UserName": USER_NAME})
    user_arn = xml_text(user_xml, "Arn")
    doc = json.dumps(
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
    )
    pol_xml = setup_post(
        server, "iam",
        {**iam, "Action": "CreatePolicy", "PolicyName": POLICY_NAME, "PolicyDocument": doc},
    )
    policy_arn = xml_text(pol_xml, "Arn")
    setup_post(
        server, "iam",
        {**iam, "Action": "AttachUserPolicy", "UserName": USER_NAME, "PolicyArn": policy_arn},
    )
    key_xml = setup_post(server, "iam", {**iam, "Action": "CreateAccessKey", "UserName": USER_NAME})
    akid = xml_text(key_xml, "AccessKeyId")
    secret = xml_text(key_xml, "SecretAccessKey")
    _SECRETS.append(secret)
    return Identity(akid, secret, user_arn)


def assert_auth_enforced(server: MotoServer) -> None:
    """The next action must be checked: a made-up key has to be refused."""
    try:
        body = setup_post(server, "iam", {"Action": "ListUsers", "Version": "2010-05-08"})
    except SetupError as e:
        if "InvalidClientTokenId" in str(e) or "403" in str(e):
            return
        raise
    raise SetupError(
        "moto accepted a request after the setup actions without checking it "
        f"(INITIAL_NO_AUTH_ACTION_COUNT not honoured?): {snippet(body)}"
    )


def wrong_secret_for(secret: str) -> str:
    # A well-formed 40-character secret that differs from the real one in
    # every position (rotate the base64 alphabet by one).
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    rot = {c: alphabet[(i + 1) % len(alphabet)] for i, c in enumerate(alphabet)}
    wrong = "".join(rot.get(c, "Z") for c in secret)
    if len(wrong) != 40:
        wrong = (wrong + "Z" * 40)[:40]
    assert wrong != secret
    return wrong


# --------------------------------------------------------------------------
# requests, signing, sending


@dataclass
class Req:
    name: str
    service: str
    method: str
    path: str  # as written in the URL, already percent-encoded
    body: str = ""
    headers: list[tuple[str, str]] = field(default_factory=list)
    expect_in_body: list[str] = field(default_factory=list)
    expect_body_exact: str | None = None
    fmt: str = "curl"  # how the request file is written: "curl" or "url" (bare URL = GET)


def request_text(base: str, r: Req) -> str:
    if r.fmt == "url":
        assert r.method == "GET" and not r.body and not r.headers
        return base + r.path + "\n"
    return curl_text(base, r)


def curl_text(base: str, r: Req) -> str:
    """The request as a curl command line, the way 'copy as cURL' writes it."""
    url = base + r.path
    assert "'" not in url
    lines = [f"curl -X {r.method} '{url}'"]  # browsers always quote the URL
    lines += [f"-H {shlex.quote(f'{k}: {v}')}" for k, v in r.headers]
    if r.body:
        lines.append(f"--data-raw {shlex.quote(r.body)}")
    return " \\\n  ".join(lines) + "\n"


@dataclass
class Signed:
    signed_curl: str
    canonical_request: str = ""


Signer = Callable[[Path, str, str, str], Signed]


def find_cli() -> Path:
    p = Path(os.environ.get("SIGV4_LAB", "target/release/sigv4-lab"))
    if not p.is_absolute() and not p.exists():
        p = REPO_ROOT / p
    return p.resolve()  # the CLI runs with the temp dir as its cwd


def cli_signer(cli: Path) -> Signer:
    def sign(request_file: Path, akid: str, secret: str, service: str) -> Signed:
        cmd = [
            str(cli), "sign", "--request", str(request_file),
            "--access-key-id", akid, "--secret-access-key", secret,
            "--region", REGION, "--service", service, "--json",
        ]
        try:
            p = subprocess.run(cmd, capture_output=True, timeout=CLI_TIMEOUT_S, cwd=request_file.parent)
        except subprocess.TimeoutExpired:
            raise RuntimeError(f"sigv4-lab sign timed out after {CLI_TIMEOUT_S:.0f}s") from None
        if p.returncode != 0:
            raise RuntimeError(
                f"sigv4-lab sign exited {p.returncode}: {snippet(p.stderr or p.stdout)}"
            )
        try:
            doc = json.loads(p.stdout)
        except ValueError as e:
            raise RuntimeError(f"sigv4-lab sign --json printed no JSON ({e}): {snippet(p.stdout)}") from None
        sc = doc.get("signed_curl")
        if not isinstance(sc, str) or not sc.strip():
            raise RuntimeError(f"no signed_curl in the JSON: {snippet(p.stdout)}")
        return Signed(sc, doc.get("canonical_request", ""))

    return sign


@dataclass
class Result:
    status: int
    body: bytes


def curl_header(signed_curl: str, name: str) -> str | None:
    """The value of header `name` in a curl command line (-H/--header), if any."""
    try:
        toks = shlex.split(signed_curl.replace("\\\n", " "))
    except ValueError:
        return None
    for flag, val in zip(toks, toks[1:]):
        if flag in ("-H", "--header") and ":" in val:
            k, v = val.split(":", 1)
            if k.strip().lower() == name.lower():
                return v.strip()
    return None


def payload_hash_problem(r: Req, signed_curl: str) -> str | None:
    """moto trusts x-amz-content-sha256 as sent; AWS S3 checks it against the
    body (XAmzContentSHA256Mismatch). Check that here so a wrong hash that the
    signature covers consistently still fails."""
    if r.service != "s3":
        return None
    got = curl_header(signed_curl, "x-amz-content-sha256")
    if got is None:
        return "signed_curl has no x-amz-content-sha256 header (required by S3)"
    want = hashlib.sha256(r.body.encode("utf-8")).hexdigest()
    if got not in (want, "UNSIGNED-PAYLOAD"):
        return f"x-amz-content-sha256 is {got}, the body's SHA-256 is {want} (AWS: XAmzContentSHA256Mismatch)"
    return None


def run_signed_curl(signed_curl: str, workdir: Path) -> Result:
    body_file = workdir / "response.body"
    if body_file.exists():
        body_file.unlink()
    # Only output flags are appended; the signed command itself is untouched.
    cmd = signed_curl.rstrip().rstrip("\\").rstrip() + (
        f" -s -S -o {shlex.quote(str(body_file))} -w '%{{http_code}}'"
        f" --max-time {int(HTTP_TIMEOUT_S)}"
    )
    p = subprocess.run(["bash", "-c", cmd], capture_output=True, timeout=HTTP_TIMEOUT_S + 10, cwd=workdir)
    code = p.stdout.decode("ascii", "replace").strip()[-3:]
    if p.returncode != 0 or not code.isdigit():
        raise RuntimeError(f"curl exited {p.returncode}: {snippet(p.stderr or p.stdout)}")
    return Result(int(code), body_file.read_bytes() if body_file.exists() else b"")


# --------------------------------------------------------------------------
# checks


class Tally:
    def __init__(self) -> None:
        self.passed = 0
        self.failed = 0

    def ok(self, name: str, note: str = "") -> None:
        self.passed += 1
        out(f"PASS {name}" + (f" ({note})" if note else ""))

    def fail(self, name: str, reason: str) -> None:
        self.failed += 1
        out(f"FAIL {name}: {reason}")


def requests_for(ident: Identity) -> list[Req]:
    form = [("Content-Type", FORM_CT)]
    return [
        Req("sts-get-caller-identity", "sts", "POST", "/",
            "Action=GetCallerIdentity&Version=2011-06-15", form,
            ["<GetCallerIdentityResult>", ident.user_arn]),
        Req("iam-list-users", "iam", "POST", "/",
            "Action=ListUsers&Version=2010-05-08", form,
            [f"<UserName>{USER_NAME}</UserName>"]),
        Req("sqs-create-queue", "sqs", "POST", "/",
            f"Action=CreateQueue&QueueName={QUEUE_NAME}&Version=2012-11-05", form,
            ["<QueueUrl>", f"/{QUEUE_NAME}</QueueUrl>"]),
        Req("sqs-list-queues", "sqs", "POST", "/",
            "Action=ListQueues&Version=2012-11-05", form,
            [f"/{QUEUE_NAME}</QueueUrl>"]),
        # A bare URL (GET), the CLI's third input form.
        Req("s3-list-buckets-url", "s3", "GET", "/",
            expect_in_body=["<ListAllMyBucketsResult"], fmt="url"),
        Req("s3-create-bucket", "s3", "PUT", f"/{BUCKET}"),
        Req("s3-put-object-key-with-spaces", "s3", "PUT", f"/{BUCKET}/{KEY_PATH}",
            OBJECT_BODY, [("Content-Type", "text/plain")]),
        Req("s3-get-object-key-with-spaces", "s3", "GET", f"/{BUCKET}/{KEY_PATH}",
            expect_body_exact=OBJECT_BODY),
        Req("s3-get-object-key-with-spaces-url", "s3", "GET", f"/{BUCKET}/{KEY_PATH}",
            expect_body_exact=OBJECT_BODY, fmt="url"),
        # The key pasted with raw spaces, as people copy it from a console: the CLI must
        # send its wire form (%20) and sign exactly that.
        Req("s3-get-object-key-with-raw-spaces-url", "s3", "GET",
            f"/{BUCKET}/{urllib.parse.unquote(KEY_PATH)}",
            expect_body_exact=OBJECT_BODY, fmt="url"),
    ]


# What AWS (and moto) answer for a bad signature, per service. All of these
# query/REST-XML services say SignatureDoesNotMatch; JSON-protocol services
# would say InvalidSignatureException, accepted for robustness.
BAD_SIGNATURE_CODES = ("SignatureDoesNotMatch", "InvalidSignatureException")


def run_checks(server: MotoServer, ident: Identity, sign: Signer, tally: Tally, workdir: Path) -> None:
    verbose = os.environ.get("MOTO_TESTS_VERBOSE") == "1"
    wrong = wrong_secret_for(ident.secret)
    _SECRETS.append(wrong)
    out(f"# access key {ident.akid}, secret {redacted_form(ident.secret)}, "
        f"wrong secret {redacted_form(wrong)}")

    def attempt(r: Req, secret: str, name: str) -> tuple[Signed, Result] | None:
        req_file = workdir / f"{name}.{r.fmt}"
        req_file.write_text(request_text(server.base, r), "utf-8")
        try:
            signed = sign(req_file, ident.akid, secret, r.service)
        except Exception as e:  # noqa: BLE001 - report, keep going
            tally.fail(name, f"signing failed: {e}")
            return None
        if verbose:
            out(f"# {name}: {signed.signed_curl}")
        try:
            return signed, run_signed_curl(signed.signed_curl, workdir)
        except Exception as e:  # noqa: BLE001
            tally.fail(name, f"sending failed: {e}")
            return None

    def cr_note(signed: Signed) -> str:
        return f"; canonical_request={json.dumps(signed.canonical_request)}" if signed.canonical_request else ""

    reqs = requests_for(ident)
    for r in reqs:
        got = attempt(r, ident.secret, r.name)
        if got is None:
            continue
        signed, res = got
        text = res.body.decode("utf-8", "replace")
        missing = [s for s in r.expect_in_body if s not in text]
        if res.status != 200:
            tally.fail(r.name, f"expected HTTP 200 (status {res.status}, {snippet(res.body)}){cr_note(signed)}")
        elif missing:
            tally.fail(r.name, f"body lacks {missing!r} (status {res.status}, {snippet(res.body)})")
        elif (problem := payload_hash_problem(r, signed.signed_curl)) is not None:
            tally.fail(r.name, f"{problem}{cr_note(signed)}")
        elif r.expect_body_exact is not None and text != r.expect_body_exact:
            tally.fail(r.name, f"body differs from what was put (status {res.status}, {snippet(res.body)})")
        else:
            tally.ok(r.name)

    for r in reqs:
        name = f"{r.name}-wrong-secret"
        if r.name == "s3-create-bucket":
            # A fresh name, so a wrongly accepted request would be visible.
            r = Req(r.name, r.service, r.method, f"/{BUCKET}-wrong-secret")
        elif r.name in ("s3-get-object-key-with-spaces-url", "s3-get-object-key-with-raw-spaces-url"):
            continue  # same request as the curl form; nothing new to refuse
        got = attempt(r, wrong, name)
        if got is None:
            continue
        signed, res = got
        text = res.body.decode("utf-8", "replace")
        code = next((c for c in BAD_SIGNATURE_CODES if f"<Code>{c}</Code>" in text or f'"{c}"' in text), None)
        if res.status not in (400, 403):
            tally.fail(name, f"expected HTTP 403 (status {res.status}, {snippet(res.body)})")
        elif code is None:
            tally.fail(name, f"expected a SignatureDoesNotMatch error (status {res.status}, {snippet(res.body)})")
        else:
            tally.ok(name, f"HTTP {res.status} {code}")


def _sigterm(_signo: int, _frame: object) -> None:
    raise KeyboardInterrupt  # so the finally below still stops moto


def main(sign: Signer | None = None) -> int:
    signal.signal(signal.SIGTERM, _sigterm)
    tally = Tally()
    server = MotoServer()
    setup_ok = False
    try:
        if sign is None:
            cli = find_cli()
            if not (cli.is_file() and os.access(cli, os.X_OK)):
                raise SetupError(
                    f"sigv4-lab binary not found at {cli} (build it with "
                    "`cargo build --release --bin sigv4-lab` or set SIGV4_LAB)"
                )
            sign = cli_signer(cli)
            out(f"# cli: {cli}")
        server.start()
        out(f"# moto server on {server.base} (INITIAL_NO_AUTH_ACTION_COUNT={SETUP_ACTIONS})")
        ident = create_identity(server)
        assert_auth_enforced(server)
        setup_ok = True
        with tempfile.TemporaryDirectory(prefix="sigv4-lab-moto-") as d:
            run_checks(server, ident, sign, tally, Path(d))
    except SetupError as e:
        out(f"FAIL setup: {e}")
        tally.failed += 1
    except KeyboardInterrupt:
        out("FAIL setup: interrupted (SIGINT/SIGTERM)")
        tally.failed += 1
    except Exception as e:  # noqa: BLE001 - a harness bug still ends with the summary
        out(f"FAIL harness: {type(e).__name__}: {e}")
        tally.failed += 1
    finally:
        server.stop()
    out(f"moto: {tally.passed} passed, {tally.failed} failed")
    return 0 if (setup_ok and tally.failed == 0) else 1


if __name__ == "__main__":
    sys.exit(main())
