"""Schemathesis hooks for Tests/api-fuzz/run.sh: two query parameters are kept in range.

- samples: the document allows up to 200,000 Monte Carlo samples, and on a debug build one
  such request to /api/v1/placements takes about two minutes, during which the server
  answers nothing else (not even /health). A valid count above CAP becomes a valid count
  below it; counts outside the documented range are left alone, so that their refusal is
  still checked.
- seed: the server takes 0 to 2^64 - 1, as the document's description says, but its schema
  cannot give that maximum (OpenAPIKit holds integer bounds as Int, at most 2^63 - 1), so a
  generated seed above 2^64 - 1 is brought back into range.
"""

import schemathesis

CAP = 1000
DOCUMENTED_SAMPLES = range(100, 200_001)
SEEDS = 2**64


def _is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


@schemathesis.hook
def map_query(context, query):
    if not query:
        return query
    samples = query.get("samples")
    if _is_int(samples) and samples in DOCUMENTED_SAMPLES and samples > CAP:
        query["samples"] = 100 + samples % (CAP - 100)
    seed = query.get("seed")
    if _is_int(seed) and seed >= SEEDS:
        query["seed"] = seed % SEEDS
    return query
