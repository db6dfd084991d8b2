"""Measure every framework's tested samples under production servers with wrk (issue 14).

    .venv/bin/python -m scripts.bench_frameworks                  # full run, about 40 minutes:
                                                                  # writes data/benchmarks/<today>.yml
    .venv/bin/python -m scripts.bench_frameworks --quick flask    # one framework, a few seconds; prints only
    .venv/bin/python -m scripts.bench_frameworks --compare data/benchmarks/A.yml B.yml
    .venv/bin/python -m scripts.bench_frameworks --merge A.yml B.yml --output data/benchmarks/<day>.yml

What is served: each framework's samples from data/samples/ as they are tested (json_endpoint.py,
a JSON endpoint with a typed path parameter; html_template.py, a page from an escaped template;
fortunes.py, every row of a PostgreSQL table, one added, sorted and rendered through an escaped
template), answering the requests of tests/samples/contract.py, which are checked before any
load is sent. The samples run as their documentation recommends for production (each sheet's
`benchmark.configuration` says what is on). WSGI frameworks run under gunicorn with its sync
worker and with its threaded (gthread) worker; ASGI frameworks under uvicorn and granian (and
Quart also under Hypercorn, the server its documentation recommends); aiohttp, Sanic and Tornado
on their own servers, started as their documentation shows. Every server runs one worker
process; the installed versions must be the pinned ones (data/samples/requirements.txt,
tests/requirements.txt). PostgreSQL (scripts/postgres.py) runs for the whole run on wrk's core.

The figure that compares across servers is requests per second of the server's own CPU time.
Baselines: a bare WSGI and a bare ASGI application with no framework (scripts/bench_apps.py)
answer the same requests on the same servers in the same run. A framework's figure is also
given as a ratio to its baseline: the WSGI baseline on the same server for WSGI frameworks, the
ASGI baseline on the same server for ASGI frameworks, and the ASGI baseline on uvicorn for the
frameworks' own servers (each server in the data file names its baseline, and the results are
checked against it). A ratio is a framework's overhead on its server: ratios on different
baselines do not rank against each other.

Fairness on a shared two-core machine: every server is pinned to CPU 0 and wrk (one thread) to
CPU 1 with taskset. Each round starts fresh server processes for every configuration, one at a
time, timing each from its start to its first good answer (start-up) and noting its processes'
resident memory at rest; they stay up, idle, until the round's end. (A fresh process's own luck,
its hash seed and memory layout, varies between rounds and shows in the spread.) Each round
measures every configuration once, each time after an unmeasured warm-up, group by group, a
group being one server's configurations framed by that server's baselines, measured before and
after them. Rounds rotate the order of the groups and of the configurations within them, so a
slow period does not always hit the same one. Each run records the CPU time the server's
processes used (/proc/<pid>/stat), the worker's resident memory at the end, and the CPU time
other work took on the server's core and on wrk's (/proc/stat, the host's steal time included;
on wrk's core, wrk and PostgreSQL are not other work): a run during which that was more than
BUSY_SHARE of either core is measured again, up to BUSY_RETRIES times, then dropped, and the
data file lists it. A run's ratio divides its requests per second of
server CPU time by its baseline's (the mean of the two baseline runs around it). Figures are
medians over the rounds; the spread is the lowest and highest round. Every step has a time-out
and the whole run a time limit, so it always ends by itself.

Sessions: a full run's spread shows how rounds differ within one session, but a session as a
whole can come out a few per cent apart from the next (other jobs, the host). --merge joins
full runs of separate sessions, made with the same settings and versions, into one file whose
spreads cover both; --compare then checks a further session against it.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import functools
import http.client
import importlib.metadata
import importlib.util
import json
import os
import platform
import re
import resource
import shlex
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import yaml

from macros.benchmarks import MIN_PUBLISHED_RUNS, BenchmarkRun, load_benchmark_file
from macros.collections import load_or_exit
from macros.model import BenchmarkSetup
from macros.vocabulary import BENCHMARK_SERVERS
from macros.yaml_writer import dump
from scripts.postgres import temporary_postgres

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
SERVER_CPU = "0"
CLIENT_CPU = "1"
CONNECTIONS = 32
THREADS = 1
DURATION = 2
WARMUP = 1
TIMEOUT = 2
RUNS = 5
GTHREAD_THREADS = 4
WRK_SCRIPT = "scripts/bench_frameworks.lua"
SAMPLES = ("json_endpoint", "html_template", "fortunes")
START_TIMEOUT = 30.0  # seconds for one server to start and answer
START_ESTIMATE = 1.5  # what that usually takes per server, for the estimate
# A measured run during which other work (other processes, or the host: steal time) took more
# than this share of the server's core or of wrk's is measured again, up to BUSY_RETRIES more
# times, then dropped: dividing by the server's own CPU time does not cancel heavy contention.
BUSY_SHARE = 0.1
BUSY_RETRIES = 2
# Twenty frameworks on their servers are about 120 configurations: five rounds take about 50
# minutes on a quiet machine, and longer when the busy rule measures runs again.
FULL_TIME_LIMIT = 100 * 60
QUICK_TIME_LIMIT = 120


@dataclass(frozen=True)
class Server:
    id: str
    name: str
    package: str
    interface: str  # WSGI, ASGI or own
    settings: str
    baseline_server: str  # the server whose bare app the results are compared with


SERVERS = {
    server.id: server
    for server in (
        Server(
            "gunicorn-sync",
            "gunicorn, sync worker",
            "gunicorn",
            "WSGI",
            "One worker process handling one request at a time; it closes the connection after each "
            "response (no keep-alive), as designed for running behind a proxy.",
            "gunicorn-sync",
        ),
        Server(
            "gunicorn-gthread",
            "gunicorn, gthread worker",
            "gunicorn",
            "WSGI",
            f"One worker process with {GTHREAD_THREADS} threads (gunicorn's guidance: 2 to 4 per core), "
            "keeping connections alive.",
            "gunicorn-gthread",
        ),
        Server(
            "uvicorn",
            "uvicorn",
            "uvicorn",
            "ASGI",
            "One process; its defaults pick uvloop and httptools, which are installed.",
            "uvicorn",
        ),
        Server(
            "granian",
            "granian",
            "granian",
            "ASGI",
            "One worker process with one runtime thread (its defaults); its default event loop is uvloop.",
            "granian",
        ),
        Server(
            "hypercorn",
            "Hypercorn",
            "Hypercorn",
            "ASGI",
            "One worker process with asyncio's event loop (its defaults); the server Quart's documentation recommends.",
            "hypercorn",
        ),
        Server(
            "aiohttp",
            "aiohttp server",
            "aiohttp",
            "own",
            "aiohttp's own server started with web.run_app in one process, asyncio's event loop, no access log.",
            "uvicorn",
        ),
        Server(
            "sanic",
            "Sanic server",
            "sanic",
            "own",
            "Sanic's own server from its command line with one worker process; it uses uvloop when installed.",
            "uvicorn",
        ),
        Server(
            "tornado",
            "Tornado HTTPServer",
            "tornado",
            "own",
            "Tornado's own server started with Application.listen in one process, asyncio's event loop.",
            "uvicorn",
        ),
        Server(
            "robyn",
            "Robyn server",
            "robyn",
            "own",
            "Robyn's own Rust server started with app.start in one process with one worker thread.",
            "uvicorn",
        ),
    )
}
# The sheets' `benchmark.servers` name servers of this table (macros/vocabulary.py lists them).
assert tuple(SERVERS) == BENCHMARK_SERVERS, "SERVERS and vocabulary.BENCHMARK_SERVERS must list the same servers"
BASELINE_APPS = {"WSGI": ("bare-wsgi", "wsgi"), "ASGI": ("bare-asgi", "asgi")}

METHOD = (
    "Each framework's tested samples run in one server process on one CPU core while wrk sends requests from "
    "the other core over loopback: {connections} connections, {duration} s after a {warmup} s warm-up. Samples: "
    "a JSON reply; a page from an escaped template; fortunes (every row of a PostgreSQL table, one added, "
    "sorted, in an escaped HTML table). {rounds} with fresh servers started one at a time, in rotated order; "
    "figures are medians, spreads the lowest and highest round."
)
CAVEATS = [
    "Loopback only: no network between client and server, no TLS, no proxy in front.",
    "A two-core virtual machine shared with other jobs: requests per second (wall clock) vary with their "
    "load; requests per CPU second divide by the server's own CPU time, and runs during which other work "
    "used either core are redone or dropped.",
    "PostgreSQL runs on wrk's core, on a Unix socket: the server's CPU time leaves out the database's work, "
    "and a server waiting for the database shows it as a lower CPU share, not as fewer requests per CPU second.",
    "One worker process: a production deployment runs several, about one per core.",
    "Each framework runs as its documentation recommends for production (debug off; Django with the "
    "middleware startproject writes); what is on is listed per framework beside the figures.",
    "Event loops differ as each server's defaults choose: uvloop under uvicorn, granian and Sanic; "
    "asyncio's own under Hypercorn, aiohttp and Tornado.",
    "gunicorn's sync worker closes every connection after one response, so its figures include a new "
    "connection per request.",
    "Quart under granian: for each request Quart also awaits the server's receive() until the disconnect "
    "(quart/asgi.py); uvicorn answers at once, granian through its Rust threads, about 5 context switches "
    "per request on the one core.",
    "Evidence (2026-12-07, one session): answering Quart's receive() inside the app lifted Quart under granian "
    "from 0.72-0.85 to 0.91-1.02 of Quart under uvicorn; a bare app given a Quart-like receive() task lost "
    "about 12 µs a request on granian only.",
    "Memory is the resident set of the worker process (the one that served the requests), at rest after "
    "start-up and at the end of the measured run; start-up runs from starting the server to its first good "
    "answer, with nothing else running on its core.",
]


class BenchError(Exception):
    """A reason to stop the run; its message says what to do."""


# ---------------------------------------------------------------------------
# What is measured


@dataclass
class Config:
    """One application (a framework's sample or a bare app) on one server."""

    server: Server
    sample: str
    framework: str | None  # None for a baseline
    app: str  # a baseline's own app, or the bare app a result is compared with
    directory: str  # the app's folder, module and callable
    module: str
    attribute: str
    port: int = 0  # a fresh free port for each round's server
    command: str = ""  # the first round's exact commands, for the data file
    load_command: str = ""
    process: subprocess.Popen[bytes] | None = None
    log: Path | None = None
    runs: list[dict[str, Any]] = field(default_factory=list)
    skipped: str | None = None
    startup_ms: float = 0.0  # this round's: from starting the server to its first good answer
    idle_memory: dict[int, int] = field(default_factory=dict)  # this round's, KiB by pid, once started
    dropped: list[dict[str, Any]] = field(default_factory=list)  # rounds lost to a busy machine

    @property
    def group(self) -> str:
        return self.server.baseline_server if self.framework else self.server.id

    @property
    def label(self) -> str:
        return f"{self.framework or self.app} {self.sample} on {self.server.id}"

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}{sample_paths()[self.sample]}"

    @property
    def argv(self) -> list[str]:
        return server_argv(self.server, self.directory, self.module, self.attribute, self.port)


def contract() -> ModuleType:
    """tests/samples/contract.py: the requests every sample answers, stated once."""
    module = sys.modules.get("bench_contract")
    if module is None:
        spec = importlib.util.spec_from_file_location("bench_contract", ROOT / "tests" / "samples" / "contract.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        sys.modules["bench_contract"] = module
    return module


def sample_paths() -> dict[str, str]:
    """The path each sample is measured on."""
    module = contract()
    return {"json_endpoint": module.ITEM_PATH, "html_template": module.GREETING_PATH, "fortunes": module.FORTUNES_PATH}


def executable(name: str) -> str:
    """A program of the running environment, as a path relative to the project when inside it."""
    path = Path(sys.executable).parent / name
    with contextlib.suppress(ValueError):
        return path.relative_to(ROOT).as_posix()
    return str(path)


def server_argv(server: Server, directory: str, module: str, attribute: str, port: int) -> list[str]:
    """The exact command that serves `directory/module.py`'s `attribute` on `server`, from ROOT."""
    target, bind = f"{module}:{attribute}", f"{HOST}:{port}"
    gunicorn = [executable("gunicorn"), "--chdir", directory, "--workers", "1"]
    quiet_gunicorn = ["--bind", bind, "--no-control-socket", "--log-level", "warning", target]
    argv = {
        "gunicorn-sync": [*gunicorn, "--worker-class", "sync", *quiet_gunicorn],
        "gunicorn-gthread": [
            *gunicorn,
            "--worker-class",
            "gthread",
            "--threads",
            str(GTHREAD_THREADS),
            *quiet_gunicorn,
        ],
        "uvicorn": [
            executable("uvicorn"),
            "--app-dir",
            directory,
            "--host",
            HOST,
            "--port",
            str(port),
            "--workers",
            "1",
            "--no-access-log",
            "--log-level",
            "warning",
            target,
        ],
        "granian": [
            executable("granian"),
            "--interface",
            "asgi",
            "--working-dir",
            directory,
            "--host",
            HOST,
            "--port",
            str(port),
            "--workers",
            "1",
            "--log-level",
            "warning",
            target,
        ],
        # Hypercorn and Sanic import the target from sys.path: the sample's folder.
        "hypercorn": [
            "env",
            f"PYTHONPATH={directory}",
            executable("hypercorn"),
            "--bind",
            bind,
            "--workers",
            "1",
            target,
        ],
        "sanic": [
            "env",
            f"PYTHONPATH={directory}",
            executable("sanic"),
            target,
            "--host",
            HOST,
            "--port",
            str(port),
            "--workers",
            "1",
            "--no-access-logs",
            "--no-motd",
        ],
    }.get(server.id)
    if argv is None:  # aiohttp, Tornado and Robyn: scripts/bench_apps.py runs their own server
        argv = [executable("python"), "scripts/bench_apps.py", server.id, f"{directory}/{module}.py", HOST, str(port)]
    return ["taskset", "-c", SERVER_CPU, *argv]


def setups() -> dict[str, BenchmarkSetup]:
    """How each framework is served, from its fact sheet's `benchmark`, by slug."""
    return {framework.slug: framework.benchmark for framework in load_or_exit(ROOT).frameworks}


@functools.cache
def framework_packages() -> dict[str, str]:
    """Each framework's package on PyPI, by slug (django-rest-framework is djangorestframework)."""
    return {framework.slug: framework.pypi for framework in load_or_exit(ROOT).frameworks}


def plan(frameworks: list[str], setup: dict[str, BenchmarkSetup]) -> list[Config]:
    """Every configuration to measure: the frameworks' samples and the baselines they need."""
    configs: list[Config] = []
    groups: list[str] = []
    for framework in frameworks:
        for server_id in setup[framework].servers:
            server = SERVERS[server_id]
            baseline_server = SERVERS[server.baseline_server]
            if baseline_server.id not in groups:
                groups.append(baseline_server.id)
            app = BASELINE_APPS[baseline_server.interface][0]
            for sample in SAMPLES:
                attribute = setup[framework].app
                configs.append(Config(server, sample, framework, app, f"data/samples/{framework}", sample, attribute))
    for group in sorted(groups):
        server = SERVERS[group]
        app, attribute = BASELINE_APPS[server.interface]
        for sample in SAMPLES:
            configs.append(Config(server, sample, None, app, "scripts", "bench_apps", attribute))
    assign_ports(configs)
    return configs


def assign_ports(configs: list[Config]) -> None:
    for config, port in zip(configs, free_ports(len(configs)), strict=True):
        config.port = port


def free_ports(count: int) -> Iterator[int]:
    """Ports on the loopback address that nothing listens on now."""
    sockets = []
    try:
        for _ in range(count):
            sock = socket.socket()
            sock.bind((HOST, 0))
            sockets.append(sock)
        ports = [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()
    return iter(ports)


def schedule(configs: list[Config], round_index: int, runs: int) -> list[Config]:
    """One round's order: group by group (each server's configurations framed by its baselines,
    before and after), groups and members rotated by the round, members reversed every other round."""
    live = [config for config in configs if not config.skipped]
    groups = sorted({config.group for config in live})
    shift = round_index % len(groups) if groups else 0
    order: list[Config] = []
    for group in groups[shift:] + groups[:shift]:
        baselines = [config for config in live if config.framework is None and config.group == group]
        members = [config for config in live if config.framework and config.group == group]
        if members:
            start = round_index * len(members) // runs
            members = members[start:] + members[:start]
            if round_index % 2:
                members.reverse()
        order += baselines + members + baselines[::-1]
    return order


# ---------------------------------------------------------------------------
# Servers


class Servers:
    """Starts every configuration's server, each in its own process group, one at a time, and
    always stops them."""

    def __init__(self, configs: list[Config], logs: Path) -> None:
        self.configs = configs
        self.logs = logs

    def __enter__(self) -> Servers:
        self.logs.mkdir(parents=True, exist_ok=True)
        return self

    def start_all(self, time_limit: float, round_number: int) -> None:
        """Start the servers one after another, each alone on its CPU, timing each from its start
        to its first good answer, then check every answer against the contract and note each
        process's resident memory at rest. A configuration that fails is skipped with the reason,
        and its earlier rounds dropped (a baseline that fails stops the run)."""
        for index, config in enumerate(self.configs):
            config.log = self.logs / f"{index:03d}-{config.label.replace(' ', '-')}.log"
            with config.log.open("wb") as output:
                started = time.monotonic()
                config.process = subprocess.Popen(
                    config.argv, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=output, stderr=subprocess.STDOUT,
                    start_new_session=True,
                )  # fmt: skip
            problem = wait_for(config, min(time_limit, started + START_TIMEOUT))
            config.startup_ms = round((time.monotonic() - started) * 1000, 1)
            problem = problem or check_contract(config)
            if problem:
                if config.framework is None:
                    raise BenchError(f"the baseline {config.label} does not work: {problem}")
                config.skipped = problem if round_number == 1 else f"in round {round_number}: {problem}"
                config.runs = []
                log(f"skipped {config.label}: {config.skipped}")
            else:
                config.idle_memory = {
                    pid: process.rss_kib for pid, process in group_processes(config.process.pid).items()
                }

    def __exit__(self, *exc: object) -> None:
        running = [config.process for config in self.configs if config.process and config.process.poll() is None]
        for process in running:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + 10
        for process in running:
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
        # Worker processes of a server whose main process has exited (each group is ours alone).
        for config in self.configs:
            if config.process:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.killpg(config.process.pid, signal.SIGKILL)


def wait_for(config: Config, deadline: float) -> str | None:
    """Poll the sample's path until the server answers 200 (its start-up ends there)."""
    assert config.process is not None and config.log is not None
    while True:
        if config.process.poll() is not None:
            tail = " ".join(config.log.read_text(errors="replace").split()[-40:])
            return f"the server exited with code {config.process.returncode} before answering: {tail[-400:]}"
        try:
            status, _, _ = get(config.port, sample_paths()[config.sample])
            if status == 200:
                return None
        except (ConnectionError, http.client.HTTPException, TimeoutError, OSError):
            pass
        if time.monotonic() > deadline:
            return f"no good answer within {START_TIMEOUT:.0f} seconds of starting"
        time.sleep(0.005)


def get(port: int, path: str) -> tuple[int, str, str]:
    connection = http.client.HTTPConnection(HOST, port, timeout=10)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.getheader("Content-Type", ""), response.read().decode("utf-8", "replace")
    finally:
        connection.close()


def check_contract(config: Config) -> str | None:
    """What is wrong with the app's answers to tests/samples/contract.py, or None."""
    rules = contract()
    if config.sample == "fortunes":
        status, content_type, body = get(config.port, rules.FORTUNES_PATH)
        if status != 200 or not content_type.startswith("text/html"):
            return f"GET {rules.FORTUNES_PATH} answered {status} {content_type!r}"
        try:
            rows = rules.fortune_rows(body)
        except AssertionError as error:
            return f"GET {rules.FORTUNES_PATH}: {error}"
        return (
            None if rows == rules.expected_fortunes() else f"GET {rules.FORTUNES_PATH} answered other rows: {rows[:3]}"
        )
    if config.sample == "json_endpoint":
        status, content_type, body = get(config.port, rules.ITEM_PATH)
        if status != 200 or not content_type.startswith("application/json"):
            return f"GET {rules.ITEM_PATH} answered {status} {content_type!r}"
        with contextlib.suppress(ValueError):
            if json.loads(body) == rules.ITEM_JSON:
                return None
        return f"GET {rules.ITEM_PATH} answered {body[:100]!r}, not {rules.ITEM_JSON!r}"
    status, content_type, body = get(config.port, rules.GREETING_PATH)
    if status != 200 or not content_type.startswith("text/html") or rules.GREETING_HTML not in body:
        return f"GET {rules.GREETING_PATH} answered {status} {content_type!r} {body[:100]!r}"
    status, content_type, body = get(config.port, rules.HOSTILE_PATH)
    if status != 200 or rules.ESCAPED_HTML not in body or "<b>" in body:
        return f"GET {rules.HOSTILE_PATH} answered {status} {body[:100]!r}: the name is not escaped"
    return None


# ---------------------------------------------------------------------------
# Load


@dataclass(frozen=True)
class Settings:
    runs: int = RUNS
    duration: int = DURATION
    warmup: int = WARMUP
    connections: int = CONNECTIONS
    busy_share: float | None = BUSY_SHARE  # None keeps every run (a quick run only proves the harness works)

    def wrk(self, config: Config, seconds: int) -> list[str]:
        return [
            "taskset", "-c", CLIENT_CPU, "wrk", f"-t{THREADS}", f"-c{self.connections}", f"-d{seconds}s",
            "--timeout", f"{TIMEOUT}s", "-s", WRK_SCRIPT, config.url,
        ]  # fmt: skip

    def seconds_per_round(self, configs: list[Config]) -> float:
        return len(schedule(configs, 0, self.runs)) * (self.duration + self.warmup + 0.3)


def measure(config: Config, settings: Settings, round_number: int) -> None:
    """One measured run after a warm-up; measured again, up to BUSY_RETRIES times, while other
    work took more than BUSY_SHARE of the server's core, then dropped with the reason."""
    for attempt in range(1, BUSY_RETRIES + 2):
        run = measure_once(config, settings, round_number)
        if settings.busy_share is None or run["others_share"] <= settings.busy_share:
            config.runs.append(run | {"attempts": attempt})
            return
        log(f"busy: other work took {run['others_share']:.0%} of a core during {config.label}")
    config.dropped.append(
        {"round": round_number, "attempts": BUSY_RETRIES + 1, "others_share": run["others_share"], "reason": "busy"}
    )


def measure_once(config: Config, settings: Settings, round_number: int) -> dict[str, Any]:
    assert config.process is not None
    if config.process.poll() is not None:
        raise BenchError(
            f"the server of {config.label} has stopped (code {config.process.returncode}); see {config.log}"
        )
    if settings.warmup:
        run_wrk(settings.wrk(config, settings.warmup), settings.warmup)
    load_average = os.getloadavg()[0]
    before, cores_before, ours_before = group_processes(config.process.pid), cores_ticks(), client_side_seconds()
    figures = run_wrk(settings.wrk(config, settings.duration), settings.duration)
    after, cores_after, ours_after = group_processes(config.process.pid), cores_ticks(), client_side_seconds()
    used = {pid: process.ticks - (before[pid].ticks if pid in before else 0) for pid, process in after.items()}
    cpu = sum(used.values()) / CLOCK_TICKS
    if cpu <= 0:
        raise BenchError(f"the server of {config.label} used no CPU time while loaded; see {config.log}")
    seconds = figures["duration_us"] / 1e6
    # The worker is the process that did the work; the others (a master, a helper) are idle.
    worker = max(used, key=lambda pid: used[pid])
    # Other work on either core: on the server's, anything but the server; on wrk's, anything but
    # wrk and PostgreSQL (a slowed client slows the server too: fewer requests in flight).
    busy = [(cores_after[cpu_id] - cores_before[cpu_id]) / CLOCK_TICKS for cpu_id in (SERVER_CPU, CLIENT_CPU)]
    others = max(0.0, busy[0] - cpu, busy[1] - (ours_after - ours_before))
    return {
        "round": round_number,
        "requests_per_second": round(figures["requests"] / seconds, 1),
        "requests_per_cpu_second": round(figures["requests"] / cpu, 1),
        "cpu_seconds": round(cpu, 2),
        "others_share": round(others / seconds, 3),
        "load_average": round(load_average, 2),
        "latency_p50_ms": round(figures["p50_us"] / 1000, 2),
        "latency_p99_ms": round(figures["p99_us"] / 1000, 2),
        "socket_errors": sum(figures[kind] for kind in ("connect", "read", "write", "timeout")),
        "bad_responses": figures["status"],
        "startup_ms": config.startup_ms,
        "memory_idle_mib": round(config.idle_memory[worker] / 1024, 1) if worker in config.idle_memory else None,
        "memory_end_mib": round(after[worker].rss_kib / 1024, 1),
    }


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
PAGE_KIB = os.sysconf("SC_PAGE_SIZE") // 1024


@dataclass(frozen=True)
class Process:
    ticks: int  # user and system CPU time so far, all threads, in clock ticks
    rss_kib: int  # resident memory


def group_processes(group: int) -> dict[int, Process]:
    """Every process of a server's process group (its main process and workers), by pid."""
    return {pid: process for pid, (name, fields, process) in _processes().items() if int(fields[2]) == group}


def named_processes(name: str) -> dict[int, Process]:
    return {pid: process for pid, (found, _, process) in _processes().items() if found == name}


def _processes() -> dict[int, tuple[str, list[str], Process]]:
    """Every process's name, /proc/<pid>/stat fields after the name, and figures, by pid."""
    found = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            head, tail = stat.read_text().rsplit(")", 1)
        except (OSError, ValueError):
            continue  # the process has just ended
        fields = tail.split()
        # Fields after the name: state, ppid, pgrp (2), ..., utime (11), stime (12), ..., rss (21).
        process = Process(int(fields[11]) + int(fields[12]), int(fields[21]) * PAGE_KIB)
        found[int(stat.parent.name)] = (head.split("(", 1)[1], fields, process)
    return found


def cores_ticks() -> dict[str, int]:
    """Clock ticks each CPU spent running processes, or taken by the host for its other guests
    (steal), from /proc/stat. Interrupts are left out: they mostly carry the benchmark's own
    connections (a new one per request under gunicorn's sync worker)."""
    ticks = {}
    for line in Path("/proc/stat").read_text().splitlines():
        name, *fields = line.split()
        if name.startswith("cpu") and name != "cpu":
            user, nice, system, _idle, _iowait, _irq, _softirq, steal = map(int, fields[:8])
            ticks[name.removeprefix("cpu")] = user + nice + system + steal
    return ticks


def client_side_seconds() -> float:
    """CPU time so far of what runs on wrk's core by design: wrk (a finished child of this
    process) and PostgreSQL's processes."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    database = sum(process.ticks for process in named_processes("postgres").values())
    return children.ru_utime + children.ru_stime + database / CLOCK_TICKS


def run_wrk(argv: list[str], seconds: int) -> dict[str, int]:
    try:
        result = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=seconds + 30, check=False)
    except subprocess.TimeoutExpired:
        raise BenchError(f"wrk did not finish within {seconds + 30} seconds: {shlex.join(argv)}") from None
    lines = result.stdout.strip().splitlines()
    if result.returncode != 0 or not lines or not lines[-1].startswith("{"):
        raise BenchError(f"wrk failed ({result.returncode}): {shlex.join(argv)}\n{result.stdout}{result.stderr}")
    return json.loads(lines[-1])


# ---------------------------------------------------------------------------
# Figures and the data file


def median(values: list[float], digits: int = 2) -> float:
    return round(statistics.median(values), digits)


def spread(values: list[float], digits: int = 2) -> dict[str, float]:
    return {"median": median(values, digits), "min": min(values), "max": max(values)}


def add_ratios(configs: list[Config]) -> None:
    """Each result's requests per CPU second divided by the mean of its baseline's in the same
    round; a round whose baseline runs were all dropped is dropped for its results too."""
    baselines = {(config.app, config.server.id, config.sample): config for config in configs if not config.framework}
    for config in configs:
        if config.framework and not config.skipped:
            baseline = baselines[(config.app, config.server.baseline_server, config.sample)]
            for run in list(config.runs):
                same_round = [o["requests_per_cpu_second"] for o in baseline.runs if o["round"] == run["round"]]
                if same_round:
                    run["ratio"] = round(run["requests_per_cpu_second"] / statistics.mean(same_round), 3)
                else:
                    config.runs.remove(run)
                    config.dropped.append(
                        {"round": run["round"], "attempts": run["attempts"], "reason": "baseline busy"}
                    )
            if not config.runs:
                config.skipped = "every round was dropped: other work kept the server's core busy"


def figures(runs: list[dict[str, Any]], duration: int) -> dict[str, Any]:
    """A configuration's figures over its runs: medians and spreads."""
    idle = [run["memory_idle_mib"] for run in runs if run.get("memory_idle_mib") is not None]
    return {
        "requests_per_second": spread([run["requests_per_second"] for run in runs]),
        "requests_per_cpu_second": spread([run["requests_per_cpu_second"] for run in runs]),
        "cpu_share": round(statistics.median([run["cpu_seconds"] for run in runs]) / duration, 3),
        "latency_ms": {
            "p50": median([run["latency_p50_ms"] for run in runs]),
            "p99": median([run["latency_p99_ms"] for run in runs]),
        },
        "startup_ms": spread([run["startup_ms"] for run in runs], digits=1),
        "memory_idle_mib": spread(idle, digits=1) if idle else None,
        "memory_end_mib": spread([run["memory_end_mib"] for run in runs], digits=1),
    }


def summary(config: Config, settings: Settings) -> dict[str, Any]:
    return {
        "sample": config.sample,
        "server": config.server.id,
        "command": config.command,
        "load_command": config.load_command,
        **figures(config.runs, settings.duration),
    }


def document(configs: list[Config], settings: Settings, started: float, load_start: float) -> dict[str, Any]:
    used = {config.server.id for config in configs}
    servers = [server for server in SERVERS.values() if server.id in used]
    results, baselines, skipped, dropped = [], [], [], []
    for config in configs:
        if config.skipped:
            skipped.append(
                {
                    "framework": config.framework,
                    "sample": config.sample,
                    "server": config.server.id,
                    "reason": config.skipped,
                }
            )
        elif config.framework is None:
            baselines.append({"app": config.app, **summary(config, settings), "runs": config.runs})
            dropped += [
                {"app": config.app, "sample": config.sample, "server": config.server.id, **d} for d in config.dropped
            ]
        else:
            result = summary(config, settings)
            baselines_fields = {"baseline": config.app, "baseline_server": config.server.baseline_server}
            results.append(
                {
                    "framework": config.framework,
                    "framework_version": importlib.metadata.version(framework_packages()[config.framework]),
                    **result,
                    **baselines_fields,
                    "ratio": spread([run["ratio"] for run in config.runs], digits=4),
                    "runs": config.runs,
                }
            )
            dropped += [
                {"framework": config.framework, "sample": config.sample, "server": config.server.id, **d}
                for d in config.dropped
            ]
    results.sort(key=lambda item: (item["framework"], item["sample"], item["server"]))
    return {
        "date": dt.date.today().isoformat(),
        "method": method(settings.connections, settings.duration, settings.warmup, f"{settings.runs} rounds"),
        "caveats": CAVEATS,
        "command": shlex.join(
            [executable("python"), "-m", "scripts.bench_frameworks", *measuring_arguments(sys.argv[1:])]
        ),
        "duration_seconds": round(time.monotonic() - started),
        "machine": machine(load_start),
        "load": {
            "tool": wrk_version(),
            "connections": settings.connections,
            "threads": THREADS,
            "duration_seconds": settings.duration,
            "warmup_seconds": settings.warmup,
            "timeout_seconds": TIMEOUT,
            "runs": settings.runs,
            "server_cpus": SERVER_CPU,
            "client_cpus": CLIENT_CPU,
            "database_cpus": CLIENT_CPU,
            "busy_share": settings.busy_share,
            "busy_retries": BUSY_RETRIES if settings.busy_share is not None else None,
            "paths": sample_paths(),
        },
        "servers": [
            {
                "id": s.id,
                "name": s.name,
                "package": s.package,
                "interface": s.interface,
                "settings": s.settings,
                "baseline": BASELINE_APPS[SERVERS[s.baseline_server].interface][0],
                "baseline_server": s.baseline_server,
            }
            for s in servers
        ],
        "baselines": baselines,
        "results": results,
        "skipped": skipped,
        "dropped": sorted(dropped, key=lambda item: item["round"]),
        "packages": packages(),
    }


def method(connections: int, duration: int, warmup: int, rounds: str) -> str:
    return METHOD.format(connections=connections, duration=duration, warmup=warmup, rounds=rounds)


def machine(load_start: float) -> dict[str, Any]:
    cpuinfo = Path("/proc/cpuinfo").read_text()
    model = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.MULTILINE)
    flags = re.search(r"^flags\s*:\s*(.+)$", cpuinfo, re.MULTILINE)
    memory = re.search(r"^MemTotal:\s*(\d+) kB", Path("/proc/meminfo").read_text(), re.MULTILINE)
    os_name = platform.system()
    with contextlib.suppress(OSError):
        os_name = platform.freedesktop_os_release().get("PRETTY_NAME", os_name)
    return {
        "cpu": model.group(1).strip() if model else platform.processor() or "unknown",
        "virtual": bool(flags and "hypervisor" in flags.group(1).split()),
        "cores": os.cpu_count() or 1,
        "memory_mib": int(memory.group(1)) // 1024 if memory else 1,
        "os": os_name,
        "kernel": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "load_average_start": round(load_start, 2),
        "load_average_end": round(os.getloadavg()[0], 2),
    }


def wrk_version() -> str:
    result = subprocess.run(["wrk", "--version"], capture_output=True, text=True, check=False)
    first = (result.stdout + result.stderr).split()
    return " ".join(first[:2]) if first else "wrk"


def packages() -> dict[str, str]:
    """Every package installed in the running environment, by name."""
    found = {dist.metadata["Name"]: dist.version for dist in importlib.metadata.distributions()}
    return dict(sorted(found.items(), key=lambda item: item[0].lower()))


def write(data: dict[str, Any], output: Path) -> None:
    output.parent.mkdir(parents=True, exist_ok=True)
    header = (
        "Written by scripts/bench_frameworks.py (python -m scripts.bench_frameworks); checked by "
        "macros/benchmarks.py. Figures: requests per second, latencies in milliseconds."
    )
    output.write_text(dump(data, header), encoding="utf-8")


def validate(output: Path, *, published: bool) -> BenchmarkRun:
    slugs = [sheet.stem for sheet in (ROOT / "data" / "frameworks").glob("*.yml")]
    root = ROOT if output.resolve().is_relative_to(ROOT) else output.resolve().parent
    run, problems = load_benchmark_file(output.resolve(), root, published=published, frameworks=slugs)
    if run is None:
        raise BenchError("the data file does not validate:\n" + "\n".join(map(str, problems)))
    return run


def table(run: BenchmarkRun) -> str:
    lines = [
        f"{'framework':10} {'sample':13} {'server':16} {'req/s (min-max)':>20} {'req/CPU-s':>9} "
        f"{'ratio (min-max)':>18} {'p50 ms':>7} {'p99 ms':>7} {'CPU':>4}"
    ]
    rows = [(baseline.app, baseline) for baseline in run.baselines] + [(r.framework, r) for r in run.results]
    for name, item in rows:
        rps = item.requests_per_second
        ratio = getattr(item, "ratio", None)
        ratio_text = f"{ratio.median:.2f} ({ratio.min:.2f}-{ratio.max:.2f})" if ratio else "1 (baseline)"
        lines.append(
            f"{name:10} {item.sample:13} {item.server:16} "
            f"{f'{rps.median:.0f} ({rps.min:.0f}-{rps.max:.0f})':>20} {item.requests_per_cpu_second.median:9.0f} "
            f"{ratio_text:>18} {item.latency_ms.p50:7.2f} {item.latency_ms.p99:7.2f} {item.cpu_share:4.0%}"
        )
    for skipped in run.skipped:
        lines.append(f"{skipped.framework:10} {skipped.sample:13} {skipped.server:16} skipped: {skipped.reason}")
    return "\n".join(lines)


def measuring_arguments(arguments: list[str]) -> list[str]:
    """The command's arguments without --output: where the file goes changes no figure."""
    kept, skip = [], False
    for argument in arguments:
        if skip:
            skip = False
        elif argument == "--output":
            skip = True
        elif not argument.startswith("--output="):
            kept.append(argument)
    return kept


# ---------------------------------------------------------------------------
# Merging sessions


def merge(paths: list[Path], output: Path) -> int:
    """One data file from full runs made in separate sessions with the same settings and
    versions: their rounds one after another, figures and spreads over all of them. Spreads
    over several sessions include what changes between sessions, not only between rounds."""
    sessions = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in paths]
    first, last = sessions[0], sessions[-1]

    def settings(session: dict[str, Any]) -> list[Any]:
        load = {key: value for key, value in session["load"].items() if key != "runs"}
        return [load, session["servers"], session["packages"], session["machine"]["cpu"]]

    for path, session in zip(paths[1:], sessions[1:], strict=True):
        if settings(session) != settings(first):
            raise BenchError(f"{path} differs from {paths[0]} in settings, versions or machine: only like runs merge")
    rounds = 0
    merged_dropped: list[dict[str, Any]] = []
    merged_entries: dict[str, dict[tuple[str, str, str], dict[str, Any]]] = {"baselines": {}, "results": {}}
    for session in sessions:
        for kind, merged in merged_entries.items():
            for entry in session[kind]:
                key = (entry.get("app") or entry["framework"], entry["sample"], entry["server"])
                runs = [{**run, "round": run["round"] + rounds} for run in entry["runs"]]
                if key in merged:
                    merged[key]["runs"] += runs
                else:
                    merged[key] = {**entry, "runs": runs}
        merged_dropped += [{**item, "round": item["round"] + rounds} for item in session.get("dropped", [])]
        rounds += session["load"]["runs"]
    duration = first["load"]["duration_seconds"]
    for merged in merged_entries.values():
        for entry in merged.values():
            entry |= figures(entry["runs"], duration)
            if "ratio" in entry:
                entry["ratio"] = spread([run["ratio"] for run in entry["runs"]], digits=4)
    load = first["load"] | {"runs": rounds}
    data = first | {
        "method": method(
            load["connections"], duration, load["warmup_seconds"], f"{rounds} rounds in {len(sessions)} sessions"
        ),
        "command": shlex.join(measuring_arguments(shlex.split(first["command"])))
        + f", once in each of {len(sessions)} sessions, then --merge",
        "duration_seconds": sum(session["duration_seconds"] for session in sessions),
        "machine": first["machine"] | {"load_average_end": last["machine"]["load_average_end"]},
        "load": load,
        "baselines": list(merged_entries["baselines"].values()),
        "results": sorted(merged_entries["results"].values(), key=lambda r: (r["framework"], r["sample"], r["server"])),
        "skipped": [item for session in sessions for item in session["skipped"]],
        "dropped": merged_dropped,
    }
    write(data, output)
    run = validate(output, published=output.resolve().parent == ROOT / "data" / "benchmarks")
    print(table(run))
    print(f"{len(sessions)} sessions, {rounds} rounds, {data['duration_seconds']} s. Data: {output}")
    return 0


# ---------------------------------------------------------------------------
# Comparing two runs


REPRODUCED_SHARE = 0.9  # --compare passes when this share of the medians falls within the spreads


def compare(published_path: Path, other_path: Path) -> int:
    """Does each median of the other run (requests per CPU second, and the ratio to the bare app)
    fall within the spread the published run reports? Also says how many runs each file had to
    measure again or drop because the machine was busy."""
    first, second = validate(published_path, published=False), validate(other_path, published=False)
    earlier = {(r.framework, r.sample, r.server): r for r in first.results}
    inside = total = 0
    print(f"{'framework':10} {'sample':13} {'server':16} {'published req/CPU-s':>22} {'other':>7}  ", end="")
    print(f"{'published ratio':>20} {'other':>6}")
    for result in second.results:
        key = (result.framework, result.sample, result.server)
        if key not in earlier:
            print(f"{result.framework:10} {result.sample:13} {result.server:16} not in {published_path}")
            continue
        cells = []
        for spread_, new in ((earlier[key].requests_per_cpu_second, result.requests_per_cpu_second.median),
                             (earlier[key].ratio, result.ratio.median)):  # fmt: skip
            within = spread_.min <= new <= spread_.max
            inside, total = inside + within, total + 1
            cells.append(f"{spread_.median:g} ({spread_.min:g}-{spread_.max:g}) {new:g} {'yes' if within else 'NO'}")
        print(f"{key[0]:10} {key[1]:13} {key[2]:16} " + " | ".join(cells))
    for path, run in ((published_path, first), (other_path, second)):
        runs = [m for item in (*run.baselines, *run.results) for m in item.runs]
        repeated = sum(1 for m in runs if (m.attempts or 1) > 1)
        print(f"{path}: {len(runs)} runs, {repeated} measured again, {len(run.dropped)} dropped (busy machine)")
    share = inside / total if total else 0.0
    print(f"{inside} of {total} medians of {other_path} ({share:.0%}) fall within the spreads of {published_path}")
    return 0 if share >= REPRODUCED_SHARE else 1


# ---------------------------------------------------------------------------
# The command


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def preflight(frameworks: list[str], setup: dict[str, BenchmarkSetup]) -> None:
    """Stop early, with what to do, when the tools, CPUs or pinned versions are not there."""
    for tool, install in (("wrk", "apt-get install wrk"), ("taskset", "apt-get install util-linux")):
        if shutil.which(tool) is None:
            raise BenchError(f"{tool} is not installed: run `{install}` (scripts/test installs wrk when missing)")
    cpus = os.sched_getaffinity(0)
    if not {int(SERVER_CPU), int(CLIENT_CPU)} <= cpus:
        raise BenchError(
            f"needs CPUs {SERVER_CPU} and {CLIENT_CPU} (servers and wrk apart); this process has {sorted(cpus)}"
        )
    pins = pinned_versions()
    servers = {SERVERS[server_id] for framework in frameworks for server_id in setup[framework].servers}
    needed = {framework_packages()[framework] for framework in frameworks} | {server.package for server in servers}
    needed |= {SERVERS[server.baseline_server].package for server in servers}
    for package in sorted(needed):
        key = normalise(package)
        try:
            installed = importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            installed = None
        if key not in pins:
            raise BenchError(f"{package} is not pinned in data/samples/requirements.txt or tests/requirements.txt")
        if installed != pins[key]:
            raise BenchError(
                f"{package} {installed or '(not installed)'} is installed, but {pins[key]} is pinned: "
                "run scripts/test (or scripts/serve) to install the locked versions"
            )


def pinned_versions() -> dict[str, str]:
    pins = {}
    for name in ("data/samples/requirements.txt", "tests/requirements.txt"):
        for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
            match = re.fullmatch(r"([A-Za-z0-9._-]+)(?:\[[^\]]*\])?==(\S+)", line.split("#", 1)[0].strip())
            if match:
                pins[normalise(match.group(1))] = match.group(2)
    return pins


def normalise(package: str) -> str:
    return re.sub(r"[-_.]+", "-", package).lower()


@contextlib.contextmanager
def samples_kept_as_they_were() -> Iterator[None]:
    """Remove, at the end, what servers wrote into the samples' folders: an Emmett app makes
    languages/, logs/ and static/ next to its module, which data/ does not allow."""
    samples = ROOT / "data" / "samples"
    before = set(samples.rglob("*"))
    try:
        yield
    finally:
        for path in sorted(set(samples.rglob("*")) - before, reverse=True):
            if "__pycache__" in path.parts:
                continue
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)


def bench(
    frameworks: list[str], setup: dict[str, BenchmarkSetup], settings: Settings, output: Path | None, time_limit: float
) -> int:
    started = time.monotonic()
    deadline = started + time_limit
    load_start = os.getloadavg()[0]
    preflight(frameworks, setup)
    configs = plan(frameworks, setup)
    estimate = settings.runs * (START_ESTIMATE * len(configs) + settings.seconds_per_round(configs))
    log(f"{len(configs)} configurations, {settings.runs} rounds: about {estimate / 60:.1f} minutes")
    if estimate > time_limit:
        raise BenchError(f"the run would take about {estimate:.0f} s, over the time limit of {time_limit:.0f} s")
    for config in configs:
        config.command = shlex.join(config.argv)
        config.load_command = shlex.join(settings.wrk(config, settings.duration))
    with (
        tempfile.TemporaryDirectory(prefix="bench-logs-") as logs,
        temporary_postgres(contract().FORTUNES, CLIENT_CPU) as database,
        samples_kept_as_they_were(),
    ):
        os.environ.update(database)  # the servers' environment: libpq finds the database there
        for round_index in range(settings.runs):
            # Fresh server processes every round (on fresh ports): a process's own luck (hash
            # seed, memory layout) then varies between rounds and shows in the spread.
            live = [config for config in configs if not config.skipped]
            if round_index:
                assign_ports(live)
            with Servers(live, Path(logs) / f"round-{round_index + 1}") as servers:
                servers.start_all(deadline, round_index + 1)
                order = schedule(configs, round_index, settings.runs)
                for position, config in enumerate(order, start=1):
                    if time.monotonic() + settings.duration + settings.warmup > deadline:
                        raise BenchError(f"time limit of {time_limit:.0f} s reached in round {round_index + 1}")
                    measure(config, settings, round_index + 1)
                    if config.runs and config.runs[-1]["round"] == round_index + 1:
                        run = config.runs[-1]
                        log(
                            f"round {round_index + 1}/{settings.runs} [{position}/{len(order)}] {config.label}: "
                            f"{run['requests_per_second']:.0f} req/s, p99 {run['latency_p99_ms']} ms"
                        )
    for config in configs:
        if not config.runs and not config.skipped:
            if config.framework is None:
                raise BenchError(f"every round of the baseline {config.label} was dropped: the machine was too busy")
            config.skipped = "every round was dropped: other work kept the server's core busy"
        bad = sum(run["bad_responses"] for run in config.runs)
        if bad and config.framework is None:
            raise BenchError(f"the baseline {config.label} gave {bad} responses other than 2xx or 3xx under load")
        if bad:
            config.skipped, config.runs = f"{bad} responses other than 2xx or 3xx under load", []
    add_ratios(configs)
    data = document(configs, settings, started, load_start)
    # Only a file in data/benchmarks/ is published: it must then meet every rule for publication.
    published = output is not None and output.resolve().parent == ROOT / "data" / "benchmarks"
    target = output or Path(tempfile.mkdtemp(prefix="bench-")) / f"{data['date']}.yml"
    write(data, target)
    print(table(validate(target, published=published)))
    print(f"Whole run: {data['duration_seconds']} s. Data: {target}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--quick", metavar="SLUG", help="one framework, one short round: proves the harness works")
    parser.add_argument("--frameworks", help="comma-separated slugs (default: every framework with a fact sheet)")
    parser.add_argument("--runs", type=int, default=RUNS, help=f"rounds (default {RUNS})")
    parser.add_argument("--duration", type=int, default=DURATION, help=f"seconds per measured run (default {DURATION})")
    parser.add_argument("--warmup", type=int, default=WARMUP, help=f"seconds of warm-up before each (default {WARMUP})")
    parser.add_argument("--connections", type=int, default=CONNECTIONS, help=f"wrk connections (default {CONNECTIONS})")
    parser.add_argument("--time-limit", type=float, help="stop after this many seconds (default 100 minutes; quick 2)")
    parser.add_argument(
        "--output", type=Path, help="the data file (default for a full run: data/benchmarks/<today>.yml)"
    )
    parser.add_argument(
        "--compare", nargs=2, type=Path, metavar=("PUBLISHED", "OTHER"), help="compare two runs' ratios"
    )
    parser.add_argument(
        "--merge", nargs="+", type=Path, metavar="RUN", help="merge full runs of separate sessions into --output"
    )
    args = parser.parse_args(argv)
    try:
        if args.compare:
            return compare(*args.compare)
        if args.merge:
            if args.output is None or len(args.merge) < 2:
                raise BenchError("--merge takes two or more runs and needs --output")
            return merge(args.merge, args.output)
        setup = setups()
        if args.quick:
            frameworks = [args.quick]
            settings = Settings(runs=1, duration=1, warmup=0, connections=args.connections, busy_share=None)
        else:
            frameworks = args.frameworks.split(",") if args.frameworks else sorted(setup)
            settings = Settings(args.runs, args.duration, args.warmup, args.connections)
        unknown = [slug for slug in frameworks if slug not in setup]
        if unknown:
            raise BenchError(f"unknown framework(s) {', '.join(unknown)}; expected: {', '.join(setup)}")
        full = not args.quick and not args.frameworks and settings.runs >= MIN_PUBLISHED_RUNS
        output = args.output or (ROOT / "data" / "benchmarks" / f"{dt.date.today()}.yml" if full else None)
        time_limit = args.time_limit or (QUICK_TIME_LIMIT if args.quick else FULL_TIME_LIMIT)
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # run the clean-up (servers stop)
        return bench(frameworks, setup, settings, output, time_limit)
    except BenchError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
