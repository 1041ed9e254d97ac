#!/usr/bin/env bash
# Instruction counts per call (valgrind callgrind) and allocations per call, for every workload
# of benches/instructions.rs. Each workload runs twice under callgrind, with 0 and K calls; the
# difference divided by K is the cost of one call, free of start-up and input construction.
# Usage: benches/callgrind.sh [WORKLOAD...]
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -p zoomconn-benches --bench instructions --quiet 2>/dev/null || cargo build --release -p zoomconn-benches --bench instructions
bin=$(ls -t target/release/deps/instructions-* | grep -v '\.d$' | head -n 1)
workloads=("$@")
[ ${#workloads[@]} -gt 0 ] || workloads=(seed-tokenize seed-parse seed-peer valid-config valid-peer realistic-1 realistic-2 realistic-3 realistic-4 realistic-5 realistic-6 realistic-7 realistic-8 realistic-9 realistic-10 realistic-11 realistic-12 realistic-13 realistic-14 realistic-15 realistic-16 realistic-17 realistic-18 realistic-19 realistic-20 realistic-21 realistic-22 realistic-23 realistic-24 realistic-25 realistic-26 realistic-27 realistic-28 realistic-29 realistic-30 realistic-31 realistic-32 realistic-33 realistic-34 realistic-35 realistic-36 realistic-37 realistic-38 realistic-39 realistic-40 realistic-41 realistic-42 realistic-43 read-1 read-4 read-10 read-13 realistic-peer semicolons a-eq quotes pairs hostile-quotes-x:1 hostile-equals:1 validate-equals:1)
count() { # total instructions of one run
  local out; out=$(mktemp)
  valgrind --tool=callgrind --callgrind-out-file="$out" "$bin" "$1" "$2" >/dev/null 2>&1
  local total; total=$(grep -E '^(summary|totals):' "$out" | head -n 1 | awk '{print $2}')
  rm -f "$out"; echo "$total"
}
printf '%-16s %14s %10s %8s %s\n' workload instr/call instr/byte allocs bytes
for w in "${workloads[@]}"; do
  case $w in semicolons|a-eq|quotes|pairs|*:*) k=3 ;; *) k=2000 ;; esac
  base=$(count "$w" 0); full=$(count "$w" "$k")
  info=$("$bin" "$w" 1)
  bytes=$(sed -E 's/.* ([0-9]+) input bytes/\1/' <<<"$info")
  allocs=$(sed -E 's/.*, ([0-9]+) allocations.*/\1/' <<<"$info")
  per=$(( (full - base) / k ))
  printf '%-16s %14d %10s %8s %s\n' "$w" "$per" "$(awk -v a="$per" -v b="$bytes" 'BEGIN{printf "%.2f", a/b}')" "$allocs" "$bytes"
done
