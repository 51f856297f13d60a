"""Monte Carlo benchmark: SafeZones (release build) against a vectorised numpy
implementation of the same computation, on the same machine, in one script.

Work: D domains x 14 criteria, each criterion a PERT (beta) distribution from a
three-point range, N samples per domain, the scoring of docs/scoring.md, quadrant counts.

Usage: python Benchmarks/montecarlo_vs_numpy.py [--binary .build-release/release/safezones]
           [--domains 1000] [--samples 10000]
Prints one JSON object with both rates and their ratio."""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "Tests" / "reference"))
from scoring_reference import Scoring, pert  # noqa: E402

parser = argparse.ArgumentParser()
parser.add_argument("--binary", default=".build-release/release/safezones")
parser.add_argument("--domains", type=int, default=1000)
parser.add_argument("--samples", type=int, default=10000)
parser.add_argument("--repeats", type=int, default=3)
args = parser.parse_args()

with tempfile.TemporaryDirectory() as tmp:
    dump = os.path.join(tmp, "ranges.json")
    swift = json.loads(subprocess.run(
        [args.binary, "bench", "montecarlo", "--domains", str(args.domains), "--samples", str(args.samples),
         "--repeats", str(args.repeats), "--dump", dump], check=True, capture_output=True, text=True).stdout)
    data = json.load(open(dump))
rubric = json.loads(subprocess.run([args.binary, "rubric", "--json"], check=True, capture_output=True, text=True).stdout)
scoring = Scoring(rubric)
ranges = np.array(data["ranges"])  # (D, 14, 3)
low, likely, high = ranges[..., 0], ranges[..., 1], ranges[..., 2]
alpha, beta = pert(low, likely, high)
span = high - low

rng = np.random.default_rng(1)
chunk = max(1, 2_000_000 // (args.samples * ranges.shape[1]))  # bound memory to ~16 MB per array


def numpy_run():
    totals = np.zeros(4)
    for start in range(0, ranges.shape[0], chunk):
        sl = slice(start, start + chunk)
        a = alpha[sl][:, None, :]
        b = beta[sl][:, None, :]
        n = a.shape[0]
        x = rng.beta(np.broadcast_to(a, (n, args.samples, a.shape[2])), np.broadcast_to(b, (n, args.samples, b.shape[2])))
        s = low[sl][:, None, :] + span[sl][:, None, :] * x
        g, r = scoring.axes(s)
        c = scoring.quadrant_counts(g, r)
        totals += [c["safe-zone"], c["political-engineering"], c["monitor"], c["traditional"]]
    return totals


times = []
for _ in range(args.repeats):
    t = time.perf_counter()
    totals = numpy_run()
    times.append(time.perf_counter() - t)
numpy_seconds = sorted(times)[len(times) // 2]
work = args.domains * args.samples
numpy_rate = work / numpy_seconds
print(json.dumps({
    "domains": args.domains,
    "criteria": ranges.shape[1],
    "samples": args.samples,
    "cores": os.cpu_count(),
    "numpy_seconds_median": round(numpy_seconds, 4),
    "numpy_domain_samples_per_second": int(numpy_rate),
    "numpy_mean_p_safe_zone": round(totals[0] / work, 4),
    "safezones": swift,
    "safezones_domain_samples_per_second": swift["domain_samples_per_second"],
    "ratio_safezones_over_numpy": round(swift["domain_samples_per_second"] / numpy_rate, 2),
    "ratio_including_pooling": round(swift["domain_samples_per_second_including_pooling"] / numpy_rate, 2),
}, indent=2))
