//! The web app's Web Worker: hashes large body files in chunks off the page's thread.

#[cfg(target_arch = "wasm32")]
fn main() {
    sigv4_lab::ui::web::hasher::register();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    println!(
        "sigv4-lab-hasher is the web app's Web Worker (WebAssembly); it does nothing natively."
    );
}
