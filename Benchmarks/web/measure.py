"""Measures the web app's start-up time and request latency; called by Benchmarks/web/run.sh.

    python3 measure.py --binary BIN --data DIR [--starts 5] [--duration 15] [--connections 8]

1. Start-up, repeated --starts times: the time from exec of `BIN serve` to the first 200
   answer on /health (polled every 2 ms), and to the first 200 on / (the map page, whose
   first answer also builds the catalog: every domain's report and the SVG).
2. Latency and throughput with wrk against one server: after a warm-up request, for each of
   /, /api/v1/placements and /health, `wrk -t1 -c1` (one client, so the latency is the
   server's time per request without queueing) and `wrk -t2 -c8 --latency` (throughput,
   with latency under load).
   Each loaded run is repeated with `Accept-Encoding: gzip`, as browsers and most HTTP
   clients send it ("loaded_gzip").
3. After a write (--writes times): POST one assessment through the API, then time the first
   GET / (the map page drawn and rendered again), the first GET /api/v1/placements (the
   document encoded again) and a second GET / (cached).
4. Reads during a rebuild (--writes times): POST one assessment, then at once GET / (which
   renders the map page again) and, 20 ms later from another thread, GET
   /api/v1/domains/{id} and /health: the reads unrelated to the page must not wait for it.
Prints one JSON object. Standard library only; needs `wrk` on PATH.
"""
import argparse
import http.client
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import time

PATHS = ["/", "/api/v1/placements", "/health"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port, path, timeout=30.0):
    status, body, _ = request(port, "GET", path, timeout=timeout)
    return status, len(body)


def request(port, method, path, body=None, timeout=30.0):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        headers = {"Accept": "text/html,application/json"}
        if body is not None:
            headers["Content-Type"] = "application/json"
        conn.request(method, path, body=body, headers=headers)
        r = conn.getresponse()
        return r.status, r.read(), r
    finally:
        conn.close()


def timed_get(port, path):
    t0 = time.perf_counter()
    status, size = get(port, path, timeout=600.0)
    if status != 200:
        sys.exit(f"{path} answered {status}")
    return round((time.perf_counter() - t0) * 1000, 1)


def etag(port, path):
    status, _, response = request(port, "GET", path, timeout=600.0)
    if status != 200:
        sys.exit(f"{path} answered {status}")
    return response.getheader("ETag")


def until_changed(port, path, before, since, deadline=600.0):
    """Milliseconds from `since` until `path` answers with an ETag other than `before`: when
    the page drawn after a write is served (the last complete one is served until then). A
    server without ETags draws before answering, so its first answer is already current."""
    while time.perf_counter() - since < deadline:
        tag = etag(port, path)
        if tag is None or tag != before:
            return round((time.perf_counter() - since) * 1000, 1)
        time.sleep(0.005)
    sys.exit(f"{path} did not change within {deadline} s of a write")


def after_writes(port, writes, domain="bench-domain-0001"):
    runs = []
    for k in range(writes):
        map_tag = etag(port, "/")
        status, body, _ = request(port, "GET", f"/api/v1/domains/{domain}")
        if status != 200:
            sys.exit(f"GET /api/v1/domains/{domain} answered {status}")
        version = json.loads(body)["version"]
        payload = json.dumps({
            "base_version": version, "assessor": f"Benchmark writer {k}", "date": "2026-11-29",
            "scores": {"fundamentality": 3, "maturity": 1, "parity": 2, "scale": [2, 3, 4], "spillovers": 3,
                       "recombination": 2, "public_good": 2, "military": 1 + k % 3, "economic": 2,
                       "security_exposure": 1, "dominance": 1, "salience": 2, "stakeholder_support": 2,
                       "indifference": 2}})
        t0 = time.perf_counter()
        status, body, _ = request(port, "POST", f"/api/v1/domains/{domain}/assessments", body=payload)
        answered = time.perf_counter()
        post_ms = round((answered - t0) * 1000, 1)
        if status != 201:
            sys.exit(f"POST answered {status}: {body[:300]!r}")
        run = {"post_ms": post_ms, "first_map_page_ms": timed_get(port, "/"),
               "first_placements_ms": timed_get(port, "/api/v1/placements"),
               "second_map_page_ms": timed_get(port, "/")}
        run["map_page_current_ms"] = until_changed(port, "/", map_tag, answered)
        runs.append(run)
    keys = ["post_ms", "first_map_page_ms", "first_placements_ms", "second_map_page_ms", "map_page_current_ms"]
    return {"writes": writes, "runs": runs,
            "median": {k: statistics.median(r[k] for r in runs) for k in keys}}


def write_one(port, domain, k):
    status, body, _ = request(port, "GET", f"/api/v1/domains/{domain}")
    if status != 200:
        sys.exit(f"GET /api/v1/domains/{domain} answered {status}")
    version = json.loads(body)["version"]
    payload = json.dumps({
        "base_version": version, "assessor": f"Benchmark reader {k}", "date": "2026-11-30",
        "scores": {c: 1 + (k + i) % 3 for i, c in enumerate([
            "fundamentality", "maturity", "parity", "scale", "spillovers", "recombination", "public_good",
            "military", "economic", "security_exposure", "dominance", "salience", "stakeholder_support",
            "indifference"])}})
    t0 = time.perf_counter()
    status, body, _ = request(port, "POST", f"/api/v1/domains/{domain}/assessments", body=payload)
    if status != 201:
        sys.exit(f"POST answered {status}: {body[:300]!r}")
    return round((time.perf_counter() - t0) * 1000, 1)


def reads_during_rebuild(port, writes, domain="bench-domain-0001", other="bench-domain-0002"):
    """After each write, the map page is rendered again; reads of other things must not wait."""
    import threading
    runs = []
    for k in range(writes):
        post_ms = write_one(port, domain, k)
        result = {}

        def page():
            result["map_page_ms"] = timed_get(port, "/")

        thread = threading.Thread(target=page)
        thread.start()
        time.sleep(0.02)
        result["domain_ms"] = timed_get(port, f"/api/v1/domains/{other}")
        result["health_ms"] = timed_get(port, "/health")
        thread.join()
        runs.append({"post_ms": post_ms, **result})
    keys = ["post_ms", "map_page_ms", "domain_ms", "health_ms"]
    return {"writes": writes, "runs": runs,
            "median": {k: statistics.median(r[k] for r in runs) for k in keys},
            "max": {k: max(r[k] for r in runs) for k in keys}}


START_DEADLINE = 60.0  # --start-deadline: seconds to wait for the first map page
DATABASE = None  # --database: a PostgreSQL URL instead of SQLite in --data


def start(binary, data, port, log):
    env = dict(os.environ, SAFEZONES_SEED="false")
    env.pop("DATABASE_URL", None)
    store = ["--database", DATABASE] if DATABASE else ["--data", data]
    return subprocess.Popen([binary, "serve", "--hostname", "127.0.0.1", "--port", str(port)] + store,
                            stdout=log, stderr=subprocess.STDOUT, env=env)


def stop(proc):
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def wait_ok(proc, port, path, t0, deadline=60.0):
    while True:
        if proc.poll() is not None:
            sys.exit(f"the server exited with status {proc.returncode} before answering {path}")
        try:
            status, _ = get(port, path, timeout=deadline)
            if status == 200:
                return time.perf_counter() - t0
        except OSError:
            pass
        if time.perf_counter() - t0 > deadline:
            sys.exit(f"no 200 on {path} within {deadline} s")
        time.sleep(0.002)


def startup(binary, data, runs, log):
    health, first_page = [], []
    for _ in range(runs):
        port = free_port()
        t0 = time.perf_counter()
        proc = start(binary, data, port, log)
        try:
            health.append(wait_ok(proc, port, "/health", t0))
            first_page.append(wait_ok(proc, port, "/", t0, deadline=START_DEADLINE))
        finally:
            stop(proc)
    return {
        "runs": runs,
        "to_first_health_ms": [round(x * 1000, 1) for x in health],
        "to_first_health_median_ms": round(statistics.median(health) * 1000, 1),
        "to_first_map_page_ms": [round(x * 1000, 1) for x in first_page],
        "to_first_map_page_median_ms": round(statistics.median(first_page) * 1000, 1),
    }


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def ms(text):
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip())
    if not m:
        raise ValueError(f"cannot read wrk duration {text!r}")
    return round(float(m.group(1)) * UNITS[m.group(2)], 3)


def wrk(url, threads, connections, duration, headers=()):
    cmd = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--timeout", "10s", "--latency"]
    for h in headers:
        cmd += ["-H", h]
    cmd.append(url)
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    pct = dict(re.findall(r"^\s+(50|75|90|99)%\s+(\S+)\s*$", out, re.M))
    rps = re.search(r"^Requests/sec:\s+([\d.]+)", out, re.M)
    total = re.search(r"^\s+(\d+) requests in", out, re.M)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)$", out, re.M)
    return {
        "command": " ".join(cmd),
        "requests": int(total.group(1)) if total else None,
        "requests_per_s": float(rps.group(1)) if rps else None,
        "median_ms": ms(pct["50"]) if "50" in pct else None,
        "p90_ms": ms(pct["90"]) if "90" in pct else None,
        "p99_ms": ms(pct["99"]) if "99" in pct else None,
        "non_2xx": int(errors.group(1)) if errors else 0,
        "socket_errors": socket_errors.group(1).strip() if socket_errors else None,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--data", required=True)
    parser.add_argument("--starts", type=int, default=5)
    parser.add_argument("--duration", type=int, default=15)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--writes", type=int, default=3)
    parser.add_argument("--log", default=os.devnull)
    parser.add_argument("--database", help="a PostgreSQL URL (the store must hold the imported domains)")
    parser.add_argument("--paths", default=",".join(PATHS), help="comma-separated paths for the wrk runs")
    parser.add_argument("--start-deadline", type=float, default=60.0,
                        help="seconds to wait for the first map page after a start (large stores)")
    parser.add_argument("--samples", type=int, default=0,
                        help="also time GET /api/v1/placements?samples=N (first: computed; second: cached)")
    args = parser.parse_args()
    global DATABASE, START_DEADLINE
    DATABASE = args.database
    START_DEADLINE = args.start_deadline

    with open(args.log, "ab") as log:
        result = {"startup": startup(args.binary, args.data, args.starts, log)}
        port = free_port()
        proc = start(args.binary, args.data, port, log)
        try:
            wait_ok(proc, port, "/health", time.perf_counter())
            endpoints = {}
            for path in args.paths.split(","):
                status, size = get(port, path, timeout=START_DEADLINE)  # warm-up: fills the catalog and caches
                if status != 200:
                    sys.exit(f"{path} answered {status}")
                url = f"http://127.0.0.1:{port}{path}"
                endpoints[path] = {
                    "bytes": size,
                    "one_client": wrk(url, 1, 1, args.duration),
                    "loaded": wrk(url, args.threads, args.connections, args.duration),
                    "loaded_gzip": wrk(url, args.threads, args.connections, args.duration,
                                       headers=["Accept-Encoding: gzip"]),
                }
            result["endpoints"] = endpoints
            if args.samples:
                path = f"/api/v1/placements?samples={args.samples}&seed=1"
                result["placements_with_samples"] = {
                    "samples": args.samples, "first_ms": timed_get(port, path), "second_ms": timed_get(port, path)}
            result["after_write"] = after_writes(port, args.writes)
            result["reads_during_rebuild"] = reads_during_rebuild(port, args.writes)
            rss = None
            try:
                with open(f"/proc/{proc.pid}/status") as f:
                    rss = next((int(l.split()[1]) // 1024 for l in f if l.startswith("VmRSS")), None)
            except OSError:
                pass
            result["server_rss_mib_after"] = rss
        finally:
            stop(proc)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
