#!/usr/bin/env bash
# Reliability: fault injection against a running server (see docs/reliability.md).
#
#   bash Tests/reliability/run.sh
#
# 1. finds the `safezones` binary (SAFEZONES_BIN, else `swift build` and .build/debug/safezones);
# 2. killnine.py on SQLite (a temporary folder): writers through the JSON API, SIGKILL at a
#    random moment, restart on the same store, every acknowledged write read back; ROUNDS
#    rounds (default 5);
# 3. the same on PostgreSQL: on DATABASE_URL when it is set, else on a private, throwaway
#    PostgreSQL 15 cluster started here as .ci/run does it (initdb in a temporary folder, a
#    free loopback port, role and database sz), stopped and removed on exit;
# 4. two_servers.py on PostgreSQL: two servers on one database (writes seen across them,
#    stale writes refused on either, a session valid on both, both starting together).
#
# Environment: ROUNDS (default 5), WRITERS (default 4), SEED (default: a random one,
# printed, so a failing run can be repeated), SAFEZONES_BIN, DATABASE_URL,
# DATABASES ("sqlite postgresql" by default; name one to run only that),
# RELIABILITY_REPORTS (where the JSON summaries go, default /tmp/safezones-reliability).
#
# Exits non-zero when an acknowledged write is lost, the server does not come back after a
# kill, or a two-server check fails. Runs as root when it starts its own PostgreSQL (it runs
# the cluster as the postgres user).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
readonly PGBIN=/usr/lib/postgresql/15/bin
PYTHON="${PYTHON:-python3}"
ROUNDS="${ROUNDS:-5}"
WRITERS="${WRITERS:-4}"
SEED="${SEED:-$((RANDOM * 32768 + RANDOM))}"
DATABASES="${DATABASES:-sqlite postgresql}"
REPORTS="${RELIABILITY_REPORTS:-/tmp/safezones-reliability}"
START=$SECONDS

# ---------------------------------------------------------------------------------------
# PostgreSQL: a private cluster in a temporary folder, stopped and removed on exit (as in
# .ci/run).
PGDIR=""
PGPORT=""
PG_STARTED=0

stop_postgres() {
  if [[ $PG_STARTED -eq 1 ]]; then
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast -w stop >/dev/null || true
    PG_STARTED=0
    echo "PostgreSQL on port $PGPORT stopped."
  fi
  if [[ -n "$PGDIR" ]]; then
    rm -rf "$PGDIR"
    PGDIR=""
  fi
}

on_exit() {
  local status=$?
  if [[ $status -ne 0 && $PG_STARTED -eq 1 && -f "$PGDIR/log" ]]; then
    echo "---- last lines of the PostgreSQL log:"
    tail -n 30 "$PGDIR/log" || true
  fi
  stop_postgres
  exit "$status"
}
trap on_exit EXIT
trap 'exit 130' INT TERM

port_in_use() {
  # Something accepts connections on 127.0.0.1:$1.
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

start_postgres() {
  if [[ $(id -u) -ne 0 ]]; then
    echo "reliability: without DATABASE_URL this script starts its own PostgreSQL as the postgres user: run it as root" >&2
    return 1
  fi
  PGDIR=$(mktemp -d /tmp/safezones-reliability-pg.XXXXXX)
  chown postgres:postgres "$PGDIR"
  # initdb and the server run as postgres; give them a working directory they can enter.
  (cd "$PGDIR" && runuser -u postgres -- "$PGBIN/initdb" -D "$PGDIR/data" -U postgres -E UTF8 \
    --locale=C.UTF-8 --auth-local=trust --auth-host=scram-sha-256 --no-sync >"$PGDIR/initdb.log" 2>&1) || {
    cat "$PGDIR/initdb.log"
    return 1
  }
  local port attempts=0
  for port in $(seq 55432 55531); do
    port_in_use "$port" && continue
    # A port can be taken between the check and the start; a cluster that does not start
    # for another reason fails the same way on every port, so stop after a few attempts.
    ((attempts++ < 5)) || break
    if (cd "$PGDIR" && runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/log" -w -t 30 \
      -o "-p $port -k $PGDIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >/dev/null); then
      PGPORT=$port
      PG_STARTED=1
      break
    fi
    echo "port $port: the server did not start, trying the next one"
  done
  if [[ $PG_STARTED -ne 1 ]]; then
    echo "could not start PostgreSQL on any port in 55432-55531" >&2
    tail -n 30 "$PGDIR/log" >&2 || true
    return 1
  fi
  # CREATEDB: two_servers.py makes its own empty databases beside sz.
  "$PGBIN/psql" -h "$PGDIR" -p "$PGPORT" -U postgres -d postgres -q -v ON_ERROR_STOP=1 \
    -c "CREATE ROLE sz LOGIN CREATEDB PASSWORD 'sz'" -c "CREATE DATABASE sz OWNER sz"
  echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') running on 127.0.0.1:$PGPORT (data in $PGDIR)"
}

# ---------------------------------------------------------------------------------------
# The binary: SAFEZONES_BIN, else a debug build of the package.
SUITE=reliability
# shellcheck source=../support/binary.sh
source "$ROOT/Tests/support/binary.sh"
server_binary
echo "rounds: $ROUNDS, writers: $WRITERS, seed: $SEED (repeat with SEED=$SEED)"
mkdir -p "$REPORTS"
rm -f "$REPORTS"/killnine-*.json "$REPORTS/two-servers.json"

STATUS=0
for database in $DATABASES; do
  case "$database" in
    sqlite)
      printf '\n---- kill -9 on SQLite\n'
      env -u DATABASE_URL "$PYTHON" "$HERE/killnine.py" --binary "$BIN" --rounds "$ROUNDS" --writers "$WRITERS" \
        --seed "$SEED" --json-out "$REPORTS/killnine-sqlite.json" || STATUS=1
      ;;
    postgresql)
      URL="${DATABASE_URL:-}"
      if [[ -z "$URL" ]]; then
        start_postgres
        URL="postgres://sz:sz@127.0.0.1:$PGPORT/sz"
      fi
      printf '\n---- kill -9 on PostgreSQL\n'
      "$PYTHON" "$HERE/killnine.py" --binary "$BIN" --database "$URL" --rounds "$ROUNDS" --writers "$WRITERS" \
        --seed "$SEED" --json-out "$REPORTS/killnine-postgresql.json" || STATUS=1
      printf '\n---- two servers on one PostgreSQL database\n'
      "$PYTHON" "$HERE/two_servers.py" --binary "$BIN" --database "$URL" \
        --json-out "$REPORTS/two-servers.json" || STATUS=1
      stop_postgres
      ;;
    *)
      echo "reliability: unknown database '$database' in DATABASES (sqlite, postgresql)" >&2
      exit 2
      ;;
  esac
done

printf '\n---- summary\n'
"$PYTHON" - "$REPORTS" $DATABASES <<'PY' || true
import json, os, sys
reports, databases = sys.argv[1], sys.argv[2:]
for name in [f"killnine-{d}.json" for d in databases] + (["two-servers.json"] if "postgresql" in databases else []):
    try:
        with open(os.path.join(reports, name)) as f:
            s = json.load(f)
    except (OSError, ValueError):
        print(f"{name}: no summary")
        continue
    if s["suite"] == "killnine":
        print(f"{s['database']}: {s['rounds']} rounds, {s['acknowledged']} writes acknowledged, {s['lost']} lost"
              + ("" if s["ok"] else "  FAILED: " + "; ".join(s["problems"])))
    else:
        print(f"two servers: {s['passed']} passed, {s['failed']} failed, {s['skipped']} skipped"
              + "".join(f"\n  {c['status']}: {c['check']}" for c in s["checks"] if c["status"] != "pass"))
PY
printf '\nreliability: %s in %d s; summaries in %s\n' "$([[ $STATUS -eq 0 ]] && echo passed || echo FAILED)" \
  "$((SECONDS - START))" "$REPORTS"
exit "$STATUS"
