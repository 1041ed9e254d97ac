#!/usr/bin/env bash
# CI smoke of every fuzz target: SECONDS (default 20) each, from the seed corpora in
# fuzz/seeds/ (fuzz/run.sh does the running; what it finds goes to fuzz/corpus/, which git
# ignores). Installs cargo-fuzz when it is missing. The fuzz build is a second full build
# (with AddressSanitizer, in fuzz/target/), so CI calls this after the tests.
# Usage: fuzz/smoke.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-20}
if [ "$seconds" -gt 20 ]; then
  echo "fuzz/smoke.sh runs each target for 20 s at most; use fuzz/run.sh for longer runs" >&2
  exit 2
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "== installing cargo-fuzz (cargo install cargo-fuzz --locked)"
  cargo install cargo-fuzz --locked
fi
start=$(date +%s)
# A fixed seed and a bounded number of runs: the smoke is the same on every machine, so a CI
# result can be reproduced (fuzz/run.sh without FUZZ_FLAGS explores at random).
FUZZ_FLAGS="-seed=1 -runs=20000" ./run.sh "$seconds" \
  tokenizer connection_string reference config readers renderers token_response leaks fmt_roundtrip
echo "== fuzz smoke took $(( $(date +%s) - start )) s (build included)"
