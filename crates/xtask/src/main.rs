//! `cargo run -p xtask -- frontend [--dev]`: builds the SPA into `frontend/dist/`.
//!
//! The wasm-bindgen step is a library call pinned to the `wasm-bindgen` version in
//! `Cargo.lock`, so the build needs nothing but the registry and the wasm32 target (no
//! separately installed CLI whose version could drift from the lock file).

use std::io::Write;
use std::path::PathBuf;
use std::process::Command;

use anyhow::{bail, Context, Result};

const TARGET: &str = "wasm32-unknown-unknown";

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("frontend") => build_frontend(!args.iter().any(|a| a == "--dev")),
        _ => bail!("usage: cargo run -p xtask -- frontend [--dev]"),
    }
}

/// The checkout this run is for. `cargo run` sets CARGO_MANIFEST_DIR at run time; it is
/// read then rather than baked in at build time, because two checkouts sharing one
/// CARGO_TARGET_DIR share the `xtask` binary too.
fn workspace_root() -> PathBuf {
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    manifest.join("../..").canonicalize().expect("workspace root")
}

fn build_frontend(release: bool) -> Result<()> {
    let root = workspace_root();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut cmd = Command::new(cargo);
    cmd.current_dir(&root)
        .args(["build", "-p", "ioc-frontend", "--target", TARGET]);
    if release {
        cmd.args(["--profile", "wasm-release"]);
    }
    let status = cmd.status().context("running cargo build for the frontend")?;
    if !status.success() {
        bail!("building the frontend for {TARGET} failed (is the target installed? scripts/setup.sh adds it)");
    }

    let target_dir = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .map(|p| if p.is_absolute() { p } else { root.join(p) })
        .unwrap_or_else(|| root.join("target"));
    let profile = if release { "wasm-release" } else { "debug" };
    let wasm = target_dir.join(TARGET).join(profile).join("ioc-frontend.wasm");
    let wasm = if wasm.exists() {
        wasm
    } else {
        target_dir.join(TARGET).join(profile).join("ioc_frontend.wasm")
    };

    let dist = root.join("frontend/dist");
    let pkg = dist.join("pkg");
    if dist.exists() {
        std::fs::remove_dir_all(&dist).context("clearing frontend/dist")?;
    }
    std::fs::create_dir_all(&pkg)?;
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(&wasm)
        .out_name("ioc_frontend")
        .web(true)?
        // The library's default (true) leaves `init()` without its default wasm URL; the CLI
        // keeps it, and index.html relies on it.
        .omit_default_module_path(false)
        .typescript(false)
        // Function names are for debuggers; shipped, they are a large share of the file.
        .remove_name_section(release)
        .remove_producers_section(release)
        .generate(&pkg)
        .with_context(|| format!("wasm-bindgen on {}", wasm.display()))?;

    let wasm_out = pkg.join("ioc_frontend_bg.wasm");
    let bytes = std::fs::read(&wasm_out)?;
    // Cache busting: the page names the build it loads, so a new deployment is never mixed
    // with a cached older wasm.
    let stamp = format!("{:016x}", fnv1a(&bytes));
    for name in ["index.html", "boot.js", "style.css", "favicon.svg"] {
        let src = root.join("frontend").join(name);
        let text = std::fs::read_to_string(&src).with_context(|| format!("reading {}", src.display()))?;
        std::fs::write(dist.join(name), text.replace("{{BUILD}}", &stamp))?;
    }

    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(&bytes)?;
    let gz_len = gz.finish()?.len();
    println!(
        "{} built ({profile}): wasm {} bytes, {} bytes gzipped (level 9)",
        dist.display(),
        bytes.len(),
        gz_len
    );
    Ok(())
}

/// FNV-1a, a stable 64-bit hash (std's hasher may change between releases).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}
