"""Hostile YAML (issue 18): what libyaml words obscurely is named at its line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.yaml_source import parse

SHEET = "slug: alpha\nname: Alpha\nlicense:\n  value: MIT\n  as_of: 2026-01-15\n"


def problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "data" / "alpha.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return [str(problem) for problem in parse(path, tmp_path).problems]


@pytest.mark.parametrize(("indent", "column"), [("\t", 1), ("  \t", 3), ("\t  ", 1)])
def test_a_tab_in_the_indentation_is_named_at_its_line_and_column(tmp_path: Path, indent: str, column: int) -> None:
    text = SHEET.replace("  value: MIT", f"{indent}value: MIT")
    assert problems(tmp_path, text) == [
        f"data/alpha.yml:4:{column}: (file): a tab in the indentation; "
        "YAML indents with spaces only, so replace it with spaces"
    ]


def test_a_tab_in_a_list_s_indentation_is_named(tmp_path: Path) -> None:
    assert problems(tmp_path, "pros:\n  - small\n\t- fast\n") == [
        "data/alpha.yml:3:1: (file): a tab in the indentation; YAML indents with spaces only, so replace it with spaces"
    ]


@pytest.mark.parametrize("text", ["pros: [small,\tfast]\n", "slug:\talpha\n", "note: |\n  one\n  \ttwo\n"])
def test_tabs_yaml_allows_are_not_refused(tmp_path: Path, text: str) -> None:
    assert problems(tmp_path, text) == []


@pytest.mark.parametrize("char", ["\ufffe", "\uffff", "\x01", "\x7f"])
def test_a_character_yaml_refuses_is_one_problem_at_its_position(tmp_path: Path, char: str) -> None:
    # The é before it is two bytes: libyaml counts bytes, the column counts characters.
    assert problems(tmp_path, f"slug: alpha\nname: é{char}\n") == [
        f"data/alpha.yml:2:8: (file): the character U+{ord(char):04X} is not allowed in YAML; delete it"
    ]
