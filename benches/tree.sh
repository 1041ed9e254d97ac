#!/usr/bin/env bash
# `zoomconn check` and `zoomconn find` on a generated tree of 10,000 files (mixed kinds: JSON,
# XML, YAML, .env, .properties, source code, Markdown; 1% hold a CData string), beside
# `rg -l 'InitiateOAuth|Profile='` on the same tree in the same run. Prints the best of 5
# wall times, the ratio to ripgrep (target ≤ 3×) and the peak memory (max RSS), then the peak
# memory with one file of 32 MiB added: memory follows the largest file, not the tree.
# Needs ripgrep (`apt-get install -y ripgrep`) and GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -p zoomconn-cli --bin zoomconn --quiet
bin=$PWD/target/release/zoomconn
command -v rg >/dev/null || { echo "ripgrep (rg) is needed: apt-get install -y ripgrep"; exit 1; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 - "$dir" <<'PY'
import json, os, sys, random
root = sys.argv[1]
random.seed(7)
kinds = ["json", "config", "yml", "env", "properties", "cs", "py", "md", "java", "txt"]
zoom = "Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=GETANDREFRESH;OAuthClientId=abc;OAuthClientSecret=s3cr3t;CallbackURL=http://localhost:33333;Timeout=x"
filler = "".join(f"line {i}: the quick brown fox jumps over the lazy dog = {i * 7}\n" for i in range(40))
def body(kind, cdata, i):
    s = zoom if cdata else f"Server=db{i};Database=app;User Id=sa;Password=pw{i}"
    if kind == "json":
        return '{\n  // settings\n  "Logging": {"Level": "Information"},\n  "ConnectionStrings": {"Main": "%s"},\n  "Notes": %s\n}\n' % (s, json.dumps("x" * 200))
    if kind == "config":
        return '<?xml version="1.0"?>\n<configuration>\n  <connectionStrings>\n    <add name="Main" connectionString="%s" />\n  </connectionStrings>\n</configuration>\n' % s
    if kind == "yml":
        return "services:\n  app:\n    image: app:1\n    environment:\n      - MAIN=%s\n      - LEVEL=debug\n" % s
    if kind == "env":
        return 'LEVEL=debug\nMAIN="%s"\n' % s
    if kind == "properties":
        return "level=debug\nmain=%s\n" % s
    if kind in ("cs", "java"):
        return 'class C%d {\n    static string Main = "%s";\n%s}\n' % (i, s, "".join("    // %s" % l for l in filler.splitlines(True)))
    if kind == "py":
        return 'MAIN = "%s"\n%s' % (s, "".join("# " + l for l in filler.splitlines(True)))
    return "# Notes %d\n\n%s\n    %s\n" % (i, filler, s)
cdata_files = set(random.sample(range(10000), 100))
for i in range(10000):
    d = os.path.join(root, f"d{i % 100:02d}", f"e{i % 7}")
    os.makedirs(d, exist_ok=True)
    kind = kinds[i % len(kinds)]
    name = {"config": "app.config", "env": f"s{i}.env"}.get(kind, f"f{i}.{kind}")
    if kind == "config":
        name = f"a{i}.config"
    with open(os.path.join(d, name), "w") as f:
        f.write(body(kind, i in cdata_files, i))
PY
files=$(find "$dir" -type f | wc -l)
bytes=$(du -sb "$dir" | cut -f1)
best() { # best wall time (s) and max RSS (KB) of 5 runs of "$@"
  local t=999 r=0
  for _ in 1 2 3 4 5; do
    /usr/bin/time -o "$dir.time" -f '%e %M' "$@" >/dev/null 2>&1 || true
    read -r secs rss < <(tail -n 1 "$dir.time")
    t=$(awk -v a="$t" -v b="$secs" 'BEGIN{print (b<a)?b:a}')
    r=$(( rss > r ? rss : r ))
  done
  echo "$t $r"
}
read -r rg_t rg_m < <(best rg -l 'InitiateOAuth|Profile=' "$dir")
read -r ch_t ch_m < <(best "$bin" check --format short "$dir")
read -r fi_t fi_m < <(best "$bin" find --format json "$dir")
found=$("$bin" find --format json "$dir" | wc -l)
echo "tree: $files files, $bytes bytes, $found CData strings; $(nproc) cores"
printf '%-40s %8s %8s %10s\n' command seconds "×rg" "MaxRSS KB"
printf '%-40s %8s %8s %10s\n' "rg -l 'InitiateOAuth|Profile='" "$rg_t" 1.0 "$rg_m"
for row in "zoomconn check --format short:$ch_t:$ch_m" "zoomconn find --format json:$fi_t:$fi_m"; do
  IFS=: read -r name t m <<<"$row"
  printf '%-40s %8s %8s %10s\n' "$name" "$t" "$(awk -v a="$t" -v b="$rg_t" 'BEGIN{printf "%.1f", (b>0)?a/b:0}')" "$m"
done
python3 -c "
import sys
line = 'Profile=Zoom.apip;AuthScheme=OAuth;Timeout=x\n'
open(sys.argv[1], 'w').write(line * (32 * 1024 * 1024 // len(line)))
" "$dir/d00/big.txt"
read -r big_t big_m < <(best "$bin" check --format short "$dir")
echo "with one 32 MiB file added: check ${big_t}s, MaxRSS ${big_m} KB"
