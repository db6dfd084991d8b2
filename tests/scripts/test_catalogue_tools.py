"""Adding a catalogue entry to every sheet, and the canonical key order that keeps sheets alike."""

from __future__ import annotations

import yaml
from factories import run_script, valid_sheet

from macros.collections import load_dataset
from macros.key_order import sorted_text
from macros.model import ROOT, load_catalogues


def sheet_text(root, slug: str = "alpha") -> str:
    return (root / f"data/frameworks/{slug}.yml").read_text(encoding="utf-8")


def unused_id(wanted: str) -> str:
    """`wanted`, or a variant of it, that no catalogue of the real data uses: the synthetic projects
    copy the real catalogues, so the id CONTRIBUTING shows may exist by the time this runs."""
    catalogues = load_catalogues(ROOT)
    taken = {*(catalogues.feature_ids or ()), *(catalogues.criterion_ids or ()), *(catalogues.metric_ids or ())}
    return next(candidate for n in range(100) if (candidate := f"{wanted}{n or ''}") not in taken)


def test_adding_a_feature_stubs_it_as_unknown_in_every_sheet(project) -> None:
    root = project({"alpha": valid_sheet(), "beta": valid_sheet("beta", "Beta")})
    graphql = unused_id("graphql")
    result = run_script(
        root,
        "add_entry",
        "feature",
        graphql,
        "--name",
        "GraphQL",
        "--category",
        "APIs",
        "--description",
        "Serving a GraphQL schema.",
    )
    assert result.returncode == 0, result.stderr
    dataset = load_dataset(root)  # still valid: unknown needs no source
    assert dataset.features[-1].id == graphql
    for framework in dataset.frameworks:
        assert framework.features[graphql].level == "unknown"
        assert list(framework.features)[-1] == graphql


def test_adding_a_criterion_asks_for_claims_in_every_sheet(project) -> None:
    root = project({"alpha": valid_sheet(), "beta": valid_sheet("beta", "Beta")})
    deployment = unused_id("deployment")
    result = run_script(
        root, "add_entry", "criterion", deployment, "--title", "Deployment", "--question", "How is it deployed?"
    )
    assert result.returncode == 0, result.stderr
    validation = run_script(root, "validate")
    assert validation.returncode == 1
    for slug in ("alpha", "beta"):
        assert f"data/frameworks/{slug}.yml" in validation.stderr
        assert f"criteria.{deployment}.claims: needs at least one sourced claim" in validation.stderr
    assert yaml.safe_load(sheet_text(root))["criteria"][deployment] == {}


def test_an_existing_or_reserved_id_is_refused_and_nothing_changes(project) -> None:
    root = project({"alpha": valid_sheet()})
    before = sheet_text(root)
    for entry_id in ("orm", "index"):
        result = run_script(
            root, "add_entry", "feature", entry_id, "--name", "X", "--category", "Y", "--description", "Z."
        )
        assert result.returncode == 2 and "already exists or is reserved" in result.stderr
    assert sheet_text(root) == before


def test_keys_out_of_order_are_reported_and_sorting_fixes_them_keeping_comments(project) -> None:
    text = yaml.safe_dump(valid_sheet(), sort_keys=False)
    routing = "  routing:\n    level: built-in\n    source: https://example.org/docs/page\n    as_of: '2026-01-15'\n"
    assert routing in text
    scrambled = (
        "# Header comment stays first.\n"
        + text.replace(routing, "")
        .replace("  orm:\n", routing + "  orm:\n")  # routing moves after sessions
        .replace("kind: micro\n", "")
        .replace("pros:\n", "# About pros.\npros:\n")
        + "kind: micro\n"  # kind moves to the end
    )
    root = project({"alpha": scrambled})
    validation = run_script(root, "validate")
    assert validation.returncode == 1
    assert "kind: 'kind' should come before 'tagline'" in validation.stderr or "'kind' should come" in validation.stderr
    assert "features.routing" in validation.stderr

    result = run_script(root, "sort_keys")
    assert result.returncode == 0, result.stderr
    assert run_script(root, "validate").returncode == 0
    fixed = sheet_text(root)
    assert fixed.startswith("# Header comment stays first.\n")
    assert "# About pros.\npros:" in fixed
    assert sorted(fixed.splitlines()) == sorted(scrambled.splitlines())
    assert sorted_text(fixed, load_catalogues(root)) == fixed  # idempotent
