#!/usr/bin/env bash
# Web app benchmark: 1,000 domains with 10,000 assessments in SQLite, release build.
#
#   Benchmarks/web/run.sh
#
# 1. builds the release binary (swift build -c release --scratch-path .build-release
#    --product safezones; skipped with SKIP_BUILD=1; SAFEZONES_BIN overrides the binary);
# 2. generates the domain file (Benchmarks/web/generate.py, fixed seed) and imports it into
#    a fresh data folder with `safezones import FILE --data DIR`, with SAFEZONES_SEED=false
#    so the store holds exactly the generated domains (not the shipped 27 as well);
# 3. measures start-up (exec to first 200 on /health, and to the first map page) 5 times;
# 4. starts one server, warms it up, and runs wrk against /, /api/v1/placements and /health:
#    one client (latency per request) and 2 threads x 8 connections (throughput);
# 5. prints a JSON summary (also written to $OUT/results.json) and stops every server.
#
# Environment: DOMAINS (1000), ASSESSMENTS (10000), SEED, DURATION (15 s per wrk run),
# STARTS (5), OUT (a temporary folder under /tmp; generated data never goes in the repo),
# BENCH_DATABASE_URL (a PostgreSQL database to import into and serve from instead of SQLite;
# it must be empty), PATHS (the paths wrk loads, comma-separated), SAMPLES (also time one
# GET /api/v1/placements?samples=SAMPLES, computed and then cached), START_DEADLINE (seconds
# to wait for the first map page after a start; 60).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
DOMAINS="${DOMAINS:-1000}"
ASSESSMENTS="${ASSESSMENTS:-10000}"
SEED="${SEED:-20261129}"
DURATION="${DURATION:-15}"
STARTS="${STARTS:-5}"
OUT="${OUT:-$(mktemp -d /tmp/safezones-web-bench.XXXXXX)}"
mkdir -p "$OUT"

if ! command -v wrk >/dev/null; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    apt-get install -y -qq wrk >/dev/null
  else
    echo "wrk is not installed: apt-get install -y wrk" >&2
    exit 1
  fi
fi

if [[ -n "${SAFEZONES_BIN:-}" ]]; then
  BIN="$SAFEZONES_BIN"
else
  if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    (cd "$ROOT" && swift build -c release --scratch-path .build-release --product safezones)
  fi
  BIN="$ROOT/.build-release/release/safezones"
fi
[[ -x "$BIN" ]] || { echo "no executable at $BIN" >&2; exit 1; }

echo "machine: $(nproc) cores; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
echo "binary: $BIN ($(stat -c %y "$BIN" | cut -d. -f1))" >&2
echo "output: $OUT" >&2

LOAD_START="$(cut -d' ' -f1-3 /proc/loadavg)"
python3 "$HERE/generate.py" "$OUT/domains.json" --domains "$DOMAINS" --assessments "$ASSESSMENTS" --seed "$SEED" >&2
rm -rf "$OUT/data"
import_start=$(date +%s.%N)
STORE=(--data "$OUT/data")
[[ -n "${BENCH_DATABASE_URL:-}" ]] && STORE=(--database "$BENCH_DATABASE_URL")
# Files above the 32 MiB input limit (10,000 domains with 100,000 assessments is 51 MB) are
# imported in parts of at most 2,000 domains, each a whole document. A link must name a
# stored domain or one of its own file, and an import never changes a stored domain's links,
# so the domains that links point to go first: the same domains, assessments and links as
# the single file, in another order.
PARTS=("$OUT/domains.json")
if (($(stat -c %s "$OUT/domains.json") > 30 * 1024 * 1024)); then
  mapfile -t PARTS < <(python3 - "$OUT/domains.json" <<'PY'
import json, sys
path = sys.argv[1]
document = json.load(open(path))
domains = document.pop("domains")
targets = {link["target"] for d in domains for link in d.get("links", [])}
ordered = [d for d in domains if d["id"] in targets] + [d for d in domains if d["id"] not in targets]
if len(targets) > 2000:
    sys.exit("more than 2,000 link targets: they do not fit in the first part")
for k in range(0, len(ordered), 2000):
    part = f"{path[:-5]}.part{k // 2000:02d}.json"
    json.dump({**document, "domains": ordered[k:k + 2000]}, open(part, "w"))
    print(part)
PY
  )
fi
for part in "${PARTS[@]}"; do
  env -u DATABASE_URL SAFEZONES_SEED=false "$BIN" import "$part" "${STORE[@]}" >&2
done
import_end=$(date +%s.%N)

EXTRA=()
[[ -n "${BENCH_DATABASE_URL:-}" ]] && EXTRA+=(--database "$BENCH_DATABASE_URL")
[[ -n "${PATHS:-}" ]] && EXTRA+=(--paths "$PATHS")
[[ -n "${SAMPLES:-}" ]] && EXTRA+=(--samples "$SAMPLES")
[[ -n "${START_DEADLINE:-}" ]] && EXTRA+=(--start-deadline "$START_DEADLINE")
python3 "$HERE/measure.py" --binary "$BIN" --data "$OUT/data" --starts "$STARTS" --duration "$DURATION" \
  --log "$OUT/server.log" "${EXTRA[@]}" >"$OUT/measure.json"

python3 - "$OUT" "$DOMAINS" "$ASSESSMENTS" "$SEED" "$import_start" "$import_end" "$BIN" "$LOAD_START" <<'EOF'
import json, os, platform, sys
out, domains, assessments, seed, t0, t1, binary, load_start = sys.argv[1:]
m = json.load(open(os.path.join(out, "measure.json")))
summary = {
    "input": {"domains": int(domains), "assessments": int(assessments), "seed": int(seed),
              "file_bytes": os.path.getsize(os.path.join(out, "domains.json")),
              "sqlite_bytes": (os.path.getsize(os.path.join(out, "data", "safezones.sqlite"))
                               if os.path.exists(os.path.join(out, "data", "safezones.sqlite")) else None),
              "store": "postgresql" if os.environ.get("BENCH_DATABASE_URL") else "sqlite",
              "shipped_domains_seeded": False},
    "machine": {"cores": os.cpu_count(), "load_average_at_start": load_start.split(),
                "load_average_at_end": open("/proc/loadavg").read().split()[:3],
                "kernel": platform.release()},
    "binary": binary,
    "import_s": round(float(t1) - float(t0), 2),
    **m,
}
endpoints = summary["endpoints"]
targets = {"start_to_first_answer_under_2s": summary["startup"]["to_first_health_median_ms"] < 2000}
if "/" in endpoints:
    targets["map_page_median_under_50ms"] = endpoints["/"]["one_client"]["median_ms"] < 50
if "/api/v1/placements" in endpoints:
    targets["placements_median_under_50ms"] = endpoints["/api/v1/placements"]["one_client"]["median_ms"] < 50
summary["targets_met"] = targets
if "/api/v1/placements" in endpoints and "/health" in endpoints:
    for variant in ["loaded", "loaded_gzip"]:
        placements = endpoints["/api/v1/placements"][variant]["requests_per_s"]
        health = endpoints["/health"][variant]["requests_per_s"]
        summary[f"placements_vs_health_rps_{variant}"] = round(placements / health, 4) if placements and health else None
    targets["placements_at_least_half_of_health_gzip"] = (summary["placements_vs_health_rps_loaded_gzip"] or 0) >= 0.5
targets["map_page_after_write_under_50ms"] = summary["after_write"]["median"]["first_map_page_ms"] < 50
with open(os.path.join(out, "results.json"), "w") as f:
    json.dump(summary, f, indent=2)
print(json.dumps(summary, indent=2))
EOF
