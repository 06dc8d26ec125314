//! `cargo run --example screenshots`: writes the README's pictures of the wizard to assets/, from
//! the same renders the snapshot tests check (`tests/wizard.rs` fails when they are out of date).

// The fixtures and the renderer the snapshot tests use, kept out of the library.
#[allow(dead_code)]
#[path = "../tests/support/fixtures.rs"]
mod fixtures;
#[path = "../tests/support/screenshot.rs"]
mod screenshot;

use langfuse_otel::core::i18n;

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

/// The Chinese pictures README.zh-CN.md shows (`assets/zh-CN/`).
pub const SHOWN_ZH_CN: [&str; 3] = ["region", "test-failed", "output"];

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
    let dir = dir.join("zh-CN");
    std::fs::create_dir_all(&dir).expect("assets/zh-CN/");
    i18n::with_language(i18n::Lang::ZhCn, || {
        for (name, mut app) in fixtures::gallery() {
            if !SHOWN_ZH_CN.contains(&name) {
                continue;
            }
            app.context.no_color = false;
            let path = dir.join(format!("{name}.svg"));
            std::fs::write(&path, screenshot::svg(&app, 100, 30)).expect("writing a screenshot");
            println!("{}", path.display());
        }
    });
}
