"""Security records (macros/advisories.py): the loader's rules, the counts and what they cover,
CVSS scores, and the coverage rule of the data-collection registry."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml
from factories import valid_sheet

from macros.advisories import (
    MAX_ADVISORIES,
    MAX_FILE_BYTES,
    AdvisoryRecord,
    cvss3_score,
    load_advisories,
    months_before,
    security_summary,
    severity_label,
)
from macros.collections import load_dataset
from macros.problems import DataError
from macros.views_security import MAX_ROWS, SecurityView

COMMIT = "3ccb612573e2511ab5cad7dafecd838605c80cda"
FILE = "data/advisories/alpha.yml"


def advisory(ident: str = "PYSEC-2023-62", published: str | None = "2023-05-02", **fields: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "id": ident,
        "aliases": ["CVE-2023-30861", "GHSA-m2qf-hxjv-5gpq"],
        "summary": "A response for one client may be cached and sent to others.",
        "severity": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N",
        "affected": [{"introduced": "0", "fixed": "2.2.5"}, {"introduced": "2.3.0", "fixed": "2.3.2"}],
        "fixed": ["2.2.5", "2.3.2"],
        "published": published,
        "fix_released": "2023-05-01",
        "days_to_fix": -1,
        "url": f"https://github.com/pypa/advisory-database/blob/{COMMIT}/vulns/alpha/{ident}.yaml",
    }
    if published is None:
        del entry["published"], entry["days_to_fix"]
    return entry | fields


def record(**fields: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "package": "alpha",
        "version": "3.1",
        "requires_source": "https://pypi.org/pypi/alpha/json",
        "source": f"https://github.com/pypa/advisory-database/tree/{COMMIT}",
        "covers_until": "2024-10-10",
        "as_of": "2026-12-07",
        "method": "Read by scripts/refresh_advisories.py.",
        "packages": [
            {"name": "Alpha", "newest": "3.1", "checked": ["3.1"], "advisories": [advisory()]},
            {
                "name": "Werkzeug",
                "requires": ["werkzeug>=3.1.0"],
                "newest": "3.1.4",
                "checked": ["3.1.4"],
                "advisories": [],
            },
        ],
    }
    return data | fields


def load(tmp_path: Path, data: dict[str, Any] | str, name: str = "alpha.yml") -> tuple[list[AdvisoryRecord], list[str]]:
    folder = tmp_path / "data" / "advisories"
    folder.mkdir(parents=True, exist_ok=True)
    text = data if isinstance(data, str) else yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    (folder / name).write_text(text, encoding="utf-8")
    records, problems = load_advisories(tmp_path, ["alpha"])
    return records, [str(problem) for problem in problems]


def one_problem(tmp_path: Path, data: dict[str, Any] | str, *words: str) -> str:
    records, problems = load(tmp_path, data)
    assert records == [] and len(problems) == 1, problems
    for word in words:
        assert word in problems[0], problems[0]
    return problems[0]


def test_a_valid_record_loads(tmp_path: Path) -> None:
    records, problems = load(tmp_path, record())
    assert problems == []
    [loaded] = records
    assert loaded.framework == "alpha" and loaded.own.name == "Alpha" and loaded.dependencies[0].name == "Werkzeug"
    assert str(loaded.own.advisories[0].affected[1]) == ">= 2.3.0, < 2.3.2"
    assert str(loaded.own.advisories[0].affected[0]) == "< 2.2.5"


def test_markup_in_a_summary_is_text_but_not_in_ids_names_or_versions(tmp_path: Path) -> None:
    data = record()
    data["packages"][0]["advisories"][0]["summary"] = "<script>alert('x')</script> & [link](javascript:x)"
    assert load(tmp_path, data)[1] == []
    for place, value, words in [
        (("advisories", 0, "id"), "<b>PYSEC</b>", ["packages[0].advisories[0].id", "advisory id"]),
        (("advisories", 0, "aliases"), ["CVE-1<img>"], ["aliases[0]", "advisory id"]),
        (("name",), "<i>Alpha</i>", ["packages[0].name", "PyPI package name"]),
        (("newest",), "3.1<script>", ["packages[0].newest", "must be a version"]),
        (("advisories", 0, "fixed"), ["not a version"], ["fixed[0]", "must be a version"]),
        (("advisories", 0, "fixed"), ["1.0.0.dev1.post1.x"], ["fixed[0]", "not a PEP 440 version"]),
        (("advisories", 0, "severity"), "CVSS:3.1/<script>", ["severity", "CVSS"]),
        (("advisories", 0, "url"), "javascript:alert(1)", ["url", "https"]),
    ]:
        broken = copy.deepcopy(record())
        target = broken["packages"][0]
        for key in place[:-1]:
            target = target[key]
        target[place[-1]] = value
        one_problem(tmp_path, broken, f"{FILE}:", *words)


def test_a_summary_keeps_to_the_short_text_rules(tmp_path: Path) -> None:
    for summary, words in [
        ("x" * 251, ["summary", "250"]),
        ("hidden\u200bcharacter", ["summary", "U+200B"]),
        ("   ", ["summary", "must not be empty"]),
    ]:
        data = record()
        data["packages"][0]["advisories"][0]["summary"] = summary
        one_problem(tmp_path, data, *words)


def test_dates_and_days_to_fix_agree(tmp_path: Path) -> None:
    cases: list[tuple[dict[str, Any], list[str]]] = [
        ({"days_to_fix": 5}, ["days_to_fix", "must be -1"]),
        ({"published": "2025-01-01", "days_to_fix": -611}, ["published", "after covers_until (2024-10-10)"]),
        ({"fix_released": "2026-12-07", "days_to_fix": 1315}, ["fix_released", "after as_of (2026-12-06)"]),
        ({"published": "not a date"}, ["published", "YYYY-MM-DD"]),
        ({"fixed": [], "affected": []}, ["fix_released", "no fixed version"]),
        ({"listed_for": ["3.0"]}, ["listed_for", "3.0 not in this package's checked releases"]),
    ]
    for fields, words in cases:
        data = record(as_of="2026-12-06")
        data["packages"][0]["advisories"][0] |= fields
        one_problem(tmp_path, data, *words)
    data = record()
    del data["packages"][0]["advisories"][0]["fix_released"]
    one_problem(tmp_path, data, "days_to_fix", "only when both published and fix_released are known")
    one_problem(tmp_path, record(covers_until="2026-12-07", as_of="2026-12-06"), "covers_until", "after as_of")


def test_ranges_are_in_order_and_end_one_way(tmp_path: Path) -> None:
    for affected, words in [
        ([{"introduced": "2.0", "fixed": "1.0"}], ["ends (1.0) before it starts (2.0)"]),
        ([{"introduced": "0", "fixed": "1.0", "last_affected": "0.9"}], ["fixed or last_affected, not both"]),
        ([{"introduced": "0", "until": "1.0"}], ["unknown field 'until'"]),
    ]:
        data = record()
        data["packages"][0]["advisories"][0]["affected"] = affected
        one_problem(tmp_path, data, "affected[0]", *words)


def test_packages_and_advisories_are_listed_once_framework_first(tmp_path: Path) -> None:
    data = record()
    data["packages"][0]["advisories"].append(advisory())
    one_problem(tmp_path, data, "advisories[1].id", "PYSEC-2023-62 is listed twice")
    data = record()
    data["packages"].append(copy.deepcopy(data["packages"][1]))
    one_problem(tmp_path, data, "packages[2].name", "'Werkzeug' is listed twice")
    data = record()
    data["packages"].reverse()
    problems = load(tmp_path, data)[1]
    assert any("packages[0].name: the first package must be the framework's own" in item for item in problems)
    data = record()
    del data["packages"][1]["requires"]
    one_problem(tmp_path, data, "packages[1].requires", "Requires-Dist")


def test_limits_on_sizes_and_counts(tmp_path: Path) -> None:
    data = record()
    data["packages"][0]["advisories"] = [
        advisory(f"PYSEC-2020-{index}", fixed=[], fix_released=None, days_to_fix=None)
        for index in range(MAX_ADVISORIES + 1)
    ]
    problem = one_problem(tmp_path, data, "packages[0].advisories", f"at most {MAX_ADVISORIES}")
    assert len(problem) < 400
    data = record()
    data["packages"][0]["advisories"][0]["aliases"] = [f"CVE-2020-{index}" for index in range(11)]
    one_problem(tmp_path, data, "aliases", "at most 10")
    one_problem(tmp_path, "method: x\n" + "# padding\n" * (MAX_FILE_BYTES // 10), "bytes")


def test_sources_are_the_database_at_a_commit_and_pypi(tmp_path: Path) -> None:
    one_problem(tmp_path, record(source="https://github.com/pypa/advisory-database"), "source", "at a commit")
    one_problem(tmp_path, record(requires_source="https://example.org/flask.json"), "requires_source", "PyPI")


def test_only_framework_records_belong_in_the_folder(tmp_path: Path) -> None:
    _, problems = load(tmp_path, record(), name="alpah.yml")
    assert problems == [
        "data/advisories/alpah.yml:1:1: (file): unknown framework 'alpah' (not in data/frameworks/); "
        "did you mean 'alpha'?"
    ]
    (tmp_path / "data/advisories/alpah.yml").unlink()
    _, problems = load(tmp_path, record(), name="alpha.yaml")
    assert problems == ["data/advisories/alpha.yaml:1:1: (file): expected only <framework slug>.yml files here"]


# ---------------------------------------------------------------------------
# Counts, and what they cover


def loaded(data: dict[str, Any], tmp_path: Path) -> AdvisoryRecord:
    records, problems = load(tmp_path, data)
    assert problems == []
    return records[0]


def test_a_window_the_data_does_not_reach_is_not_covered_never_zero(tmp_path: Path) -> None:
    summary = security_summary(loaded(record(), tmp_path))
    assert summary.all_time.count == 1 and summary.all_time.until == dt.date(2024, 10, 10)
    assert summary.recent.start == dt.date(2024, 12, 7) and summary.recent.end == dt.date(2026, 12, 7)
    assert summary.recent.count is None and not summary.recent.covered
    assert summary.as_json()["last_24_months"]["count"] is None


def test_a_window_the_data_reaches_into_counts_up_to_where_it_stops(tmp_path: Path) -> None:
    data = record(covers_until="2025-06-30")
    data["packages"][1]["advisories"] = [
        advisory("PYSEC-2025-1", published="2025-06-01", fix_released="2025-06-03", days_to_fix=2),
        advisory("PYSEC-2024-9", published="2024-12-06", fix_released=None, days_to_fix=None),
    ]
    summary = security_summary(loaded(data, tmp_path))
    assert summary.recent.count == 1 and summary.recent.partial and summary.recent.until == dt.date(2025, 6, 30)
    assert summary.all_time.count == 3 and summary.own == 1
    complete = security_summary(loaded(record(covers_until="2026-12-07"), tmp_path))
    assert complete.recent.count == 0 and complete.recent.covered and not complete.recent.partial


def test_unfixed_in_the_pinned_version_by_range_or_pypi_list(tmp_path: Path) -> None:
    assert security_summary(loaded(record(), tmp_path)).unfixed_in_pinned == 0
    data = record()
    data["packages"][0]["advisories"][0]["affected"].append({"introduced": "3.0"})  # no fix yet
    summary = security_summary(loaded(data, tmp_path))
    assert summary.unfixed_in_pinned == 1 and summary.unfixed_known_until == dt.date(2026, 12, 7)
    data = record()
    data["packages"][0]["advisories"].append(
        advisory("GHSA-aaaa-bbbb-cccc", published=None, affected=[], fixed=[], fix_released=None, listed_for=["3.1"])
    )
    summary = security_summary(loaded(data, tmp_path))
    assert (summary.unfixed_in_pinned, summary.undated, summary.open_in_newest) == (1, 1, 1)
    assert summary.all_time.count == 1  # an undated advisory is in no window
    data["packages"][0]["checked"] = ["3.2"]
    data["packages"][0]["advisories"][1]["listed_for"] = ["3.2"]
    summary = security_summary(loaded(data, tmp_path))
    assert summary.unfixed_in_pinned == 0 and summary.unfixed_known_until == dt.date(2024, 10, 10)


def test_months_before_keeps_the_day_where_the_month_has_it() -> None:
    assert months_before(dt.date(2026, 12, 7), 24) == dt.date(2024, 12, 7)
    assert months_before(dt.date(2026, 2, 28), 24) == dt.date(2024, 2, 28)
    assert months_before(dt.date(2026, 3, 31), 1) == dt.date(2026, 2, 28)


@pytest.mark.parametrize(
    ("vector", "score", "label"),
    [
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8, "Critical 9.8"),
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", 7.5, "High 7.5"),
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1, "Medium 6.1"),
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N", 5.3, "Medium 5.3"),
        ("CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H", 9.9, "Critical 9.9"),
        ("CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:L/I:N/A:N", 3.3, "Low 3.3"),
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", 0.0, "None 0.0"),
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N", None, "CVSS 4.0"),
        ("CVSS:3.1/AV:N/AC:L", None, "CVSS 3.1"),
    ],
)
def test_cvss_base_scores(vector: str, score: float | None, label: str) -> None:
    assert cvss3_score(vector) == score
    assert severity_label(vector) == label


# ---------------------------------------------------------------------------
# The registry's coverage rule and the page's view


def test_every_framework_needs_its_record_for_the_pinned_version(project) -> None:
    root = project({"alpha": valid_sheet()})
    load_dataset(root)
    path = root / FILE
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("version: '1.0'", "version: '0.9'"), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_dataset(root)
    [problem] = [str(item) for item in caught.value.problems]
    assert problem.startswith("data/frameworks/alpha.yml:")
    assert "read for version 0.9; data/samples/requirements.txt pins 1.0" in problem
    path.write_text(text.replace("alpha", "beta"), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_dataset(root)
    assert "is the record of 'beta', not 'alpha'" in str(caught.value)
    path.unlink()
    with pytest.raises(DataError) as caught:
        load_dataset(root)
    assert f"pypi: missing {FILE} (the security record): run python -m scripts.refresh_advisories" in str(caught.value)


def test_the_page_shows_the_newest_rows_and_every_unfixed_one(project) -> None:
    root = project({"alpha": valid_sheet()})
    data = record(version="1.0")
    data["packages"][0] |= {"newest": "1.0", "checked": ["1.0"]}
    data["packages"][0]["advisories"] = [
        advisory(f"PYSEC-20{10 + index}-1", published=f"20{10 + index}-01-01", fix_released=None, days_to_fix=None)
        | {"affected": [{"introduced": "0", "fixed": "0.1"}], "fixed": ["0.1"]}
        for index in range(MAX_ROWS + 2)
    ]
    data["packages"][0]["advisories"][0] |= {"affected": [{"introduced": "0.5"}], "fixed": []}  # the oldest, unfixed
    (root / FILE).write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    dataset = load_dataset(root)
    section = SecurityView(dataset, None, "main").section(dataset.frameworks[0])
    assert section is not None
    assert [row.id for row in section.rows] == [f"PYSEC-20{10 + index}-1" for index in range(MAX_ROWS + 1, 1, -1)] + [
        "PYSEC-2010-1"
    ]
    assert section.rows[-1].affected == ">= 0.5" and section.rows[-1].days_to_fix == "no fix"
    assert "Known to affect alpha 1.0: 1 advisory" in section.counts[2]
    assert "not covered" in section.counts[1]
