"""A framework's footprint and the Python versions of its release series, as pages show them.

- Footprint: the latest run of data/footprint/ (macros/footprint.py): what a plain install of the
  pinned version brings, its size, its import time over an interpreter that imports nothing, and
  its typing, each figure from the run with its date and method.
- Python versions per release series: from the release history (data/releases/), the series whose
  latest release carries classifiers (scripts/refresh_releases.py reads them for each series with
  a release in the 24 months before it ran), oldest first; neighbouring series that declare the
  same versions share a row ("0.129 to 0.165"), so FastAPI's fifty series stay a short table.

`summary(framework)` gives the same figures as plain data, for api/v1/compare.json and the
compare page; ANCHOR is the section's id on a framework page, where they are explained.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from packaging.specifiers import SpecifierSet

from macros.footprint import Entry, FootprintRun, load_footprint
from macros.model import Dataset, Framework
from macros.per_dataset import per_dataset
from macros.releases import Release, ReleaseHistory, lowest_python
from macros.rules import normalise_package

ANCHOR = "footprint"  # the section's id: `## Footprint and Python support { #footprint }` in _footprint.j2


@dataclass(frozen=True)
class Dated:
    """What the citation macro reads: where (if anywhere online) and when."""

    source: str | None
    as_of: dt.date


@dataclass(frozen=True)
class Footprint:
    run: FootprintRun
    entry: Entry
    evidence: Dated
    own: str  # the framework's distribution as installed: 'Flask 3.1.3'
    dependencies: list[str]  # the others: 'blinker 1.9.0'
    size: str
    wall: str
    cpu: str
    baseline: str
    completeness: str | None  # '61.9 %'


@dataclass(frozen=True)
class SeriesRow:
    """One release series, or neighbouring series that declare the same Python versions."""

    series: str  # '6.1', or '0.129 to 0.165'
    latest: Release  # the latest release of the newest series in the row
    requires_python: str | None
    classifiers: tuple[str, ...]


def megabytes(size: int) -> str:
    return f"{size / 1e6:.1f} MB"


def milliseconds(value: float) -> str:
    return f"{value:.0f} ms" if value >= 10 else f"{value:.1f} ms"


def series_latest(history: ReleaseHistory) -> list[Release]:
    """The latest release of each series, in version order."""
    latest: dict[str, Release] = {}
    for release in history.releases:
        latest[release.series] = release
    return list(latest.values())


def python_series(history: ReleaseHistory) -> list[Release]:
    """The latest release of each series whose classifiers were read, in version order."""
    return [release for release in series_latest(history) if release.classifiers is not None]


def admits(release: Release, python: str) -> bool | None:
    """Whether a release declares it runs on Python `python` (X.Y, read as X.Y.0): by its
    Requires-Python when it has one, else by its classifiers; None when it declares neither."""
    if release.requires_python:
        return SpecifierSet(release.requires_python).contains(python)
    if release.classifiers:
        return python in release.classifiers
    return None


@per_dataset
def latest_footprint(dataset: Dataset) -> FootprintRun | None:
    runs, _ = load_footprint(dataset.root)
    return runs[-1] if runs else None


@dataclass
class FootprintView:
    dataset: Dataset

    @cached_property
    def run(self) -> FootprintRun | None:
        """The latest footprint run (load_dataset has checked every file already)."""
        return latest_footprint(self.dataset)

    def history(self, framework: Framework) -> ReleaseHistory | None:
        return next((item for item in self.dataset.releases if item.framework == framework.slug), None)

    def footprint(self, framework: Framework) -> Footprint | None:
        run = self.run
        entry = run.entry(framework.slug) if run else None
        if run is None or entry is None:
            return None
        own = normalise_package(entry.package)
        names = sorted(entry.distributions, key=normalise_package)
        return Footprint(
            run=run,
            entry=entry,
            evidence=Dated(None, run.date),
            own=next(f"{name} {entry.distributions[name]}" for name in names if normalise_package(name) == own),
            dependencies=[f"{name} {entry.distributions[name]}" for name in names if normalise_package(name) != own],
            size=megabytes(entry.installed_bytes),
            wall=milliseconds(entry.wall_time.import_ms),
            cpu=milliseconds(entry.cpu_time.import_ms),
            baseline=milliseconds(entry.wall_time.baseline_ms),
            completeness=None if entry.completeness is None else f"{entry.completeness * 100:.1f} %",
        )

    def series_rows(self, framework: Framework) -> list[SeriesRow]:
        history = self.history(framework)
        rows: list[SeriesRow] = []
        first: dict[int, str] = {}  # row index -> its oldest series
        for release in python_series(history) if history else []:
            declared = (release.requires_python, release.classifiers or ())
            if rows and (rows[-1].requires_python, rows[-1].classifiers) == declared:
                label = f"{first[len(rows) - 1]} to {release.series}"
                rows[-1] = SeriesRow(label, release, *declared)
            else:
                first[len(rows)] = release.series
                rows.append(SeriesRow(release.series, release, *declared))
        return rows

    def python_evidence(self, framework: Framework) -> Dated | None:
        history = self.history(framework)
        return Dated(history.source, history.as_of) if history else None

    def python_method(self, framework: Framework) -> str | None:
        history = self.history(framework)
        return history.python_method if history else None

    def summary(self, framework: Framework) -> dict[str, Any]:
        """The footprint and Python support of one framework as plain data (for the API)."""
        found = self.footprint(framework)
        entry = found.entry if found else None
        history = self.history(framework)
        newest = series_latest(history)[-1] if history else None
        return {
            "footprint_measured": str(found.run.date) if found else None,
            "version_measured": entry.version if entry else None,
            "distributions": len(entry.distributions) if entry else None,
            "dependencies": entry.dependencies if entry else None,
            "installed_bytes": entry.installed_bytes if entry else None,
            "import_ms": entry.wall_time.import_ms if entry else None,
            "import_cpu_ms": entry.cpu_time.import_ms if entry else None,
            "py_typed": entry.py_typed if entry else None,
            "type_completeness": entry.completeness if entry else None,
            "newest_series": newest.series if newest else None,
            "newest_series_lowest_python": (
                lowest_python(newest.requires_python, newest.classifiers) if newest else None
            ),
            "python_series": [
                {
                    "series": release.series,
                    "latest": release.version,
                    "requires_python": release.requires_python,
                    "classifiers": list(release.classifiers or ()),
                }
                for release in (python_series(history) if history else [])
            ],
        }
