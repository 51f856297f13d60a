"""Checks SafeZones' Monte Carlo quadrant probabilities against an independent numpy/scipy
reference. Usage: python check_montecarlo.py PATH/TO/safezones

Each case is a domain file; SafeZones runs `assess FILE --samples N --seed S --format json`
and the reference computes the same probabilities: exactly with scipy where one criterion
is uncertain, by numpy sampling otherwise. The tolerance is set from the sample sizes:
five combined standard errors plus 0.003 for the quantile-table approximation."""
import json
import math
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
from scipy import stats

sys.path.insert(0, str(Path(__file__).parent))
from scoring_reference import Scoring, pert  # noqa: E402

BINARY = sys.argv[1] if len(sys.argv) > 1 else ".build/debug/safezones"
N_SWIFT = 200_000
N_REF = 400_000


def run(*args):
    out = subprocess.run([BINARY, *args], check=True, capture_output=True, text=True)
    return out.stdout


rubric = json.loads(run("rubric", "--json"))
scoring = Scoring(rubric)
IDS = scoring.ids


def domain_yaml(domain_id, scores, extra_assessments=()):
    def value(v):
        return f"[{v[0]}, {v[1]}, {v[2]}]" if isinstance(v, (list, tuple)) else str(v)

    def block(assessor, scores, perspective=None):
        lines = [f"      - assessor: {assessor}", "        date: 2026-11-01"]
        if perspective:
            lines.append(f"        perspective: {perspective}")
        lines.append("        scores:")
        lines += [f"          {k}: {value(v)}" for k, v in scores.items()]
        return "\n".join(lines)

    parts = [block("A", scores)] + [block(f"X{i}", s) for i, s in enumerate(extra_assessments)]
    return f"  - id: {domain_id}\n    name: {domain_id}\n    assessments:\n" + "\n".join(parts) + "\n"


def sample_reference(judges, n, rng):
    """judges: list of dicts criterion -> point or (low, likely, high); linear pool, equal weights."""
    s = np.empty((n, len(IDS)))
    for j, cid in enumerate(IDS):
        who = rng.integers(0, len(judges), size=n)
        col = np.empty(n)
        for k, judge in enumerate(judges):
            mask = who == k
            v = judge.get(cid, None)
            if v is None:
                col[mask] = rng.uniform(0, 4, size=mask.sum())
            elif isinstance(v, (list, tuple)):
                a, b = pert(*v)
                col[mask] = v[0] + (v[2] - v[0]) * rng.beta(a, b, size=mask.sum())
            else:
                col[mask] = v
        s[:, j] = col
    g, r = scoring.axes(s)
    counts = scoring.quadrant_counts(g, r)
    return {q: c / n for q, c in counts.items()}


def base(value):
    return {cid: value for cid in IDS}


cases = []
# 1. One uncertain criterion: an exact answer from scipy.
one = base(2)
for cid in ["military", "economic", "security_exposure", "dominance", "salience"]:
    one[cid] = 0
one["fundamentality"] = (0.5, 2.0, 3.5)
cases.append(("exact-one-criterion", [one]))
# 2. Several uncertain criteria on both axes.
several = base(2)
several.update({"fundamentality": (1, 3, 4), "military": (0, 2, 4), "parity": (1, 2, 4), "salience": (0, 1, 3),
                "stakeholder_support": (1, 2, 3)})
cases.append(("several-criteria", [several]))
# 3. Two assessors pooled linearly, disagreeing on military use.
a = base(2)
a.update({"military": (0, 1, 2), "fundamentality": (2, 3, 4)})
b = base(2)
b.update({"military": (2, 3, 4), "fundamentality": (1, 2, 3)})
cases.append(("two-assessors", [a, b]))
# 4. A missing criterion is sampled uniformly over 0-4.
missing = base(1)
missing.update({"fundamentality": 4, "spillovers": 4, "scale": 3})
del missing["military"]
cases.append(("missing-criterion", [missing]))

rng = np.random.default_rng(12345)
failures = 0
with tempfile.TemporaryDirectory() as tmp:
    for name, judges in cases:
        path = Path(tmp) / f"{name}.yaml"
        path.write_text("domains:\n" + domain_yaml(name, judges[0], judges[1:]))
        doc = json.loads(run("assess", str(path), "--samples", str(N_SWIFT), "--seed", "7", "--format", "json"))
        got = doc["domains"][0]["probabilities"]
        if name == "exact-one-criterion":
            # gains = const + w_f/W * x/4 where x ~ PERT; gains >= 0.5 iff x >= 2 (others at 2).
            a_, b_ = pert(0.5, 2.0, 3.5)
            p_high = 1 - stats.beta(a_, b_, loc=0.5, scale=3.0).cdf(2.0)
            ref = {"safe-zone": p_high, "traditional": 1 - p_high, "monitor": 0.0, "political-engineering": 0.0}
            n_ref = math.inf
        else:
            ref = sample_reference(judges, N_REF, rng)
            n_ref = N_REF
        for q, p in ref.items():
            se = math.sqrt(max(p * (1 - p), 1e-6) * (1 / N_SWIFT + (0 if n_ref == math.inf else 1 / n_ref)))
            tol = 5 * se + 0.003
            diff = abs(got[q] - p)
            status = "ok " if diff <= tol else "FAIL"
            if diff > tol:
                failures += 1
            print(f"{status} {name:22s} {q:22s} safezones {got[q]:.4f} reference {p:.4f} |diff| {diff:.4f} tol {tol:.4f}")
if failures:
    print(f"{failures} probabilities outside tolerance")
    sys.exit(1)
print("all Monte Carlo probabilities agree with the reference")
