"""Benchmark runs (data/benchmarks/): the real file validates, bad files get a precise file:line."""

from __future__ import annotations

import copy
import statistics
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from factories import BENCHMARK_DATE, spread, valid_benchmark_run

from macros.benchmarks import MAX_FILE_BYTES, MIN_PUBLISHED_RUNS, load_benchmark_file, load_benchmarks
from macros.collections import load_dataset
from macros.model import ROOT
from macros.yaml_source import MAX_FILE_BYTES as FACT_SHEET_LIMIT


def write(root: Path, data: dict[str, Any] | str, name: str = f"{BENCHMARK_DATE}.yml") -> Path:
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
        package = next(framework.pypi for framework in dataset.frameworks if framework.slug == result.framework)
        assert result.framework_version == versions[package.lower()]


# ---------------------------------------------------------------------------
# Synthetic runs


def test_a_valid_run_loads(tmp_path: Path) -> None:
    write(tmp_path, valid_benchmark_run())
    runs, problems = load_benchmarks(tmp_path)
    assert problems == []
    [run] = runs
    assert run.results[0].ratio.median == 0.5
    assert run.baseline_of(run.results[0]).app == "bare-wsgi"


def test_no_folder_means_no_runs(tmp_path: Path) -> None:
    assert load_benchmarks(tmp_path) == ([], [])


def test_runs_are_sorted_by_date(tmp_path: Path) -> None:
    write(tmp_path, valid_benchmark_run())
    older = valid_benchmark_run()
    older["date"] = "2025-06-30"
    write(tmp_path, older, "2025-06-30.yml")
    runs, problems = load_benchmarks(tmp_path)
    assert problems == []
    assert [run.date.isoformat() for run in runs] == ["2025-06-30", BENCHMARK_DATE]


def test_other_files_in_the_folder_are_reported(tmp_path: Path) -> None:
    write(tmp_path, valid_benchmark_run())
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
        "baseline-not-as-declared",
        _set(("servers", 0, "baseline_server"), "uvicorn"),
        "baseline_server: gunicorn-sync",
        "results[0].baseline_server",
        "bare-wsgi on gunicorn-sync, but servers says gunicorn-sync's results are divided by bare-wsgi on uvicorn",
    ),
    (
        "dropped-round-still-measured",
        lambda data: data.setdefault("dropped", []).append(
            {
                "framework": "flask",
                "sample": "json_endpoint",
                "server": "gunicorn-sync",
                "round": 2,
                "attempts": 3,
                "others_share": 0.4,
                "reason": "busy",
            }
        ),
        ("  runs:", 1),
        "results[0].runs",
        "needs exactly one run for each round 1 to 5 not listed in dropped",
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
    data = copy.deepcopy(valid_benchmark_run())
    change(data)
    path = write(tmp_path, data)
    runs, problems = load_benchmarks(tmp_path)
    assert runs == []
    wanted = [problem for problem in problems if problem.field == field and message in problem.message]
    assert wanted, "\n".join(map(str, problems))
    problem = wanted[0]
    assert problem.file == f"data/benchmarks/{BENCHMARK_DATE}.yml"
    expected_line = line_of(path, line_text)
    assert problem.line == expected_line, str(problem)
    assert str(problem).startswith(f"data/benchmarks/{BENCHMARK_DATE}.yml:{expected_line}:")


def test_a_round_dropped_for_a_busy_machine_is_accounted_for(tmp_path: Path) -> None:
    data = copy.deepcopy(valid_benchmark_run())
    result = data["results"][0]
    result["runs"] = [run for run in result["runs"] if run["round"] != 2]
    values = [run["requests_per_second"] for run in result["runs"]]
    result["requests_per_second"] = spread(values)
    result["requests_per_cpu_second"] = spread([run["requests_per_cpu_second"] for run in result["runs"]])
    result["ratio"] = spread([run["ratio"] for run in result["runs"]])
    result["latency_ms"] = {
        percentile: statistics.median(run[f"latency_{percentile}_ms"] for run in result["runs"])
        for percentile in ("p50", "p99")
    }
    result["cpu_share"] = statistics.median(run["cpu_seconds"] for run in result["runs"]) / 3
    write(tmp_path, data)
    assert [problem.message for problem in load_benchmarks(tmp_path)[1]] == [
        "needs exactly one run for each round 1 to 5 not listed in dropped"
    ]
    data["dropped"] = [
        {"framework": "flask", "sample": "json_endpoint", "server": "gunicorn-sync", "round": 2, "attempts": 3,
         "others_share": 0.4, "reason": "busy"}
    ]  # fmt: skip
    write(tmp_path, data)
    runs, problems = load_benchmarks(tmp_path)
    assert problems == [] and len(runs[0].dropped) == 1


def test_file_must_be_named_after_its_date(tmp_path: Path) -> None:
    write(tmp_path, valid_benchmark_run(), "latest.yml")
    _, problems = load_benchmarks(tmp_path)
    assert [str(problem) for problem in problems] == [
        f"data/benchmarks/latest.yml:1:1: date: the file must be named after the run's date: {BENCHMARK_DATE}.yml"
    ]


def test_an_unpublished_run_may_have_any_name_and_one_round(tmp_path: Path) -> None:
    data = valid_benchmark_run()
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
    text = yaml.safe_dump(valid_benchmark_run(), sort_keys=False).replace("caveats:\n- ", "caveats: [")
    path = write(tmp_path, text)
    _, problems = load_benchmarks(tmp_path)
    assert len(problems) == 1
    assert problems[0].file == f"data/benchmarks/{BENCHMARK_DATE}.yml"
    assert "YAML syntax error" in problems[0].message
    assert problems[0].line >= line_of(path, "caveats: [")


def test_a_run_file_may_be_larger_than_a_fact_sheet_but_not_without_limit(tmp_path: Path) -> None:
    text = yaml.safe_dump(valid_benchmark_run(), sort_keys=False)
    write(tmp_path, text + "#" * (FACT_SHEET_LIMIT + 1) + "\n")
    assert load_benchmarks(tmp_path)[1] == []
    write(tmp_path, text + "#" * MAX_FILE_BYTES + "\n")
    [problem] = load_benchmarks(tmp_path)[1]
    assert (problem.line, problem.column) == (1, 1)
    assert f"the limit is {MAX_FILE_BYTES:,}" in problem.message
