"""An independent implementation of docs/scoring.md in numpy, used by the reference checks
and the benchmark. It reads the rubric as printed by `safezones rubric --json`."""
import numpy as np


class Scoring:
    def __init__(self, rubric):
        crit = rubric["criteria"]
        self.ids = [c["id"] for c in crit]
        axis = np.array([c["axis"] for c in crit])
        w = np.array([c["weight"] for c in crit], dtype=float)
        self.gains_w = np.where(axis == "gains", w, 0.0)
        self.inverse = np.array([c["id"] == "maturity" for c in crit])
        self.risk_w = np.where(axis == "risk", w, 0.0)
        self.mit_w = np.where(axis == "mitigation", w, 0.0)
        self.floor = np.array([c.get("mitigation_floor", 0.0) for c in crit], dtype=float)
        agg = rubric["aggregation"]
        self.lam = agg["peak_share"]
        self.mu = agg["mitigation_strength"]
        self.tg = rubric["thresholds"]["gains"]
        self.tr = rubric["thresholds"]["risk"]

    def axes(self, s):
        """s: array (..., n_criteria) of scores 0-4, every criterion scored."""
        x = s / 4.0
        g = np.where(self.inverse, 1.0 - x, x)
        gains = (g * self.gains_w).sum(-1) / self.gains_w.sum()
        mean = (x * self.risk_w).sum(-1) / self.risk_w.sum()
        peak = (x * (self.risk_w / self.risk_w.max())).max(-1)
        r0 = (1 - self.lam) * mean + self.lam * peak
        m = (x * self.mit_w).sum(-1) / self.mit_w.sum()
        r1 = r0 * (1 - self.mu * m)
        floor = np.minimum(r0, (x * self.floor).max(-1))
        return gains, np.maximum(r1, floor)

    def quadrant_counts(self, gains, risk):
        hg = gains >= self.tg
        hr = risk >= self.tr
        return {
            "safe-zone": np.count_nonzero(hg & ~hr),
            "political-engineering": np.count_nonzero(hg & hr),
            "monitor": np.count_nonzero(~hg & hr),
            "traditional": np.count_nonzero(~hg & ~hr),
        }


def pert(low, likely, high):
    """PERT shape parameters (lambda = 4) of a three-point range."""
    low, likely, high = map(np.asarray, (low, likely, high))
    span = high - low
    return 1 + 4 * (likely - low) / span, 1 + 4 * (high - likely) / span
