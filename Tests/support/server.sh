# Shared by the suites that drive a running server from Python (Tests/browser/run.sh,
# Tests/api-fuzz/run.sh): find the binary, make the virtualenv, start `safezones serve` on a
# free loopback port with a fresh data folder (the shipped knowledge base seeded), wait for
# /health, and stop it and remove the folder on exit. Source it, then call the functions in
# order; SUITE names the suite in messages.
#
# Sets BIN, then WORK, PORT, URL and SERVER_PID.
#
# Accounts: until an administrator exists the app answers nothing but /login (pages) and 503
# (API), so server_start first makes one account per role in the fresh data folder with
# `safezones users add` (one generated password for all), and a personal API token for the
# administrator with `safezones users token`. It exports, for the suites:
#
#   SAFEZONES_PASSWORD              the password of every account below
#   SAFEZONES_ADMIN_EMAIL           admin@example.org        role admin
#   SAFEZONES_FACILITATOR_EMAIL     facilitator@example.org  role facilitator
#   SAFEZONES_ASSESSOR_EMAIL        assessor@example.org     role assessor
#   SAFEZONES_VIEWER_EMAIL          viewer@example.org       role viewer
#   SAFEZONES_<ROLE>_NAME           each account's display name (the assessor: "Ada Assessor")
#   SAFEZONES_TOKEN                 an admin API token (szt_…): Authorization: Bearer $SAFEZONES_TOKEN
#
# The server runs with the defaults the suites expect: DATABASE_URL, SAFEZONES_PUBLIC_READ and
# SAFEZONES_SECURE_COOKIES from the caller's environment are ignored (so visitors must sign
# in, and session cookies work over plain HTTP).

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

# The binary (server_binary).
# shellcheck source=binary.sh
source "$(dirname "${BASH_SOURCE[0]}")/binary.sh"

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
  server_accounts "$WORK/data"
  env -u DATABASE_URL -u SAFEZONES_PUBLIC_READ -u SAFEZONES_SECURE_COOKIES SAFEZONES_SEED=true "$BIN" serve --hostname 127.0.0.1 --port "$PORT" --data "$WORK/data" \
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

# One account per role in the data folder DATA (made before the server starts: the same
# SQLite file `serve` then opens), one password for all, and an admin API token; exported as
# described at the top. The password is generated per run (never a common one; >= 12 chars).
server_accounts() {
  local data="$1" role email name
  export SAFEZONES_PASSWORD
  SAFEZONES_PASSWORD="sz-test-$("$VENV/bin/python" -c 'import secrets; print(secrets.token_hex(12))')"
  for role in admin facilitator assessor viewer; do
    email="$role@example.org"
    case "$role" in
      admin) name="Ann Admin" ;;
      facilitator) name="Fay Facilitator" ;;
      assessor) name="Ada Assessor" ;;
      viewer) name="Vic Viewer" ;;
    esac
    printf '%s\n' "$SAFEZONES_PASSWORD" \
      | env -u DATABASE_URL "$BIN" users add "$email" --role "$role" --name "$name" --password-stdin --data "$data" \
        >/dev/null
    export "SAFEZONES_${role^^}_EMAIL=$email" "SAFEZONES_${role^^}_NAME=$name"
  done
  # The token is the last line the command prints on standard output (its note goes to stderr).
  export SAFEZONES_TOKEN
  SAFEZONES_TOKEN="$(env -u DATABASE_URL "$BIN" users token "$SAFEZONES_ADMIN_EMAIL" --name "$SUITE suite" \
    --data "$data" 2>>"$WORK/accounts.log" | tail -n 1)"
  if [[ "$SAFEZONES_TOKEN" != szt_* ]]; then
    echo "$SUITE: \`safezones users token\` printed no token:" >&2
    cat "$WORK/accounts.log" >&2 || true
    exit 1
  fi
  echo "accounts: admin, facilitator, assessor, viewer @example.org; an admin API token"
}
