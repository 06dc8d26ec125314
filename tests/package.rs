//! What Cargo.toml promises about the package, checked against `cargo metadata`: the declared
//! `rust-version` is the real minimum of the locked dependency graph, the licence files exist, and
//! the crates this project chose to leave out (aws-lc's C build, anyhow) stay out.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::process::Command;

use serde_json::Value;

fn metadata() -> Value {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let output = Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--locked"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo metadata runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

fn version_key(version: &str) -> Vec<u64> {
    let mut parts: Vec<u64> = version.split('.').map(|p| p.parse().unwrap()).collect();
    parts.resize(3, 0);
    parts
}

/// Every package the binary is built from (normal and build edges, every target platform), by id.
fn shipped(metadata: &Value) -> Vec<&Value> {
    let packages: HashMap<&str, &Value> = metadata["packages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["id"].as_str().unwrap(), p))
        .collect();
    let nodes: HashMap<&str, &Value> = metadata["resolve"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| (n["id"].as_str().unwrap(), n))
        .collect();
    let root = metadata["resolve"]["root"].as_str().unwrap();
    let mut seen = BTreeSet::new();
    let mut stack = vec![root];
    while let Some(id) = stack.pop() {
        if !seen.insert(id) {
            continue;
        }
        for dep in nodes[id]["deps"].as_array().unwrap() {
            let shipped_edge = dep["dep_kinds"]
                .as_array()
                .unwrap()
                .iter()
                .any(|kind| kind["kind"].is_null() || kind["kind"] == "build");
            if shipped_edge {
                stack.push(dep["pkg"].as_str().unwrap());
            }
        }
    }
    seen.into_iter()
        .filter(|id| *id != root)
        .map(|id| packages[id])
        .collect()
}

fn root_package(metadata: &Value) -> &Value {
    let root = metadata["resolve"]["root"].as_str().unwrap();
    metadata["packages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == root)
        .unwrap()
}

#[test]
fn rust_version_is_the_highest_minimum_of_the_dependencies() {
    let metadata = metadata();
    let ours = root_package(&metadata)["rust_version"]
        .as_str()
        .expect("Cargo.toml declares rust-version");
    let (highest, by) = shipped(&metadata)
        .into_iter()
        .filter_map(|p| {
            let version = p["rust_version"].as_str()?;
            Some((
                version_key(version),
                format!("{} {}", p["name"], p["version"]),
            ))
        })
        .max()
        .unwrap();
    // Lower would promise a toolchain the dependencies refuse; higher would refuse toolchains
    // that build it (our own code is held to it by clippy's incompatible_msrv lint).
    assert_eq!(
        version_key(ours),
        highest,
        "rust-version {ours}, but the highest minimum among the dependencies is {highest:?} ({by})"
    );
}

#[test]
fn the_licence_is_declared_and_both_texts_ship() {
    let metadata = metadata();
    let package = root_package(&metadata);
    assert_eq!(package["license"], "MIT OR Apache-2.0");
    for field in ["description", "readme", "rust_version"] {
        assert!(package[field].is_string(), "{field} is missing");
    }
    assert!(!package["keywords"].as_array().unwrap().is_empty());
    assert!(!package["categories"].as_array().unwrap().is_empty());
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let apache = std::fs::read_to_string(root.join("LICENSE-APACHE")).unwrap();
    assert!(apache.contains("Apache License") && apache.contains("Version 2.0"));
    let mit = std::fs::read_to_string(root.join("LICENSE-MIT")).unwrap();
    assert!(mit.contains("Permission is hereby granted, free of charge"));
}

#[test]
fn the_dependencies_left_out_stay_out() {
    let metadata = metadata();
    let names: BTreeSet<&str> = shipped(&metadata)
        .into_iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    // aws-lc-sys is a C build of a minute on two cores; ring is the provider (src/io/probe.rs).
    for left_out in [
        "aws-lc-sys",
        "aws-lc-rs",
        "anyhow",
        "openssl-sys",
        "libdbus-sys",
    ] {
        assert!(!names.contains(left_out), "{left_out} is back in the build");
    }
    assert!(names.contains("ring"));
}
