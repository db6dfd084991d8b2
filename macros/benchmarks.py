"""Benchmark runs: the schema and loader of data/benchmarks/<date>.yml.

Each file is one full run of scripts/bench_frameworks.py: the machine, the load settings, every
package version, the exact commands and the figures. It is checked like a fact sheet, every
problem reported as `file:line:column: field.path: message`, and the summaries (medians,
spreads, ratios) are checked against the individual runs they are computed from, so a hand
edit that changes one figure without the others is caught.

    runs, problems = load_benchmarks(root)   # runs sorted by date, oldest first

A framework's figures are `Result`s; each is compared with a `Baseline`: a bare application
(no framework) on the same server (on uvicorn for a framework's own server), measured in the
same rounds. Every run records requests per second of wall-clock time and of the server's CPU
time; ratios use the latter, which other jobs on a shared machine do not change.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from macros.fields import Name, PastDate, ShortText, Slug, Text
from macros.problems import Path_, Problem
from macros.runs import RunCheck, file_name_is_the_date, load_run_file, load_runs
from macros.yaml_source import Document

BENCHMARKS_DIR = ("data", "benchmarks")
# A published run has at least this many rounds, so its median and spread mean something.
MIN_PUBLISHED_RUNS = 5
# Every round's figures are kept: a run merged from a few sessions of 5 rounds is about
# 80 KB a session, more than a fact sheet's limit (parse time stays well under a second).
MAX_FILE_BYTES = 600_000

Interface = Literal["WSGI", "ASGI", "own"]
SampleName = Literal["json_endpoint", "html_template", "fortunes"]
BaselineApp = Literal["bare-wsgi", "bare-asgi"]
# The server interface each bare application speaks.
BASELINE_INTERFACE = {"bare-wsgi": "WSGI", "bare-asgi": "ASGI"}
PackageName = Annotated[str, Field(pattern=r"^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$", max_length=100)]
PackageVersion = Annotated[str, Field(pattern=r"^[0-9][0-9A-Za-z.+!-]*$", max_length=40)]
Figure = Annotated[float, Field(ge=0, le=10**9)]

# Tolerances for summaries recomputed from the runs: figures are written rounded (requests per
# second and milliseconds to 2 decimals, ratios to 3), so allow one unit in the last place.
RPS_TOLERANCE = 0.011
RATIO_TOLERANCE = 0.0011


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Machine(Strict):
    cpu: ShortText = Field(description="CPU model name, as /proc/cpuinfo gives it.")
    virtual: bool = Field(description="True on a virtual machine (the CPU reports a hypervisor).")
    cores: int = Field(ge=1, le=4096)
    memory_mib: int = Field(ge=1, le=10**9)
    os: ShortText
    kernel: ShortText
    python: PackageVersion
    load_average_start: float = Field(ge=0, le=10**6, description="1-minute load average when the run began.")
    load_average_end: float = Field(ge=0, le=10**6, description="1-minute load average when the run ended.")


class Load(Strict):
    """How the load was generated: the same for every configuration."""

    tool: ShortText = Field(description="The load generator and its version, e.g. 'wrk debian/4.1.0-3+b2'.")
    connections: int = Field(ge=1, le=100_000)
    threads: int = Field(ge=1, le=1024)
    duration_seconds: int = Field(ge=1, le=3600, description="Length of each measured run.")
    warmup_seconds: int = Field(ge=0, le=3600, description="Unmeasured load just before each measured run.")
    timeout_seconds: int = Field(ge=1, le=3600, description="A request slower than this counts as an error.")
    runs: int = Field(ge=1, le=100, description="Rounds: each configuration is measured once per round.")
    server_cpus: ShortText = Field(description="The CPUs the servers are pinned to (taskset list).")
    client_cpus: ShortText = Field(description="The CPUs the load generator is pinned to (taskset list).")
    database_cpus: ShortText | None = Field(None, description="The CPUs PostgreSQL is pinned to (taskset list).")
    busy_share: float | None = Field(
        None, ge=0, le=1, description="A run during which other work took more of the server's core is repeated."
    )
    busy_retries: int | None = Field(None, ge=0, le=10, description="How often a busy run is repeated, then dropped.")
    paths: dict[SampleName, ShortText] = Field(description="The URL path requested for each sample.")


class Server(Strict):
    id: Slug
    name: Name
    package: PackageName = Field(description="The package that provides the server (its version is in packages).")
    interface: Interface = Field(description="WSGI, ASGI, or 'own' for a framework's own server.")
    settings: Text = Field(description="Workers, threads, event loop and the like, in plain words.")
    baseline: BaselineApp | None = Field(None, description="The bare app its results are divided by.")
    baseline_server: Slug | None = Field(
        None, description="The server that bare app runs on: the same server, or an ASGI one for an own server."
    )


class Spread(Strict):
    median: Figure
    min: Figure
    max: Figure


class Latency(Strict):
    p50: Figure = Field(description="Median over the runs of each run's 50th percentile, in milliseconds.")
    p99: Figure = Field(description="Median over the runs of each run's 99th percentile, in milliseconds.")


class Measurement(Strict):
    """One measured run of one configuration."""

    round: int = Field(ge=1, le=100)
    requests_per_second: Figure = Field(description="Requests answered per second of wall-clock time.")
    requests_per_cpu_second: Figure = Field(
        description="Requests answered per second of CPU time used by the server's processes: the figure "
        "ratios use, since other jobs on a shared machine do not change it."
    )
    cpu_seconds: Figure = Field(description="CPU time the server's processes used during the measured run.")
    latency_p50_ms: Figure
    latency_p99_ms: Figure
    socket_errors: int = Field(ge=0, description="Connect, read, write errors and time-outs reported by wrk.")
    bad_responses: int = Field(ge=0, description="Responses with a status other than 2xx or 3xx.")
    ratio: Figure | None = Field(
        None, description="Requests per CPU second over the baseline's mean in the same round (results only)."
    )
    others_share: Figure | None = Field(
        None,
        description="CPU time other work (other processes, the host's steal) took on the server's core, per second.",
    )
    load_average: Figure | None = Field(None, description="The machine's 1-minute load average as the run began.")
    attempts: int | None = Field(None, ge=1, le=11, description="1, or more when busy runs were measured again.")
    startup_ms: Figure | None = Field(
        None, description="This round's start-up: from starting the server to its first 200."
    )
    memory_idle_mib: Figure | None = Field(None, description="The worker's resident memory at rest after start-up.")
    memory_end_mib: Figure | None = Field(None, description="The worker's resident memory at the end of the run.")


class Measured(Strict):
    sample: SampleName
    server: Slug
    command: Text = Field(
        description="The exact command that started the server in the first round, from the project root "
        "(every round starts fresh servers; later rounds differ only in the port)."
    )
    load_command: Text = Field(description="The exact wrk command of a measured run in the first round.")
    requests_per_second: Spread
    requests_per_cpu_second: Spread
    cpu_share: float = Field(
        ge=0, le=1000, description="Median CPU time of the server per second of load: 1 is one full core."
    )
    latency_ms: Latency
    startup_ms: Spread | None = Field(None, description="From starting the server to its first good answer.")
    memory_idle_mib: Spread | None = Field(None, description="The worker process's resident memory after start-up.")
    memory_end_mib: Spread | None = Field(None, description="The worker process's resident memory after the run.")
    runs: list[Measurement] = Field(min_length=1, max_length=200)


class Baseline(Measured):
    """A bare application with no framework: the server's own cost, for ratios."""

    app: BaselineApp


class Result(Measured):
    framework: Slug = Field(description="The framework's slug, as in data/frameworks/<slug>.yml.")
    framework_version: PackageVersion
    baseline: BaselineApp
    baseline_server: Slug = Field(description="The server the baseline ran on: the same server, or an ASGI one.")
    ratio: Spread = Field(
        description="Requests per CPU second as a fraction of the baseline's in the same round, over the rounds."
    )


class Dropped(Strict):
    """A round lost to a busy machine: each of its attempts had other work on the server's core."""

    framework: Slug | None = None
    app: BaselineApp | None = None
    sample: SampleName
    server: Slug
    round: int = Field(ge=1, le=100)
    attempts: int = Field(ge=1, le=11)
    others_share: Figure | None = None
    reason: Literal["busy", "baseline busy"]


class Skipped(Strict):
    framework: Slug
    sample: SampleName
    server: Slug
    reason: Text


class BenchmarkRun(Strict):
    """One full run of scripts/bench_frameworks.py: data/benchmarks/<date>.yml."""

    date: PastDate
    method: Text = Field(description="How the figures were measured, in plain words, for the pages.")
    caveats: list[ShortText] = Field(min_length=1, max_length=12)
    command: Text = Field(description="The command that produced this file.")
    duration_seconds: int = Field(ge=1, le=86_400, description="Wall-clock time of the whole run.")
    machine: Machine
    load: Load
    servers: list[Server] = Field(min_length=1, max_length=20)
    baselines: list[Baseline] = Field(min_length=1, max_length=50)
    results: list[Result] = Field(min_length=1, max_length=500)
    skipped: list[Skipped] = Field([], max_length=100)
    dropped: list[Dropped] = Field([], max_length=500)
    packages: dict[PackageName, PackageVersion] = Field(min_length=1, max_length=1000)

    def server(self, server_id: str) -> Server:
        return next(server for server in self.servers if server.id == server_id)

    def baseline_of(self, result: Result) -> Baseline:
        return next(
            baseline
            for baseline in self.baselines
            if (baseline.app, baseline.server, baseline.sample)
            == (result.baseline, result.baseline_server, result.sample)
        )


# ---------------------------------------------------------------------------
# Loading


def load_benchmarks(root: Path) -> tuple[list[BenchmarkRun], list[Problem]]:
    """Every run in data/benchmarks/, oldest first, and every problem found in them."""
    return load_runs(root, BENCHMARKS_DIR, load_benchmark_file)


def load_benchmark_file(
    path: Path, root: Path, *, published: bool = True, frameworks: Collection[str] | None = None
) -> tuple[BenchmarkRun | None, list[Problem]]:
    """One run file (inside `root`, which problems are reported relative to): the run (None if
    it has any problem) and its problems.

    `published=False` checks a run that is not meant for data/benchmarks/ (a quick run, or a
    second run to compare): its file name and its number of rounds are then free.
    `frameworks` are the known framework slugs; by default those of root/data/frameworks/.
    """
    return load_run_file(
        path, root, BenchmarkRun, RUN_RULES, MAX_FILE_BYTES, published=published, frameworks=frameworks
    )


# ---------------------------------------------------------------------------
# Rules across fields: one small function each


def published_runs_have_enough_rounds(check: RunCheck[BenchmarkRun]) -> None:
    if check.published and check.run.load.runs < MIN_PUBLISHED_RUNS:
        check.doc.problem(
            ("load", "runs"), f"a published run needs at least {MIN_PUBLISHED_RUNS} rounds, got {check.run.load.runs}"
        )


def servers_are_known(check: RunCheck[BenchmarkRun]) -> None:
    run, doc = check.run, check.doc
    ids = [server.id for server in run.servers]
    for index, server in enumerate(run.servers):
        if ids.index(server.id) != index:
            doc.problem(("servers", index, "id"), f"duplicate server id {server.id!r}")
        if server.package not in run.packages:
            doc.problem(("servers", index, "package"), f"package {server.package!r} is not listed in packages")
    groups: list[tuple[str, Sequence[Measured | Skipped]]] = [
        ("baselines", run.baselines),
        ("results", run.results),
        ("skipped", run.skipped),
    ]
    for name, items in groups:
        for index, item in enumerate(items):
            servers = [("server", item.server)]
            if isinstance(item, Result):
                servers.append(("baseline_server", item.baseline_server))
            for field, server_id in servers:
                if server_id not in ids:
                    doc.problem(
                        (name, index, field), f"unknown server {server_id!r}; expected one of: {', '.join(ids)}"
                    )


def baselines_match_their_servers(check: RunCheck[BenchmarkRun]) -> None:
    run, doc = check.run, check.doc
    interfaces = {server.id: server.interface for server in run.servers}
    seen: set[tuple[str, str, str]] = set()
    for index, baseline in enumerate(run.baselines):
        key = (baseline.app, baseline.server, baseline.sample)
        if key in seen:
            doc.problem(
                ("baselines", index), f"duplicate baseline {baseline.app} on {baseline.server} ({baseline.sample})"
            )
        seen.add(key)
        wanted = BASELINE_INTERFACE[baseline.app]
        if baseline.server in interfaces and interfaces[baseline.server] != wanted:
            doc.problem(
                ("baselines", index, "server"), f"{baseline.app} needs a {wanted} server, not {baseline.server!r}"
            )


def results_have_their_baseline(check: RunCheck[BenchmarkRun]) -> None:
    """A WSGI or ASGI result is compared with the bare application of its interface on the same
    server; a result on a framework's own server, with a bare application on an ASGI server."""
    run, doc = check.run, check.doc
    interfaces = {server.id: server.interface for server in run.servers}
    baselines = {(baseline.app, baseline.server, baseline.sample) for baseline in run.baselines}
    seen: set[tuple[str, str, str]] = set()
    for index, result in enumerate(run.results):
        path: Path_ = ("results", index)
        key = (result.framework, result.sample, result.server)
        if key in seen:
            doc.problem(path, f"duplicate result for {result.framework} {result.sample} on {result.server}")
        seen.add(key)
        interface = interfaces.get(result.server)
        if interface is None or result.baseline_server not in interfaces:
            continue  # reported by servers_are_known
        wanted = BASELINE_INTERFACE[result.baseline]
        if interface in ("WSGI", "ASGI") and interface != wanted:
            doc.problem(
                (*path, "baseline"), f"a {interface} server's results are compared with the bare {interface} app"
            )
        elif interface in ("WSGI", "ASGI") and result.baseline_server != result.server:
            doc.problem((*path, "baseline_server"), f"must be the result's own server, {result.server!r}")
        elif interface == "own" and interfaces[result.baseline_server] != wanted:
            doc.problem((*path, "baseline_server"), f"{result.baseline} needs a {wanted} server")
        elif (result.baseline, result.baseline_server, result.sample) not in baselines:
            doc.problem(
                (*path, "baseline"),
                f"no baseline {result.baseline} on {result.baseline_server} for {result.sample} in baselines",
            )


def frameworks_exist(check: RunCheck[BenchmarkRun]) -> None:
    groups: list[tuple[str, Sequence[Result | Skipped]]] = [
        ("results", check.run.results),
        ("skipped", check.run.skipped),
    ]
    for name, items in groups:
        for index, item in enumerate(items):
            if item.framework not in check.frameworks:
                check.doc.problem(
                    (name, index, "framework"),
                    f"unknown framework {item.framework!r} (no data/frameworks/{item.framework}.yml)",
                )


def every_round_is_measured(check: RunCheck[BenchmarkRun]) -> None:
    """Each result once per round; each baseline at least once per round (it is measured twice);
    a round listed in `dropped` for the configuration (a busy machine) counts as accounted for."""
    rounds = set(range(1, check.run.load.runs + 1))
    lost: dict[tuple[str | None, str, str], set[int]] = {}
    for lost_round in check.run.dropped:
        key = (lost_round.framework or lost_round.app, lost_round.sample, lost_round.server)
        lost.setdefault(key, set()).add(lost_round.round)
    for name, items in (("baselines", check.run.baselines), ("results", check.run.results)):
        for index, item in enumerate(items):
            measured = [measurement.round for measurement in item.runs]
            key = (item.framework if isinstance(item, Result) else getattr(item, "app", None), item.sample, item.server)
            wanted = rounds - lost.get(key, set())
            if isinstance(item, Result) and sorted(measured) != sorted(wanted):
                check.doc.problem(
                    (name, index, "runs"),
                    f"needs exactly one run for each round 1 to {check.run.load.runs} not listed in dropped",
                )
            elif not isinstance(item, Result) and not wanted <= set(measured) <= rounds:
                check.doc.problem(
                    (name, index, "runs"), f"needs runs in every round 1 to {check.run.load.runs} not listed in dropped"
                )


def responses_were_good(check: RunCheck[BenchmarkRun]) -> None:
    for name, items in (("baselines", check.run.baselines), ("results", check.run.results)):
        for index, item in enumerate(items):
            for position, measurement in enumerate(item.runs):
                if measurement.bad_responses:
                    check.doc.problem(
                        (name, index, "runs", position, "bad_responses"),
                        f"{measurement.bad_responses} responses were not 2xx or 3xx: not the figures of a working app",
                    )


def summaries_match_runs(check: RunCheck[BenchmarkRun]) -> None:
    for name, items in (("baselines", check.run.baselines), ("results", check.run.results)):
        for index, item in enumerate(items):
            path: Path_ = (name, index)
            for figure in ("requests_per_second", "requests_per_cpu_second"):
                values = [getattr(measurement, figure) for measurement in item.runs]
                _check_spread(check.doc, (*path, figure), getattr(item, figure), values, RPS_TOLERANCE)
            share = (
                statistics.median(measurement.cpu_seconds for measurement in item.runs)
                / check.run.load.duration_seconds
            )
            _check_figure(
                check.doc, (*path, "cpu_share"), item.cpu_share, share,
                "the runs' median cpu_seconds per second of load", RATIO_TOLERANCE,
            )  # fmt: skip
            for percentile in ("p50", "p99"):
                values = [getattr(measurement, f"latency_{percentile}_ms") for measurement in item.runs]
                _check_figure(
                    check.doc,
                    (*path, "latency_ms", percentile),
                    getattr(item.latency_ms, percentile),
                    statistics.median(values),
                    "the median of the runs' values",
                    RPS_TOLERANCE,
                )


def ratios_match_baselines(check: RunCheck[BenchmarkRun]) -> None:
    """Each run's ratio is its requests per CPU second over the mean of its baseline's runs in
    the same round; the result's ratio spread is that of its runs."""
    run, doc = check.run, check.doc
    baselines = {(baseline.app, baseline.server, baseline.sample): baseline for baseline in run.baselines}
    for index, result in enumerate(run.results):
        baseline = baselines.get((result.baseline, result.baseline_server, result.sample))
        if baseline is None:
            continue  # reported by results_have_their_baseline
        ratios = []
        for position, measurement in enumerate(result.runs):
            path: Path_ = ("results", index, "runs", position, "ratio")
            same_round = [other.requests_per_cpu_second for other in baseline.runs if other.round == measurement.round]
            if measurement.ratio is None:
                doc.problem(path, "missing required field 'ratio'")
                continue
            ratios.append(measurement.ratio)
            if same_round and statistics.mean(same_round):
                expected = measurement.requests_per_cpu_second / statistics.mean(same_round)
                _check_figure(
                    doc,
                    path,
                    measurement.ratio,
                    expected,
                    f"requests_per_cpu_second over the baseline's mean in round {measurement.round}",
                    RATIO_TOLERANCE,
                )
        if len(ratios) == len(result.runs):
            _check_spread(doc, ("results", index, "ratio"), result.ratio, ratios, RATIO_TOLERANCE)
    for index, baseline in enumerate(run.baselines):
        for position, measurement in enumerate(baseline.runs):
            if measurement.ratio is not None:
                doc.problem(("baselines", index, "runs", position, "ratio"), "a baseline has no ratio")


def _check_spread(doc: Document, path: Path_, spread: Spread, values: list[float], tolerance: float) -> None:
    for field, expected, wording in (
        ("median", statistics.median(values), "the median of the runs"),
        ("min", min(values), "the lowest run"),
        ("max", max(values), "the highest run"),
    ):
        _check_figure(doc, (*path, field), getattr(spread, field), expected, wording, tolerance)


def _check_figure(doc: Document, path: Path_, written: float, expected: float, wording: str, tolerance: float) -> None:
    if abs(written - expected) > tolerance:
        doc.problem(path, f"is {written}, but {wording} is {round(expected, 3)}")


def results_use_their_servers_baseline(check: RunCheck[BenchmarkRun]) -> None:
    """The pages state each server's baseline from `servers`: every result must use that one."""
    declared = {server.id: server for server in check.run.servers}
    for index, result in enumerate(check.run.results):
        server = declared.get(result.server)
        if server is None or server.baseline_server is None:
            continue
        if (result.baseline, result.baseline_server) != (server.baseline, server.baseline_server):
            check.doc.problem(
                ("results", index, "baseline_server"),
                f"{result.baseline} on {result.baseline_server}, but servers says {result.server}'s results "
                f"are divided by {server.baseline} on {server.baseline_server}",
            )


RUN_RULES: tuple[Callable[[RunCheck[BenchmarkRun]], None], ...] = (
    file_name_is_the_date,
    published_runs_have_enough_rounds,
    servers_are_known,
    baselines_match_their_servers,
    results_have_their_baseline,
    frameworks_exist,
    every_round_is_measured,
    responses_were_good,
    summaries_match_runs,
    ratios_match_baselines,
    results_use_their_servers_baseline,
)
