//! The web app's entry point: on wasm32 it mounts the yew UI; elsewhere it says how to run it.

#[cfg(target_arch = "wasm32")]
fn main() {
    install_panic_hook();
    yew::Renderer::<sigv4_lab::ui::web::App>::new().render();
}

/// Logs panics to the console and shows them in the page, so a crash is never a silently blank page.
#[cfg(target_arch = "wasm32")]
fn install_panic_hook() {
    // yew's Renderer installs its own hook when it renders; this one must be handed to yew.
    yew::set_custom_panic_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let Ok(banner) = document.create_element("div") else {
            return;
        };
        banner.set_class_name("crash");
        let _ = banner.set_attribute("role", "alert");
        let _ = banner.set_attribute("data-testid", "crash");
        banner.set_text_content(Some(&format!(
            "sigv4-lab stopped because of a bug: {info}. Reload the page to start again; \
             the browser console has the details."
        )));
        if let Some(body) = document.body() {
            let _ = body.prepend_with_node_1(&banner);
        }
    }));
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    println!("sigv4-lab-web is the browser app (WebAssembly); it does nothing natively.");
    println!(
        "Run `make serve` and open http://127.0.0.1:8080/, or `make dist` to build it into dist/."
    );
    println!("The command-line tool is `sigv4-lab` (cargo run --bin sigv4-lab -- --help).");
}
