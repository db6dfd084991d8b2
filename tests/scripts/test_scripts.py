"""The maintainer and contributor command-line helpers, run as a contributor would run them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from factories import valid_sheet


def run(root: Path, script: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(root / "scripts" / script), *args], cwd=root, capture_output=True, text=True
    )


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
        "data/frameworks/alpha.yml:4:1: kind: Input should be 'micro', 'full-stack', 'api' or 'toolkit'"
        in result.stderr
    )
    assert "license.sorce: unknown field 'sorce'; did you mean 'source'?" in result.stderr
    assert "license.source: missing required field 'source'" in result.stderr


def test_scaffold_is_complete_but_rejected_until_filled_in(project) -> None:
    root = project({"alpha": valid_sheet()})
    (root / "data/samples/requirements.txt").write_text("alpha==1.0\ngamma==1.0\n")
    created = run(root, "new_framework.py", "gamma", "Gamma")
    assert created.returncode == 0, created.stderr
    text = (root / "data/frameworks/gamma.yml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/framework.schema.json\n")
    result = run(root, "validate.py")
    assert result.returncode == 1
    problems = [line for line in result.stderr.splitlines() if line.startswith("data/")]
    assert problems and all(line.startswith("data/frameworks/gamma.yml:") for line in problems)
    # Every field is present: the only complaints are the markers left to fill in (and the
    # missing sample files), never a missing feature, criterion or field.
    assert not [line for line in problems if "missing feature" in line or "missing required" in line]
    assert all("placeholder" in line or "kind" in line or "does not exist" in line for line in problems)
    assert run(root, "new_framework.py", "gamma", "Gamma").returncode == 1


def test_review_lists_facts_older_than_18_months(project) -> None:
    sheet = valid_sheet()
    sheet["license"]["as_of"] = "2020-01-01"
    result = run(project({"alpha": sheet}), "review.py")
    assert result.returncode == 0
    assert "Alpha: 1 fact(s) need review" in result.stdout
    assert "2020-01-01  license  https://example.org/docs/page" in result.stdout
