# Shared by the suites that drive a running server from Python (Tests/browser/run.sh,
# Tests/api-fuzz/run.sh): find the binary, make the virtualenv, start `safezones serve` on a
# free loopback port with a fresh data folder (the shipped knowledge base seeded), wait for
# /health, and stop it and remove the folder on exit. Source it, then call the functions in
# order; SUITE names the suite in messages.
#
# Sets BIN, then WORK, PORT, URL and SERVER_PID.

WORK=""
SERVER_PID=""

server_cleanup() {
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
trap server_cleanup EXIT
trap 'exit 130' INT TERM

# The binary: SAFEZONES_BIN, else a debug build of the package at ROOT.
server_binary() {
  if [[ -n "${SAFEZONES_BIN:-}" ]]; then
    BIN="$SAFEZONES_BIN"
  else
    (cd "$ROOT" && swift build --product safezones)
    BIN="$ROOT/.build/debug/safezones"
  fi
  if [[ ! -x "$BIN" ]]; then
    echo "$SUITE: no executable at $BIN" >&2
    exit 1
  fi
  echo "binary: $BIN"
}

# A virtualenv at VENV with REQUIREMENTS installed unless CHECK (a shell command) succeeds.
server_venv() {
  local requirements="$1" check="$2"
  [[ -x "$VENV/bin/python" ]] || "$PYTHON" -m venv "$VENV"
  if ! eval "$check" >/dev/null 2>&1; then
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements"
  fi
}

# Starts the server in a new folder under /tmp and waits (120 s at most) for /health.
server_start() {
  WORK="$(mktemp -d "/tmp/safezones-$SUITE.XXXXXX")"
  PORT="$("$VENV/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  URL="http://127.0.0.1:$PORT"
  env -u DATABASE_URL SAFEZONES_SEED=true "$BIN" serve --hostname 127.0.0.1 --port "$PORT" --data "$WORK/data" \
    >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  echo "server: pid $SERVER_PID on $URL, data in $WORK/data"
  "$VENV/bin/python" - "$URL/health" "$SERVER_PID" "$SUITE" <<'PY'
import os, sys, time, urllib.request
url, pid, suite = sys.argv[1], int(sys.argv[2]), sys.argv[3]
deadline = time.time() + 120
while time.time() < deadline:
    try:
        os.kill(pid, 0)
    except OSError:
        sys.exit(suite + ": the server exited before answering")
    try:
        with urllib.request.urlopen(url, timeout=2) as r:
            if r.status == 200:
                sys.exit(0)
    except OSError:
        pass
    time.sleep(0.2)
sys.exit(suite + ": no answer from " + url + " within 120 s")
PY
  echo "server: healthy"
}
