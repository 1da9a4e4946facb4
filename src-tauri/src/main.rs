// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    pacta_desktop::without_gl();
    pacta_desktop::run()
}
