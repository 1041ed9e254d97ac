#!/usr/bin/env bash
# Where the instructions of one workload of benches/instructions.rs go: runs it under callgrind
# in a release build with debug info and prints the hottest source lines.
# Usage: benches/profile.sh WORKLOAD [CALLS] [LINES]
set -euo pipefail
cd "$(dirname "$0")/.."
workload=${1:?usage: benches/profile.sh WORKLOAD [CALLS] [LINES]}
calls=${2:-1}
lines=${3:-40}
CARGO_PROFILE_RELEASE_DEBUG=true CARGO_TARGET_DIR=target/profile \
  cargo build --release -p zoomconn-benches --bench instructions --quiet
bin=$(ls -t target/profile/release/deps/instructions-* | grep -v '\.d$' | head -n 1)
out=$(mktemp)
valgrind --tool=callgrind --callgrind-out-file="$out" "$bin" "$workload" "$calls" >/dev/null 2>&1
echo "== by function (self cost, inlined code under the file it comes from)"
callgrind_annotate "$out" 2>/dev/null | grep -E '^ *[0-9,]+ \(' | sed -n "2,$((lines / 2 + 1))p"
echo "== by source line"
callgrind_annotate --auto=yes "$out" 2>/dev/null \
  | awk '/^-- Auto-annotated source: /{file=$4} /^ *[0-9][0-9,]* \( *[0-9.]+%\) / && file != "" {print $0 "   [" file "]"}' \
  | grep -v 'events annotated' | sort -t'(' -k2 -rn | head -n "$lines"
rm -f "$out"
