#!/usr/bin/env python3
"""Drives `zoomconn lsp` for benches/lsp.sh: opens a 1 MiB appsettings.json, then makes N
edits (a typo in one connection string, then its fix, in turn) and waits after each for the
diagnostics of the new version. Prints one line per edit: the wall time from sending the
change to receiving its diagnostics, in milliseconds."""
import json, subprocess, sys, time

server = sys.argv[1:-1]
edits = int(sys.argv[-1])

def frame(obj):
    body = json.dumps(obj).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body

def read(out):
    length = None
    while True:
        line = out.readline()
        if not line:
            raise SystemExit("the server closed its output")
        line = line.strip()
        if not line:
            break
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
    return json.loads(out.read(length))

# 1 MiB of appsettings.json: connection strings, one per line.
line = '    "Zoom%d": "Profile=Zoom.apip;Scope=\\"meeting:read\\";AuthScheme=OAuth;InitiateOAuth=GETANDREFRESH;OAuthClientId=abc123;OAuthClientSecret=s3cr3t;CallbackURL=http://localhost:33333",\n'
lines, size, i = [], 0, 0
while size < (1 << 20) - 200:
    l = line % i
    lines.append(l)
    size += len(l)
    i += 1
text = '{\n  "ConnectionStrings": {\n' + "".join(lines) + '    "Last": "x"\n  }\n}\n'
target_line = 2 + len(lines) // 2
target_col = lines[len(lines) // 2].index("GETANDREFRESH") + len("GETANDRE")

p = subprocess.Popen(server, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
uri = "file:///bench/appsettings.json"
p.stdin.write(frame({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}))
p.stdin.flush()
read(p.stdout)
p.stdin.write(frame({"jsonrpc": "2.0", "method": "initialized", "params": {}}))
p.stdin.write(frame({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
    "textDocument": {"uri": uri, "languageId": "json", "version": 1, "text": text}}}))
p.stdin.flush()

def wait(version):
    while True:
        m = read(p.stdout)
        if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["version"] == version:
            return m["params"]["diagnostics"]

wait(1)
for k in range(edits):
    version = k + 2
    # Odd edits break `GETANDREFRESH` (remove the F), even ones put it back.
    if k % 2 == 0:
        change = {"range": {"start": {"line": target_line, "character": target_col},
                            "end": {"line": target_line, "character": target_col + 1}}, "text": ""}
    else:
        change = {"range": {"start": {"line": target_line, "character": target_col},
                            "end": {"line": target_line, "character": target_col}}, "text": "F"}
    start = time.perf_counter()
    p.stdin.write(frame({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
        "textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}}))
    p.stdin.flush()
    diags = wait(version)
    ms = (time.perf_counter() - start) * 1000
    expected = 1 if k % 2 == 0 else 0
    if len(diags) != expected:
        raise SystemExit(f"edit {k}: {len(diags)} diagnostics, expected {expected}")
    print(f"{ms:.2f}")
p.stdin.write(frame({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}))
p.stdin.write(frame({"jsonrpc": "2.0", "method": "exit"}))
p.stdin.close()
p.wait()
