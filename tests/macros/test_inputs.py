"""What each page reads (PageType.reads, macros/inputs.py), and the renderer's memory built on it.

A page type that declares the frameworks it reads must read no other framework's files: after
one framework's sheet, sample and history change, every page that does not declare it must come
out byte for byte as before, or `mkdocs serve` would keep it stale."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from macros.collections import framework_of, load_dataset
from macros.model import ROOT
from macros.pages import REGISTRY, SHOWN_ONLY_BY
from macros.render import Memory, Site, build_site

TODAY = __import__("datetime").date(2026, 12, 8)


def project_copy(target: Path) -> Path:
    for folder in ("data", "macros/templates", "tests/samples"):
        shutil.copytree(ROOT / folder, target / folder, ignore=shutil.ignore_patterns("__pycache__"))
    return target


def edit_framework(root: Path, slug: str) -> None:
    """Change what a reader sees of one framework: its sheet and its other files."""
    edit_sheet(root, slug)
    edit_files(root, slug)


def edit_sheet(root: Path, slug: str) -> None:
    """Its tagline, and its GitHub stars (which rank it among the others)."""
    sheet = root / "data" / "frameworks" / f"{slug}.yml"
    text = re.sub(r"(?m)^tagline: .*$", "tagline: Edited for the inputs test.", sheet.read_text(encoding="utf-8"))
    text = re.sub(r"(?m)^(  github-stars:\n    value: )\d+", r"\g<1>3", text)
    sheet.write_text(text, encoding="utf-8")


def edit_files(root: Path, slug: str) -> None:
    """A sample, and the latest point of its history of GitHub stars."""
    sample = root / "data" / "samples" / slug / "hello_world.py"
    sample.write_text(sample.read_text(encoding="utf-8") + "# Edited for the inputs test.\n", encoding="utf-8")
    history = root / "data" / "history" / "github-stars" / f"{slug}.yml"
    text = history.read_text(encoding="utf-8")
    last = text.rindex("value: ")
    history.write_text(text[:last] + "value: 4}" + text[text.index("}", last) + 1 :], encoding="utf-8")


def all_pages(site: Site) -> dict[str, str]:
    pages = list(site.pages) + (list(site.light) if site.light else [])
    return {page.path: page.markdown + page.description for page in pages}


def read_frameworks(root: Path) -> dict[str, frozenset[str] | None]:
    dataset = load_dataset(root)
    return {
        instance.path: page_type.reads(dataset, instance) if page_type.reads else None
        for page_type in REGISTRY
        for instance in page_type.instances(dataset)
    }


@pytest.mark.parametrize("slug", ["flask", "django"])
def test_pages_read_no_framework_they_do_not_declare(tmp_path: Path, slug: str) -> None:
    root = project_copy(tmp_path)
    before = all_pages(build_site(load_dataset(root), today=TODAY))
    edit_framework(root, slug)
    after = all_pages(build_site(load_dataset(root), today=TODAY))
    reads = read_frameworks(root)
    changed = {path for path in before if before[path] != after[path]}
    undeclared = sorted(path for path in changed if reads[path] is not None and slug not in reads[path])
    assert undeclared == []
    # The edit shows where it should, so the check above can fail.
    assert f"frameworks/{slug}.md" in changed and any(path.startswith("compare/") for path in changed)


def templates_of(root: Path) -> dict[str, str]:
    dataset = load_dataset(root)
    return {instance.path: page_type.template for page_type in REGISTRY for instance in page_type.instances(dataset)}


@pytest.mark.parametrize("key", sorted(SHOWN_ONLY_BY))
def test_a_key_shown_only_by_some_templates_changes_no_other_page(tmp_path: Path, key: str) -> None:
    root = project_copy(tmp_path)
    before = all_pages(build_site(load_dataset(root), today=TODAY))
    sheet = root / "data" / "frameworks" / "flask.yml"
    text = sheet.read_text(encoding="utf-8")
    value = "https://example.org/edited/" if re.search(rf"(?m)^{key}: https://", text) else "Edited for the test."
    sheet.write_text(re.sub(rf"(?m)^{key}: .*$", f"{key}: {value}", text, count=1), encoding="utf-8")
    after = all_pages(build_site(load_dataset(root), today=TODAY))
    templates = templates_of(root)
    changed = {path for path in before if before[path] != after[path]}
    assert sorted(path for path in changed if templates[path] not in SHOWN_ONLY_BY[key]) == []
    assert any(templates[path] in SHOWN_ONLY_BY[key] for path in changed)  # so the check above can fail


@pytest.mark.parametrize("edits", [(edit_sheet, edit_files)], ids=["sheet, then its other files"])
def test_the_memory_renders_only_what_an_edit_touches_and_matches_a_fresh_build(tmp_path: Path, edits) -> None:
    root = project_copy(tmp_path)
    memory = Memory()
    first = build_site(load_dataset(root), today=TODAY, defer_light=True, memory=memory)
    assert first.light is not None
    before = {page.path: page.markdown for page in [*first.pages, *first.light]}
    pairs = set(first.light.paths)
    for edit in edits:
        edit(root, "flask")
        again = build_site(load_dataset(root), today=TODAY, defer_light=True, memory=memory)
        assert again.light is not None
        changed_pairs = {page.path: page.markdown for page in again.light.changed()}
        fresh_site = build_site(load_dataset(root), today=TODAY)
        fresh = {page.path: page.markdown for page in fresh_site.pages}
        differ = {path for path, markdown in fresh.items() if markdown != before[path]}
        # Theme pages: those taken from the memory are as a fresh build makes them; the changed are named.
        assert {page.path: page.markdown for page in again.pages} == {
            path: markdown for path, markdown in fresh.items() if path not in pairs
        }
        assert set(again.changed) == differ - pairs
        # Light pages: exactly the pair pages that differ, as a fresh build makes them.
        assert changed_pairs == {path: fresh[path] for path in differ & pairs}
        # Files (API, feeds, tables), partly from the memory, are as a fresh build makes them.
        assert again.files.keys() == fresh_site.files.keys()
        assert [path for path in fresh_site.files if again.files[path] != fresh_site.files[path]] == []
        assert differ and all("flask" in path for path in changed_pairs)
        before = fresh
    # Nothing changed: nothing is rendered again, nothing is named.
    third = build_site(load_dataset(root), today=TODAY, defer_light=True, memory=memory)
    assert third.changed == [] and third.light is not None and list(third.light.changed()) == []


def test_each_data_file_belongs_to_its_framework_or_to_all() -> None:
    assert framework_of("data/frameworks/django-ninja.yml") == "django-ninja"
    assert framework_of("data/samples/flask/templates/fortunes.html") == "flask"
    assert framework_of("data/history/github-stars/flask.yml") == "flask"
    assert framework_of("data/releases/flask.yml") == "flask"
    assert framework_of("data/samples/requirements.txt") is None  # every framework's pin
    assert framework_of("data/benchmarks/2026-12-07.yml") is None
    assert framework_of("data/features.yml") is None
