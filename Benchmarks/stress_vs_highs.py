"""Supply-chain stress benchmark: SafeZones' sweep on GLPK against scipy's HiGHS on the
same LPs, on the same machine, in one script (docs/supply-chains.md, docs/performance.md).

Work: a generated network (5 tiers, 4 countries) and every single-node scenario's two LPs —
time to survive and performance impact. SafeZones solves them with one worker and with one
per core, reusing one model per worker (only the disrupted node's bounds change, warm
restarts); the same LPs are written out and solved one by one with
`scipy.optimize.linprog(method="highs")`, the programmes prebuilt so only solving is timed.

Usage: python3 Benchmarks/stress_vs_highs.py [--binary .build/release/safezones] [--nodes 1000]"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "reference"))
from check_supply_chain import bench  # noqa: E402  (one HiGHS timing, shared with the reference check)

parser = argparse.ArgumentParser()
parser.add_argument("--binary", default=".build/release/safezones")
parser.add_argument("--nodes", type=int, default=1000)
parser.add_argument("--seed", type=int, default=1)
args = parser.parse_args()

with tempfile.TemporaryDirectory() as tmp:
    export = os.path.join(tmp, "lps.json")
    swift = json.loads(subprocess.run(
        [args.binary, "bench", "stress", "--nodes", str(args.nodes), "--seed", str(args.seed), "--export-lp", export],
        check=True, capture_output=True, text=True).stdout)
    highs = bench(export, quiet=True)

cores = swift["cores"]
glpk = swift[f"workers_{cores}"]
print(json.dumps({
    "network": {k: swift[k] for k in ("nodes", "links", "columns", "rows", "nonzeros")},
    "safezones": {k: v for k, v in swift.items() if k.startswith("workers_")} | {"solver": swift["solver"]},
    "highs": highs,
    "speedup_all_cores_vs_highs": round(glpk["lps_per_second"] / highs["lps_per_second"], 2),
    "speedup_one_core_vs_highs": round(swift["workers_1"]["lps_per_second"] / highs["lps_per_second"], 2),
}, indent=2))
