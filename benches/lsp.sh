#!/usr/bin/env bash
# `zoomconn lsp`: the time from an edit of a 1 MiB appsettings.json to its new diagnostics
# (release build, `--debounce-ms 0`, so that the figure is the server's work and the pipe,
# not the editor's quiet time). Wall time: median and maximum of 40 edits. Instructions:
# valgrind callgrind over a session of K edits and one of none; the difference divided by K
# is one re-check (start-up, the didOpen and the first check cancel out).
# Needs python3 (the driver, benches/lsp_driver.py); valgrind for the instruction count.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -p zoomconn-cli --bin zoomconn --quiet
bin=target/release/zoomconn
driver=benches/lsp_driver.py
echo "wall time per edit (ms), 40 edits:"
python3 "$driver" "$bin" lsp --debounce-ms 0 40 | sort -n | awk '{ a[NR] = $1 } END { printf "  median %.2f  max %.2f\n", a[int((NR + 1) / 2)], a[NR] }'
if command -v valgrind > /dev/null; then
  dir=$(mktemp -d)
  k=10
  for n in 0 "$k"; do
    python3 "$driver" valgrind --tool=callgrind --callgrind-out-file="$dir/cg.$n" "$bin" lsp --debounce-ms 0 "$n" > /dev/null 2>&1
  done
  total() { callgrind_annotate "$1" 2> /dev/null | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1 }'; }
  a=$(total "$dir/cg.0"); b=$(total "$dir/cg.$k")
  echo "instructions per re-check (callgrind, $k edits): $(( (b - a) / k ))"
  rm -rf "$dir"
fi
