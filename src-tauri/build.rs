fn main() {
    // Relative relocations packed (DT_RELR, glibc 2.36+): the loader reads
    // a few kilobytes instead of the binary's 5 MB table of them at every
    // launch, pages that stayed in memory (BENCHMARKS.md, desktop memory).
    println!("cargo:rustc-link-arg=-Wl,-z,pack-relative-relocs");
    tauri_build::build()
}
