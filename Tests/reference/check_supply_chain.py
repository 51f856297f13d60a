#!/usr/bin/env python3
"""Independent check of the supply-chain stress test's linear programmes.

`safezones stress FILE --export-lp OUT.json` writes the base programme once and every
problem it solved (time to survive and performance impact of each scenario) as changes to
it, with the optimum GLPK found. This script solves the same programmes with scipy's
HiGHS (`linprog(method="highs")`) and compares every optimum to 1e-6 relative, and every
reported TTS and impact (from `--format json`) to the same tolerance.

  check_supply_chain.py BIN FILE... [--from-eto=DIR --assumptions=FILE]
                                               check the networks in FILE... (and the
                                               network built from an ETO-format folder)
  check_supply_chain.py --bench EXPORT.json    time HiGHS on an exported sweep (JSON out)
"""
import json
import subprocess
import sys
import tempfile
import time

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import csr_matrix

TOL = 1e-6


def inf(v, sign):
    return sign * np.inf if v is None else float(v)


class Programme:
    def __init__(self, base):
        self.sense = base["sense"]
        cols = base["columns"]
        self.n = len(cols)
        self.lower = np.array([inf(c[0], -1) for c in cols])
        self.upper = np.array([inf(c[1], 1) for c in cols])
        self.cost = np.array([float(c[2]) for c in cols])
        rows = base["rows"]
        data, ri, ci = [], [], []
        for i, r in enumerate(rows):
            for c, v in r[2]:
                ri.append(i)
                ci.append(c)
                data.append(v)
        self.A = csr_matrix((data, (ri, ci)), shape=(len(rows), self.n))
        self.row_lower = np.array([inf(r[0], -1) for r in rows])
        self.row_upper = np.array([inf(r[1], 1) for r in rows])

    def problem(self, p):
        lower, upper, cost = self.lower.copy(), self.upper.copy(), self.cost.copy()
        rl, ru = self.row_lower.copy(), self.row_upper.copy()
        for j, (lo, hi) in p["columns"].items():
            lower[int(j)], upper[int(j)] = inf(lo, -1), inf(hi, 1)
        for i, (lo, hi) in p["rows"].items():
            rl[int(i)], ru[int(i)] = inf(lo, -1), inf(hi, 1)
        for j, v in p["costs"].items():
            cost[int(j)] = v
        up = np.isfinite(ru)
        lo = np.isfinite(rl)
        A_ub = self.A[up]
        b_ub = ru[up]
        A_lo = -self.A[lo]
        from scipy.sparse import vstack
        A = vstack([A_ub, A_lo]).tocsr()
        b = np.concatenate([b_ub, -rl[lo]])
        sign = -1.0 if p["sense"] == "maximize" else 1.0
        bounds = list(zip([None if not np.isfinite(v) else v for v in lower],
                          [None if not np.isfinite(v) else v for v in upper]))
        return sign * cost, A, b, bounds, sign

    def solve(self, p):
        c, A, b, bounds, sign = self.problem(p)
        res = linprog(c, A_ub=A, b_ub=b, bounds=bounds, method="highs")
        if res.status != 0:
            raise SystemExit(f"{p['id']}: HiGHS status {res.status}: {res.message}")
        return sign * res.fun


def close(a, b):
    return abs(a - b) <= TOL * max(1.0, abs(a), abs(b))


def check(binary, path):
    """`path` is a network file, or `--from-eto=DIR` (then `--assumptions=FILE` follows it
    as the next argument, joined by a space here)."""
    args = path.split(" ")
    with tempfile.TemporaryDirectory() as tmp:
        export = f"{tmp}/lps.json"
        out = subprocess.run([binary, "stress", *args, "--format", "json", "--export-lp", export],
                             check=True, capture_output=True, text=True).stdout
        report = json.loads(out)
        with open(export) as f:
            data = json.load(f)
    prog = Programme(data["base"])
    scenarios = {s["id"]: s for s in report["scenarios"]}
    worst = 0.0
    for p in data["problems"]:
        highs = prog.solve(p)
        if not close(highs, p["objective"]):
            raise SystemExit(f"{path} {p['id']}: GLPK {p['objective']} but HiGHS {highs}")
        kind, sid = p["id"].split(":", 1)
        value = p["offset"] + p["sign"] * highs
        reported = scenarios[sid]["tts_days" if kind == "tts" else "performance_impact"]
        if kind == "tts":
            value = min(value, report["cap_days"])
        if not close(value, reported):
            raise SystemExit(f"{path} {p['id']}: reported {reported} but HiGHS gives {value}")
        worst = max(worst, abs(highs - p["objective"]) / max(1.0, abs(highs)))
    print(f"{path}: {len(data['problems'])} programmes agree with HiGHS (worst relative gap {worst:.1e})")


def bench(path, quiet=False):
    with open(path) as f:
        data = json.load(f)
    prog = Programme(data["base"])
    problems = data["problems"]
    built = [prog.problem(p) for p in problems]
    start = time.perf_counter()
    worst = 0.0
    for p, (c, A, b, bounds, sign) in zip(problems, built):
        res = linprog(c, A_ub=A, b_ub=b, bounds=bounds, method="highs")
        if res.status != 0:
            raise SystemExit(f"{p['id']}: HiGHS status {res.status}")
        worst = max(worst, abs(sign * res.fun - p["objective"]) / max(1.0, abs(res.fun)))
    took = time.perf_counter() - start
    import scipy
    figures = {
        "solver": f"scipy {scipy.__version__} linprog(method='highs'), one core, programmes prebuilt",
        "lps": len(problems), "seconds": round(took, 3), "lps_per_second": round(len(problems) / took, 1),
        "worst_relative_gap_to_glpk": worst}
    if not quiet:
        print(json.dumps(figures, indent=2))
    return figures


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--bench":
        bench(sys.argv[2])
    elif len(sys.argv) >= 3:
        items = sys.argv[2:]
        i = 0
        while i < len(items):
            # `--from-eto=DIR --assumptions=FILE` is one network built from the ETO format.
            if items[i].startswith("--from-eto=") and i + 1 < len(items):
                check(sys.argv[1], items[i] + " " + items[i + 1])
                i += 2
            else:
                check(sys.argv[1], items[i])
                i += 1
    else:
        raise SystemExit(__doc__)
