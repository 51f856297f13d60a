#!/usr/bin/env bash
# Browser tests of the web app: headless Chromium driven by Selenium (Python).
#
#   Tests/browser/run.sh [pytest arguments...]
#
# 1. finds the `safezones` binary (SAFEZONES_BIN, else `swift build` and .build/debug/safezones);
# 2. makes a Python virtualenv (BROWSER_VENV, default Tests/browser/.venv-browser, git-ignored)
#    and installs Selenium and pytest from PyPI into it (once; reused afterwards);
# 3. starts the server on a free loopback port with a fresh temporary data folder (the
#    shipped knowledge base is seeded) and waits for /health;
# 4. runs Tests/browser/test_site.py against it with headless Chromium
#    (/usr/bin/chromium and /usr/bin/chromedriver: `apt-get install chromium chromium-driver`);
# 5. stops the server and removes the data folder in every case.
#
# Screenshots go to SAFEZONES_SHOTS_DIR (default /tmp/safezones-browser-shots); look at them.
# Exits non-zero when a test fails or the server does not start.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
VENV="${BROWSER_VENV:-$HERE/.venv-browser}"
SHOTS="${SAFEZONES_SHOTS_DIR:-/tmp/safezones-browser-shots}"
CHROMIUM_BIN="${CHROMIUM_BIN:-/usr/bin/chromium}"
CHROMEDRIVER_BIN="${CHROMEDRIVER_BIN:-/usr/bin/chromedriver}"
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

for tool in "$CHROMIUM_BIN" "$CHROMEDRIVER_BIN"; do
  if [[ ! -x "$tool" ]]; then
    echo "browser tests: $tool is missing; install it with: apt-get install -y chromium chromium-driver" >&2
    exit 1
  fi
done

# 1. The binary.
if [[ -n "${SAFEZONES_BIN:-}" ]]; then
  BIN="$SAFEZONES_BIN"
else
  (cd "$ROOT" && swift build --product safezones)
  BIN="$ROOT/.build/debug/safezones"
fi
if [[ ! -x "$BIN" ]]; then
  echo "browser tests: no executable at $BIN" >&2
  exit 1
fi
echo "binary: $BIN"

# 2. Python with Selenium and pytest.
if [[ ! -x "$VENV/bin/python" ]]; then
  "$PYTHON" -m venv "$VENV"
fi
if ! "$VENV/bin/python" -c "import selenium, pytest" 2>/dev/null; then
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$HERE/requirements.txt"
fi
"$VENV/bin/python" -c "import selenium, pytest; print('selenium', selenium.__version__, '· pytest', pytest.__version__)"

# 3. The server: a free port, a fresh data folder.
WORK="$(mktemp -d /tmp/safezones-browser.XXXXXX)"
PORT="$("$VENV/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
URL="http://127.0.0.1:$PORT"
env -u DATABASE_URL SAFEZONES_SEED=true "$BIN" serve --hostname 127.0.0.1 --port "$PORT" --data "$WORK/data" \
  >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
echo "server: pid $SERVER_PID on $URL, data in $WORK/data"

"$VENV/bin/python" - "$URL/health" "$SERVER_PID" <<'EOF'
import os, sys, time, urllib.request
url, pid = sys.argv[1], int(sys.argv[2])
deadline = time.time() + 120
while time.time() < deadline:
    try:
        os.kill(pid, 0)
    except OSError:
        sys.exit("browser tests: the server exited before answering")
    try:
        with urllib.request.urlopen(url, timeout=2) as r:
            if r.status == 200:
                sys.exit(0)
    except OSError:
        pass
    time.sleep(0.2)
sys.exit("browser tests: no answer from " + url + " within 120 s")
EOF
echo "server: healthy"

# 4. The tests.
mkdir -p "$SHOTS"
cd "$HERE"
SAFEZONES_URL="$URL" SAFEZONES_SHOTS_DIR="$SHOTS" CHROMIUM_BIN="$CHROMIUM_BIN" CHROMEDRIVER_BIN="$CHROMEDRIVER_BIN" \
  PYTHONDONTWRITEBYTECODE=1 \
  "$VENV/bin/python" -m pytest -p no:cacheprovider -v --tb=short "$HERE/test_site.py" "$@"
echo "screenshots: $SHOTS"
