#!/usr/bin/env bash
# Builds what ships and stages it in one folder: `$OUT/bin/ioc` (the server) and `$OUT/web/`
# (the SPA, served with IOC_STATIC_DIR). The Dockerfile runs this script (release profile);
# scripts/test.sh runs it with --debug and the browser suite runs against what it staged, so
# CI goes through the image's build path on every run.
#   scripts/build-release.sh [--debug] [--out DIR]      (default: release, DIR=dist)
set -euo pipefail
cd "$(dirname "$0")/.."

profile=release
out=dist
while [ $# -gt 0 ]; do
  case "$1" in
    --debug) profile=dev ;;
    --out) out="$2"; shift ;;
    *) echo "usage: $0 [--debug] [--out DIR]" >&2; exit 2 ;;
  esac
  shift
done

# The SPA: always the size-optimised wasm-release build (xtask pins wasm-bindgen to Cargo.lock).
cargo run -q --locked -p xtask -- frontend
cargo build -q --locked -p ioc-api --bin ioc --profile "$profile"

target_dir="${CARGO_TARGET_DIR:-$PWD/target}"
case "$target_dir" in /*) ;; *) target_dir="$PWD/$target_dir" ;; esac
bin_dir=$([ "$profile" = dev ] && echo debug || echo release)

mkdir -p "$out/bin"
rm -rf "$out/web.new"
cp -r frontend/dist "$out/web.new"
rm -rf "$out/web"
mv "$out/web.new" "$out/web"
# Replace, never overwrite in place: a running copy of the old binary keeps its inode.
cp "$target_dir/$bin_dir/ioc" "$out/bin/ioc.new"
mv -f "$out/bin/ioc.new" "$out/bin/ioc"
echo "build-release: staged $out/bin/ioc ($profile) and $out/web/"
