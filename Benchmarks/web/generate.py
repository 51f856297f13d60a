"""Generates a deterministic domain file for the web benchmark.

    python3 Benchmarks/web/generate.py OUT.json [--domains 1000] [--assessments 10000] [--seed 20261129]

Writes JSON in the input format (docs/input-format.md): DOMAINS domains carrying
ASSESSMENTS assessments in total (every domain at least two, by different assessors on
different dates), each assessment scoring all 14 criteria; about a fifth of the scores
are ranges [low, likely, high], some carry a rationale and evidence, and about one domain
in ten links to another. The same seed always gives the same file. Standard library only.
"""
import argparse
import datetime
import json
import random
import sys

CRITERIA = [
    "fundamentality", "maturity", "parity", "scale", "spillovers", "recombination", "public_good",
    "military", "economic", "security_exposure", "dominance", "salience",
    "stakeholder_support", "indifference",
]
TAGS = [
    "fundamental-science", "large-facilities", "energy", "climate", "health", "biotechnologies",
    "advanced-computing", "artificial-intelligence", "materials", "space", "geoscience", "defence",
    "supply-chain", "agriculture", "oceans", "quantum", "semiconductors", "networks",
]
ASSESSORS = [
    "A. Analyst", "B. Reviewer", "C. Panel", "D. Expert", "E. Committee", "F. Fellow", "G. Scholar",
    "H. Advisor", "I. Board", "J. Team", "K. Office", "L. Council", "M. Group", "N. Desk", "O. Unit",
]
PERSPECTIVES = ["US", "CN", "third-country", "joint"]
WORDS = ["adaptive", "applied", "coastal", "deep", "distributed", "emerging", "integrated", "marine",
         "molecular", "nuclear", "orbital", "planetary", "precision", "quantum", "remote", "solar",
         "structural", "synthetic", "thermal", "urban"]
NOUNS = ["sensing", "materials", "imaging", "modelling", "networks", "physics", "chemistry",
         "genomics", "robotics", "storage", "forecasting", "manufacturing", "surveys", "instruments"]


def split_counts(rng, domains, total):
    """Assessment counts per domain: each at least 2, summing exactly to total."""
    if total < 2 * domains:
        sys.exit("need at least two assessments per domain")
    counts = [2] * domains
    for _ in range(total - 2 * domains):
        counts[rng.randrange(domains)] += 1
    return counts


def score(rng, base):
    likely = min(4.0, max(0.0, round(base + rng.uniform(-0.75, 0.75) * 2) / 2))
    roll = rng.random()
    if roll < 0.2:
        low = max(0.0, likely - rng.choice([0.5, 1.0]))
        high = min(4.0, likely + rng.choice([0.5, 1.0]))
        return [low, likely, high]
    if roll < 0.3:
        return {"value": likely, "rationale": f"Judged {likely} after a review of the literature.",
                "evidence": [f"Report {rng.randrange(1, 500)}, section {rng.randrange(1, 9)}"]}
    return likely


def generate(domains, assessments, seed):
    rng = random.Random(seed)
    counts = split_counts(rng, domains, assessments)
    start = datetime.date(2020, 1, 1)
    ids = []
    out = []
    for n in range(domains):
        name = f"{rng.choice(WORDS).capitalize()} {rng.choice(NOUNS)} {n + 1}"
        domain_id = f"bench-domain-{n + 1:04d}"
        ids.append(domain_id)
        base = {c: rng.uniform(0, 4) for c in CRITERIA}
        assessors = rng.sample(ASSESSORS, k=min(counts[n], len(ASSESSORS)))
        days = sorted(rng.sample(range(0, 2400), counts[n]))
        history = []
        for k in range(counts[n]):
            history.append({
                "assessor": assessors[k % len(assessors)],
                "date": (start + datetime.timedelta(days=days[k])).isoformat(),
                "perspective": rng.choice(PERSPECTIVES),
                "scores": {c: score(rng, base[c]) for c in CRITERIA},
            })
            if rng.random() < 0.3:
                history[-1]["note"] = f"Revision {k + 1} after new evidence."
        domain = {
            "id": domain_id,
            "name": name,
            "summary": f"Synthetic benchmark domain {n + 1}: {name.lower()}.",
            "tags": sorted(rng.sample(TAGS, k=rng.randint(1, 3))),
            "assessments": history,
        }
        if n > 0 and rng.random() < 0.1:
            target = ids[rng.randrange(n)]
            domain["links"] = [{"target": target, "kind": rng.choice(["enables", "applies", "related"]),
                                "weight": round(rng.uniform(0.1, 0.9), 2)}]
        out.append(domain)
    return {"domains": out}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--domains", type=int, default=1000)
    parser.add_argument("--assessments", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=20261129)
    args = parser.parse_args()
    document = generate(args.domains, args.assessments, args.seed)
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(document, f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")
    total = sum(len(d["assessments"]) for d in document["domains"])
    print(json.dumps({"file": args.out, "domains": len(document["domains"]), "assessments": total,
                      "seed": args.seed}))


if __name__ == "__main__":
    main()
