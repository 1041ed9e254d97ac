#!/usr/bin/env bash
# Peak memory of `zoomconn check` per file reader on hostile inputs of SIZE bytes (default
# 16 MiB): floods of tiny entries, deep nesting, and floods of connection strings. Prints one
# Markdown row per input: the peak resident set size (`/usr/bin/time -v`), and that peak over
# the input's size.
# Usage: benches/memory.sh [SIZE_MIB] [PROFILE]   (PROFILE: dev (default) or release)
# Needs GNU time at /usr/bin/time: on Debian/Ubuntu `apt-get install time` installs it.
set -euo pipefail
cd "$(dirname "$0")/.."
mib=${1:-16}
profile=${2:-dev}
if [ ! -x /usr/bin/time ]; then
  echo "needs GNU time at /usr/bin/time (apt-get install time)" >&2
  exit 1
fi
cargo build --quiet -p zoomconn-cli --profile "$profile"
dir=target/debug
[ "$profile" = dev ] || dir="target/$profile"
bin="$PWD/$dir/zoomconn"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# gen NAME UNIT [OPEN] [CLOSE]: UNIT repeated to fill the size between OPEN and CLOSE.
gen() {
  python3 - "$work/$1" "$2" "${3:-}" "${4:-}" "$((mib << 20))" <<'PY'
import sys
path, unit, open_, close, size = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
unit, open_, close = (s.encode().decode('unicode_escape') for s in (unit, open_, close))
n = (size - len(open_) - len(close)) // len(unit)
with open(path, 'w') as f:
    f.write(open_ + unit * n + close)
PY
}
# deep NAME OPEN CLOSE: OPEN repeated half the size, then CLOSE as often.
deep() {
  python3 - "$work/$1" "$2" "$3" "$((mib << 20))" <<'PY'
import sys
path, o, c, size = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
n = size // (len(o) + len(c))
with open(path, 'w') as f:
    f.write(o * n + c * n)
PY
}

gen flood.json '"=",' '[' '"="]'
deep deep.json '[' ']'
gen flood.xml '<a b="="/>' '<r>' '</r>'
deep deep.xml '<a>' '</a>'
gen flood.yaml '- =\n'
gen deep.yaml '- ' '' 'a\n'
gen flood.env 'A==\n'
gen flood.properties 'a==\n'
gen flood.ini 'a==\n' '[s]\n'
gen flood.cs '"=";\n'
gen lines.cs 'x=1;'
# Connection strings themselves: streamed out of a .env file; held, up to MAX_STRINGS, in JSON.
gen strings.env 'Z=Profile=Zoom.apip\n'
gen strings.json '"Profile=Zoom.apip",' '[' '"x"]'

echo "| input ($mib MiB) | exit | peak RSS | RSS / input |"
echo "|---|---|---|---|"
for f in flood.json deep.json flood.xml deep.xml flood.yaml deep.yaml flood.env flood.properties flood.ini flood.cs lines.cs strings.env strings.json; do
  size=$(stat -c %s "$work/$f")
  set +e
  /usr/bin/time -v "$bin" check "$work/$f" >/dev/null 2>"$work/time.txt"
  code=$?
  set -e
  kib=$(grep 'Maximum resident' "$work/time.txt" | awk '{print $NF}')
  awk -v f="$f" -v c="$code" -v k="$kib" -v s="$size" \
    'BEGIN { printf "| %s | %d | %.1f MiB | %.2f× |\n", f, c, k / 1024, k * 1024 / s }'
done
