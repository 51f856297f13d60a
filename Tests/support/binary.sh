# The `safezones` binary for the suites that drive it from outside (browser, API fuzzing,
# reliability): SAFEZONES_BIN, else a debug build of the package at ROOT. Source it, then
# call server_binary; SUITE names the suite in messages. Sets BIN.
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
