"""Each validation rule on its own: it reports its problem, and stays silent on a valid sheet."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from factories import valid_sheet

from macros import rules
from macros.model import Framework, load_catalogues
from macros.rules import FRAMEWORK_RULES, SheetCheck
from macros.yaml_source import parse


def check_for(root: Path, slug: str = "alpha", stem: str | None = None) -> SheetCheck:
    doc = parse(root / f"data/frameworks/{slug}.yml", root)
    framework = Framework.model_validate(doc.data)
    return SheetCheck(doc, framework, stem or slug, load_catalogues(root), {"alpha": "1.0"}, root)


def problems(rule: Callable[[SheetCheck], None], check: SheetCheck) -> list[str]:
    rule(check)
    return [str(problem) for problem in check.doc.problems]


def sheet(**changes: Any) -> dict[str, Any]:
    base = valid_sheet()
    for path, value in changes.items():
        *parents, last = path.split("__")
        target = base
        for part in parents:
            target = target[part]
        target[last] = value
    return base


BROKEN: dict[str, tuple[dict[str, Any], str]] = {
    "slug_matches_file_name": ({}, "must match the file name 'other'.yml"),
    "slug_is_not_reserved": ({"slug": "alpha-vs-beta"}, "reserved"),
    "keys_match_catalogues": ({"features__ormm": {"level": "unknown", "as_of": "2026-01-15"}}, "did you mean 'orm'"),
    "feature_levels_are_complete": (
        {"features__orm": {"level": "partial", "source": "https://example.org/x", "as_of": "2026-01-15"}},
        "say what is missing",
    ),
    "extensions_name_their_base": ({"kind": "extension"}, "kind 'extension' needs 'builds_on'"),
    "no_duplicate_entries": ({"pros": ["small", "SMALL"]}, "duplicate entry"),
    "releases_are_in_order": ({"first_release__date": "2026-01-12"}, "must not be dated after"),
    "assessments_have_claims": ({"criteria__security": {}}, "needs at least one sourced claim"),
    "summaries_cite_their_claims": ({"criteria__security__summary": "Secure."}, "must end with the claims"),
    "keys_in_canonical_order": ({}, "should come before"),
}


def test_every_rule_has_a_case_here() -> None:
    assert {rule.__name__ for rule in FRAMEWORK_RULES} == set(BROKEN)


@pytest.mark.parametrize("rule", FRAMEWORK_RULES, ids=lambda rule: rule.__name__)
def test_rule_is_silent_on_a_valid_sheet(project, rule: Callable[[SheetCheck], None]) -> None:
    assert problems(rule, check_for(project({"alpha": valid_sheet()}))) == []


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_rule_reports_its_problem(project, name: str) -> None:
    changes, message = BROKEN[name]
    text: dict[str, Any] | str = sheet(**changes)
    if name == "keys_in_canonical_order":
        text = yaml.safe_dump(sheet(), sort_keys=False).replace(
            "slug: alpha\nname: Alpha\n", "name: Alpha\nslug: alpha\n"
        )
    root = project({"alpha": text})
    if name == "samples_exist":
        (root / "data/samples/alpha/hello_world.py").unlink()
    stem = "other" if name == "slug_matches_file_name" else None
    found = problems(getattr(rules, name), check_for(root, stem=stem))
    assert found and all(message in problem for problem in found), found
    assert all(problem.startswith("data/frameworks/alpha.yml:") for problem in found)


def test_an_extension_names_its_base_and_only_it_provides_features(project) -> None:
    builds_on = {"framework": "beta", "source": "https://example.org/beta", "as_of": "2026-01-15"}
    text = sheet(kind="extension", builds_on=builds_on)
    text["features"]["orm"]["provided_by"] = "gamma"
    [problem] = problems(rules.extensions_name_their_base, check_for(project({"alpha": text})))
    assert "features.orm.provided_by: 'provided_by' must be the framework named in 'builds_on' (beta)" in problem
    text["features"]["orm"]["provided_by"] = "beta"
    assert problems(rules.extensions_name_their_base, check_for(project({"alpha": text}))) == []
    [problem] = problems(rules.extensions_name_their_base, check_for(project({"alpha": sheet(builds_on=builds_on)})))
    assert "builds_on: 'builds_on' is only for kind 'extension'" in problem
