#!/usr/bin/env bash
# `zoomconn check .` and `zoomconn find .` on the text of real repositories, beside
# `rg -l 'InitiateOAuth|Profile='` on the same tree: wall time, CPU time (user + system) and
# peak memory, and the ratios of zoomconn's to rg's. Also the exit status of `check` on each
# repository alone (0 or 1 expected: never 2 without --strict).
#
# Usage: benches/real_tree.sh SOURCE...
#   SOURCE: a bare git directory (its HEAD is archived, e.g. a mirror fetched from GitHub) or
#   a directory (copied as it is). The tree is built in a temporary directory and removed at
#   the end; nothing of it is kept in this repository.
# Needs rg; uses hyperfine when installed (else a loop with /usr/bin/time).
set -euo pipefail
[ $# -gt 0 ] || { sed -n '2,11p' "$0"; exit 2; }
here=$(cd "$(dirname "$0")/.." && pwd)
tree=$(mktemp -d)
trap 'rm -rf "$tree"' EXIT
for src in "$@"; do
  name=$(basename "$(dirname "$src")")
  [ "$(basename "$src")" = repo ] || name=$(basename "$src")
  mkdir -p "$tree/$name"
  if git --git-dir "$src" rev-parse HEAD >/dev/null 2>&1 && [ ! -d "$src/.git" ]; then
    git --git-dir "$src" archive HEAD | tar -x -C "$tree/$name"
  else
    cp -R "$src"/. "$tree/$name"
  fi
done
(cd "$here" && CARGO_BUILD_JOBS=${CARGO_BUILD_JOBS:-1} cargo build --release -p zoomconn-cli --bin zoomconn --quiet)
bin=$here/target/release/zoomconn
cd "$tree"
# rg, like zoomconn, honours .gitignore only inside a git repository: make the tree one, as
# a checkout is.
git init -q . && git -c user.name=b -c user.email=b@b add -A >/dev/null 2>&1 || true
files=$(find . -path ./.git -prune -o -type f -print | wc -l)
bytes=$(du -sb --exclude=.git . | cut -f1)
echo "tree: $files files, $((bytes / 1024 / 1024)) MiB, $(nproc) cores"
echo
echo "exit status of check on each repository:"
for d in */; do
  set +e; "$bin" check "$d" >/dev/null 2>&1; rc=$?; set -e
  printf '  %-40s %d\n' "${d%/}" "$rc"
done
echo
rg_cmd="rg -l 'InitiateOAuth|Profile=' . >/dev/null || true"
check_cmd="$bin check . >/dev/null || true"
find_cmd="$bin find . >/dev/null || true"
# Warm the page cache.
for c in "$rg_cmd" "$check_cmd" "$find_cmd"; do bash -c "$c"; done
declare -A wall cpu rss
runs=${RUNS:-10}
for key in rg check find; do
  case $key in rg) c=$rg_cmd ;; check) c=$check_cmd ;; find) c=$find_cmd ;; esac
  total_cpu=0; peak=0
  for _ in $(seq "$runs"); do
    /usr/bin/time -o "$tree/.time" -f '%U %S %M' bash -c "$c"
    read -r u s m < "$tree/.time"
    total_cpu=$(awk -v a="$total_cpu" -v u="$u" -v s="$s" 'BEGIN{print a + u + s}')
    [ "$m" -gt "$peak" ] && peak=$m
  done
  cpu[$key]=$(awk -v a="$total_cpu" -v n="$runs" 'BEGIN{printf "%.3f", a / n}')
  rss[$key]=$peak
done
if command -v hyperfine >/dev/null; then
  hyperfine -N --warmup 2 --runs "$runs" --export-json "$tree/.hf.json" \
    -n rg "rg -l 'InitiateOAuth|Profile=' ." -n check "$bin check ." -n find "$bin find ." \
    -i >/dev/null
  for key in rg check find; do
    wall[$key]=$(python3 -c "import json,sys; r={x['command']:x for x in json.load(open('$tree/.hf.json'))['results']}; print('%.3f' % r['$key']['median'])")
  done
else
  for key in rg check find; do
    case $key in rg) c=$rg_cmd ;; check) c=$check_cmd ;; find) c=$find_cmd ;; esac
    start=$(date +%s.%N)
    for _ in $(seq "$runs"); do bash -c "$c"; done
    wall[$key]=$(awk -v a="$start" -v b="$(date +%s.%N)" -v n="$runs" 'BEGIN{printf "%.3f", (b - a) / n}')
  done
fi
printf '%-8s %10s %10s %12s %10s %10s\n' command "wall s" "CPU s" "peak RSS KB" "wall/rg" "CPU/rg"
for key in rg check find; do
  printf '%-8s %10s %10s %12s %10s %10s\n' "$key" "${wall[$key]}" "${cpu[$key]}" "${rss[$key]}" \
    "$(awk -v a="${wall[$key]}" -v b="${wall[rg]}" 'BEGIN{printf "%.2f", a / b}')" \
    "$(awk -v a="${cpu[$key]}" -v b="${cpu[rg]}" 'BEGIN{printf "%.2f", a / b}')"
done
