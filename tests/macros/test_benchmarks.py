"""Benchmark runs (data/benchmarks/): the real file validates, bad files get a precise file:line."""

from __future__ import annotations

import copy
import statistics
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from macros.benchmarks import MAX_FILE_BYTES, MIN_PUBLISHED_RUNS, load_benchmark_file, load_benchmarks
from macros.model import ROOT, load_dataset
from macros.yaml_source import MAX_FILE_BYTES as FACT_SHEET_LIMIT

DATE = "2026-11-01"
BASELINE = [2000.0, 2100.0, 1900.0, 2050.0, 1950.0]
FLASK = [1000.0, 1260.0, 950.0, 1025.0, 1170.0]


def measurements(values: list[float], baseline: list[float] | None = None) -> list[dict[str, Any]]:
    runs = []
    for index, value in enumerate(values):
        run = {
            "round": index + 1,
            "requests_per_second": value,
            "requests_per_cpu_second": 2 * value,  # the server had half its core
            "cpu_seconds": 1.5,
            "latency_p50_ms": 5.0 + index,
            "latency_p99_ms": 20.0 + index,
            "socket_errors": 0,
            "bad_responses": 0,
        }
        if baseline:
            run["ratio"] = round(value / baseline[index], 3)
        runs.append(run)
    return runs


def spread(values: list[float]) -> dict[str, float]:
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def measured(values: list[float], baseline: list[float] | None = None) -> dict[str, Any]:
    return {
        "sample": "json_endpoint",
        "server": "gunicorn-sync",
        "command": "taskset -c 0 .venv/bin/gunicorn --chdir scripts --bind 127.0.0.1:8000 bench_apps:wsgi",
        "load_command": "taskset -c 1 wrk -t1 -c32 -d3s http://127.0.0.1:8000/items/42",
        "requests_per_second": spread(values),
        "requests_per_cpu_second": spread([2 * value for value in values]),
        "cpu_share": 0.5,
        "latency_ms": {"p50": 7.0, "p99": 22.0},
        "runs": measurements(values, baseline),
    }


def valid_run() -> dict[str, Any]:
    """A small run that passes every rule: one server, its baseline and one framework."""
    ratios = [round(value / base, 3) for value, base in zip(FLASK, BASELINE, strict=True)]
    return {
        "date": DATE,
        "method": "Measured over loopback with wrk on a two-core machine.",
        "caveats": ["Loopback only, no database, small responses."],
        "command": ".venv/bin/python -m scripts.bench_frameworks",
        "duration_seconds": 1300,
        "machine": {
            "cpu": "AMD EPYC",
            "virtual": True,
            "cores": 2,
            "memory_mib": 24105,
            "os": "Debian GNU/Linux 12 (bookworm)",
            "kernel": "Linux 6.1",
            "python": "3.13.0",
            "load_average_start": 0.5,
            "load_average_end": 1.5,
        },
        "load": {
            "tool": "wrk 4.1.0",
            "connections": 32,
            "threads": 1,
            "duration_seconds": 3,
            "warmup_seconds": 1,
            "timeout_seconds": 2,
            "runs": 5,
            "server_cpus": "0",
            "client_cpus": "1",
            "paths": {"json_endpoint": "/items/42", "html_template": "/hello/World"},
        },
        "servers": [
            {
                "id": "gunicorn-sync",
                "name": "gunicorn, sync worker",
                "package": "gunicorn",
                "interface": "WSGI",
                "settings": "One worker process.",
            }
        ],
        "baselines": [{"app": "bare-wsgi", **measured(BASELINE)}],
        "results": [
            {
                "framework": "flask",
                "framework_version": "3.1.3",
                **measured(FLASK, BASELINE),
                "baseline": "bare-wsgi",
                "baseline_server": "gunicorn-sync",
                "ratio": spread(ratios),
            }
        ],
        "skipped": [],
        "packages": {"flask": "3.1.3", "gunicorn": "27.0.1"},
    }


def write(root: Path, data: dict[str, Any] | str, name: str = f"{DATE}.yml") -> Path:
    path = root / "data" / "benchmarks" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    text = data if isinstance(data, str) else yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    path.write_text(text, encoding="utf-8")
    (root / "data" / "frameworks").mkdir(exist_ok=True)
    (root / "data" / "frameworks" / "flask.yml").write_text("slug: flask\n", encoding="utf-8")
    return path


def line_of(path: Path, where: str | tuple[str, int]) -> int:
    """The line holding `where`, text that each case makes unique; or, given (line, n), the
    n-th line (from 0) that is exactly that line."""
    lines = path.read_text(encoding="utf-8").splitlines()
    if isinstance(where, tuple):
        return [number for number, line in enumerate(lines, start=1) if line == where[0]][where[1]]
    found = [number for number, line in enumerate(lines, start=1) if where in line]
    assert len(found) == 1, (where, found)
    return found[0]


# ---------------------------------------------------------------------------
# The real data


def test_the_published_runs_validate() -> None:
    runs, problems = load_benchmarks(ROOT)
    assert problems == [], "\n".join(map(str, problems))
    assert runs, "data/benchmarks/ holds no run"
    latest = runs[-1]
    assert latest.load.runs >= MIN_PUBLISHED_RUNS
    dataset = load_dataset(ROOT)
    assert {result.framework for result in latest.results} | {item.framework for item in latest.skipped} == {
        framework.slug for framework in dataset.frameworks
    }
    for result in latest.results:
        assert latest.baseline_of(result).server == result.baseline_server
        assert latest.server(result.server).package in latest.packages
        versions = {name.lower(): version for name, version in latest.packages.items()}
        assert result.framework_version == versions[result.framework]


# ---------------------------------------------------------------------------
# Synthetic runs


def test_a_valid_run_loads(tmp_path: Path) -> None:
    write(tmp_path, valid_run())
    runs, problems = load_benchmarks(tmp_path)
    assert problems == []
    [run] = runs
    assert run.results[0].ratio.median == 0.5
    assert run.baseline_of(run.results[0]).app == "bare-wsgi"


def test_no_folder_means_no_runs(tmp_path: Path) -> None:
    assert load_benchmarks(tmp_path) == ([], [])


def test_runs_are_sorted_by_date(tmp_path: Path) -> None:
    write(tmp_path, valid_run())
    older = valid_run()
    older["date"] = "2025-06-30"
    write(tmp_path, older, "2025-06-30.yml")
    runs, problems = load_benchmarks(tmp_path)
    assert problems == []
    assert [run.date.isoformat() for run in runs] == ["2025-06-30", DATE]


def test_other_files_in_the_folder_are_reported(tmp_path: Path) -> None:
    write(tmp_path, valid_run())
    (tmp_path / "data" / "benchmarks" / "notes.yaml").write_text("x: 1\n", encoding="utf-8")
    _, problems = load_benchmarks(tmp_path)
    assert [str(problem) for problem in problems] == [
        "data/benchmarks/notes.yaml:1:1: (file): only <date>.yml files belong in data/benchmarks/"
    ]


def _set(path: tuple[str | int, ...], value: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        target = data
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = value

    return change


def _rename(path: tuple[str | int, ...], old: str, new: str) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        target = data
        for part in path:
            target = target[part]
        target[new] = target.pop(old)

    return change


# (case, change to the valid run, text on the line the error must name, field, message)
BAD_RUNS: list[tuple[str, Callable[[dict[str, Any]], None], str | tuple[str, int], str, str]] = [
    (
        "unknown-field",
        _rename(("load",), "connections", "conections"),
        "conections:",
        "load.conections",
        "unknown field 'conections'; did you mean 'connections'?",
    ),
    (
        "missing-field",
        lambda data: data["machine"].pop("cpu"),
        "machine:",
        "machine.cpu",
        "missing required field 'cpu'",
    ),
    (
        "future-date",
        _set(("date",), "2999-01-01"),
        "date: '2999-01-01'",
        "date",
        "2999-01-01 is in the future",
    ),
    (
        "median-edited",
        _set(("results", 0, "requests_per_second", "median"), 1234.5),
        "median: 1234.5",
        "results[0].requests_per_second.median",
        "is 1234.5, but the median of the runs is 1025.0",
    ),
    (
        "ratio-edited",
        _set(("results", 0, "runs", 2, "ratio"), 0.987),
        "ratio: 0.987",
        "results[0].runs[2].ratio",
        "but requests_per_cpu_second over the baseline's mean in round 3 is 0.5",
    ),
    (
        "cpu-share-edited",
        _set(("baselines", 0, "cpu_share"), 0.875),
        "cpu_share: 0.875",
        "baselines[0].cpu_share",
        "is 0.875, but the runs' median cpu_seconds per second of load is 0.5",
    ),
    (
        "unknown-server",
        _set(("results", 0, "server"), "nginx"),
        "server: nginx",
        "results[0].server",
        "unknown server 'nginx'; expected one of: gunicorn-sync",
    ),
    (
        "wrong-baseline",
        _set(("results", 0, "baseline"), "bare-asgi"),
        "baseline: bare-asgi",
        "results[0].baseline",
        "a WSGI server's results are compared with the bare WSGI app",
    ),
    (
        "bad-responses",
        _set(("results", 0, "runs", 1, "bad_responses"), 17),
        "bad_responses: 17",
        "results[0].runs[1].bad_responses",
        "17 responses were not 2xx or 3xx",
    ),
    (
        "missing-round",
        _set(("results", 0, "runs", 4, "round"), 4),
        ("  runs:", 1),  # the result's list of runs (the baseline's is the first)
        "results[0].runs",
        "needs exactly one run for each round 1 to 5",
    ),
    (
        "too-few-rounds",
        _set(("load", "runs"), 3),
        "runs: 3",
        "load.runs",
        f"a published run needs at least {MIN_PUBLISHED_RUNS} rounds, got 3",
    ),
    (
        "unknown-framework",
        _set(("results", 0, "framework"), "nosuch"),
        "framework: nosuch",
        "results[0].framework",
        "unknown framework 'nosuch' (no data/frameworks/nosuch.yml)",
    ),
    (
        "server-package-unlisted",
        _set(("packages",), {"flask": "3.1.3"}),
        "package: gunicorn",
        "servers[0].package",
        "package 'gunicorn' is not listed in packages",
    ),
    (
        "text-with-placeholder",
        _set(("method",), "TODO describe the method"),
        "method: TODO",
        "method",
        "still holds placeholder text ('TODO')",
    ),
]


@pytest.mark.parametrize(
    ("change", "line_text", "field", "message"), [case[1:] for case in BAD_RUNS], ids=[case[0] for case in BAD_RUNS]
)
def test_bad_run_is_reported_at_its_line(
    tmp_path: Path, change: Callable[[dict[str, Any]], None], line_text: str | tuple[str, int], field: str, message: str
) -> None:
    data = copy.deepcopy(valid_run())
    change(data)
    path = write(tmp_path, data)
    runs, problems = load_benchmarks(tmp_path)
    assert runs == []
    wanted = [problem for problem in problems if problem.field == field and message in problem.message]
    assert wanted, "\n".join(map(str, problems))
    problem = wanted[0]
    assert problem.file == f"data/benchmarks/{DATE}.yml"
    expected_line = line_of(path, line_text)
    assert problem.line == expected_line, str(problem)
    assert str(problem).startswith(f"data/benchmarks/{DATE}.yml:{expected_line}:")


def test_file_must_be_named_after_its_date(tmp_path: Path) -> None:
    write(tmp_path, valid_run(), "latest.yml")
    _, problems = load_benchmarks(tmp_path)
    assert [str(problem) for problem in problems] == [
        f"data/benchmarks/latest.yml:1:1: date: the file must be named after the run's date: {DATE}.yml"
    ]


def test_an_unpublished_run_may_have_any_name_and_one_round(tmp_path: Path) -> None:
    data = valid_run()
    data["load"]["runs"] = 1
    for item in (*data["baselines"], *data["results"]):
        item["runs"] = item["runs"][:1]
        values = [run["requests_per_second"] for run in item["runs"]]
        item["requests_per_second"] = spread(values)
        item["requests_per_cpu_second"] = spread([2 * value for value in values])
        item["latency_ms"] = {"p50": 5.0, "p99": 20.0}
    data["results"][0]["ratio"] = spread([data["results"][0]["runs"][0]["ratio"]])
    path = write(tmp_path, data, "quick.yml")
    run, problems = load_benchmark_file(path, tmp_path, published=False)
    assert problems == []
    assert run is not None and run.load.runs == 1
    _, problems = load_benchmark_file(path, tmp_path)
    assert {problem.field for problem in problems} == {"date", "load.runs"}


def test_yaml_syntax_error_has_its_position(tmp_path: Path) -> None:
    text = yaml.safe_dump(valid_run(), sort_keys=False).replace("caveats:\n- ", "caveats: [")
    path = write(tmp_path, text)
    _, problems = load_benchmarks(tmp_path)
    assert len(problems) == 1
    assert problems[0].file == f"data/benchmarks/{DATE}.yml"
    assert "YAML syntax error" in problems[0].message
    assert problems[0].line >= line_of(path, "caveats: [")


def test_a_run_file_may_be_larger_than_a_fact_sheet_but_not_without_limit(tmp_path: Path) -> None:
    text = yaml.safe_dump(valid_run(), sort_keys=False)
    write(tmp_path, text + "#" * (FACT_SHEET_LIMIT + 1) + "\n")
    assert load_benchmarks(tmp_path)[1] == []
    write(tmp_path, text + "#" * MAX_FILE_BYTES + "\n")
    [problem] = load_benchmarks(tmp_path)[1]
    assert (problem.line, problem.column) == (1, 1)
    assert f"the limit is {MAX_FILE_BYTES:,}" in problem.message
