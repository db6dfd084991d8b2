"""The data-collection registry: what every framework must have (coverage), the files data/ may
hold, and the ids that would clash with generated pages. One test per rule, each naming the
file and field a contributor has to fix."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml
from factories import extension_of, valid_benchmark_run, valid_sheet

from macros.collections import MAX_FRAMEWORKS, MAX_HISTORY_BYTES, REGISTRY, framework_files, load_dataset
from macros.problems import DataError

SHEET = "data/frameworks/alpha.yml"


def problems_of(root: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_dataset(root)
    return [str(problem) for problem in caught.value.problems]


def write_sheet(root: Path, sheet: dict) -> None:
    (root / SHEET).write_text(yaml.safe_dump(sheet, sort_keys=False, allow_unicode=True), encoding="utf-8")


def only(problems: list[str], *words: str) -> str:
    """The one problem, asserting it names every word."""
    assert len(problems) == 1, problems
    for word in words:
        assert word in problems[0], problems[0]
    return problems[0]


def test_a_synthetic_project_is_covered(project) -> None:
    load_dataset(project({"alpha": valid_sheet()}))


@pytest.mark.parametrize(
    ("remove", "words"),
    [
        ("data/samples/alpha/json_endpoint.py", [f"{SHEET}:", "missing data/samples/alpha/json_endpoint.py"]),
        ("tests/samples/test_alpha.py", [f"{SHEET}:", "slug: missing tests/samples/test_alpha.py"]),
        ("data/releases/alpha.yml", [f"{SHEET}:", "latest_release: missing data/releases/alpha.yml"]),
    ],
)
def test_a_missing_file_is_named_at_the_sheet(project, remove: str, words: list[str]) -> None:
    root = project({"alpha": valid_sheet()})
    (root / remove).unlink()
    only(problems_of(root), *words)


def test_a_scaffold_marker_left_in_a_sample_is_reported(project) -> None:
    root = project({"alpha": valid_sheet()})
    (root / "data/samples/alpha/hello_world.py").write_text("# TODO(scaffold): write it\n", encoding="utf-8")
    only(problems_of(root), "data/samples/alpha/hello_world.py still holds the scaffold's TODO(scaffold)")


def test_an_unpinned_package_is_reported_at_its_field(project) -> None:
    root = project({"alpha": valid_sheet()})
    (root / "data/samples/requirements.txt").write_text("other==1.0\n", encoding="utf-8")
    only(problems_of(root), f"{SHEET}:", "pypi: package 'alpha' is not pinned")


def test_each_metric_kept_over_time_needs_a_history_or_a_reason(project) -> None:
    sheet = valid_sheet()
    del sheet["tracking"]["not_tracked"]["github-stars"]
    root = project({"alpha": sheet})
    only(problems_of(root), "tracking.not_tracked: missing data/history/github-stars/alpha.yml", "--only alpha")


def test_a_reason_for_a_metric_not_kept_over_time_is_refused(project) -> None:
    sheet = valid_sheet()
    sheet["tracking"]["not_tracked"]["contributors"] = "Not counted."
    only(problems_of(project({"alpha": sheet})), "tracking.not_tracked.contributors: 'contributors' is not a metric")


def test_the_latest_benchmark_run_must_measure_it_or_say_why_not(project) -> None:
    measured, unmeasured = valid_sheet("flask", "Flask"), valid_sheet()  # the synthetic run measures flask
    del unmeasured["benchmark"]["not_measured"]
    root = project({"flask": measured, "alpha": unmeasured})
    (root / "data/benchmarks").mkdir()
    run = valid_benchmark_run()
    (root / f"data/benchmarks/{run['date']}.yml").write_text(yaml.safe_dump(run, sort_keys=False), encoding="utf-8")
    problems = problems_of(root)
    assert len(problems) == 2, problems
    assert any(
        problem.startswith(f"{SHEET}:") and "benchmark: no figures in the latest benchmark run" in problem
        for problem in problems
    )
    assert any(
        problem.startswith("data/frameworks/flask.yml:") and "measures flask: remove this reason" in problem
        for problem in problems
    )


SUPPORT = """policy: https://example.org/support
series:
  - series: '3.1'
    release: 2026-01-10
    mainstream_end: unknown
    extended_end: unknown
    source: https://example.org/support
    as_of: 2026-01-15
"""


def test_a_framework_has_support_windows_or_says_its_project_publishes_no_policy(project) -> None:
    sheet = valid_sheet()
    del sheet["support_policy"]
    root = project({"alpha": sheet})
    only(problems_of(root), f"{SHEET}:", "support_policy: missing data/support/alpha.yml", "published: false")
    (root / "data/support").mkdir()
    (root / "data/support/alpha.yml").write_text(SUPPORT, encoding="utf-8")
    load_dataset(root)  # the windows are enough
    write_sheet(root, valid_sheet())  # ... and contradict a sheet that says no policy is published
    only(problems_of(root), "support_policy.published: false, but data/support/alpha.yml exists")
    (root / "data/support/alpha.yml").unlink()
    sheet = valid_sheet()
    sheet["support_policy"]["published"] = True
    write_sheet(root, sheet)
    only(problems_of(root), "support_policy.published: true, but there is no data/support/alpha.yml")


def test_coverage_is_reported_while_the_sheet_still_has_errors(project) -> None:
    sheet = valid_sheet()
    sheet["tagline"] = "TODO"
    root = project({"alpha": sheet})
    (root / "data/releases/alpha.yml").unlink()
    problems = problems_of(root)
    assert any("tagline" in problem for problem in problems)
    assert any("missing data/releases/alpha.yml" in problem for problem in problems)


def test_every_file_of_a_framework_is_listed_from_the_registry(project) -> None:
    root = project({"alpha": valid_sheet()})
    found = {path.relative_to(root).as_posix() for _, path in framework_files(root, "alpha")}
    assert found == {
        "data/frameworks/alpha.yml",
        "data/samples/alpha",
        "tests/samples/test_alpha.py",
        "data/releases/alpha.yml",
        "data/advisories/alpha.yml",
    }
    assert {collection.id for collection in REGISTRY} >= {"sheets", "samples", "history", "releases", "benchmarks"}


# Files data/ may hold


def test_a_yaml_file_is_named_not_ignored(project) -> None:
    root = project({"alpha": valid_sheet()})
    shutil.copy(root / SHEET, root / "data/frameworks/beta.yaml")
    (root / "data/notes.yaml").write_text("a: 1\n", encoding="utf-8")
    problems = problems_of(root)
    assert "data/frameworks/beta.yaml:1:1: (file): rename it to beta.yml: .yaml files are not read" in problems
    assert any(problem.startswith("data/notes.yaml:1:1:") and ".yml" in problem for problem in problems)


def test_a_data_folder_that_is_a_link_is_refused_without_reading_it(project, tmp_path: Path) -> None:
    root = project({"alpha": valid_sheet()})
    outside = tmp_path / "outside"
    (outside / "github-stars").mkdir(parents=True)
    (outside / "github-stars" / "secret.yml").write_text("series: []\n", encoding="utf-8")
    (root / "data/history").symlink_to(outside)
    problems = problems_of(root)
    assert "data/history:1:1: (file): must be a plain file or folder inside data/, not a link" in problems
    assert not any("secret" in problem for problem in problems)


def test_a_folder_under_templates_and_a_sample_that_is_not_utf8_are_named(project) -> None:
    root = project({"alpha": valid_sheet()})
    (root / "data/samples/alpha/templates/nested").mkdir()
    (root / "data/samples/alpha/hello_world.py").write_bytes(b"print('caf\xe9')\n")
    (root / "data/samples/ghost").mkdir()
    problems = problems_of(root)
    assert (
        "data/samples/alpha/templates/nested:1:1: (file): folders are not allowed here: only <slug>/templates/"
        in problems
    )
    assert "data/samples/alpha/hello_world.py:1:1: (file): not UTF-8 text (byte 11 cannot be read)" in problems
    assert any(
        problem.startswith("data/samples/ghost:1:1:") and "unknown framework 'ghost'" in problem for problem in problems
    )


# Limits that keep the worst input fast


def test_the_number_of_sheets_is_limited(project) -> None:
    root = project({"alpha": valid_sheet()})
    for number in range(MAX_FRAMEWORKS):
        (root / f"data/frameworks/x{number}.yml").write_text("{}\n", encoding="utf-8")
    only(
        problems_of(root),
        f"data/frameworks:1:1: (file): {MAX_FRAMEWORKS + 1} fact sheets; the limit is {MAX_FRAMEWORKS}",
    )


def test_all_of_the_history_together_is_limited(project) -> None:
    root = project({"alpha": valid_sheet()})
    folder = root / "data/history/github-stars"
    folder.mkdir(parents=True)
    padding = "#" * 90_000 + "\n"
    for number in range(MAX_HISTORY_BYTES // 90_000 + 1):
        (folder / f"x{number}.yml").write_text(padding, encoding="utf-8")
    problems = problems_of(root)
    assert any(problem.startswith("data/history:1:1:") and "the limit is" in problem for problem in problems)
    assert len(problems) == 1, "nothing in the folder is read past the limit"


# Ids and names that would clash


@pytest.mark.parametrize(
    ("slug", "words"),
    [
        ("site", "'site' is the name of a generated page, feed or element"),
        ("edit-base", "'edit-base' is the name"),
        ("fit-flask", "starts with 'fit-'"),
        ("feature-orm", "starts with 'feature-'"),
        ("light-page-title-5d1f", "light pages' frame"),
    ],
)
def test_a_slug_that_would_take_a_generated_name_is_refused(project, slug: str, words: str) -> None:
    root = project({slug: valid_sheet(slug, "Alpha")})
    assert any(f"data/frameworks/{slug}.yml:" in problem and words in problem for problem in problems_of(root))


def test_a_criterion_id_that_would_take_an_anchor_is_refused(project) -> None:
    root = project({"alpha": valid_sheet()})
    criteria = root / "data/criteria.yml"
    text = criteria.read_text(encoding="utf-8")
    first_id = yaml.safe_load(text)[0]["id"]
    criteria.write_text(text.replace(f"- id: {first_id}\n", "- id: matrix-app\n", 1), encoding="utf-8")
    assert any(
        problem.startswith("data/criteria.yml:") and "'matrix-app' is the name" in problem
        for problem in problems_of(root)
    )


def test_another_benchmark_naming_an_unknown_framework_is_refused_at_its_line(project) -> None:
    root = project({"alpha": valid_sheet()})
    path = root / "data/outside_benchmarks.yml"
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    entries[0]["frameworks"] = ["alpha", "nosuch"]
    path.write_text(yaml.safe_dump(entries, sort_keys=False), encoding="utf-8")
    line = next(n for n, text in enumerate(path.read_text().splitlines(), start=1) if "- nosuch" in text)
    only(
        problems_of(root),
        f"data/outside_benchmarks.yml:{line}:",
        "[0].frameworks[1]: unknown framework 'nosuch' (no data/frameworks/nosuch.yml)",
    )


def test_a_frame_marker_in_any_text_is_refused(project) -> None:
    sheet = valid_sheet()
    sheet["tagline"] = "Fast light-page-content-5d1f framework."
    only(problems_of(project({"alpha": sheet})), f"{SHEET}:", "marks the light pages' frame")


def test_two_frameworks_with_one_display_name_are_refused(project) -> None:
    root = project({"alpha": valid_sheet("alpha", "Same"), "beta": valid_sheet("beta", "same")})
    only(problems_of(root), "data/frameworks/beta.yml:", "name: 'same' is also the name of data/frameworks/alpha.yml")


def test_validation_reads_no_file_through_a_link_in_samples(project) -> None:
    root = project({"alpha": valid_sheet()})
    os.symlink("/etc", root / "data/samples/alpha/templates/etc")
    assert any("not a symbolic link" in problem for problem in problems_of(root))


def test_an_extension_must_name_a_framework_with_a_sheet(project) -> None:
    only(
        problems_of(project({"alpha": valid_sheet(), "beta": extension_of("gamma")})),
        "builds_on.framework: no fact sheet data/frameworks/gamma.yml",
    )


def test_a_feature_taken_from_the_base_has_the_bases_level(project) -> None:
    def taken(support: dict) -> dict:  # provided_by after the level's details, before note and source
        ahead = {key: value for key, value in support.items() if key in ("level", "packages", "since", "missing")}
        return {**ahead, "provided_by": "alpha", **{key: v for key, v in support.items() if key not in ahead}}

    extension = extension_of("alpha")
    extension["features"]["orm"] = taken(valid_sheet()["features"]["orm"])
    load_dataset(project({"alpha": valid_sheet(), "beta": extension}))
    base_level = valid_sheet()["features"]["orm"]["level"]
    other = "none" if base_level != "none" else "built-in"
    extension["features"]["orm"] = taken({"level": other, "source": "https://example.org/x", "as_of": "2026-01-15"})
    only(
        problems_of(project({"alpha": valid_sheet(), "beta": extension})),
        "features.orm.level: alpha.yml gives orm level",
    )
