#!/usr/bin/env bash
# Packages every crate of the workspace as `cargo publish` would, in dependency order
# (zoomconn, then zoomconn-sources and zoomconn-oauth, then zoomconn-cli), and builds each
# package from its .crate file against the others' packages (`cargo package` verifies them
# together through a local registry).
set -euo pipefail
cd "$(dirname "$0")/.."
# Cargo keeps the packages of its temporary registry (target/package/tmp-registry) in
# $CARGO_HOME/registry/cache and unpacks them under $CARGO_HOME/registry/src, keyed by the
# registry's path, and reuses what is already there: packages left by an earlier run from the
# same folder would be verified instead of the new ones. Remove ours first.
# Its builds too: registry packages are never rebuilt for the same name and version, so the
# packages are built in a target directory of their own, new each run.
export CARGO_TARGET_DIR=target/publish-dry-run
rm -rf "$CARGO_TARGET_DIR"
home=${CARGO_HOME:-$HOME/.cargo}
rm -f "$home"/registry/cache/*/zoomconn-[0-9]*.crate "$home"/registry/cache/*/zoomconn-sources-*.crate \
  "$home"/registry/cache/*/zoomconn-oauth-*.crate "$home"/registry/cache/*/zoomconn-cli-*.crate
for old in "$home"/registry/src/*/zoomconn-*; do
  if [ -e "$old/Cargo.toml" ] && grep -q '^name = "zoomconn' "$old/Cargo.toml"; then
    rm -rf "$old"
  fi
done
cargo package --locked --allow-dirty -p zoomconn -p zoomconn-sources -p zoomconn-oauth -p zoomconn-cli
ls -l "$CARGO_TARGET_DIR"/package/*.crate
