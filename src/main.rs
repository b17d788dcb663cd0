//! The whole app's wasm (trunk builds it: `index.html`'s `data-bin`).

fn main() {
    chorus::run_whole_app();
}
