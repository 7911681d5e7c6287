# sigv4-lab: every entry point. `make test` is what CI runs (.ci/run).
# Each target that needs tools runs scripts/setup.sh first, which installs only
# what is missing (about a second when everything is there).

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

# npm's tools (binaryen's wasm-opt for Trunk) come first, then cargo-installed ones (trunk, wasm-bindgen).
export PATH := $(CURDIR)/node_modules/.bin:$(or $(CARGO_HOME),$(HOME)/.cargo)/bin:$(PATH)

TRUNK_BUILD := trunk build --release

.PHONY: help setup serve dist test test-wasm test-long fuzz mutants lint generate bench weight screenshot

help:
	@echo "make setup      install missing tools (scripts/setup.sh)"
	@echo "make serve      build the web app and serve it at http://127.0.0.1:8080/"
	@echo "make dist       release build of the web app into dist/"
	@echo "make test       every test tier: cargo test, CLI release build, moto, browser"
	@echo "make test-wasm  the wasm-bindgen-test tier alone (headless Chromium)"
	@echo "make test-long  the property test with 100000 cases (release)"
	@echo "make fuzz       every cargo-fuzz target for FUZZ_SECONDS each (default 300; nightly)"
	@echo "make mutants    cargo-mutants on src/diagnose/ (.cargo/mutants.toml; not in make test: over an hour on 2 cores)"
	@echo "make lint       rustfmt and clippy (native and wasm32), warnings are errors (make test runs it first)"
	@echo "make generate   rewrite src/generated/ from data/*.json (tests/generated.rs fails when they are stale)"
	@echo "make bench      figures: Criterion (explain vs aws-sigv4), explain as wasm vs aws4 and smithy in Node, page render and keystroke latency, weight"
	@echo "make weight     page weight of dist/ (raw, gzip, brotli)"
	@echo "make screenshot refresh docs/workbench-desktop.png and docs/workbench-phone.png (tests/e2e/journeys.test.mjs)"

setup:
	bash scripts/setup.sh

# Dev build (no --release): an edit rebuilds in seconds instead of a minute of
# LTO + wasm-opt, and the page is the same apart from size. Trunk watches src/,
# web/ and index.html; there is no live reload (the CSP forbids its inline
# script and WebSocket), so reload the tab after a rebuild. Address and port
# come from Trunk.toml. `make dist` is the release build.
serve: setup
	trunk serve

dist: setup
	$(TRUNK_BUILD)

test: setup
	@echo "== tier 0: lint (rustfmt, clippy native and wasm32)"
	$(MAKE) --no-print-directory lint
	@echo "== tier 1: cargo test (native)"
	cargo test
	@echo "== tier 1a: the Rust snippets built and run against aws-sigv4 (offline, ~1 min cold)"
	cargo test --test report -- --ignored rust_snippets
	@echo "== tier 1b: wasm-bindgen-test in headless Chromium (clock, clipboard, files, the core as wasm)"
	cargo test --target wasm32-unknown-unknown --test web
	@echo "== tier 1c: cargo-fuzz, every target for 30 s, fixed seed (scripts/fuzz.sh); make fuzz runs longer and random"
	FUZZ_SEED=1 bash scripts/fuzz.sh 30
	@echo "== tier 2: the CLI, release build"
	cargo build --release --bin sigv4-lab
	@if [ -f tests/moto/run_moto_tests.py ]; then \
		echo "== tier 3: moto (a local AWS), signed by target/release/sigv4-lab"; \
		SIGV4_LAB=target/release/sigv4-lab python3 tests/moto/run_moto_tests.py; \
	else \
		echo "== tier 3: moto: skipped, tests/moto/run_moto_tests.py does not exist"; \
	fi
	@echo "== tier 4: the web app in headless Chromium"
	$(TRUNK_BUILD)
	node --test tests/e2e/

test-wasm: setup
	cargo test --target wasm32-unknown-unknown --test web

fuzz: setup
	bash scripts/fuzz.sh $(or $(FUZZ_SECONDS),300)

# Mutation testing of the findings' rules: every mutant of src/diagnose/ against the test
# targets .cargo/mutants.toml names; the outcome is in mutants.out/ (caught.txt, missed.txt, ...).
# Needs only cargo (no scripts/setup.sh); installs cargo-mutants when it is missing.
mutants:
	command -v cargo-mutants >/dev/null || cargo install cargo-mutants --locked
	cargo mutants --jobs 1

test-long: setup
	PROPTEST_CASES=100000 cargo test --release --test property

lint: setup
	cargo fmt --check
	cd fuzz && cargo fmt --check
	cd bench/node && cargo fmt --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --lib --bin sigv4-lab-web --bin sigv4-lab-hasher -- -D warnings

generate:
	UPDATE_GENERATED=1 cargo test --test generated

# Figures, never asserted, in one table with the peers beside them (scripts/bench.sh):
# Criterion (explain vs aws-sigv4), Node (wasm explain vs aws4 and smithy), the page in
# Chromium (first render, keystrokes), a 256 MB body in the worker vs native sha2, page weight.
bench: dist
	bash scripts/bench.sh

weight: dist
	bash scripts/page-weight.sh

screenshot: dist
	cargo build --release --bin sigv4-lab
	UPDATE_DOCS_SCREENSHOT=1 node --test tests/e2e/journeys.test.mjs
