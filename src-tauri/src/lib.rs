//! Pacta's desktop app: builds the Tauri window and hands the UI a small set
//! of commands (`commands.rs`) over the one core handle. The only crate that
//! knows Tauri; all behaviour is in `pacta-core`.

#[cfg(test)]
mod bindings;
mod commands;
#[cfg(target_os = "linux")]
mod web_memory;

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use tauri::Manager;
use tauri_plugin_fs::FsExt;

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

/// Turns OpenGL off (see `NO_GL`); call first thing in `main`, before any
/// thread starts.
pub fn without_gl() {
    for (name, value) in NO_GL {
        if std::env::var_os(name).is_none() {
            std::env::set_var(name, value);
        }
    }
}

/// The data dir: `PACTA_DATA_DIR`, else the platform's (the same as the
/// `pacta` command's, so both work on the same store).
fn data_dir() -> Result<PathBuf, pacta_core::Error> {
    match std::env::var_os("PACTA_DATA_DIR") {
        Some(dir) if !dir.is_empty() => Ok(PathBuf::from(dir)),
        _ => pacta_core::data_dir::default_data_dir(),
    }
}

pub fn run() {
    let started = std::time::Instant::now();
    let data_dir = match data_dir() {
        Ok(d) => d,
        Err(e) => {
            eprintln!("pacta: {e}");
            std::process::exit(1);
        }
    };
    // An encrypted data dir stays locked until the window is given its
    // passphrase (`unlock_data_dir`), unless the OS keyring kept what opens
    // it or PACTA_PASSPHRASE is set.
    let encrypted = pacta_core::vault::is_encrypted(&pacta_core::DataDir::new(&data_dir));
    let opened = match (encrypted, std::env::var("PACTA_PASSPHRASE")) {
        (true, Ok(p)) => commands::open_unlocked(&data_dir, &p).map(Some),
        (true, Err(_)) => pacta_core::Store::unlock_from_keyring(&data_dir)
            .transpose()
            .and_then(|s| s.map(commands::signing).transpose()),
        (false, _) => pacta_core::Store::open(&data_dir).map(|mut store| {
            if let Some(key) = pacta_core::keys::unlock_without_asking(store.data_dir()) {
                store.set_signer(key);
            }
            Some(store)
        }),
    };
    let store = match opened {
        Ok(s) => s,
        Err(e) => {
            eprintln!("pacta: {e}");
            std::process::exit(1);
        }
    };
    #[cfg(target_os = "linux")]
    web_memory::install();
    let (sync_wake, wakes) = std::sync::mpsc::channel::<()>();
    let state = commands::AppState {
        store: Arc::new(Mutex::new(store)),
        data_dir,
        started,
        syncing: Mutex::default(),
        sync_wake: Mutex::new(sync_wake),
    };
    let result = tauri::Builder::default()
        // A second launch focuses the window that is already open.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.set_focus();
            }
        }))
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_dialog::init())
        // Only for its scope: the window is granted none of its commands
        // (capabilities/default.json); the dialogs record the files the
        // user picks in it, and so does the drop handler below, and the
        // commands that take a path accept no other (commands::chosen).
        // The plugin's own recording of dropped paths is off
        // (tauri.conf.json): it would take in a dropped folder with all
        // that is under it; only dropped files are taken here.
        .plugin(tauri_plugin_fs::init())
        .on_window_event(|window, event| {
            if let tauri::WindowEvent::DragDrop(tauri::DragDropEvent::Drop { paths, .. }) = event {
                let scope = window.fs_scope();
                for path in paths.iter().filter(|p| p.is_file()) {
                    let _ = scope.allow_file(path);
                }
            }
        })
        .setup(move |app| {
            // Syncs with the office server, if one is set: soon after the
            // start, then every minute, and when the window asks.
            let handle = app.handle().clone();
            std::thread::spawn(move || {
                let mut wait = std::time::Duration::from_secs(2);
                while !matches!(
                    wakes.recv_timeout(wait),
                    Err(std::sync::mpsc::RecvTimeoutError::Disconnected)
                ) {
                    commands::sync_once(&handle);
                    // Clicks on "Sync now" during that sync were answered by it.
                    while wakes.try_recv().is_ok() {}
                    wait = commands::SYNC_EVERY;
                }
            });
            #[cfg(target_os = "linux")]
            if let Some(window) = app.get_webview_window("main") {
                window.with_webview(|webview| {
                    use webkit2gtk::{SettingsExt, WebViewExt};
                    // An animated scroll is cut short when the journal sets
                    // scrollTop to keep the entry in view still as rows above
                    // it are measured: Page Up moved ~100 px instead of a page.
                    if let Some(settings) = webview.inner().settings() {
                        settings.set_enable_smooth_scrolling(false);
                    }
                })?;
            }
            Ok(())
        })
        .manage(state)
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands::ui_ready,
            commands::data_dir_status,
            commands::unlock_data_dir,
            commands::encrypt_data_dir,
            commands::change_data_dir_passphrase,
            commands::create_key,
            commands::unlock_key,
            commands::read_key_file,
            commands::cosign_agreement,
            commands::list_cases,
            commands::create_case,
            commands::get_case,
            commands::case_agreements,
            commands::journal_page,
            commands::log_entry,
            commands::correct_entry,
            commands::move_stage,
            commands::add_participant,
            commands::remove_participant,
            commands::change_case,
            commands::add_deadline,
            commands::complete_deadline,
            commands::cancel_deadline,
            commands::list_deadlines,
            commands::attach_documents,
            commands::save_document,
            commands::search,
            commands::verify_store,
            commands::list_templates,
            commands::render_filing,
            commands::file_filing,
            commands::save_filing_pdf,
            commands::export_dossier_pdf,
            commands::save_draft,
            commands::load_draft,
            commands::get_settings,
            commands::set_settings,
            commands::get_office,
            commands::set_office,
            commands::export_dossier,
            commands::verify_dossier,
            commands::preview_import,
            commands::import_dossier,
            commands::sync_status,
            commands::sync_now,
            commands::set_server,
        ])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("pacta: the window could not start: {e}");
        std::process::exit(1);
    }
}
