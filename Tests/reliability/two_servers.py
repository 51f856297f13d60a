#!/usr/bin/env python3
"""Two servers on one PostgreSQL database.

    two_servers.py --database postgres://… [--binary PATH] [--json-out FILE]

Starts two `safezones serve` processes on one database (different ports, different --data
folders, the same --database) and checks:

  (d) started at the same moment on an empty database, both come up (/health 200) and
      agree on what the store holds (the knowledge base seeded once);
  (a) a write through the API on one server is seen by the next read on the other, in
      both directions, also while the reading server is busy answering other readers;
  (b) a stale write is refused on either: two writes based on the same version, on
      different servers, one after the other or at the same moment: one 201, the other
      409 stale_version; the same id created on both at once: one 201, one 409
      already_exists;
  (c) a session made by logging in on one server works on the other: GET /login (form
      with a hidden _csrf), POST /login → 303 with an sz_session cookie, GET /account on
      the other server with that cookie → 200 naming the user, without it → 303 to
      /login. Skipped ("skipped: no /login") while GET /login answers 404.

(d) needs a new, empty database: one is created beside --database with psql (CREATE
DATABASE, so the user needs CREATEDB) and dropped at the end; when that is not possible
(d) is skipped. (a)-(c) run on another new database when one can be created, else on
--database itself with unique ids. When the binary has a `users` command, an admin user
and a bearer token are made before the servers start, and the token is sent on every API
request.

Exits 1 when a check fails.
"""

from __future__ import annotations

import argparse
import html
import http.client
import http.cookies
import json
import os
import re
import secrets
import shutil
import sys
import tempfile
import threading
import time
import urllib.parse

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from harness import Server, ServerFailed, log  # noqa: E402

results: list[dict] = []


def record(check: str, status: str, detail: str = "") -> bool:
    results.append({"check": check, "status": status, "detail": detail})
    log(f"{status.upper():7} {check}" + (f": {detail}" if detail else ""))
    return status == "pass"


def api(server: Server, method: str, path: str, body=None, token=None, headers=None):
    try:
        status, response_headers, data = harness.request(server.url, method, path, body=body, token=token,
                                                         headers=headers, timeout=60)
    except (OSError, http.client.HTTPException) as error:
        return 0, [], repr(error).encode()
    return status, response_headers, data


def short(data: bytes) -> str:
    return data[:300].decode(errors="replace")


# ---------------------------------------------------------------------------------------
# (d)


def check_simultaneous_start(binary: str, url: str, work: str, timeout: float) -> None:
    name = "(d) two servers started at the same moment on an empty database both come up"
    empty, why = harness.create_database(url, "sz_rel_empty")
    if not empty:
        record(name, "skip", f"could not create an empty database: {why[-300:]}")
        return
    a = Server(binary, os.path.join(work, "d-a"), empty, os.path.join(work, "d-a.log"), name="server A (d)")
    b = Server(binary, os.path.join(work, "d-b"), empty, os.path.join(work, "d-b.log"), name="server B (d)")
    try:
        # As close together as two process starts can be.
        a.start()
        b.start()
        times: dict[str, object] = {}

        def wait(server: Server) -> None:
            try:
                times[server.name] = server.wait_healthy(timeout)
            except ServerFailed as error:
                times[server.name] = error

        waiters = [threading.Thread(target=wait, args=(s,)) for s in (a, b)]
        for w in waiters:
            w.start()
        for w in waiters:
            w.join()
        failed = {k: v for k, v in times.items() if isinstance(v, Exception)}
        if failed:
            for server in (a, b):
                if server.name in failed:
                    log(f"---- last lines of {server.name}'s log:\n{server.log_tail()}")
            record(name, "fail", "; ".join(str(v) for v in failed.values()))
            return
        record(name, "pass", ", ".join(f"{k} healthy after {v:.2f} s" for k, v in times.items()))
        # Both see one store: the same domains and rubrics (seeded once, not twice). The
        # database had to be empty at the start, so a token (when the binary has users) is
        # made only now, on the running store.
        token = None
        if harness.has_users_command(binary):
            harness.add_user(binary, a.data, empty, harness.ADMIN_EMAIL, harness.random_password())
            token = harness.make_token(binary, a.data, empty, harness.ADMIN_EMAIL)
        views = []
        for server in (a, b):
            s1, _, d1 = api(server, "GET", "/api/v1/domains?limit=1000", token=token)
            s2, _, d2 = api(server, "GET", "/api/v1/rubrics", token=token)
            j1, j2 = harness.json_body(d1) or {}, harness.json_body(d2)
            ids = sorted(x.get("id") for x in j1.get("domains", [])) if s1 == 200 else None
            rubrics = len(j2) if isinstance(j2, list) else len((j2 or {}).get("rubrics", [])) if s2 == 200 else None
            views.append((s1, s2, j1.get("total"), ids, rubrics))
        same = views[0][:2] == (200, 200) and views[0] == views[1]
        record("(d) after starting together both servers hold the same store", "pass" if same else "fail",
               f"{views[0][2]} domains, {views[0][4]} rubric versions on each" if same else
               f"A: {views[0][0]}/{views[0][1]} {views[0][2]} domains, {views[0][4]} rubrics; "
               f"B: {views[1][0]}/{views[1][1]} {views[1][2]} domains, {views[1][4]} rubrics")
    finally:
        a.stop()
        b.stop()
        harness.drop_database(url, empty)


# ---------------------------------------------------------------------------------------
# (a)


def create(server: Server, token, domain: str):
    return api(server, "POST", "/api/v1/domains",
               harness.domain_body(domain, f"two servers create {domain}", "Two servers"), token)


def assess(server: Server, token, domain: str, base: int, note: str):
    return api(server, "POST", f"/api/v1/domains/{domain}/assessments",
               harness.assessment_body(base, note, f"Two servers via {server.name}"), token)


def check_visibility(a: Server, b: Server, token, run_id: str) -> None:
    problems = []
    count = 0
    for i in range(6):
        writer, reader = (a, b) if i % 2 == 0 else (b, a)
        domain = f"rel2-{run_id}-seen-{i}"
        status, _, data = create(writer, token, domain)
        if status != 201:
            problems.append(f"create {domain} on {writer.name}: {status} {short(data)}")
            continue
        status, _, data = api(reader, "GET", f"/api/v1/domains/{domain}", token=token)
        body = harness.json_body(data) or {}
        count += 1
        if status != 200 or body.get("version") != 1:
            problems.append(f"{domain} created on {writer.name}, read on {reader.name}: {status} "
                            f"version {body.get('version')}")
        note = f"two servers seen {domain} {secrets.token_hex(4)}"
        status, _, data = assess(writer, token, domain, 1, note)
        if status != 201:
            problems.append(f"assessment on {writer.name}: {status} {short(data)}")
            continue
        status, _, data = api(reader, "GET", f"/api/v1/domains/{domain}/history", token=token)
        body = harness.json_body(data) or {}
        count += 1
        notes = [e.get("note") for e in body.get("assessments", []) if isinstance(e, dict)]
        if status != 200 or body.get("version") != 2 or note not in notes:
            problems.append(f"assessment of {domain} on {writer.name}, history read on {reader.name}: {status} "
                            f"version {body.get('version')}, note {'present' if note in notes else 'missing'}")
    record("(a) a write on one server is seen by the next read on the other (both directions)",
           "fail" if problems else "pass", "; ".join(problems[:5]) or f"{count} writes, each read on the other server")


def check_visibility_busy(a: Server, b: Server, token, run_id: str) -> None:
    """The same while B answers other readers all the time (B's catalog catching up with
    one change while the next arrives)."""
    stop = threading.Event()
    errors: list[str] = []
    reads = [0]

    def reader_load(index: int) -> None:
        client = harness.Client(b.url, token, timeout=60)
        paths = ["/api/v1/domains?limit=20", "/api/v1/placements", f"/api/v1/domains?q=rel2-{run_id}"]
        while not stop.is_set():
            try:
                status, _, _ = client.send("GET", paths[(reads[0] + index) % len(paths)])
                reads[0] += 1
                if status != 200:
                    errors.append(f"background read on B: {status}")
            except (OSError, http.client.HTTPException) as error:
                errors.append(f"background read on B: {error}")
                time.sleep(0.1)
        client.close()

    load = [threading.Thread(target=reader_load, args=(i,), daemon=True) for i in range(3)]
    for t in load:
        t.start()
    problems = []
    domain = f"rel2-{run_id}-busy"
    writes = 0
    stale = 0
    try:
        time.sleep(0.3)
        status, _, data = create(a, token, domain)
        if status != 201:
            problems.append(f"create {domain} on A: {status} {short(data)}")
        else:
            writes += 1
            status, _, data = api(b, "GET", f"/api/v1/domains/{domain}", token=token)
            if status != 200:
                stale += 1
                problems.append(f"{domain} created on A, next read on B: {status}")
            version = 1
            for i in range(12):
                status, _, data = assess(a, token, domain, version, f"busy {i}")
                if status != 201:
                    problems.append(f"assessment {i} on A: {status} {short(data)}")
                    break
                version = (harness.json_body(data) or {}).get("version", version + 1)
                writes += 1
                status, _, data = api(b, "GET", f"/api/v1/domains/{domain}", token=token)
                seen = (harness.json_body(data) or {}).get("version")
                if status != 200 or seen != version:
                    stale += 1
                    problems.append(f"after assessment {i} (version {version}) on A, the next read on B answered "
                                    f"{status} with version {seen}")
    finally:
        stop.set()
        for t in load:
            t.join(timeout=60)
    if stale:
        problems.insert(0, f"{stale} of {writes} reads on B right after an acknowledged write on A did not see it")
    if errors:
        problems.append(f"{len(errors)} background reads failed, e.g. {errors[0]}")
    record("(a) … also while the other server is busy with other readers", "fail" if problems else "pass",
           "; ".join(problems[:4]) or f"{writes} writes on A, each seen by the next read on B "
                                       f"({reads[0]} background reads on B)")


# ---------------------------------------------------------------------------------------
# (b)


def check_stale(a: Server, b: Server, token, run_id: str) -> None:
    domain = f"rel2-{run_id}-stale"
    status, _, data = create(a, token, domain)
    if status != 201:
        record("(b) a stale write is refused on either server", "fail", f"create on A: {status} {short(data)}")
        return
    version = 1
    problems = []
    # One after the other: the first is accepted, the second (same base) refused.
    for i in range(4):
        first, second = (a, b) if i % 2 == 0 else (b, a)
        s1, _, d1 = assess(first, token, domain, version, f"stale seq {i} first")
        s2, h2, d2 = assess(second, token, domain, version, f"stale seq {i} second")
        if s1 != 201:
            problems.append(f"#{i} on {first.name} (base {version}): {s1} {short(d1)}")
            break
        if s2 != 409 or harness.error_code(d2) != "stale_version":
            problems.append(f"#{i} on {second.name} with the same base {version}: {s2} {short(d2)}")
        version += 1
    record("(b) the same base version, one after the other on two servers: first 201, second 409 stale_version",
           "fail" if problems else "pass", "; ".join(problems[:4]) or "4 pairs, alternating servers")

    # At the same moment.
    problems = []
    wins = {a.name: 0, b.name: 0}
    rounds = 8
    for i in range(rounds):
        barrier = threading.Barrier(2)
        answers: dict[str, tuple] = {}

        def post(server: Server) -> None:
            barrier.wait()
            answers[server.name] = assess(server, token, domain, version, f"stale race {i} {server.name}")

        threads = [threading.Thread(target=post, args=(s,)) for s in (a, b)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        statuses = sorted((answers[s.name][0], s.name) for s in (a, b))
        winners = [n for st, n in statuses if st == 201]
        losers = [(n, answers[n]) for st, n in statuses if st != 201]
        if len(winners) != 1 or losers[0][1][0] != 409 or harness.error_code(losers[0][1][2]) != "stale_version":
            problems.append(f"race {i} (base {version}): " + ", ".join(
                f"{n} {answers[n][0]} {harness.error_code(answers[n][2]) or short(answers[n][2])[:80]}"
                for _, n in statuses))
            # Find out where the domain is now, to go on.
            _, _, data = api(a, "GET", f"/api/v1/domains/{domain}", token=token)
            version = (harness.json_body(data) or {}).get("version", version)
            continue
        wins[winners[0]] += 1
        version += 1
    record("(b) the same base version at the same moment on two servers: one 201, one 409 stale_version",
           "fail" if problems else "pass",
           "; ".join(problems[:4]) or f"{rounds} races, won by A {wins[a.name]}, B {wins[b.name]}")

    # Both servers agree on the result.
    views = []
    for server in (a, b):
        status, _, data = api(server, "GET", f"/api/v1/domains/{domain}/history", token=token)
        body = harness.json_body(data) or {}
        views.append((status, body.get("version"), len(body.get("assessments", []))))
    agree = views[0] == views[1] == (200, version, version)
    record("(b) after the races both servers show the same history", "pass" if agree else "fail",
           f"version {version} on both" if agree else f"expected version {version}; A {views[0]}, B {views[1]}")

    # The same new id created on both at once.
    problems = []
    for i in range(4):
        new = f"rel2-{run_id}-twin-{i}"
        barrier = threading.Barrier(2)
        answers = {}

        def post_create(server: Server) -> None:
            barrier.wait()
            answers[server.name] = create(server, token, new)

        threads = [threading.Thread(target=post_create, args=(s,)) for s in (a, b)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        statuses = sorted((answers[s.name][0], harness.error_code(answers[s.name][2]) or "") for s in (a, b))
        if statuses != [(201, ""), (409, "already_exists")]:
            problems.append(f"{new}: " + ", ".join(
                f"{s.name} {answers[s.name][0]} {short(answers[s.name][2])[:120]}" for s in (a, b)))
    record("(b) the same new id created on both servers at once: one 201, one 409 already_exists",
           "fail" if problems else "pass", "; ".join(problems[:4]) or "4 races")


# ---------------------------------------------------------------------------------------
# (c)


class Jar:
    def __init__(self) -> None:
        self.cookies: dict[str, str] = {}

    def take(self, headers) -> list[str]:
        names = []
        for key, value in headers:
            if key.lower() != "set-cookie":
                continue
            parsed = http.cookies.SimpleCookie()
            try:
                parsed.load(value)
            except http.cookies.CookieError:
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";")[0]
                names.append(name.strip())
                continue
            for name, morsel in parsed.items():
                self.cookies[name] = morsel.value
                names.append(name)
        return names

    def header(self, only: str | None = None) -> str:
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items() if only is None or k == only)


def csrf_value(page: str) -> str | None:
    for tag in re.findall(r"<input\b[^>]*>", page, flags=re.IGNORECASE):
        if re.search(r"""\bname\s*=\s*["']?_csrf["'\s>/]""", tag, flags=re.IGNORECASE):
            found = re.search(r"""\bvalue\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", tag, flags=re.IGNORECASE)
            if found:
                return html.unescape(next(g for g in found.groups() if g is not None))
    return None


def check_session(a: Server, b: Server, email: str | None, password: str) -> None:
    name = "(c) a session made on one server works on the other"
    page_headers = {"Accept": "text/html"}
    status, headers, data = api(a, "GET", "/login", headers=page_headers)
    if status == 404:
        record(name, "skip", "skipped: no /login")
        return
    if email is None:
        record(name, "fail", "/login exists but no user could be made to log in with (see the notes above)")
        return
    if status != 200:
        record(name, "fail", f"GET /login on A: {status} {short(data)}")
        return
    jar = Jar()
    jar.take(headers)
    token = csrf_value(data.decode(errors="replace"))
    if not token:
        record(name, "fail", "GET /login on A: no hidden input name=\"_csrf\" with a value in the page")
        return
    form = urllib.parse.urlencode({"email": email, "password": password, "_csrf": token})
    login_headers = {"Content-Type": "application/x-www-form-urlencoded", "Origin": a.url, "Accept": "text/html"}
    if jar.cookies:
        login_headers["Cookie"] = jar.header()
    status, headers, data = api(a, "POST", "/login", body=form, headers=login_headers)
    set_now = jar.take(headers)
    if status != 303 or "sz_session" not in set_now or not jar.cookies.get("sz_session"):
        record(name, "fail", f"POST /login on A: {status}, cookies set: {set_now or 'none'} {short(data)[:200]}")
        return
    session = {"Cookie": f"sz_session={jar.cookies['sz_session']}", "Accept": "text/html"}
    status, headers, data = api(b, "GET", "/account", headers=session)
    page = data.decode(errors="replace")
    shown = email in page or html.escape(email) in page or email.replace("@", "&#64;") in page
    if status != 200 or not shown:
        record(name, "fail", f"GET /account on B with A's sz_session: {status}"
                             f"{'' if shown else ', the page does not name ' + email}")
        return
    status, headers, data = api(b, "GET", "/account", headers={"Accept": "text/html"})
    location = harness.header(headers, "Location") or ""
    if status != 303 or "/login" not in location:
        record(name, "fail", f"GET /account on B without a cookie: {status}, Location {location!r} "
                             "(expected 303 to /login)")
        return
    record(name, "pass", f"logged in on A as {email}; /account on B: 200 with the cookie, 303 to {location} "
                         "without")


# ---------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default=os.environ.get("DATABASE_URL"), required=not os.environ.get("DATABASE_URL"),
                        help="postgres://user:password@host:port/db (default: DATABASE_URL)")
    parser.add_argument("--binary", help="the safezones binary (default: SAFEZONES_BIN, else .build/debug/safezones)")
    parser.add_argument("--json-out", help="write the results to this file as JSON")
    parser.add_argument("--start-timeout", type=float, default=120)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (server logs)")
    args = parser.parse_args()
    if not args.database.startswith(("postgres://", "postgresql://")):
        parser.error("--database must be a postgres:// URL: two servers share one PostgreSQL database")
    binary = harness.find_binary(args.binary)
    run_id = secrets.token_hex(3)
    work = tempfile.mkdtemp(prefix="safezones-reliability-two.")
    log(f"two servers on {harness.redact(args.database)}: binary {binary}, ids rel2-{run_id}-…, folder {work}")
    began = time.monotonic()
    created = None
    try:
        check_simultaneous_start(binary, args.database, work, args.start_timeout)

        created, why = harness.create_database(args.database, "sz_rel_two")
        database = created or args.database
        log(f"(a)-(c) on {'a new database' if created else 'the given database (' + why[-200:] + ')'}: "
            f"{harness.redact(database)}")
        a = Server(binary, os.path.join(work, "a"), database, os.path.join(work, "a.log"), name="server A")
        b = Server(binary, os.path.join(work, "b"), database, os.path.join(work, "b.log"), name="server B")
        password = harness.random_password()
        token, email = None, None
        if harness.has_users_command(binary):
            if harness.add_user(binary, a.data, database, harness.ADMIN_EMAIL, password):
                email = harness.ADMIN_EMAIL
            else:
                # The admin exists already (a database used before): another user to log in with.
                other = f"reliability-{run_id}@example.org"
                email = other if harness.add_user(binary, a.data, database, other, password) else None
            token = harness.make_token(binary, a.data, database, harness.ADMIN_EMAIL)
            log(f"auth: bearer token for {harness.ADMIN_EMAIL}; logging in as {email}")
        else:
            log("auth: `users --help` fails (no users command in this binary): requests go without a token")
        try:
            a.start()
            b.start()
            took = (a.wait_healthy(args.start_timeout), b.wait_healthy(args.start_timeout))
            log(f"server A on {a.url}, server B on {b.url}: healthy after {took[0]:.2f} s and {took[1]:.2f} s")
            check_visibility(a, b, token, run_id)
            check_visibility_busy(a, b, token, run_id)
            check_stale(a, b, token, run_id)
            check_session(a, b, email, password)
            for server in (a, b):
                if not server.alive():
                    record(f"{server.name} still running at the end", "fail", f"exited {server.process.returncode}")
        except ServerFailed as error:
            record("servers A and B start on one database", "fail", str(error))
        finally:
            failed = any(r["status"] == "fail" for r in results)
            for server in (a, b):
                if failed:
                    log(f"---- last lines of {server.name}'s log:\n{server.log_tail(20)}")
                server.stop()
    finally:
        if created:
            harness.drop_database(args.database, created)

    passed = sum(r["status"] == "pass" for r in results)
    failed = sum(r["status"] == "fail" for r in results)
    skipped = sum(r["status"] == "skip" for r in results)
    summary = {
        "suite": "two_servers", "database": "postgresql", "binary": binary,
        "date": time.strftime("%Y-%m-%d %H:%M:%S %Z"), "duration_s": round(time.monotonic() - began, 1),
        "passed": passed, "failed": failed, "skipped": skipped, "checks": results, "ok": failed == 0,
    }
    if args.json_out:
        os.makedirs(os.path.dirname(os.path.abspath(args.json_out)), exist_ok=True)
        with open(args.json_out, "w") as out:
            json.dump(summary, out, indent=2)
            out.write("\n")
    if args.keep or failed:
        log(f"server logs kept in {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)
    log(f"two servers (postgresql): {passed} checks passed, {failed} failed, {skipped} skipped "
        f"({summary['duration_s']} s)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
