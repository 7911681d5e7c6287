#!/usr/bin/env bash
# Installs what `make serve`, `make dist`, `make test` and CI need, and only what
# is missing or at the wrong version; quick (a few seconds) when all is there.
#
#   rustup target wasm32-unknown-unknown
#   trunk 0.21.14                          (cargo install, ~5 min)
#   wasm-bindgen-cli = Cargo.lock's wasm-bindgen (cargo install, ~5 min)
#   npm packages from package-lock.json    (binaryen's wasm-opt, playwright-core, axe-core)
#   apt: chromium chromium-driver brotli   (browser tests, page weight)
#   PyPI: tests/moto/requirements.txt      (the moto tier), when that file exists
#   rustup toolchain nightly + cargo-fuzz 0.13.2   (cargo install, ~3 min; scripts/fuzz.sh)
#
# Never downloads a browser or a prebuilt tool binary: only crates.io, npm,
# PyPI and Debian packages. Exits non-zero with a "setup: ERROR:" line on failure.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
export PATH="$ROOT/node_modules/.bin:$CARGO_BIN:$PATH"

TRUNK_VERSION=0.21.14
NODE_MAJOR_MIN=20
APT_PACKAGES=(chromium chromium-driver brotli)

say() { echo "setup: $*"; }
die() {
    echo "setup: ERROR: $*" >&2
    exit 1
}
have() { command -v "$1" >/dev/null 2>&1; }
# Runs a command as root (directly, or through sudo when not root).
as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif have sudo; then
        sudo "$@"
    else
        die "'$*' needs root and sudo is not available; install it by hand."
    fi
}

# --- Rust --------------------------------------------------------------------
have cargo || die "cargo is not on PATH; install Rust from https://rustup.rs first."
have rustup || die "rustup is not on PATH; it is needed to add the wasm32-unknown-unknown target."

# (Outputs go through variables: with pipefail, `cmd | grep -q` fails when grep exits first.)
targets=$(rustup target list --installed)
if ! grep -qx wasm32-unknown-unknown <<<"$targets"; then
    say "installing rustup target wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown || die "rustup could not add the wasm32-unknown-unknown target."
fi

# --- apt packages ------------------------------------------------------------
apt_missing=()
for pkg in "${APT_PACKAGES[@]}"; do
    if [ "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null)" != "install ok installed" ]; then
        apt_missing+=("$pkg")
    fi
done
if ! have node || ! have npm; then
    apt_missing+=(nodejs npm)
fi
if [ ${#apt_missing[@]} -gt 0 ]; then
    have apt-get || die "missing ${apt_missing[*]} and apt-get is not available; install them by hand."
    say "installing apt packages: ${apt_missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    # Update the package lists only when apt does not know a package yet.
    for pkg in "${apt_missing[@]}"; do
        policy=$(apt-cache policy "$pkg" 2>/dev/null || true)
        if ! grep -q 'Candidate: [0-9]' <<<"$policy"; then
            say "apt-get update (apt does not know $pkg yet)"
            as_root apt-get update -qq || die "apt-get update failed."
            break
        fi
    done
    as_root apt-get install -y -qq -o Dpkg::Use-Pty=0 --no-install-recommends "${apt_missing[@]}" </dev/null ||
        die "apt-get install ${apt_missing[*]} failed."
fi

node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge "$NODE_MAJOR_MIN" ] ||
    die "node $(node --version) is too old: playwright-core needs node $NODE_MAJOR_MIN or newer."

# --- trunk -------------------------------------------------------------------
trunk_have=$( (trunk --version 2>/dev/null || true) | awk '{print $2}')
if [ "$trunk_have" != "$TRUNK_VERSION" ]; then
    say "installing trunk $TRUNK_VERSION (found: ${trunk_have:-none}); this takes about 5 minutes"
    CARGO_PROFILE_DEV_DEBUG=0 cargo install --locked --debug trunk --version "$TRUNK_VERSION" ||
        die "cargo install trunk $TRUNK_VERSION failed."
    trunk_have=$( (trunk --version 2>/dev/null || true) | awk '{print $2}')
    [ "$trunk_have" = "$TRUNK_VERSION" ] ||
        die "installed trunk $TRUNK_VERSION, but the trunk on PATH ($(command -v trunk || echo none)) is ${trunk_have:-unusable}."
fi

# --- wasm-bindgen-cli, at exactly Cargo.lock's wasm-bindgen -------------------
[ -f Cargo.lock ] || die "Cargo.lock is missing; it pins the wasm-bindgen version."
wbg_want=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
[ -n "$wbg_want" ] || die "Cargo.lock has no wasm-bindgen package; cannot choose a wasm-bindgen-cli version."
wbg_have=$( (wasm-bindgen --version 2>/dev/null || true) | awk '{print $2}')
if [ "$wbg_have" != "$wbg_want" ]; then
    say "installing wasm-bindgen-cli $wbg_want (found: ${wbg_have:-none}); this takes about 5 minutes"
    cargo install wasm-bindgen-cli --version "$wbg_want" || die "cargo install wasm-bindgen-cli $wbg_want failed."
    wbg_have=$( (wasm-bindgen --version 2>/dev/null || true) | awk '{print $2}')
    [ "$wbg_have" = "$wbg_want" ] ||
        die "installed wasm-bindgen-cli $wbg_want, but the wasm-bindgen on PATH ($(command -v wasm-bindgen || echo none)) is ${wbg_have:-unusable}."
fi
grep -q "wasm_bindgen = \"$wbg_want\"" Trunk.toml ||
    die "Trunk.toml's [tools] wasm_bindgen must be \"$wbg_want\" (Cargo.lock's wasm-bindgen)."

# --- npm packages ------------------------------------------------------------
# node_modules/.setup-lock is a copy of the package-lock.json it was installed from.
if ! cmp -s package-lock.json node_modules/.setup-lock 2>/dev/null; then
    say "installing npm packages (npm ci)"
    npm ci --no-audit --no-fund || die "npm ci failed."
    cp package-lock.json node_modules/.setup-lock
fi
wasm_opt_version=$(wasm-opt --version 2>/dev/null || true)
grep -q 'version_132' <<<"$wasm_opt_version" ||
    die "node_modules/.bin/wasm-opt is not binaryen 132 (Trunk.toml pins wasm_opt = \"version_132\")."

# --- PyPI: the moto tier -----------------------------------------------------
REQS=tests/moto/requirements.txt
if [ -f "$REQS" ]; then
    have python3 || die "python3 is not on PATH; the moto tier needs Python 3.11 or newer."
    # Quick check: every `name[extras]==version` line is installed at that version.
    if ! python3 - "$REQS" <<'EOF'; then
import re, sys
from importlib.metadata import version, PackageNotFoundError
for line in open(sys.argv[1]):
    line = line.split("#", 1)[0].strip()
    if not line:
        continue
    m = re.fullmatch(r"([A-Za-z0-9_.-]+)(\[[^\]]*\])?==([^\s;]+)", line)
    if not m:
        sys.exit(1)  # not a plain pin: let pip decide
    try:
        if version(m.group(1)) != m.group(3):
            sys.exit(1)
    except PackageNotFoundError:
        sys.exit(1)
EOF
        say "installing Python packages from $REQS"
        pip_args=(-m pip install --quiet --disable-pip-version-check -r "$REQS")
        if python3 -c 'import sys, sysconfig, os; sys.exit(not os.path.exists(os.path.join(sysconfig.get_path("stdlib"), "EXTERNALLY-MANAGED")))'; then
            pip_args+=(--break-system-packages)
        fi
        python3 "${pip_args[@]}" || die "pip install -r $REQS failed."
    fi
fi

# --- nightly + cargo-fuzz (scripts/fuzz.sh) -----------------------------------
CARGO_FUZZ_VERSION=0.13.2
toolchains=$(rustup toolchain list)
if ! grep -q '^nightly' <<<"$toolchains"; then
    say "installing the nightly toolchain (cargo-fuzz needs it)"
    rustup toolchain install nightly --profile minimal || die "rustup could not install the nightly toolchain."
fi
fuzz_have=$( (cargo fuzz --version 2>/dev/null || true) | awk '{print $2}')
if [ "$fuzz_have" != "$CARGO_FUZZ_VERSION" ]; then
    say "installing cargo-fuzz $CARGO_FUZZ_VERSION (found: ${fuzz_have:-none}); this takes about 3 minutes"
    cargo install --locked cargo-fuzz --version "$CARGO_FUZZ_VERSION" || die "cargo install cargo-fuzz $CARGO_FUZZ_VERSION failed."
fi

say "all tools present (trunk $TRUNK_VERSION, wasm-bindgen $wbg_want, wasm-opt 132, node $(node --version), $(chromium --version 2>/dev/null | head -n1))"
