"""Simulation benchmark: SafeZones (release build) against a vectorised numpy
implementation of the same model (docs/simulation.md), on the same machine, in one script.

Work: C collaborations x Y years x T trials under the five kinds of random shock.
Usage: python Benchmarks/simulation_vs_numpy.py [--binary .build-release/release/safezones]
           [--collaborations 500] [--years 20] [--trials 100000] [--numpy-trials 10000]
numpy runs fewer trials by default (it needs ~8 bytes x trials x collaborations per array)
and its rate is scaled per collaboration-year; the ratio compares rates."""
import argparse
import json
import math
import os
import subprocess
import tempfile
import time

import numpy as np

parser = argparse.ArgumentParser()
parser.add_argument("--binary", default=".build-release/release/safezones")
parser.add_argument("--collaborations", type=int, default=500)
parser.add_argument("--years", type=int, default=20)
parser.add_argument("--trials", type=int, default=100_000)
parser.add_argument("--numpy-trials", type=int, default=10_000)
args = parser.parse_args()

with tempfile.TemporaryDirectory() as tmp:
    dump = os.path.join(tmp, "model.json")
    swift = json.loads(subprocess.run(
        [args.binary, "bench", "simulate", "--collaborations", str(args.collaborations), "--years", str(args.years),
         "--trials", str(args.trials), "--dump", dump], check=True, capture_output=True, text=True).stdout)
    model = json.load(open(dump))

cat = model["catalogue"]
p = cat["parameters"]
shocks = cat["shocks"]
crit = model["risk_criteria"]
K = len(shocks)
collabs = model["collaborations"]
profiles = model["profiles"]
n = len(collabs)
Y = model["years"]

rate = np.array([s["rate"] for s in shocks])
sev_a = np.array([s["severity_alpha"] for s in shocks])
sev_b = np.array([s["severity_beta"] for s in shocks])
impact = np.array([s["impact"] for s in shocks])
settle = np.array([s["settlement"] for s in shocks])
contain = np.array([s["containment"] for s in shocks])
decay = np.exp(-1 / np.array([s["recovery_years"] for s in shocks]))
amp = np.array([[s["amplifies"].get(c, 0.0) for c in crit] for s in shocks])  # K x 5
exposure = np.array([[pr["exposure"].get(c, 0.0) for c in crit] for pr in profiles])  # n x 5
base_risk = np.array([pr["risk"] for pr in profiles])
separate = np.array([c["structure"] == "separate-but-coordinated" for c in collabs])
value = np.array([c["value"] for c in collabs])
buffer = np.array([c["buffer"] for c in collabs])
hazard_scale = p["base_hazard"] * np.where(separate, p["separate_hazard"], 1.0) / (1 + np.maximum(buffer, 0))
active_value = value * np.where(separate, p["separate_efficiency"], 1.0)
suspended_value = np.where(separate, value * p["separate_suspended_value"], 0.0)
rng = np.random.default_rng(1)
MAX_EVENTS = 6


def run(trials):
    ACTIVE, SUSPENDED, ENDED = 0, 1, 2
    state = np.zeros((trials, n), dtype=np.int8)
    wounds = np.zeros((trials, K))
    legacy = np.full(trials, max(0.0, p["baseline"] - p["initial"]))
    total = np.zeros(trials)
    discount = 1.0
    for _ in range(Y):
        counts = np.minimum(rng.poisson(rate, size=(trials, K)), MAX_EVENTS)
        sev = rng.beta(sev_a, sev_b, size=(MAX_EVENTS, trials, K))
        settled = rng.random((MAX_EVENTS, trials, K)) < settle
        use = np.arange(MAX_EVENTS)[:, None, None] < counts[None]
        dmg = (impact * sev * np.where(settled, 1 - contain, 1.0) * use).sum(0)
        wounds += dmg
        relations = np.clip(p["baseline"] - wounds.sum(1) - legacy, 0, 1)
        a = wounds @ amp  # trials x 5
        risk = np.minimum(1.0, base_risk + a @ exposure.T)  # trials x n
        tension = 1 + p["tension_multiplier"] * (1 - relations)
        u1 = rng.random((trials, n))
        u2 = rng.random((trials, n))
        eta = hazard_scale * risk * tension[:, None]
        hit = (state == ACTIVE) & (u1 < 1 - np.exp(-eta))
        end = hit & (u2 < np.minimum(1, p["end_share"] * risk))
        restart = (state == SUSPENDED) & (relations >= p["restart_threshold"])[:, None] & (u1 < p["restart_rate"])
        state = np.where(end, ENDED, np.where(hit, SUSPENDED, np.where(restart, ACTIVE, state)))
        delivered = np.where(state == ACTIVE, active_value, np.where(state == SUSPENDED, suspended_value, 0.0))
        total += delivered.sum(1) * discount
        wounds *= decay
        legacy *= math.exp(-1 / 5)
        discount /= 1 + p["discount_rate"]
    return total


t0 = time.perf_counter()
totals = run(args.numpy_trials)
numpy_seconds = time.perf_counter() - t0
numpy_rate = args.numpy_trials * n * Y / numpy_seconds
print(json.dumps({
    "collaborations": n, "years": Y, "trials_safezones": args.trials, "trials_numpy": args.numpy_trials,
    "cores": os.cpu_count(),
    "numpy_seconds": round(numpy_seconds, 3),
    "numpy_collaboration_years_per_second": int(numpy_rate),
    "numpy_portfolio_expected_gains": round(float(totals.mean()), 2),
    "safezones": swift,
    "ratio_safezones_over_numpy": round(swift["collaboration_years_per_second"] / numpy_rate, 2),
}, indent=2))
