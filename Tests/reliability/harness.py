"""Shared by the reliability suite (killnine.py, two_servers.py): the binary, free ports,
starting and stopping `safezones serve`, waiting for /health, the API client, the bearer
token, the bodies written and temporary PostgreSQL databases. Standard library only.

Every process these scripts start is tracked by its id and stopped by that id on exit;
nothing else is ever signalled.
"""

from __future__ import annotations

import atexit
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import string
import subprocess
import sys
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
PGBIN = "/usr/lib/postgresql/15/bin"
ADMIN_EMAIL = "reliability-admin@example.org"


def fail(message: str) -> "NoReturn":  # noqa: F821
    print(message, file=sys.stderr, flush=True)
    sys.exit(1)


def log(message: str) -> None:
    print(message, flush=True)


# ---------------------------------------------------------------------------------------
# The binary and the environment it runs in.


def find_binary(given: str | None) -> str:
    """--binary, else SAFEZONES_BIN, else the debug build of the package."""
    binary = given or os.environ.get("SAFEZONES_BIN") or os.path.join(ROOT, ".build", "debug", "safezones")
    if not (os.path.isfile(binary) and os.access(binary, os.X_OK)):
        fail(f"no executable at {binary} (give --binary or SAFEZONES_BIN)")
    return os.path.abspath(binary)


def child_env() -> dict[str, str]:
    """The environment of every child: the store comes only from the command line
    (--data, --database), never from a DATABASE_URL the caller happens to export."""
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    env.pop("SAFEZONES_DATA", None)
    env.pop("SAFEZONES_PORT", None)
    env.pop("SAFEZONES_HOSTNAME", None)
    return env


def store_args(data: str, database: str | None) -> list[str]:
    return ["--data", data] + (["--database", database] if database else [])


def kind_of(database: str | None) -> str:
    return "postgresql" if database else "sqlite"


def redact(url: str | None) -> str:
    """A database URL without its password, for messages."""
    if not url:
        return ""
    parts = urllib.parse.urlsplit(url)
    if parts.password is None:
        return url
    netloc = f"{parts.username}:***@{parts.hostname}" + (f":{parts.port}" if parts.port else "")
    return urllib.parse.urlunsplit(parts._replace(netloc=netloc))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def random_password(length: int = 24) -> str:
    alphabet = string.ascii_letters + string.digits
    return "".join(secrets.choice(alphabet) for _ in range(length))


# ---------------------------------------------------------------------------------------
# The token (authentication is being added: `safezones users` may not exist yet).


def has_users_command(binary: str) -> bool:
    """`safezones users --help` exits 0 and is the help of `users`. (ArgumentParser answers
    `--help` after an unknown subcommand with the top-level help and status 0, so the status
    alone does not tell.)"""
    try:
        done = subprocess.run([binary, "users", "--help"], env=child_env(), capture_output=True, text=True,
                              timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0 and re.search(r"(?m)^USAGE: \S*safezones users\b", done.stdout) is not None


def add_user(binary: str, data: str, database: str | None, email: str, password: str, role: str = "admin") -> bool:
    """`safezones users add EMAIL --role ROLE --password-stdin`; False (with a note) when
    it fails, for instance because the user exists already in a database given to us."""
    done = subprocess.run(
        [binary, "users", "add", email, "--role", role, "--password-stdin"] + store_args(data, database),
        input=password + "\n", text=True, env=child_env(), capture_output=True, timeout=120)
    if done.returncode != 0:
        log(f"note: `users add {email}` exited {done.returncode}: {(done.stderr or done.stdout).strip()[-300:]}")
        return False
    return True


def make_token(binary: str, data: str, database: str | None, email: str, name: str = "reliability") -> str:
    done = subprocess.run(
        [binary, "users", "token", email, "--name", name] + store_args(data, database),
        text=True, env=child_env(), capture_output=True, timeout=120)
    lines = [line.strip() for line in done.stdout.splitlines() if line.strip()]
    if done.returncode != 0 or not lines:
        fail(f"`users token {email}` exited {done.returncode}: {(done.stderr or done.stdout).strip()[-500:]}")
    return lines[-1]


def obtain_token(binary: str, data: str, database: str | None, password: str) -> str | None:
    """Before the first start of a store: an admin user and a bearer token for it, when the
    binary has `users`; None (no Authorization header) otherwise."""
    if not has_users_command(binary):
        log("auth: `users --help` fails (no users command in this binary): requests go without a token")
        return None
    add_user(binary, data, database, ADMIN_EMAIL, password)
    token = make_token(binary, data, database, ADMIN_EMAIL)
    log(f"auth: bearer token for {ADMIN_EMAIL} ({len(token)} characters)")
    return token


# ---------------------------------------------------------------------------------------
# The server.

_started: list["Server"] = []


class ServerFailed(Exception):
    pass


class Server:
    """One `safezones serve` process on a free loopback port. Its output goes to `log_path`
    (appended to, so restarts on one store share one log)."""

    def __init__(self, binary: str, data: str, database: str | None, log_path: str, name: str = "server"):
        self.binary, self.data, self.database, self.log_path, self.name = binary, data, database, log_path, name
        self.process: subprocess.Popen | None = None
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int:
        return self.process.pid if self.process else 0

    def start(self, port: int | None = None) -> None:
        self.port = port or free_port()
        with open(self.log_path, "a") as out:
            out.write(f"\n===== {time.strftime('%H:%M:%S')} {self.name}: start on port {self.port}\n")
            out.flush()
            self.process = subprocess.Popen(
                [self.binary, "serve", "--hostname", "127.0.0.1", "--port", str(self.port)]
                + store_args(self.data, self.database),
                stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=child_env(),
                start_new_session=True)
        _started.append(self)

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def wait_healthy(self, timeout: float = 120) -> float:
        """Waits for GET /health to answer 200; returns the seconds it took. Raises
        ServerFailed when the process exits or the time runs out."""
        began = time.monotonic()
        last = "no answer"
        while time.monotonic() - began < timeout:
            if not self.alive():
                raise ServerFailed(f"{self.name} exited with status {self.process.returncode} before /health answered")
            try:
                status, _, body = request(self.url, "GET", "/health", timeout=5)
                if status == 200:
                    return time.monotonic() - began
                last = f"{status} {body[:200]!r}"
            except OSError as error:
                last = str(error)
            time.sleep(0.05)
        raise ServerFailed(f"{self.name}: /health did not answer 200 within {timeout:.0f} s (last: {last})")

    def kill9(self) -> None:
        """SIGKILL, by pid, and reap it."""
        if self.alive():
            os.kill(self.process.pid, signal.SIGKILL)
        if self.process is not None:
            self.process.wait()

    def stop(self) -> None:
        """SIGTERM, then SIGKILL after 5 s."""
        if self.alive():
            os.kill(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.kill9()
        if self in _started:
            _started.remove(self)

    def log_tail(self, lines: int = 40) -> str:
        try:
            with open(self.log_path, errors="replace") as f:
                return "".join(f.readlines()[-lines:])
        except OSError:
            return ""


def _stop_all() -> None:
    for server in list(_started):
        try:
            server.stop()
        except Exception:  # noqa: BLE001 - cleaning up, keep going
            pass


atexit.register(_stop_all)


def _on_signal(number, _frame):
    _stop_all()
    sys.exit(128 + number)


signal.signal(signal.SIGTERM, _on_signal)
signal.signal(signal.SIGINT, _on_signal)


# ---------------------------------------------------------------------------------------
# HTTP.


def request(base: str, method: str, path: str, body: object = None, token: str | None = None,
            headers: dict[str, str] | None = None, timeout: float = 20):
    """One request on a new connection: (status, headers as a list of pairs, body bytes).
    A dict or list body is sent as JSON; a str or bytes body as is."""
    parts = urllib.parse.urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        return _send(conn, method, path, body, token, headers)
    finally:
        conn.close()


def _send(conn, method, path, body, token, headers):
    all_headers = {"Accept": "application/json"}
    data = None
    if isinstance(body, (dict, list)):
        data = json.dumps(body).encode()
        all_headers["Content-Type"] = "application/json"
    elif isinstance(body, str):
        data = body.encode()
    elif isinstance(body, bytes):
        data = body
    if token:
        all_headers["Authorization"] = f"Bearer {token}"
    all_headers.update(headers or {})
    conn.request(method, path, body=data, headers=all_headers)
    response = conn.getresponse()
    return response.status, response.getheaders(), response.read()


class Client:
    """A keep-alive connection to one server, reopened after an error."""

    def __init__(self, base: str, token: str | None, timeout: float = 20):
        parts = urllib.parse.urlsplit(base)
        self.host, self.port, self.token, self.timeout = parts.hostname, parts.port, token, timeout
        self.conn = None

    def send(self, method: str, path: str, body: object = None, headers: dict[str, str] | None = None):
        if self.conn is None:
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
            status, response_headers, data = _send(self.conn, method, path, body, self.token, headers)
        except BaseException:
            self.close()
            raise
        if any(k.lower() == "connection" and v.lower() == "close" for k, v in response_headers):
            self.close()
        return status, response_headers, data

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def header(headers, name: str) -> str | None:
    for key, value in headers:
        if key.lower() == name.lower():
            return value
    return None


def json_body(data: bytes):
    try:
        return json.loads(data)
    except ValueError:
        return None


def error_code(data: bytes) -> str | None:
    body = json_body(data)
    if isinstance(body, dict) and isinstance(body.get("error"), dict):
        return body["error"].get("code")
    return None


# ---------------------------------------------------------------------------------------
# The bodies written (the input format; see openapi.yaml, DomainInput and AssessmentInput).


def domain_body(domain_id: str, note: str, assessor: str) -> dict:
    return {
        "id": domain_id,
        "name": f"Reliability {domain_id}",
        "summary": "A domain written by the reliability suite (Tests/reliability).",
        "tags": ["reliability"],
        "links": [],
        "assessment": {
            "assessor": assessor,
            "date": "2026-11-02",
            "perspective": "US",
            "note": note,
            "scores": {
                "fundamentality": 3,
                "maturity": 1,
                "scale": [2, 3, 4],
                "military": {"value": 1, "rationale": "little defence use", "evidence": ["a citation"]},
                "stakeholder_support": 2,
            },
        },
    }


def assessment_body(base_version: int, note: str, assessor: str, military: float = 2, economic: float = 2) -> dict:
    return {
        "base_version": base_version,
        "assessor": assessor,
        "date": "2026-11-20",
        "note": note,
        "scores": {"fundamentality": 3, "maturity": 1, "scale": [2, 3, 4], "military": military,
                   "economic": economic},
    }


# ---------------------------------------------------------------------------------------
# PostgreSQL: temporary databases beside the one given (for two_servers.py's empty one).


def psql_binary() -> str | None:
    for candidate in (os.path.join(PGBIN, "psql"), shutil.which("psql")):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


def with_database(url: str, name: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(parts._replace(path="/" + name))


def _psql(url: str, sql: str) -> tuple[bool, str]:
    psql = psql_binary()
    if not psql:
        return False, "psql not found"
    done = subprocess.run([psql, url, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", sql], text=True,
                          capture_output=True, timeout=60, env=child_env())
    return done.returncode == 0, (done.stderr or done.stdout).strip()


def create_database(url: str, prefix: str) -> tuple[str | None, str]:
    """A new, empty database on the server of `url`, owned by its user: (its URL, "") or
    (None, why not)."""
    name = f"{prefix}_{secrets.token_hex(4)}"
    if not re.fullmatch(r"[a-z0-9_]+", name):
        return None, f"bad database name {name}"
    ok, message = _psql(url, f"CREATE DATABASE {name}")
    return (with_database(url, name), "") if ok else (None, message)


def drop_database(url: str, created: str) -> None:
    name = urllib.parse.urlsplit(created).path.lstrip("/")
    ok, message = _psql(url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    if not ok:
        log(f"note: could not drop database {name}: {message}")
