#!/usr/bin/env bash
# API fuzzing: Schemathesis against a running server, driven by the server's own OpenAPI
# document (/api/v1/openapi.json), with every check (status codes, content types, headers
# and bodies against the document; no 5xx; schema-valid requests accepted and invalid ones
# rejected; stateful sequences through the document's links).
#
#   Tests/api-fuzz/run.sh [schemathesis arguments...]
#
# 1. finds the `safezones` binary (SAFEZONES_BIN, else `swift build` and .build/debug/safezones);
# 2. makes a Python virtualenv (FUZZ_VENV, default Tests/api-fuzz/.venv, git-ignored) and
#    installs Schemathesis from PyPI into it (once; reused afterwards);
# 3. starts the server on a free loopback port with a fresh temporary data folder (the
#    shipped knowledge base is seeded) and waits for /health;
# 4. runs Schemathesis for FUZZ_TIME seconds (default 110) with the settings in
#    Tests/api-fuzz/schemathesis.toml (fixed seed; FUZZ_SEED overrides it) and the hooks in
#    Tests/api-fuzz/hooks.py (Monte Carlo samples capped, seeds kept in range); a JUnit report goes to
#    FUZZ_REPORTS (default /tmp/safezones-api-fuzz);
# 5. stops the server and removes the data folder in every case.
#
# Exits non-zero when Schemathesis reports a failure or the server does not start.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
VENV="${FUZZ_VENV:-$HERE/.venv}"
REPORTS="${FUZZ_REPORTS:-/tmp/safezones-api-fuzz}"
FUZZ_TIME="${FUZZ_TIME:-110}"
PYTHON="${PYTHON:-python3}"

WORK=""
SERVER_PID=""

cleanup() {
  local status=$?
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  if [[ $status -ne 0 && -n "$WORK" && -f "$WORK/server.log" ]]; then
    echo "---- last lines of the server log:" >&2
    tail -n 40 "$WORK/server.log" >&2 || true
  fi
  [[ -n "$WORK" ]] && rm -rf "$WORK"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# 1. The binary.
if [[ -n "${SAFEZONES_BIN:-}" ]]; then
  BIN="$SAFEZONES_BIN"
else
  (cd "$ROOT" && swift build --product safezones)
  BIN="$ROOT/.build/debug/safezones"
fi
if [[ ! -x "$BIN" ]]; then
  echo "api fuzz: no executable at $BIN" >&2
  exit 1
fi
echo "binary: $BIN"

# 2. Python with Schemathesis.
if [[ ! -x "$VENV/bin/python" ]]; then
  "$PYTHON" -m venv "$VENV"
fi
if ! "$VENV/bin/python" -m pip show --quiet schemathesis >/dev/null 2>&1; then
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$HERE/requirements.txt"
fi
echo "$("$VENV/bin/schemathesis" --version)"

# 3. The server: a free port, a fresh data folder.
WORK="$(mktemp -d /tmp/safezones-api-fuzz.XXXXXX)"
PORT="$("$VENV/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
URL="http://127.0.0.1:$PORT"
env -u DATABASE_URL SAFEZONES_SEED=true "$BIN" serve --hostname 127.0.0.1 --port "$PORT" --data "$WORK/data" \
  >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
echo "server: pid $SERVER_PID on $URL, data in $WORK/data"

"$VENV/bin/python" - "$URL/health" "$SERVER_PID" <<'PY'
import os, sys, time, urllib.request
url, pid = sys.argv[1], int(sys.argv[2])
deadline = time.time() + 120
while time.time() < deadline:
    try:
        os.kill(pid, 0)
    except OSError:
        sys.exit("api fuzz: the server exited before answering")
    try:
        with urllib.request.urlopen(url, timeout=2) as r:
            if r.status == 200:
                sys.exit(0)
    except OSError:
        pass
    time.sleep(0.2)
sys.exit("api fuzz: no answer from " + url + " within 120 s")
PY
echo "server: healthy"

# 4. The fuzzer.
mkdir -p "$REPORTS"
SEED_ARGS=()
[[ -n "${FUZZ_SEED:-}" ]] && SEED_ARGS=(--seed "$FUZZ_SEED")
# From the temporary folder, so that Schemathesis's and Hypothesis's caches stay out of the tree.
cd "$WORK"
SCHEMATHESIS_HOOKS="$HERE/hooks.py" "$VENV/bin/schemathesis" --config-file "$HERE/schemathesis.toml" run "$URL/api/v1/openapi.json" \
  --checks all --max-time "$FUZZ_TIME" --report junit --report-dir "$REPORTS" "${SEED_ARGS[@]}" "$@"
