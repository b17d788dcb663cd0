//! Marks the build with `cfg(chorus_sandbox)` when `CHORUS_SANDBOX_URL` is set, so the browser
//! tests against the sandbox report as "ignored" (visibly skipped) without one, instead of a
//! note the test runner swallows. `cargo xtask test` sets the variable.
fn main() {
    println!("cargo::rustc-check-cfg=cfg(chorus_sandbox)");
    println!("cargo::rerun-if-env-changed=CHORUS_SANDBOX_URL");
    if std::env::var_os("CHORUS_SANDBOX_URL").is_some() {
        println!("cargo::rustc-cfg=chorus_sandbox");
    }
}
