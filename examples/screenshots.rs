//! `cargo run --example screenshots`: writes the README's pictures of the wizard to assets/, from
//! the same renders the snapshot tests check (`tests/wizard.rs` fails when they are out of date).

// The fixtures and the renderer the snapshot tests use, kept out of the library.
#[allow(dead_code)]
#[path = "../tests/support/fixtures.rs"]
mod fixtures;
#[path = "../tests/support/screenshot.rs"]
mod screenshot;

pub const SHOWN: [&str; 8] = [
    "start",
    "keys",
    "test-ok",
    "test-failed",
    "output",
    "output-locked",
    "done-arrived",
    "diagnose",
];

fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
    std::fs::create_dir_all(&dir).expect("assets/");
    for (name, mut app) in fixtures::gallery() {
        if !SHOWN.contains(&name) {
            continue;
        }
        app.context.no_color = false;
        let path = dir.join(format!("{name}.svg"));
        std::fs::write(&path, screenshot::svg(&app, 100, 30)).expect("writing a screenshot");
        println!("{}", path.display());
    }
}
