//! The boot app's wasm: what a tab that is not signed in shows (built by xtask, `boot.rs`).

fn main() {
    chorus::run_boot_app();
}
