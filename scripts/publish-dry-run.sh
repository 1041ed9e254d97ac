#!/usr/bin/env bash
# Packages every crate of the workspace as `cargo publish` would, in dependency order
# (zoomconn, then zoomconn-sources and zoomconn-oauth, then zoomconn-cli), and builds each
# package from its .crate file against the others' packages (`cargo package` verifies them
# together through a local registry).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo package --locked --allow-dirty -p zoomconn -p zoomconn-sources -p zoomconn-oauth -p zoomconn-cli
ls -l target/package/*.crate
