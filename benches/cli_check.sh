#!/usr/bin/env bash
# `zoomconn check` on large files: a plain-text file of N lines and an appsettings.json with
# N/10 connection strings, at two sizes. Prints wall time, peak memory (max RSS) and their
# ratio to the file size: time and memory should grow linearly.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -p zoomconn-cli --bin zoomconn --quiet
bin=target/release/zoomconn
dir=$(mktemp -d)
line='Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=GETANDREFRESH;OAuthClientId=your_client_id;OAuthClientSecret=s3cr3t;CallbackURL=http://localhost:33333;Timeout=x'
for n in 25000 100000; do
  awk -v n="$n" -v l="$line" 'BEGIN { for (i = 0; i < n; i++) print l }' > "$dir/conns-$n.txt"
  m=$((n / 10))
  { echo '{"ConnectionStrings": {'
    for i in $(seq 1 "$m"); do
      sep=','; [ "$i" = "$m" ] && sep=''
      printf '  "Zoom%d": "Profile=Zoom.apip;Scope=\\"a b\\";AuthScheme=OAuth2;OAuthClientSecret=s3cr3t"%s\n' "$i" "$sep"
    done
    echo '}}'; } > "$dir/appsettings-$m.json"
done
printf '%-26s %10s %10s %9s %10s %12s\n' file bytes seconds "MaxRSS KB" findings "RSS/bytes"
for f in "$dir"/conns-25000.txt "$dir"/conns-100000.txt "$dir"/appsettings-2500.json "$dir"/appsettings-10000.json; do
  bytes=$(stat -c %s "$f")
  /usr/bin/time -o "$dir/time" -f '%e %M' "$bin" check --format short "$f" > "$dir/out" 2>/dev/null || true
  out=$(tail -n 1 "$dir/time")
  secs=${out% *}; rss=${out#* }
  printf '%-26s %10d %10s %9s %10d %12s\n' "$(basename "$f")" "$bytes" "$secs" "$rss" "$(wc -l < "$dir/out")" \
    "$(awk -v r="$rss" -v b="$bytes" 'BEGIN{printf "%.2f", r*1024/b}')"
done
rm -rf "$dir"
