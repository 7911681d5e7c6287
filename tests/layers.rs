//! Arrows point down only: no module imports one above it (STYLE.md, ARCHITECTURE.md).
//!
//! Reads every `crate::…` path in `src/` and checks it against the layer order below. The
//! core (everything but `ui`) also never names the browser crates or reads the clock.

use std::path::{Path, PathBuf};

/// Each top-level module and its layer: a module may use its own layer's leaves and anything
/// in a lower layer. `learn` and `report` are peers that do not use each other.
const LAYERS: &[(&str, u8)] = &[
    ("text", 0),
    ("timefmt", 0),
    ("http", 0),
    ("generated", 0),
    ("input", 1),
    ("sigv4", 2),
    ("diagnose", 3),
    ("lab", 4),
    ("learn", 5),
    ("report", 5),
    ("ui", 6),
];

fn layer(module: &str) -> Option<u8> {
    LAYERS.iter().find(|(m, _)| *m == module).map(|(_, l)| *l)
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src is readable") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a file of `src/` belongs to (`src/sigv4/canonical.rs` → `sigv4`).
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src).ok()?;
    let first = rel
        .components()
        .next()?
        .as_os_str()
        .to_string_lossy()
        .into_owned();
    Some(first.trim_end_matches(".rs").to_string())
}

/// The modules `text` names as `crate::NAME`, each once.
fn crate_paths(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (i, _) in text.match_indices("crate::") {
        // `sigv4_lab::crate::` never occurs; skip `$crate::` in macros.
        if text[..i].ends_with('$') {
            continue;
        }
        let name: String = text[i + "crate::".len()..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if !name.is_empty() && !out.contains(&name) {
            out.push(name);
        }
    }
    out
}

fn files() -> (PathBuf, Vec<PathBuf>) {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut all = Vec::new();
    rust_files(&src, &mut all);
    all.sort();
    (src, all)
}

#[test]
fn no_module_imports_one_above_it() {
    let (src, all) = files();
    let mut upward = Vec::new();
    let mut checked = 0;
    for file in &all {
        let Some(module) = module_of(&src, file) else {
            continue;
        };
        // lib.rs names every module; the binaries are the top and may use anything.
        let Some(own) = layer(&module) else {
            assert!(
                module == "lib" || module == "bin",
                "{}: the module {module} is missing from LAYERS",
                file.display()
            );
            continue;
        };
        let text = std::fs::read_to_string(file).expect("a source file is text");
        for used in crate_paths(&text) {
            if used == module {
                continue;
            }
            let Some(theirs) = layer(&used) else {
                upward.push(format!(
                    "{}: crate::{used} is not a known module",
                    file.display()
                ));
                continue;
            };
            checked += 1;
            let peer_of_leaf = own == 0 && theirs == 0;
            if theirs > own || (theirs == own && !peer_of_leaf) {
                upward.push(format!(
                    "{} ({module}, layer {own}) uses crate::{used} (layer {theirs})",
                    file.strip_prefix(&src).unwrap_or(file).display()
                ));
            }
        }
    }
    assert!(
        checked > 50,
        "only {checked} imports seen: is the scan broken?"
    );
    assert!(
        upward.is_empty(),
        "imports that run upward:\n{}",
        upward.join("\n")
    );
}

#[test]
fn the_core_knows_no_browser_and_no_clock() {
    let (src, all) = files();
    let mut found = Vec::new();
    for file in &all {
        let module = module_of(&src, file).unwrap_or_default();
        if module == "ui" || module == "bin" {
            continue;
        }
        let text = std::fs::read_to_string(file).expect("text");
        for line in text.lines() {
            let code = line.split("//").next().unwrap_or("");
            let words: Vec<&str> = code
                .split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
                .collect();
            for name in [
                "yew",
                "web_sys",
                "js_sys",
                "gloo",
                "gloo_worker",
                "wasm_bindgen",
            ] {
                if words.contains(&name) {
                    found.push(format!(
                        "{}: {name}",
                        file.strip_prefix(&src).unwrap_or(file).display()
                    ));
                }
            }
            for clock in ["SystemTime::now", "now_utc(", "Instant::now"] {
                if code.contains(clock) {
                    found.push(format!(
                        "{}: {clock}",
                        file.strip_prefix(&src).unwrap_or(file).display()
                    ));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "the core names the browser or the clock:\n{}",
        found.join("\n")
    );
}

/// The scan itself can see an upward import (a test of the test).
#[test]
fn the_scan_sees_crate_paths() {
    assert_eq!(
        crate_paths(
            "use crate::sigv4::{sign, Signing};\nlet x = crate::text::quoted(s); crate::sigv4::x"
        ),
        ["sigv4", "text"]
    );
    assert!(crate_paths("macro_rules! m { () => { $crate::x } }").is_empty());
}
