"""The maintainer and contributor command-line helpers, run as a contributor would run them."""

from __future__ import annotations

import subprocess
from pathlib import Path

from factories import run_script, valid_sheet


def run(root: Path, script: str, *args: str) -> subprocess.CompletedProcess[str]:
    return run_script(root, script.removesuffix(".py"), *args)


def test_validate_passes_good_data(project) -> None:
    result = run(project({"alpha": valid_sheet()}), "validate.py")
    assert result.returncode == 0, result.stderr
    assert "data/ is valid: 1 frameworks" in result.stdout


def test_validate_reports_every_problem_with_position_and_fails(project) -> None:
    sheet = valid_sheet()
    sheet["kind"] = "huge"
    sheet["license"]["sorce"] = sheet["license"].pop("source")
    result = run(project({"alpha": sheet}), "validate.py")
    assert result.returncode == 1
    assert (
        "data/frameworks/alpha.yml:4:1: kind: Input should be 'micro', 'full-stack', 'api', 'toolkit' or 'extension'"
        in result.stderr
    )
    assert "license.sorce: unknown field 'sorce'; did you mean 'source'?" in result.stderr
    assert "license.source: missing required field 'source'" in result.stderr


def test_review_lists_facts_older_than_18_months(project) -> None:
    sheet = valid_sheet()
    sheet["license"]["as_of"] = "2020-01-01"
    result = run(project({"alpha": sheet}), "review.py")
    assert result.returncode == 0
    assert "Alpha: 1 fact(s) need review" in result.stdout
    assert "2020-01-01  license  https://example.org/docs/page" in result.stdout
