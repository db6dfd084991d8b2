"""macros/views_footprint.py: what a framework page shows of its footprint and of its release
series' Python versions, and the summary the API gets."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from factories import valid_sheet
from footprint_factories import footprint_entry, valid_footprint_run, write_footprint

from macros.model import Framework
from macros.releases import Release, ReleaseHistory
from macros.views_footprint import FootprintView, admits, megabytes, milliseconds, python_series


@dataclass(frozen=True)
class Data:
    """The part of a dataset the view reads."""

    root: Path
    releases: tuple[ReleaseHistory, ...]


def release(version: str, requires: str | None = None, classifiers: tuple[str, ...] | None = None) -> Release:
    return Release(version, dt.date(2026, 1, 1), 1, requires_python=requires, classifiers=classifiers)


def history(*releases: Release) -> ReleaseHistory:
    return ReleaseHistory(
        "alpha",
        "data/releases/alpha.yml",
        "https://pypi.org/pypi/alpha/json",
        "m.",
        dt.date(2026, 12, 7),
        releases,
        "p.",
    )


ALPHA = Framework.model_validate(valid_sheet())
FASTAPI_LIKE = history(
    release("0.1", ">=3.6"),  # no classifiers read: too old
    release("0.114.2", ">=3.8", ("3.8", "3.9")),
    release("0.115", ">=3.8"),
    release("0.115.14", ">=3.8", ("3.8", "3.9")),
    release("0.116.1", ">=3.9", ("3.9", "3.10")),
    release("0.117.0", ">=3.8", ("3.8", "3.9")),
)


def view(tmp_path: Path, *histories: ReleaseHistory) -> FootprintView:
    """The view of a project whose frameworks are alpha and beta (the footprint loader checks the slugs)."""
    (tmp_path / "data" / "frameworks").mkdir(parents=True, exist_ok=True)
    for slug in ("alpha", "beta"):
        (tmp_path / "data" / "frameworks" / f"{slug}.yml").write_text(f"slug: {slug}\n", encoding="utf-8")
    return FootprintView(Data(tmp_path, histories))  # type: ignore[arg-type]


def test_neighbouring_series_that_declare_the_same_versions_share_a_row(tmp_path: Path) -> None:
    rows = view(tmp_path, FASTAPI_LIKE).series_rows(ALPHA)
    assert [(row.series, row.latest.version, row.requires_python, row.classifiers) for row in rows] == [
        ("0.114 to 0.115", "0.115.14", ">=3.8", ("3.8", "3.9")),
        ("0.116", "0.116.1", ">=3.9", ("3.9", "3.10")),
        ("0.117", "0.117.0", ">=3.8", ("3.8", "3.9")),
    ]
    assert [item.version for item in python_series(FASTAPI_LIKE)] == ["0.114.2", "0.115.14", "0.116.1", "0.117.0"]


def test_a_framework_without_data_shows_nothing(tmp_path: Path) -> None:
    empty = view(tmp_path)
    assert empty.footprint(ALPHA) is None and empty.series_rows(ALPHA) == []
    assert empty.summary(ALPHA)["python_series"] == [] and empty.summary(ALPHA)["import_ms"] is None


def test_the_footprint_is_shown_formatted(tmp_path: Path) -> None:
    run = valid_footprint_run("alpha")
    run["frameworks"][0]["distributions"] = {"Werkzeug": "3.1.9", "Alpha": "3.1", "blinker": "1.9.0"}
    write_footprint(tmp_path, run)
    found = view(tmp_path, FASTAPI_LIKE).footprint(ALPHA)
    assert found is not None
    assert (found.own, found.dependencies) == ("Alpha 3.1", ["blinker 1.9.0", "Werkzeug 3.1.9"])
    assert (found.size, found.wall, found.cpu, found.baseline, found.completeness) == (
        "2.5 MB",
        "60 ms",
        "58 ms",
        "14 ms",
        "75.0 %",
    )
    assert found.evidence.as_of == dt.date(2026, 11, 30) and found.evidence.source is None


def test_the_summary_gives_the_lead_what_compare_shows(tmp_path: Path) -> None:
    older = valid_footprint_run("alpha")
    older["date"] = "2026-10-01"
    older["frameworks"][0]["installed_bytes"] = 1
    write_footprint(tmp_path, older, "2026-10-01.yml")
    write_footprint(tmp_path, valid_footprint_run("alpha"))
    summary = view(tmp_path, FASTAPI_LIKE).summary(ALPHA)
    assert summary == {
        "footprint_measured": "2026-11-30",
        "version_measured": "3.1",
        "distributions": 2,
        "dependencies": 1,
        "installed_bytes": 2_500_000,
        "import_ms": 60.5,
        "import_cpu_ms": 58.0,
        "py_typed": True,
        "type_completeness": 0.75,
        "newest_series": "0.117",
        "newest_series_lowest_python": "3.8",
        "python_series": [
            {"series": "0.114", "latest": "0.114.2", "requires_python": ">=3.8", "classifiers": ["3.8", "3.9"]},
            {"series": "0.115", "latest": "0.115.14", "requires_python": ">=3.8", "classifiers": ["3.8", "3.9"]},
            {"series": "0.116", "latest": "0.116.1", "requires_python": ">=3.9", "classifiers": ["3.9", "3.10"]},
            {"series": "0.117", "latest": "0.117.0", "requires_python": ">=3.8", "classifiers": ["3.8", "3.9"]},
        ],
    }


def test_which_series_still_declare_a_python_version() -> None:
    """'Which frameworks still support Python 3.10?' answered per series, not only for the newest release."""
    assert admits(release("6.1.3", ">=3.12", ("3.12", "3.13")), "3.10") is False
    assert admits(release("5.2.20", ">=3.10", ("3.10", "3.11")), "3.10") is True
    assert admits(release("2.25.0", "<4.0,>=3.8"), "3.10") is True
    assert admits(release("3.1.3", None, ("3.11",)), "3.10") is False
    assert admits(release("0.13.5", None, ()), "3.10") is None


def test_figures_read_as_people_write_them() -> None:
    assert (megabytes(872_640), megabytes(43_670_000)) == ("0.9 MB", "43.7 MB")
    assert (milliseconds(0.34), milliseconds(9.96), milliseconds(134.6)) == ("0.3 ms", "10.0 ms", "135 ms")


def test_footprint_entry_for_another_framework_is_not_shown_for_alpha(tmp_path: Path) -> None:
    run = valid_footprint_run("alpha")
    run["frameworks"] = [footprint_entry("beta")]
    write_footprint(tmp_path, run)
    assert view(tmp_path).footprint(ALPHA) is None
