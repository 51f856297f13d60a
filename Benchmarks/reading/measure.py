"""Times `safezones assess FILE` end to end: wall time (median of several runs) and peak
resident memory, for one or more binaries, with the load average before and after.

    python3 Benchmarks/reading/measure.py --binary .build-release/release/safezones \\
        [--binary OTHER ...] [--runs 5] [--format json] FILE [FILE ...]

Each run is `/usr/bin/time -f "%e %M" BINARY assess FILE --format FORMAT > OUT` (standard
output goes to a file in a temporary folder, as `> out.json` would); the binaries take turns,
so a change in the machine's load touches them alike. With two binaries the outputs are
compared byte for byte. Prints one JSON line per binary and file. Standard library only.
"""
import argparse
import filecmp
import json
import os
import statistics
import subprocess
import sys
import tempfile


def load():
    with open("/proc/loadavg") as f:
        return f.read().split()[0]


def run(binary, path, fmt, out):
    command = ["/usr/bin/time", "-f", "%e %M", binary, "assess", path, "--format", fmt]
    with open(out, "wb") as stdout:
        done = subprocess.run(command, stdout=stdout, stderr=subprocess.PIPE, text=True)
    last = done.stderr.strip().splitlines()[-1]
    if done.returncode != 0:
        sys.exit(f"{binary} assess {path}: exit {done.returncode}\n{done.stderr}")
    seconds, kilobytes = last.split()
    return float(seconds), int(kilobytes)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+")
    parser.add_argument("--binary", action="append", required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--format", default="json")
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="safezones-reading-")
    for path in args.files:
        times = {b: [] for b in args.binary}
        peaks = {b: [] for b in args.binary}
        outs = {b: os.path.join(folder, f"out-{i}") for i, b in enumerate(args.binary)}
        before = load()
        for _ in range(args.runs):
            for binary in args.binary:
                seconds, kilobytes = run(binary, path, args.format, outs[binary])
                times[binary].append(seconds)
                peaks[binary].append(kilobytes)
        after = load()
        same = None
        if len(args.binary) > 1:
            same = all(filecmp.cmp(outs[args.binary[0]], outs[b], shallow=False) for b in args.binary[1:])
        for binary in args.binary:
            print(json.dumps({
                "binary": binary, "file": path, "bytes": os.path.getsize(path), "format": args.format,
                "runs": args.runs, "wall_median_s": statistics.median(times[binary]),
                "wall_s": times[binary], "peak_rss_mb": round(max(peaks[binary]) / 1024, 1),
                "output_bytes": os.path.getsize(outs[binary]), "same_output": same,
                "loadavg_before": before, "loadavg_after": after,
            }))


if __name__ == "__main__":
    main()
