// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

/// OpenGL buys a window of text nothing and costs at launch and in memory
/// (BENCHMARKS.md): WebKitGTK composites with it by default (~90 MB in the
/// web process), GDK sets it up when it opens the display, and WebKit's
/// DMA-BUF renderer sets up EGL in the app's own process (together ~150 ms
/// of launch). A user's own setting of any of them is kept.
const NO_GL: [(&str, &str); 3] = [
    ("WEBKIT_DISABLE_COMPOSITING_MODE", "1"),
    ("WEBKIT_DISABLE_DMABUF_RENDERER", "1"),
    ("GDK_GL", "disable"),
];

fn main() {
    // Set before any thread starts.
    for (name, value) in NO_GL {
        if std::env::var_os(name).is_none() {
            std::env::set_var(name, value);
        }
    }
    pacta_desktop::run()
}
