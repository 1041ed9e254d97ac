#!/usr/bin/env bash
# Linearity and memory on hostile inputs: each shape at 2 MiB and 8 MiB, parsed
# (ConnectionString::parse) and validated (zoomconn::validate), in a release build.
# Prints instructions per input byte (callgrind) at both sizes — equal figures mean linear
# time — and the peak heap as a multiple of the input size. Then every file reader and the
# human renderer (`benches/sources.rs`) at 256 KiB and 1 MiB.
# A workload whose cost per byte at the larger size exceeds the smaller size's by more than 10%
# is not linear: it is marked `NOT LINEAR` and the script exits 1 after the tables.
# Usage: benches/scaling.sh [all|core|sources]
set -euo pipefail
cd "$(dirname "$0")/.."
part=${1:-all}
failed=0
# linear SMALL LARGE: is the cost per byte at the larger size within 10% (and 1 instr/B) of
# the smaller's?
linear() {
  awk -v a="$1" -v b="$2" 'BEGIN{exit !(b <= a * 1.10 + 1)}'
}
count() {
  local out; out=$(mktemp)
  valgrind --tool=callgrind --callgrind-out-file="$out" "$bin" "$1" "$2" >/dev/null 2>&1
  grep -E '^(summary|totals):' "$out" | head -n 1 | awk '{print $2}'; rm -f "$out"
}
if [ "$part" != sources ]; then
cargo build --release -p zoomconn-benches --bench instructions --quiet
bin=$(ls -t target/release/deps/instructions-* | grep -v '\.d$' | head -n 1)
printf '%-22s %12s %12s %12s\n' workload "instr/B@2MiB" "instr/B@8MiB" "peak/input@8MiB"
for op in hostile validate; do
  for shape in semicolons equals quotes quotes-x duplicates distinct long-key nested; do
    row=()
    for mib in 2 8; do
      w="$op-$shape:$mib"
      base=$(count "$w" 0); full=$(count "$w" 1)
      info=$("$bin" "$w" 1)
      bytes=$(sed -E 's/.* ([0-9]+) input bytes/\1/' <<<"$info")
      peak=$(sed -E 's/.*peak ([0-9]+) heap bytes.*/\1/' <<<"$info")
      row+=("$(awk -v a="$((full - base))" -v b="$bytes" 'BEGIN{printf "%.1f", a/b}')")
      ratio=$(awk -v a="$peak" -v b="$bytes" 'BEGIN{printf "%.2f", a/b}')
    done
    mark=""
    linear "${row[0]}" "${row[1]}" || { mark="  NOT LINEAR"; failed=1; }
    printf '%-22s %12s %12s %12s%s\n' "$op-$shape" "${row[0]}" "${row[1]}" "$ratio" "$mark"
  done
done
fi
[ "$part" = core ] && exit "$failed"

# The file readers (find + validate) and the human renderer, at 256 KiB and 1 MiB.
cargo build --release -p zoomconn-benches --bench sources --quiet
bin=$(ls -t target/release/deps/sources-* | grep -v '\.d$' | head -n 1)
printf '\n%-22s %14s %14s\n' workload "instr/B@256KiB" "instr/B@1MiB"
for w in json xml xml-amp yaml env properties ini odbc prp code text human-secrets human-long-line; do
  row=()
  for kib in 256 1024; do
    base=$(count "$w:$kib" 0); full=$(count "$w:$kib" 1)
    bytes=$("$bin" "$w:$kib" 0 | sed -E 's/.*: ([0-9]+) input bytes.*/\1/')
    row+=("$(awk -v a="$((full - base))" -v b="$bytes" 'BEGIN{printf "%.1f", a/b}')")
  done
  mark=""
  linear "${row[0]}" "${row[1]}" || { mark="  NOT LINEAR"; failed=1; }
  printf '%-22s %14s %14s%s\n' "$w" "${row[0]}" "${row[1]}" "$mark"
done
exit "$failed"
