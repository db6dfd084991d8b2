"""scripts/new_framework.py, run as a contributor would run it, including with hostile arguments."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from factories import run_script, valid_sheet


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The scaffold, with PyPI's answer from a file that does not exist: no network in tests."""
    return run_script(root, "new_framework", "--pypi-answer", str(root / "no-answer.json"), *args)


def snapshot(folder: Path) -> dict[str, bytes | str]:
    """Every file and link under `folder` (links by target, never followed), to prove nothing was written."""
    found: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        if path.is_symlink():
            found[str(path)] = f"-> {os.readlink(path)}"
        elif path.is_file():
            found[str(path)] = path.read_bytes()
    return found


def refused(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in result.stderr


def test_scaffold_is_complete_but_rejected_until_filled_in(project) -> None:
    root = project({"alpha": valid_sheet()})
    (root / "data/samples/requirements.txt").write_text("alpha==1.0\ngamma==1.0\n")
    created = run(root, "gamma", "Gamma")
    assert created.returncode == 0, created.stderr
    assert "note: no release history written" in created.stdout
    text = (root / "data/frameworks/gamma.yml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/framework.schema.json\n")
    for path in ("data/samples/gamma/json_endpoint.py", "data/samples/gamma/templates/hello.html"):
        assert (root / path).is_file(), path
    result = run_script(root, "validate")
    assert result.returncode == 1
    problems = [line for line in result.stderr.splitlines() if line.startswith("data/")]
    assert problems and all(line.startswith("data/frameworks/gamma.yml:") for line in problems)
    # Every field is present: the complaints are the markers left to fill in and the files still
    # missing (tests/scripts/test_add_framework.py follows them up), never a missing field.
    assert not [line for line in problems if "missing feature" in line or "missing required" in line]
    assert any("placeholder" in line for line in problems)
    assert any("missing data/releases/gamma.yml" in line for line in problems)


def test_existing_sheet_is_refused_and_left_unchanged(project) -> None:
    root = project({"alpha": valid_sheet()})
    before = snapshot(root)
    refused(run(root, "alpha", "Alpha"), "data/frameworks/alpha.yml already exists")
    assert snapshot(root) == before


@pytest.mark.parametrize(
    "slug",
    ["../escaped", "../../escaped", "a/b", "{tmp}/escaped", "frameworks/../escaped", ".", "", "Gamma", "a_b", "-a"],
)
def test_slug_that_is_not_a_plain_name_is_refused_and_nothing_is_written(project, tmp_path: Path, slug: str) -> None:
    root = project({"alpha": valid_sheet()})
    before = snapshot(tmp_path)
    refused(run(root, "--", slug.format(tmp=tmp_path), "Escaped"), "slug")
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("slug", ["index", "flask-vs-django", "vs", "vs-code"])
def test_reserved_slug_is_refused(project, slug: str) -> None:
    root = project({"alpha": valid_sheet()})
    refused(run(root, slug, "Reserved"), "reserved")
    assert not (root / "data/frameworks" / f"{slug}.yml").exists()


def test_dangling_symlink_at_the_target_is_refused_and_its_target_not_created(project, tmp_path: Path) -> None:
    root = project({"alpha": valid_sheet()})
    victim = tmp_path / "outside" / "victim.yml"
    victim.parent.mkdir()
    link = root / "data/frameworks/gamma.yml"
    link.symlink_to(victim)
    refused(run(root, "gamma", "Gamma"), "symbolic link")
    assert not victim.exists()
    assert link.is_symlink() and os.readlink(link) == str(victim)


def test_symlink_to_an_existing_file_is_refused_and_the_file_unchanged(project, tmp_path: Path) -> None:
    root = project({"alpha": valid_sheet()})
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    (root / "data/frameworks/gamma.yml").symlink_to(victim)
    refused(run(root, "gamma", "Gamma"), "symbolic link")
    assert victim.read_text() == "precious\n"


def test_symlinked_frameworks_folder_is_refused(project, tmp_path: Path) -> None:
    root = project({"alpha": valid_sheet()})
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    frameworks = root / "data/frameworks"
    frameworks.rename(root / "data/real-frameworks")
    frameworks.symlink_to(elsewhere)
    refused(run(root, "gamma", "Gamma"), "data/frameworks/", "symbolic link")
    assert list(elsewhere.iterdir()) == []


@pytest.mark.parametrize("name", ["Gamma\nslug: evil", "Gamma\rkind: api", "Gamma\x85kind: api", "  "])
def test_name_that_could_add_yaml_lines_is_refused(project, name: str) -> None:
    root = project({"alpha": valid_sheet()})
    refused(run(root, "gamma", name), "name")
    assert not (root / "data/frameworks/gamma.yml").exists()


def test_name_is_quoted_in_the_sheet(project) -> None:
    root = project({"alpha": valid_sheet()})
    assert run(root, "gamma", "Gamma: #1 'fast'").returncode == 0
    text = (root / "data/frameworks/gamma.yml").read_text(encoding="utf-8")
    assert "\nname: \"Gamma: #1 'fast'\"\n" in text
