#!/usr/bin/env bash
# Runs every fuzz target for SECONDS seconds (default 60), one after another, starting from
# the seed corpora in fuzz/seeds/ and keeping what each run finds in fuzz/corpus/.
# Usage: fuzz/run.sh [SECONDS] [TARGET...]     (needs `cargo install cargo-fuzz`)
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(tokenizer connection_string reference config readers renderers token_response leaks fmt_roundtrip)

# cargo-fuzz passes nightly-only flags (-Zsanitizer=address, …) to rustc. On a stable
# toolchain RUSTC_BOOTSTRAP=1 lets rustc accept them; it is set for these commands only.
export RUSTC_BOOTSTRAP=1

for t in "${targets[@]}"; do
  mkdir -p "corpus/$t"
  echo "== $t: ${seconds}s"
  seeds="seeds/$t"
  [ "$t" = reference ] && seeds=seeds/connection_string   # the same inputs
  [ "$t" = renderers ] && seeds=seeds/readers               # the same inputs
  [ "$t" = leaks ] && seeds=seeds/config                     # connection strings
  # The file readers and renderers take inputs up to 1 MiB.
  max_len=()
  # -len_control=0: long inputs from the start, not after hours of growing.
  case "$t" in readers|renderers) max_len=(-max_len=1048576 -len_control=0) ;; esac
  cargo fuzz run "$t" "corpus/$t" "$seeds" -- -max_total_time="$seconds" ${FUZZ_FLAGS:-} -print_final_stats=1 "${max_len[@]}" \
    -rss_limit_mb=4096 -timeout=10 2>&1 | tee "last-$t.log" | grep -E '^(#[0-9]+ *DONE|stat::|SUMMARY|==[0-9]+==ERROR|Done)' || true
  if grep -q -E 'SUMMARY|ERROR: libFuzzer|panicked' "last-$t.log"; then
    echo "!! $t found a problem: see fuzz/last-$t.log and fuzz/artifacts/$t/"
    exit 1
  fi
done
echo "== all targets ran clean for ${seconds}s each"
