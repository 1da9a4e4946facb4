//! The baseline of the desktop memory benchmark (BENCHMARKS.md): a bare
//! Tauri 2 window showing an empty page, built by the same crate, profile
//! and Tauri features as `pacta-desktop` and started with the same GL
//! settings, with nothing of Pacta in it:
//!
//! ```sh
//! cargo build --release -p pacta-desktop --example bare-window
//! ```

fn main() {
    pacta_desktop::without_gl();
    let mut context = tauri::generate_context!();
    // Pacta's own window is not made; the one below shows an empty page.
    context.config_mut().app.windows.clear();
    let result = tauri::Builder::default()
        // An empty page of its own, so that a web process draws it as it
        // draws Pacta's (about:blank is drawn without one).
        .register_uri_scheme_protocol("bare", |_, _| {
            tauri::http::Response::builder()
                .header("Content-Type", "text/html")
                .body(b"<!doctype html><title>Bare window</title>".to_vec())
                .unwrap_or_default()
        })
        .setup(|app| {
            let page = tauri::WebviewUrl::CustomProtocol("bare://localhost/".parse()?);
            tauri::WebviewWindowBuilder::new(app, "main", page)
                .title("Bare window")
                .inner_size(1200.0, 800.0)
                .build()?;
            eprintln!("bare-window: usable");
            Ok(())
        })
        .run(context);
    if let Err(e) = result {
        eprintln!("bare-window: {e}");
        std::process::exit(1);
    }
}
