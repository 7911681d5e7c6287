//! `sigv4-lab`: the command-line view of the same explanation the web page shows (see CONTRACT.md).

#[cfg(not(target_arch = "wasm32"))]
mod creds;
#[cfg(not(target_arch = "wasm32"))]
mod io;
#[cfg(not(target_arch = "wasm32"))]
mod opts;
#[cfg(not(target_arch = "wasm32"))]
mod sign;
#[cfg(not(target_arch = "wasm32"))]
mod verify;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    use clap::Parser;
    use std::process::ExitCode;

    let cli = opts::Cli::parse();
    let result = match &cli.command {
        opts::Command::Sign(o) => sign::run(o),
        opts::Command::Verify(o) => verify::run(o),
    };
    match result {
        Ok(code) => code,
        Err(io::Unusable(m)) => {
            eprintln!("{m}");
            ExitCode::from(2)
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}
