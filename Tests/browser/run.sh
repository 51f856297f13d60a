#!/usr/bin/env bash
# Browser tests of the web app: headless Chromium driven by Selenium (Python).
#
#   Tests/browser/run.sh [pytest arguments...]
#
# 1. finds the `safezones` binary (SAFEZONES_BIN, else `swift build` and .build/debug/safezones);
# 2. makes a Python virtualenv (BROWSER_VENV, default Tests/browser/.venv-browser, git-ignored)
#    and installs Selenium and pytest from PyPI into it (once; reused afterwards);
# 3. starts the server on a free loopback port with a fresh temporary data folder (the
#    shipped knowledge base is seeded, one account per role is made, and an admin API token:
#    Tests/support/server.sh) and waits for /health;
# 4. runs Tests/browser/test_site.py first (it expects the shipped knowledge base as seeded),
#    then every other Tests/browser/test_*.py, against it with headless Chromium
#    (/usr/bin/chromium and /usr/bin/chromedriver: `apt-get install chromium chromium-driver`),
#    which signs in through the sign-in page (accounts and password in SAFEZONES_* variables);
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

SUITE=browser
# shellcheck source=../support/server.sh
source "$HERE/../support/server.sh"

for tool in "$CHROMIUM_BIN" "$CHROMEDRIVER_BIN"; do
  if [[ ! -x "$tool" ]]; then
    echo "browser tests: $tool is missing; install it with: apt-get install -y chromium chromium-driver" >&2
    exit 1
  fi
done

# 1. The binary.
server_binary

# 2. Python with Selenium and pytest.
server_venv "$HERE/requirements.txt" '"$VENV/bin/python" -c "import selenium, pytest"'
"$VENV/bin/python" -c "import selenium, pytest; print('selenium', selenium.__version__, '· pytest', pytest.__version__)"

# 3. The server: a free port, a fresh data folder.
server_start

# 4. The tests.
mkdir -p "$SHOTS"
cd "$HERE"
SUITES=("$HERE/test_site.py")
for f in "$HERE"/test_*.py; do [[ "$f" == "$HERE/test_site.py" ]] || SUITES+=("$f"); done
SAFEZONES_URL="$URL" SAFEZONES_SHOTS_DIR="$SHOTS" CHROMIUM_BIN="$CHROMIUM_BIN" CHROMEDRIVER_BIN="$CHROMEDRIVER_BIN" \
  PYTHONDONTWRITEBYTECODE=1 \
  "$VENV/bin/python" -m pytest -p no:cacheprovider -v --tb=short "${SUITES[@]}" "$@"
echo "screenshots: $SHOTS"
