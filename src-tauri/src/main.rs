// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    // WebKitGTK composites with OpenGL by default; for a window of text that
    // buys nothing and costs ~90 MB in the web process (BENCHMARKS.md).
    // Set before any thread starts; a user's own setting is kept.
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    }
    pacta_desktop::run()
}
