"""scripts/build_pages.py: writes only files it owns (listed in its manifest), only inside --out."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from factories import run_script, valid_sheet

from macros.collections import framework_files

ROOT = Path(__file__).resolve().parents[2]

MANIFEST = ".build_pages-manifest"


def run(root: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return run_script(root, "build_pages", "--out", str(out))


def files(folder: Path) -> dict[str, bytes | str]:
    """Every file and link under `folder` by relative path (links by target, never followed)."""
    found: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        if path.is_symlink():
            found[path.relative_to(folder).as_posix()] = f"-> {os.readlink(path)}"
        elif path.is_file():
            found[path.relative_to(folder).as_posix()] = path.read_bytes()
    return found


def manifest(out: Path) -> set[str]:
    lines = (out / MANIFEST).read_text(encoding="utf-8").splitlines()
    return {line for line in lines if line and not line.startswith("#")}


def refused(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode != 0, result.stdout
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in result.stderr


@pytest.fixture
def two_frameworks(project) -> Path:
    return project({"alpha": valid_sheet(), "beta": valid_sheet("beta", "Beta")})


def test_writes_every_page_and_lists_them_in_its_manifest(two_frameworks: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run(two_frameworks, out)
    assert result.returncode == 0, result.stderr
    written = set(files(out)) - {MANIFEST}
    assert {"index.md", "frameworks/alpha.md", "frameworks/beta.md", "compare/alpha-vs-beta.md"} <= written
    assert manifest(out) == written
    # Pre-rendered HTML blocks are back in place: no placeholder is left for another generator.
    assert not [path for path in written if b"<!-- block " in (out / path).read_bytes()]
    assert b"<table" in (out / "frameworks/alpha.md").read_bytes()


def test_second_run_replaces_its_own_files_and_removes_pages_that_went_away(
    two_frameworks: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert run(two_frameworks, out).returncode == 0
    first = files(out)
    (out / "frameworks/alpha.md").write_text("edited after the build\n")
    again = run(two_frameworks, out)
    assert again.returncode == 0, again.stderr
    assert files(out) == first
    for _, path in framework_files(two_frameworks, "beta"):  # a framework goes with its files
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()
    third = run(two_frameworks, out)
    assert third.returncode == 0, third.stderr
    assert not (out / "frameworks/beta.md").exists()
    assert not (out / "compare/alpha-vs-beta.md").exists()
    assert manifest(out) == set(files(out)) - {MANIFEST}


def test_hand_written_file_in_out_is_refused_and_left_unchanged(two_frameworks: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "index.md").write_text("# My own home page\n")
    (out / "notes.md").write_text("kept\n")
    refused(run(two_frameworks, out), "index.md", "not written by build_pages.py")
    assert files(out) == {"index.md": b"# My own home page\n", "notes.md": b"kept\n"}


def test_hand_written_file_is_refused_even_after_a_build(two_frameworks: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run(two_frameworks, out).returncode == 0
    lines = (out / MANIFEST).read_text().splitlines()
    (out / MANIFEST).write_text("\n".join(line for line in lines if line != "index.md") + "\n")
    (out / "index.md").write_text("mine now\n")
    before = files(out)
    refused(run(two_frameworks, out), "index.md")
    assert files(out) == before


def test_symlink_in_out_is_refused_and_its_target_untouched(two_frameworks: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "frameworks").mkdir(parents=True)
    victim = tmp_path / "victim.md"
    victim.write_text("precious\n")
    dangling = tmp_path / "created-through-link.md"
    (out / "frameworks/alpha.md").symlink_to(victim)
    (out / "frameworks/beta.md").symlink_to(dangling)
    refused(run(two_frameworks, out), "frameworks/alpha.md", "link")
    assert victim.read_text() == "precious\n"
    assert not dangling.exists()


def test_symlinked_folder_in_out_is_refused(two_frameworks: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (out / "compare").symlink_to(elsewhere)
    refused(run(two_frameworks, out), "compare")
    assert list(elsewhere.iterdir()) == []


def test_manifest_cannot_point_outside_out(two_frameworks: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    victim = tmp_path / "victim.md"
    victim.write_text("precious\n")
    (out / MANIFEST).write_text(f"../victim.md\n{victim}\n")
    refused(run(two_frameworks, out), MANIFEST)
    assert victim.read_text() == "precious\n"
    assert files(out) == {MANIFEST: f"../victim.md\n{victim}\n".encode()}


def test_pre_rendered_blocks_are_put_back_into_the_page(monkeypatch, tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("build_pages_under_test", ROOT / "scripts" / "build_pages.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    page = SimpleNamespace(path="index.md", content="# Home\n\n<!-- block 0 -->\n<!-- block 1 -->\n")
    page.blocks = ("<table><tr><td>a</td></tr></table>", '<div class="x">b</div>')
    monkeypatch.setattr(module, "load_or_exit", lambda: None)
    monkeypatch.setattr(module, "build_site", lambda dataset, repo_url=None: SimpleNamespace(pages=[page]))
    monkeypatch.setattr(sys, "argv", ["build_pages.py", "--out", str(tmp_path / "out")])
    assert module.main() == 0
    text = (tmp_path / "out/index.md").read_text(encoding="utf-8")
    assert text == '# Home\n\n<table><tr><td>a</td></tr></table>\n<div class="x">b</div>\n'
