//! Native SHA-256 throughput on a file, for `make bench` (bench/hash.mjs runs the page's
//! worker on the same file): `cargo run --release --example hash_throughput -- FILE`.
//! Prints one JSON line: {"bytes": N, "seconds": S, "mb_per_s": R, "sha256": "..."}.

use sha2::{Digest, Sha256};
use std::io::Read;
use std::time::Instant;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: hash_throughput FILE");
        std::process::exit(2);
    };
    let mut file = match std::fs::File::open(&path) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("hash_throughput: cannot open {path}: {e}");
            std::process::exit(1);
        }
    };
    // The same 4 MB chunks the page's worker gets, read from the file as it goes.
    let mut buf = vec![0u8; 4 << 20];
    let mut hasher = Sha256::new();
    let mut total = 0u64;
    let start = Instant::now();
    loop {
        match file.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => {
                hasher.update(&buf[..n]);
                total += n as u64;
            }
            Err(e) => {
                eprintln!("hash_throughput: reading {path}: {e}");
                std::process::exit(1);
            }
        }
    }
    let digest = hex::encode(hasher.finalize());
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{{\"bytes\": {total}, \"seconds\": {secs:.4}, \"mb_per_s\": {:.1}, \"sha256\": \"{digest}\"}}",
        total as f64 / 1e6 / secs
    );
}
