"""Footprint runs (data/footprint/): the real run validates and covers every framework; each rule
of macros/footprint.py names the field at its line."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from factories import valid_sheet, write_project
from footprint_factories import FOOTPRINT_DATE, footprint_entry, valid_footprint_run, write_footprint

from macros.collections import load_dataset
from macros.fields import LIMITS
from macros.footprint import MIN_PUBLISHED_RUNS, dump_footprint, load_footprint, load_footprint_file, method_text
from macros.model import ROOT
from macros.problems import DataError, Problem

# ---------------------------------------------------------------------------
# The real data


def test_the_latest_run_measures_every_framework_at_its_pin() -> None:
    runs, problems = load_footprint(ROOT)
    assert problems == [], "\n".join(map(str, problems))
    assert runs, "data/footprint/ holds no run"
    latest = runs[-1]
    dataset = load_dataset(ROOT)
    assert sorted(entry.framework for entry in latest.frameworks) == sorted(fw.slug for fw in dataset.frameworks)
    assert latest.runs >= MIN_PUBLISHED_RUNS and latest.pyright is not None
    for framework in dataset.frameworks:
        entry = latest.entry(framework.slug)
        assert entry is not None and entry.package == framework.pypi
        if latest.date >= max(run.date for run in runs):
            assert entry.version == dataset.sample_version(framework), "re-run after changing a pin"
    assert latest.method == method_text(latest.machine.python, latest.platform, latest.pip, latest.runs, latest.pyright)


# ---------------------------------------------------------------------------
# Synthetic runs


def load(tmp_path: Path, run: dict[str, Any] | str, name: str = f"{FOOTPRINT_DATE}.yml", **options: Any) -> list[str]:
    path = write_footprint(tmp_path, run, name)
    loaded, problems = load_footprint_file(path, tmp_path, frameworks=["alpha", "beta"], **options)
    assert (loaded is None) == bool(problems)
    return [str(problem) for problem in problems]


def test_a_valid_run_loads(tmp_path: Path) -> None:
    write_footprint(tmp_path, valid_footprint_run())
    (tmp_path / "data" / "frameworks").mkdir()
    (tmp_path / "data" / "frameworks" / "alpha.yml").write_text("slug: alpha\n", encoding="utf-8")
    [run], problems = load_footprint(tmp_path)
    assert problems == []
    entry = run.entry("alpha")
    assert entry is not None and entry.dependencies == 1 and entry.symbols is not None
    assert run.entry("beta") is None


def test_no_folder_means_no_runs(tmp_path: Path) -> None:
    assert load_footprint(tmp_path) == ([], [])


def test_only_dated_yml_files_belong_in_the_folder(tmp_path: Path) -> None:
    write_footprint(tmp_path, "x", "notes.txt")
    _, [problem] = load_footprint(tmp_path)
    assert str(problem) == "data/footprint/notes.txt:1:1: (file): only <date>.yml files belong in data/footprint/"


def test_the_writer_gives_text_the_loader_accepts(tmp_path: Path) -> None:
    run = valid_footprint_run("alpha", "beta")
    run["frameworks"][1] |= {"py_typed": False, "completeness": None, "symbols": None, "pyright_message": "No py.typed"}
    text = dump_footprint(run)
    assert "version: '3.1'" in text and "distributions: {alpha: '3.1', blinker: '1.9.0'}" in text
    assert load(tmp_path, text) == []


def changed(change: Callable[[dict[str, Any]], Any], *slugs: str) -> dict[str, Any]:
    run = valid_footprint_run(*slugs)
    change(run)
    return run


def entry(run: dict[str, Any], index: int = 0) -> dict[str, Any]:
    return run["frameworks"][index]


def untyped(item: dict[str, Any]) -> None:
    item.update(py_typed=False, completeness=None, symbols=None, pyright_message="No py.typed file found")


# Each case: the change, and the problem it causes (its field and the start of its message).
BAD: dict[str, tuple[dict[str, Any], str]] = {
    "duplicate": (
        changed(lambda r: r["frameworks"].append(copy.deepcopy(entry(r)))),
        "frameworks[1].framework: 'alpha' is measured twice",
    ),
    "unknown-framework": (
        changed(lambda r: entry(r).update(framework="gamma")),
        "frameworks[0].framework: unknown framework 'gamma' (no data/frameworks/gamma.yml)",
    ),
    "package-not-installed": (
        changed(lambda r: entry(r).update(distributions={"blinker": "1.9.0"})),
        "frameworks[0].distributions: must include alpha 3.1, the package measured",
    ),
    "another-version-installed": (
        changed(lambda r: entry(r)["distributions"].update(alpha="3.0")),
        "frameworks[0].distributions: must include alpha 3.1, the package measured (it lists 3.0)",
    ),
    "import-time-not-the-difference": (
        changed(lambda r: entry(r)["wall_time"].update(import_ms=50.0)),
        "frameworks[0].wall_time.import_ms: is 50.0, but interpreter_ms minus baseline_ms is 60.5",
    ),
    "cpu-time-not-the-difference": (
        changed(lambda r: entry(r)["cpu_time"].update(baseline_ms=2.0)),
        "frameworks[0].cpu_time.import_ms: is 58.0, but interpreter_ms minus baseline_ms is 68.0",
    ),
    "completeness-not-the-share": (
        changed(lambda r: entry(r).update(completeness=0.9)),
        "frameworks[0].completeness: is 0.9, but known over all exported symbols is 0.75",
    ),
    "score-without-py-typed": (
        changed(lambda r: entry(r).update(py_typed=False)),
        "frameworks[0].completeness: pyright scores only a package that ships py.typed",
    ),
    "score-without-symbols": (
        changed(lambda r: entry(r).update(symbols=None)),
        "frameworks[0].symbols: a completeness score comes with its symbol counts",
    ),
    "score-of-no-symbols": (
        changed(lambda r: entry(r).update(completeness=0.0, symbols={"known": 0, "ambiguous": 0, "unknown": 0})),
        "frameworks[0].symbols: a score needs at least one exported symbol",
    ),
    "score-and-message": (
        changed(lambda r: entry(r).update(pyright_message="No py.typed file found")),
        "frameworks[0].pyright_message: a scored package has no pyright message",
    ),
    "no-score-no-reason": (
        changed(lambda r: (untyped(entry(r)), entry(r).update(pyright_message=None))),
        "frameworks[0].pyright_message: without a completeness score, say why pyright gave none",
    ),
    "symbols-without-score": (
        changed(lambda r: (untyped(entry(r)), entry(r).update(symbols={"known": 1, "ambiguous": 0, "unknown": 0}))),
        "frameworks[0].symbols: symbol counts come with a completeness score",
    ),
    "figures-without-pyright": (
        changed(lambda r: r.update(pyright=None)),
        "frameworks[0].completeness: pyright was not run (pyright: null): no pyright figures",
    ),
    "published-without-pyright": (
        changed(lambda r: (r.update(pyright=None), entry(r).update(completeness=None, symbols=None))),
        "pyright: a published run measures type completeness: run it with pyright",
    ),
    "too-few-runs": (
        changed(lambda r: r.update(runs=MIN_PUBLISHED_RUNS - 1)),
        f"runs: a published run times at least {MIN_PUBLISHED_RUNS} interpreters, got {MIN_PUBLISHED_RUNS - 1}",
    ),
    "negative-size": (
        changed(lambda r: entry(r).update(installed_bytes=-1)),
        "frameworks[0].installed_bytes: Input should be greater than or equal to 1",
    ),
    "completeness-above-one": (
        changed(lambda r: entry(r).update(completeness=1.5)),
        "frameworks[0].completeness: Input should be less than or equal to 1",
    ),
    "import-time-negative": (
        changed(lambda r: entry(r)["wall_time"].update(import_ms=-3.0, interpreter_ms=11.5)),
        "frameworks[0].wall_time.import_ms: Input should be greater than or equal to 0",
    ),
    "hours-of-import": (
        changed(lambda r: entry(r)["cpu_time"].update(interpreter_ms=10**7)),
        "frameworks[0].cpu_time.interpreter_ms: Input should be less than or equal to 600000",
    ),
    "markup-as-module": (
        changed(lambda r: entry(r).update(module="<script>alert(1)</script>")),
        "frameworks[0].module: String should match pattern",
    ),
    "markup-in-imports": (
        changed(lambda r: entry(r).update(imports="from alpha import App; </script><script>alert(1)")),
        "frameworks[0].imports: String should match pattern",
    ),
    "code-in-imports": (
        changed(lambda r: entry(r).update(imports="import os; os.system('x')")),
        "frameworks[0].imports: String should match pattern",
    ),
    "markup-as-distribution": (
        changed(lambda r: entry(r)["distributions"].update({"<img src=x onerror=alert(1)>": "1.0"})),
        "frameworks[0].distributions.<img src=x onerror=alert(1)>.[key]: String should match pattern",
    ),
    "no-frameworks": (changed(lambda r: r.update(frameworks=[])), "frameworks: List should have at least 1 item"),
    "unknown-field": (
        changed(lambda r: entry(r).update(import_time=1)),
        "frameworks[0].import_time: unknown field 'import_time'; did you mean 'imports'?",
    ),
    "version-as-number": (
        changed(lambda r: entry(r).update(version=3.1)),
        "frameworks[0].version: Input should be a valid string; put quotes around numbers meant as text",
    ),
}


@pytest.mark.parametrize("case", BAD, ids=str)
def test_each_rule_names_its_field(tmp_path: Path, case: str) -> None:
    run, expected = BAD[case]
    problems = load(tmp_path, run)
    assert any(expected in problem for problem in problems), problems
    assert all(problem.startswith(f"data/footprint/{FOOTPRINT_DATE}.yml:") for problem in problems)


def test_a_published_file_is_named_after_its_date(tmp_path: Path) -> None:
    [problem] = load(tmp_path, valid_footprint_run(), "2026-12-01.yml")
    assert "date: the file must be named after the run's date: 2026-11-30.yml" in problem
    assert load(tmp_path, valid_footprint_run(), "2026-12-02.yml", published=False) == []


def test_an_unpublished_run_may_skip_pyright_and_time_few_interpreters(tmp_path: Path) -> None:
    run = valid_footprint_run()
    run.update(pyright=None, runs=1)
    entry(run).update(completeness=None, symbols=None)
    entry(run)["commands"]["verify_types"] = None
    assert load(tmp_path, run, published=False) == []


def test_problems_point_at_the_line_of_the_field(tmp_path: Path) -> None:
    text = dump_footprint(changed(lambda r: entry(r, 1)["cpu_time"].update(import_ms=1.0), "alpha", "beta"))
    [problem] = load(tmp_path, text)
    line = [number for number, row in enumerate(text.splitlines(), start=1) if "import_ms: 1.0" in row]
    assert problem.startswith(f"data/footprint/{FOOTPRINT_DATE}.yml:{line[0]}:")


def test_the_method_fits_the_text_limit_for_long_versions() -> None:
    assert len(method_text("3.13.12", "Linux aarch64", "125.10.1", 1000, "1.1.1000")) <= LIMITS["text"]
    assert "pyright was not run" in method_text("3.13.0", "Linux x86_64", "24.2", 15, None)


# ---------------------------------------------------------------------------
# Coverage: the latest run lists every framework


def footprint_problems(root: Path) -> list[Problem]:
    """The problems load_dataset finds with footprint runs (other collections' are not this test's)."""
    try:
        load_dataset(root)
    except DataError as error:
        return [problem for problem in error.problems if "footprint" in str(problem)]
    return []


def test_a_framework_missing_from_the_latest_run_is_named_at_its_sheet(tmp_path: Path) -> None:
    root = write_project(tmp_path / "project", {"alpha": valid_sheet(), "beta": valid_sheet("beta", "Beta")})
    older = valid_footprint_run("alpha", "beta")
    older["date"] = "2026-10-01"
    write_footprint(root, older, "2026-10-01.yml")
    write_footprint(root, valid_footprint_run("alpha"))
    [problem] = footprint_problems(root)
    assert problem.file == "data/frameworks/beta.yml" and problem.field == "pypi"
    assert problem.message == (
        f"not in the latest footprint run data/footprint/{FOOTPRINT_DATE}.yml: run python -m scripts.measure_footprint"
    )
    write_footprint(root, valid_footprint_run("alpha", "beta"))
    assert footprint_problems(root) == []


def test_a_yaml_file_in_the_folder_is_named(tmp_path: Path) -> None:
    root = write_project(tmp_path / "project", {"alpha": valid_sheet()})
    write_footprint(root, yaml.safe_dump(valid_footprint_run()), "2026-11-30.yaml")
    found = [str(problem) for problem in footprint_problems(root)]
    rename = "data/footprint/2026-11-30.yaml:1:1: (file): rename it to 2026-11-30.yml: .yaml files are not read"
    assert rename in found, found


def test_footprint_entry_defaults_match_the_factory() -> None:
    assert footprint_entry("beta")["distributions"] == {"beta": "3.1", "blinker": "1.9.0"}
