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
#    shipped knowledge base is seeded, one account per role is made, and an admin API token)
#    and waits for /health (Tests/support/server.sh);
# 4. runs Schemathesis for FUZZ_TIME seconds (default 110) with the settings in
#    Tests/api-fuzz/schemathesis.toml (fixed seed; FUZZ_SEED overrides it) and the hooks in
#    Tests/api-fuzz/hooks.py (Monte Carlo samples capped, seeds kept in range); a JUnit report goes to
#    FUZZ_REPORTS (default /tmp/safezones-api-fuzz). Every request carries the admin's token
#    (Authorization: Bearer $SAFEZONES_TOKEN), so every operation, writes included, is allowed;
#    the document's 401/403 answers are not what this run exercises;
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

SUITE=api-fuzz
# shellcheck source=../support/server.sh
source "$HERE/../support/server.sh"

# 1. The binary.
server_binary

# 2. Python with Schemathesis.
server_venv "$HERE/requirements.txt" '"$VENV/bin/python" -m pip show --quiet schemathesis'
echo "$("$VENV/bin/schemathesis" --version)"

# 3. The server: a free port, a fresh data folder.
server_start

# 4. The fuzzer.
mkdir -p "$REPORTS"
SEED_ARGS=()
[[ -n "${FUZZ_SEED:-}" ]] && SEED_ARGS=(--seed "$FUZZ_SEED")
# From the temporary folder, so that Schemathesis's and Hypothesis's caches stay out of the tree.
cd "$WORK"
SCHEMATHESIS_HOOKS="$HERE/hooks.py" "$VENV/bin/schemathesis" --config-file "$HERE/schemathesis.toml" run "$URL/api/v1/openapi.json" \
  --header "Authorization: Bearer $SAFEZONES_TOKEN" --checks all --max-time "$FUZZ_TIME" --report junit --report-dir "$REPORTS" "${SEED_ARGS[@]}" "$@"
