//! A secret key where no secret belongs (`LANGFUSE_PUBLIC_KEY=sk-lf-...`, pasted in the wrong
//! field, in the file or in the environment): no output shows it, `doctor --fix`'s diff included.

mod common;

use std::fs;

use common::{PK, SK, bin, ours};
use tempfile::TempDir;

fn assert_hidden(what: &str, text: &str) {
    for form in [
        SK,
        &SK["sk-lf-".len()..],
        &SK["sk-lf-".len().."sk-lf-".len() + 12],
    ] {
        assert!(!text.contains(form), "{what} shows the secret:\n{text}");
    }
}

#[test]
fn a_secret_in_the_public_key_variable_is_never_shown() {
    let server = ours();
    let dir = TempDir::new().unwrap();
    fs::write(
        dir.path().join(".env"),
        format!(
            "LANGFUSE_PUBLIC_KEY={SK}\nLANGFUSE_SECRET_KEY={PK}\nLANGFUSE_BASE_URL={}\nTRACELOOP_BASE_URL=x{SK}.example\n",
            server.url()
        ),
    )
    .unwrap();
    let mut all = String::new();
    for args in [
        &["doctor"][..],
        &["doctor", "--json"],
        &["test"],
        &["test", "--json"],
        &["doctor", "--fix"],
        &["doctor"],
    ] {
        let output = bin(dir.path())
            .args(args)
            .env("LANGFUSE_PUBLIC_KEY", format!("  {SK}"))
            .output()
            .unwrap();
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        assert_hidden(&args.join(" "), &text);
        all.push_str(&text);
    }
    // The repair did happen, and the diff said so without the value.
    assert!(all.contains("--fix changes"), "{all}");
    let fixed = fs::read_to_string(dir.path().join(".env")).unwrap();
    assert!(
        fixed.contains(&format!("LANGFUSE_SECRET_KEY={SK}")),
        "{fixed}"
    );
}
