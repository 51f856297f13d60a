#!/usr/bin/env python3
"""Kill -9 while writing: no write the server acknowledged may be lost.

    killnine.py [--database URL] [--rounds 5] [--writers 4] [--seed N] [--binary PATH]
                [--json-out FILE]

Starts `safezones serve` on a store (SQLite in a temporary folder, or the PostgreSQL
database --database names), waits for GET /health, and then, each round:

  1. WRITERS threads write through the JSON API: they create domains
     (POST /api/v1/domains, unique ids) and add assessments to them
     (POST /api/v1/domains/{id}/assessments with base_version; a 409 stale_version is
     refused, not acknowledged), each with a unique note; every 2xx is recorded;
  2. at a random moment (seeded: --seed) the server gets SIGKILL, writes in flight;
  3. the server is started again on the same store and must answer /health with 200;
  4. every write acknowledged this round is read back through the API
     (GET /api/v1/domains/{id}/history): each created domain exists with its first
     assessment, each acknowledged assessment is in the history under the version the
     server answered, and the domain's version is at least that. Writes in flight at the
     kill ("in doubt") may be there or not, but a domain is never there without its
     first assessment.

Rounds share the store (ids are unique per run and round), so the store goes through every
kill; after the last round every acknowledged write of every round is checked once more.
When the binary has a `users` command, an admin user and a bearer token are made before
the first start and sent with every request.

Prints a line per round and a final line such as
`sqlite: 20 rounds, 1234 writes acknowledged, 0 lost`; --json-out writes the figures.
Exits 1 when an acknowledged write is lost, the server does not come back after a kill,
or the server answers a write with anything but 201 or 409 stale_version (5xx included).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import http.client
import json
import os
import random
import secrets
import shutil
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from harness import Client, Server, ServerFailed, log  # noqa: E402


@dataclass
class Write:
    kind: str  # "create" or "assessment"
    domain: str
    note: str
    version: int = 0  # the version the server answered (acknowledged writes)
    round: int = 0

    def describe(self) -> str:
        return f"{self.kind} {self.domain} v{self.version} ({self.note})"


@dataclass
class Round:
    number: int
    kill_after: float = 0  # drawn from the seed
    killed_after: float = 0  # when the kill came (later than drawn when the server had stopped answering)
    acknowledged: list[Write] = field(default_factory=list)
    in_doubt: list[Write] = field(default_factory=list)
    attempts: int = 0
    stale: int = 0
    refused: int = 0  # connection refused after the kill: never reached the server
    http_5xx: int = 0
    unexpected: list[str] = field(default_factory=list)
    restart_s: float | None = None
    restart_error: str | None = None
    lost: list[str] = field(default_factory=list)
    anomalies: list[str] = field(default_factory=list)
    in_doubt_stored: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)
    hot: list[str] = field(default_factory=list)  # domains created this round, newest last
    started: float = 0  # when the writers started (monotonic)
    last_answer: float = 0  # when a write was last answered
    waiting: dict[int, float] = field(default_factory=dict)  # writer → when its request was sent
    latencies: list[float] = field(default_factory=list)
    unanswered_s: float = 0  # at the kill: how long writes had been waiting with none answered
    versions: dict[str, int] = field(default_factory=dict)  # latest version seen per domain

    def figures(self) -> dict:
        creates = sum(1 for w in self.acknowledged if w.kind == "create")
        return {
            "round": self.number,
            "kill_after_s": round(self.kill_after, 3),
            "killed_after_s": round(self.killed_after, 3),
            "attempted": self.attempts,
            "acknowledged": len(self.acknowledged),
            "creates_acknowledged": creates,
            "assessments_acknowledged": len(self.acknowledged) - creates,
            "stale_409": self.stale,
            "in_doubt": len(self.in_doubt),
            "in_doubt_stored": self.in_doubt_stored,
            "refused_after_kill": self.refused,
            "http_5xx": self.http_5xx,
            "unexpected": len(self.unexpected),
            "latency_median_s": round(sorted(self.latencies)[len(self.latencies) // 2], 3) if self.latencies else None,
            "latency_max_s": round(max(self.latencies), 3) if self.latencies else None,
            "unanswered_at_kill_s": round(self.unanswered_s, 3),
            "restart_s": None if self.restart_s is None else round(self.restart_s, 3),
            "restart_error": self.restart_error,
            "lost": len(self.lost),
            "lost_writes": self.lost[:50],
            "anomalies": self.anomalies[:50],
        }


class Writer(threading.Thread):
    def __init__(self, index: int, state: Round, url: str, token: str | None, run_id: str, seed: int,
                 killed: threading.Event, create_share: float):
        super().__init__(daemon=True, name=f"writer-{index}")
        self.index, self.state, self.url, self.token, self.run_id = index, state, url, token, run_id
        self.rng = random.Random(f"{seed}-{state.number}-{index}")
        self.killed, self.create_share = killed, create_share

    def run(self) -> None:
        client = Client(self.url, self.token, timeout=30)
        n = 0
        while not self.killed.is_set():
            n += 1
            with self.state.lock:
                hot = self.state.hot[-8:]
            if not hot or self.rng.random() < self.create_share:
                domain = f"rel-{self.run_id}-r{self.state.number}-w{self.index}-{n}"
                write = Write("create", domain, f"reliability create {domain}", round=self.state.number)
                body = harness.domain_body(domain, write.note, f"Reliability writer {self.index}")
                path = "/api/v1/domains"
            else:
                domain = self.rng.choice(hot)
                with self.state.lock:
                    base = self.state.versions.get(domain, 1)
                note = f"reliability {domain} w{self.index} n{n} {secrets.token_hex(4)}"
                write = Write("assessment", domain, note, round=self.state.number)
                body = harness.assessment_body(base, note, f"Reliability writer {self.index}",
                                               military=self.rng.choice([0, 1, 2, 3, 4]),
                                               economic=self.rng.choice([0, 1, 2, 3, 4]))
                path = f"/api/v1/domains/{domain}/assessments"
            with self.state.lock:
                self.state.attempts += 1
                sent = self.state.waiting[self.index] = time.monotonic()
            try:
                status, headers, data = client.send("POST", path, body)
                with self.state.lock:
                    del self.state.waiting[self.index]
                    self.state.last_answer = time.monotonic()
                    self.state.latencies.append(self.state.last_answer - sent)
            except ConnectionRefusedError:
                with self.state.lock:
                    self.state.waiting.pop(self.index, None)
                    self.state.refused += 1
                if self.killed.is_set():
                    break
                self.note_unexpected(f"{write.kind} {domain}: connection refused while the server was up")
                time.sleep(0.05)
                continue
            except (OSError, http.client.HTTPException) as error:
                # Sent, and no complete answer: the kill, unless the server is still up.
                with self.state.lock:
                    self.state.waiting.pop(self.index, None)
                    self.state.in_doubt.append(write)
                if self.killed.is_set():
                    break
                self.note_unexpected(f"{write.kind} {domain}: {type(error).__name__} {error} while the server was up")
                continue
            self.answered(write, status, headers, data)
        client.close()

    def answered(self, write: Write, status: int, headers, data: bytes) -> None:
        state = self.state
        if status == 201:
            body = harness.json_body(data) or {}
            if write.kind == "create":
                write.version = int(body.get("version", 1))
            else:
                write.version = int(body.get("version", 0))
            with state.lock:
                state.acknowledged.append(write)
                if write.kind == "create":
                    state.hot.append(write.domain)
                state.versions[write.domain] = max(state.versions.get(write.domain, 0), write.version)
            return
        code = harness.error_code(data)
        if status == 409 and code == "stale_version" and write.kind == "assessment":
            etag = (harness.header(headers, "ETag") or "").strip('W/"')
            with state.lock:
                state.stale += 1
                if etag.isdigit():
                    state.versions[write.domain] = max(state.versions.get(write.domain, 0), int(etag))
            return
        if status >= 500:
            with state.lock:
                state.http_5xx += 1
        self.note_unexpected(f"{write.kind} {write.domain}: {status} {data[:300]!r}")

    def note_unexpected(self, message: str) -> None:
        with self.state.lock:
            self.state.unexpected.append(message)
            first = len(self.state.unexpected) <= 3
        if first:
            log(f"  ! writer {self.index}: {message}")


# ---------------------------------------------------------------------------------------
# Reading back.


def histories(url: str, token: str | None, ids: set[str]) -> dict[str, tuple[int, object]]:
    """GET /api/v1/domains/{id}/history for each id: {id: (status, body)} (status 0: no answer)."""

    def one(domain: str):
        for attempt in range(3):
            try:
                status, _, data = harness.request(url, "GET", f"/api/v1/domains/{domain}/history", token=token,
                                                  timeout=60)
                return domain, (status, harness.json_body(data) if status == 200 else data[:300])
            except (OSError, http.client.HTTPException) as error:
                last = error
                time.sleep(0.2 * (attempt + 1))
        return domain, (0, repr(last))

    with concurrent.futures.ThreadPoolExecutor(max_workers=6) as pool:
        return dict(pool.map(one, sorted(ids)))


def verify(url: str, token: str | None, acknowledged: list[Write], in_doubt: list[Write]):
    """(lost, anomalies, in-doubt writes found stored) for writes read back from the server at url."""
    found = histories(url, token, {w.domain for w in acknowledged} | {w.domain for w in in_doubt})
    lost: list[str] = []
    anomalies: list[str] = []

    def entries(domain: str):
        status, body = found[domain]
        if status != 200 or not isinstance(body, dict):
            return status, body, None
        return status, body, body.get("assessments") or []

    for write in acknowledged:
        status, body, items = entries(write.domain)
        if items is None:
            lost.append(f"{write.describe()}: history answered {status} {body!r:.200}")
            if status >= 500 or status == 0:
                anomalies.append(f"history of {write.domain}: {status} {body!r:.200}")
            continue
        matching = [e for e in items if isinstance(e, dict) and e.get("note") == write.note]
        if not matching:
            lost.append(f"{write.describe()}: not in the history (version {body.get('version')}, "
                        f"{len(items)} assessments)")
            continue
        if len(matching) > 1:
            anomalies.append(f"{write.describe()}: stored {len(matching)} times")
        if write.version and matching[0].get("version") != write.version:
            anomalies.append(f"{write.describe()}: in the history as version {matching[0].get('version')}")
        if int(body.get("version", 0)) < write.version:
            lost.append(f"{write.describe()}: the domain's version is {body.get('version')}")
    stored = 0
    for write in in_doubt:
        status, body, items = entries(write.domain)
        if items is None:
            if status not in (404,):
                anomalies.append(f"in doubt {write.describe()}: history answered {status} {body!r:.200}")
            continue
        matching = [e for e in items if isinstance(e, dict) and e.get("note") == write.note]
        stored += 1 if matching else 0
        if len(matching) > 1:
            anomalies.append(f"in doubt {write.describe()}: stored {len(matching)} times")
        if write.kind == "create" and (not items or int(body.get("version", 0)) < 1):
            anomalies.append(f"in doubt {write.describe()}: the domain exists without its first assessment")
    return lost, anomalies, stored


def store_opens(server: Server, token: str | None, creates_so_far: int) -> list[str]:
    """After a restart: the domain list answers and counts at least the domains acknowledged."""
    try:
        status, _, data = harness.request(server.url, "GET", "/api/v1/domains?tag=reliability&limit=1", token=token,
                                          timeout=60)
    except (OSError, http.client.HTTPException) as error:
        return [f"GET /api/v1/domains after the restart: {error}"]
    body = harness.json_body(data)
    if status != 200 or not isinstance(body, dict):
        return [f"GET /api/v1/domains after the restart: {status} {data[:200]!r}"]
    if int(body.get("total", 0)) < creates_so_far:
        return [f"GET /api/v1/domains?tag=reliability counts {body.get('total')} domains, "
                f"{creates_so_far} were acknowledged"]
    return []


# ---------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", help="postgres://… (default: SQLite in a temporary folder)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument("--seed", type=int, default=None, help="seed of the kill moments and the writers' choices "
                        "(default: a random one, printed)")
    parser.add_argument("--binary", help="the safezones binary (default: SAFEZONES_BIN, else .build/debug/safezones)")
    parser.add_argument("--json-out", help="write the figures to this file as JSON")
    parser.add_argument("--kill-min", type=float, default=0.5, help="earliest kill, seconds after the writers start")
    parser.add_argument("--kill-max", type=float, default=3.0, help="latest kill, seconds after the writers start")
    parser.add_argument("--stall", type=float, default=2.0,
                        help="seconds without any answer while writes wait, before the kill, that count as a hang")
    parser.add_argument("--create-share", type=float, default=0.3, help="share of writes that create a domain")
    parser.add_argument("--start-timeout", type=float, default=120, help="seconds a (re)start may take")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (data and server log)")
    args = parser.parse_args()
    if args.rounds < 1 or args.writers < 1 or not 0 < args.kill_min <= args.kill_max:
        parser.error("need --rounds ≥ 1, --writers ≥ 1 and 0 < --kill-min ≤ --kill-max")

    binary = harness.find_binary(args.binary)
    kind = harness.kind_of(args.database)
    seed = args.seed if args.seed is not None else secrets.randbelow(2**31)
    rng = random.Random(seed)
    run_id = secrets.token_hex(3)  # not from the seed: ids stay unique on a database used before
    work = tempfile.mkdtemp(prefix=f"safezones-reliability-{kind}.")
    data_dir = os.path.join(work, "data")
    server = Server(binary, data_dir, args.database, os.path.join(work, "server.log"), name=f"{kind} server")
    log(f"killnine on {kind}{' ' + harness.redact(args.database) if args.database else ''}: binary {binary}, "
        f"{args.rounds} rounds, {args.writers} writers, seed {seed}, ids rel-{run_id}-…, folder {work}")
    began = time.monotonic()
    rounds: list[Round] = []
    final_lost: list[str] = []
    final_anomalies: list[str] = []
    failure: str | None = None
    token = None
    try:
        token = harness.obtain_token(binary, data_dir, args.database, harness.random_password())
        server.start()
        took = server.wait_healthy(args.start_timeout)
        log(f"first start: healthy after {took:.2f} s on {server.url}")
        # The first read loads the catalog (slow in a debug build): not part of a round's timing.
        # After each restart the reading back does the same.
        opened = store_opens(server, token, 0)
        if opened:
            raise ServerFailed("; ".join(opened))
        creates_so_far = 0
        for number in range(1, args.rounds + 1):
            state = Round(number)
            rounds.append(state)
            state.kill_after = rng.uniform(args.kill_min, args.kill_max)
            killed = threading.Event()
            writers = [Writer(i + 1, state, server.url, token, run_id, seed, killed, args.create_share)
                       for i in range(args.writers)]
            state.started = time.monotonic()
            for writer in writers:
                writer.start()
            time.sleep(state.kill_after)
            # A server that has stopped answering is told from a slow one: when writes wait
            # and none was answered lately, the kill waits (up to --stall) for an answer.
            while True:
                with state.lock:
                    quiet = time.monotonic() - max(state.last_answer, state.started)
                    waiting = bool(state.waiting)
                if not waiting or quiet < 0.5 or quiet >= args.stall:
                    break
                time.sleep(0.05)
            state.unanswered_s = quiet if waiting else 0
            if state.unanswered_s >= args.stall:
                try:
                    health = str(harness.request(server.url, "GET", "/health", timeout=2)[0])
                except (OSError, http.client.HTTPException) as error:
                    health = f"no answer ({error})"
                state.anomalies.append(
                    f"the server stopped answering writes: at the kill {len(state.waiting)} were waiting and none had "
                    f"been answered for {state.unanswered_s:.2f} s (GET /health meanwhile: {health})")
            state.killed_after = time.monotonic() - state.started
            killed.set()
            server.kill9()
            for writer in writers:
                writer.join(timeout=60)
            if any(writer.is_alive() for writer in writers):
                state.anomalies.append("a writer did not finish within 60 s of the kill")
            try:
                server.start()
                state.restart_s = server.wait_healthy(args.start_timeout)
            except ServerFailed as error:
                state.restart_error = str(error)
                failure = f"round {number}: the server did not come back after the kill: {error}"
                log(failure)
                log("---- last lines of the server log:\n" + server.log_tail())
                break
            creates_so_far += sum(1 for w in state.acknowledged if w.kind == "create")
            state.anomalies += store_opens(server, token, creates_so_far)
            state.lost, anomalies, state.in_doubt_stored = verify(server.url, token, state.acknowledged,
                                                                  state.in_doubt)
            state.anomalies += anomalies
            f = state.figures()
            log(f"round {number}/{args.rounds}: killed after {state.killed_after:.2f} s; "
                f"{f['acknowledged']} writes acknowledged ({f['creates_acknowledged']} creates, "
                f"{f['assessments_acknowledged']} assessments), {f['stale_409']} stale (409), "
                f"{f['in_doubt']} in doubt ({f['in_doubt_stored']} stored); slowest answer "
                f"{f['latency_max_s'] or 0:.2f} s; back in {state.restart_s:.2f} s; "
                f"{f['lost']} lost" + (f"; {f['http_5xx']} 5xx" if f['http_5xx'] else "")
                + (f"; {f['unexpected']} unexpected answers" if f['unexpected'] else ""))
            for line in (state.lost + state.anomalies)[:10]:
                log(f"  ! {line}")
        if failure is None:
            # Every acknowledged write of every round, after all the kills.
            everything = [w for r in rounds for w in r.acknowledged]
            final_lost, final_anomalies, _ = verify(server.url, token, everything, [])
            log(f"after the last restart: {len(everything)} acknowledged writes of every round read back, "
                f"{len(final_lost)} missing")
            for line in (final_lost + final_anomalies)[:10]:
                log(f"  ! {line}")
    except ServerFailed as error:
        failure = f"the server did not start: {error}"
        log(failure)
        log("---- last lines of the server log:\n" + server.log_tail())
    finally:
        server.stop()

    acknowledged = sum(len(r.acknowledged) for r in rounds)
    lost_keys = {line.split(":")[0] for r in rounds for line in r.lost} | {line.split(":")[0] for line in final_lost}
    lost = len(lost_keys)
    http_5xx = sum(r.http_5xx for r in rounds)
    unexpected = sum(len(r.unexpected) for r in rounds)
    anomalies = [a for r in rounds for a in r.anomalies] + final_anomalies
    completed = sum(1 for r in rounds if r.restart_error is None)
    problems = []
    if failure:
        problems.append(failure)
    if lost:
        problems.append(f"{lost} acknowledged writes lost")
    if http_5xx or unexpected:
        problems.append(f"{unexpected} unexpected answers to writes ({http_5xx} of them 5xx)")
    if anomalies:
        problems.append(f"{len(anomalies)} anomalies (marked ! above)")
    if acknowledged == 0 and not failure:
        problems.append("no write was acknowledged: nothing was tested")
    summary = {
        "suite": "killnine",
        "database": kind,
        "binary": binary,
        "seed": seed,
        "writers": args.writers,
        "rounds": completed,
        "rounds_planned": args.rounds,
        "acknowledged": acknowledged,
        "creates_acknowledged": sum(f["creates_acknowledged"] for f in (r.figures() for r in rounds)),
        "assessments_acknowledged": sum(f["assessments_acknowledged"] for f in (r.figures() for r in rounds)),
        "lost": lost,
        "stale_409": sum(r.stale for r in rounds),
        "in_doubt": sum(len(r.in_doubt) for r in rounds),
        "in_doubt_stored": sum(r.in_doubt_stored for r in rounds),
        "http_5xx": http_5xx,
        "unexpected": unexpected,
        "unexpected_examples": [u for r in rounds for u in r.unexpected][:20],
        "anomalies": anomalies[:50],
        "token": token is not None,
        "date": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
        "duration_s": round(time.monotonic() - began, 1),
        "ok": not problems,
        "problems": problems,
        "per_round": [r.figures() for r in rounds],
        "lost_after_last_restart": final_lost[:50],
    }
    if args.json_out:
        os.makedirs(os.path.dirname(os.path.abspath(args.json_out)), exist_ok=True)
        with open(args.json_out, "w") as out:
            json.dump(summary, out, indent=2)
            out.write("\n")
    if args.keep or problems:
        log(f"data and server log kept in {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)
    log(f"took {summary['duration_s']} s")
    log(f"{kind}: {completed} rounds, {acknowledged} writes acknowledged, {lost} lost")
    for problem in problems:
        log(f"FAILED: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
