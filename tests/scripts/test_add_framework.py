"""The contributor path, end to end: CONTRIBUTING's "Add a framework" steps in a copy of the real
project. Validation must name every missing piece (as file:line:column) before anything else
fails, and once a contributor has written the minimum, the strict build must pass."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import yaml
from factories import SOURCE, advisory_record, mkdocs_build, run_script, valid_sheet
from footprint_factories import footprint_entry

from macros.collections import REGISTRY
from macros.footprint import dump_footprint
from macros.model import ROOT, load_catalogues

SLUG, NAME = "cherrypy", "CherryPy"
SHEET = f"data/frameworks/{SLUG}.yml"


def copy_of_the_project(root: Path) -> Path:
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("docs", "macros", "scripts", "data", "tests/samples"):
        shutil.copytree(ROOT / name, root / name, ignore=ignore)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    return root


def pypi_answer(root: Path) -> Path:
    """PyPI's recorded answer for Django, renamed: the scaffold reads its release list."""
    answer = json.loads((ROOT / "tests/fixtures/releases/pypi.org_pypi_django_json.json").read_text())
    answer["info"]["name"] = NAME
    path = root / "answer.json"
    path.write_text(json.dumps(answer), encoding="utf-8")
    return path


def problems(root: Path) -> list[str]:
    result = run_script(root, "validate")
    assert "Traceback" not in result.stderr
    return [line for line in result.stderr.splitlines() if line.startswith(("data/", "tests/"))]


def expected_coverage() -> list[str]:
    """One message per requirement the data-collection registry states, as validation words it."""
    tracked = [metric.id for metric in load_catalogues(ROOT).metrics if metric.tracked]
    samples = [criterion.sample for criterion in load_catalogues(ROOT).criteria if criterion.sample]
    return [
        f"package '{SLUG}' is not pinned in data/samples/requirements.txt",
        *(f"data/samples/{SLUG}/{sample}.py still holds the scaffold's TODO(scaffold)" for sample in samples),
        f"tests/samples/test_{SLUG}.py still holds the scaffold's TODO(scaffold)",
        *(f"missing data/history/{metric}/{SLUG}.yml" for metric in tracked),
        f"missing data/advisories/{SLUG}.yml (the security record)",
        "not in the latest footprint run data/footprint/",
    ]


def test_validation_lists_every_missing_piece_then_the_minimum_builds(tmp_path: Path) -> None:
    root = copy_of_the_project(tmp_path / "project")
    # 1. Scaffold every file the registry declares.
    created = run_script(root, "new_framework", SLUG, NAME, "--pypi-answer", str(pypi_answer(tmp_path)))
    assert created.returncode == 0, created.stderr
    assert f"created data/releases/{SLUG}.yml" in created.stdout
    # (sheets: an extension's base must have a sheet, which says nothing of a new framework)
    assert {collection.id for collection in REGISTRY if collection.coverage} == {
        "sheets",
        "samples",
        "history",
        "releases",
        "support",
        "advisories",
        "benchmarks",
        "footprint",
    }, "a new coverage rule needs its expected message here"

    # 2. Validation names every missing piece, all at the new sheet, and nothing else.
    found = problems(root)
    assert found and all(line.startswith(f"{SHEET}:") for line in found), found
    for message in expected_coverage():
        assert any(message in line for line in found), f"validation does not say: {message}"
    assert any("placeholder" in line for line in found), "the sheet's TODO markers are reported"

    # 3. The minimum a contributor writes: a sourced sheet, real samples and their test, a pin.
    releases = yaml.safe_load((root / f"data/releases/{SLUG}.yml").read_text(encoding="utf-8"))["releases"]
    newest = releases[-1]
    sheet = valid_sheet(SLUG, NAME)
    sheet["latest_release"].update(version=newest["version"], date=str(newest["date"]))
    sheet["benchmark"] = {"configuration": sheet["benchmark"]["configuration"], "servers": ["uvicorn", "granian"]}
    (root / SHEET).write_text(yaml.safe_dump(sheet, sort_keys=False, allow_unicode=True), encoding="utf-8")
    shutil.rmtree(root / f"data/samples/{SLUG}")
    shutil.copytree(ROOT / "data/samples/starlette", root / f"data/samples/{SLUG}")
    shutil.copy(ROOT / "tests/samples/test_starlette.py", root / f"tests/samples/test_{SLUG}.py")
    with (root / "data/samples/requirements.txt").open("a", encoding="utf-8") as pins:
        pins.write(f"{SLUG}==2.5\n")
    # What python -m scripts.refresh_advisories writes for the pinned version (it needs the network).
    (root / f"data/advisories/{SLUG}.yml").write_text(advisory_record(SLUG, "2.5"), encoding="utf-8")

    # What python -m scripts.measure_footprint measures for it (it needs the network): its entry in the latest run.
    [footprint] = sorted((root / "data/footprint").glob("*.yml"))[-1:]
    run = yaml.safe_load(footprint.read_text(encoding="utf-8"))
    run["frameworks"].append(footprint_entry(SLUG, "2.5"))
    footprint.write_text(dump_footprint(run), encoding="utf-8")

    # The benchmark is the one piece left: the latest run has no figures for it.
    [benchmark] = problems(root)
    assert benchmark.startswith(f"{SHEET}:") and "no figures in the latest benchmark run" in benchmark
    sheet["benchmark"]["not_measured"] = "Added after the latest run."
    (root / SHEET).write_text(yaml.safe_dump(sheet, sort_keys=False, allow_unicode=True), encoding="utf-8")

    # A latest release the history does not hold is named at the history file.
    sheet["latest_release"] = {"version": "99.0", "date": "2026-01-10", **SOURCE}
    (root / SHEET).write_text(yaml.safe_dump(sheet, sort_keys=False, allow_unicode=True), encoding="utf-8")
    [missing_release] = problems(root)
    assert missing_release.startswith(f"data/releases/{SLUG}.yml:") and "no release '99.0'" in missing_release
    sheet["latest_release"].update(version=newest["version"], date=str(newest["date"]))
    (root / SHEET).write_text(yaml.safe_dump(sheet, sort_keys=False, allow_unicode=True), encoding="utf-8")

    # 4. Valid, and the strict build makes its page.
    assert problems(root) == []
    built = mkdocs_build(root, tmp_path / "site")
    assert built.returncode == 0, built.stderr
    assert (tmp_path / "site" / "frameworks" / SLUG / "index.html").is_file()
