#!/usr/bin/env python3
"""Measures screening quality on the labelled set in this folder.

    python3 Tests/screening/measure.py [--binary PATH] [--verbose]

Runs `safezones screen proposals.yaml --format json` and compares it with labels.yaml
(written by hand, before any tool saw it):

- domain top-3 recall: the share of a proposal's labelled domains among the screening's
  first three domains for the whole proposal (averaged over proposals with labels), and the
  share of proposals whose first-listed label is among those three;
- per-aim recall: the share of each aim's labelled domains among the aim's matched domains;
- CET top-3 recall: the same for the US Critical and Emerging Technologies areas among the
  screening's us-cet-2024 categories;
- most sensitive aim: how often the screening names the labelled one;
- abstention: of the proposals labelled as touching no domain, how many the screening left
  unplaced, and of the others, how many it placed.

Prints the figures as JSON; docs/screening.md records them.
"""
import argparse
import json
import os
import subprocess
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "debug", "safezones"))
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    out = subprocess.run([args.binary, "screen", os.path.join(HERE, "proposals.yaml"), "--format", "json"],
                         capture_output=True, text=True, check=True).stdout
    screened = {p["id"]: p for p in json.loads(out)["proposals"]}
    labels = yaml.safe_load(open(os.path.join(HERE, "labels.yaml")))["labels"]

    recall, first_hit, aim_recall, cet_recall, sensitive, = [], [], [], [], []
    abstain_right = abstain_total = placed_right = placed_total = 0
    misses = []
    for pid, label in labels.items():
        s = screened[pid]
        top = [d["id"] for d in s["domains"][:3]]
        want = label.get("domains") or []
        if want:
            recall.append(sum(d in top for d in want) / len(want))
            first_hit.append(want[0] in top)
            placed_total += 1
            placed_right += s.get("overall") is not None
        else:
            abstain_total += 1
            abstain_right += s.get("overall") is None
        aims = {a["id"]: [d["id"] for d in a["domains"]] for a in s["aims"]}
        for aim, wanted in (label.get("aims") or {}).items():
            if wanted:
                aim_recall.append(sum(d in aims.get(aim, []) for d in wanted) / len(wanted))
        cet = [c["id"] for c in s["categories"] if c.get("taxonomy") == "us-cet-2024"][:3]
        if label.get("cet"):
            cet_recall.append(sum(c in cet for c in label["cet"]) / len(label["cet"]))
        if label.get("most_sensitive_aim"):
            named = (s.get("overall") or {}).get("most_sensitive_aim")
            sensitive.append(named == label["most_sensitive_aim"])
        if want and want[0] not in top:
            misses.append({"proposal": pid, "wanted": want, "got": top})

    def mean(v):
        return round(sum(v) / len(v), 3) if v else None

    figures = {
        "proposals": len(labels),
        "domain_top3_recall": mean(recall),
        "first_label_in_top3": mean(first_hit),
        "per_aim_domain_recall": mean(aim_recall),
        "cet_top3_recall": mean(cet_recall),
        "most_sensitive_aim_accuracy": mean(sensitive),
        "abstained_when_nothing_applies": f"{abstain_right}/{abstain_total}",
        "placed_when_something_applies": f"{placed_right}/{placed_total}",
    }
    if args.verbose:
        figures["misses"] = misses
    json.dump(figures, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
