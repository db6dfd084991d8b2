"""What a framework page's "Security record" section shows, computed from data/advisories/.

Every sentence states the date its data runs to: a window the data does not reach is said to be
not covered, never counted as 0 (macros/advisories.py counts). No score: counts and days only.
`security_summaries(dataset)` gives the same counts per framework for the API and compare pages.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from macros import addresses
from macros.advisories import (
    ADVISORIES_DIR,
    DATABASE,
    DATABASE_NAME,
    LICENCE,
    LICENCE_URL,
    WINDOW_MONTHS,
    Advisory,
    AdvisoryRecord,
    PackageRecord,
    SecuritySummary,
    load_advisories,
    security_summary,
    severity_label,
)
from macros.model import Dataset, Framework
from macros.per_dataset import per_dataset

# Rows on a framework page: its pages are near their size budget, and Django alone has 118
# advisories. Every advisory is in the data file the section links to.
MAX_ROWS = 5


@dataclass(frozen=True)
class AdvisoryRow:
    package: str
    id: str
    url: str
    aliases: str
    summary: str
    severity: str
    affected: str
    fixed: str
    published: str
    days_to_fix: str


@dataclass(frozen=True)
class SecuritySection:
    """One framework's section, as sentences and rows."""

    packages: str  # what the record covers
    counts: list[str]  # one sentence per count, each with the dates it covers
    after_data: str  # what is known after the database's date, and from where
    rows: list[AdvisoryRow]
    rows_note: str  # which rows are shown
    data_path: str  # the record's file, which holds every row
    database: str  # the database at its commit
    commit: str
    requires_source: str
    as_of: dt.date


@per_dataset
def records(dataset: Dataset) -> dict[str, AdvisoryRecord]:
    """The checked records by framework (load_dataset has reported any problem already)."""
    found, _ = load_advisories(dataset.root, [framework.slug for framework in dataset.frameworks])
    return {record.framework: record for record in found}


def security_summaries(dataset: Dataset) -> dict[str, SecuritySummary]:
    """Per framework slug: the counts, dates covered and unfixed count (`.as_json()` for the API)."""
    return {slug: security_summary(record) for slug, record in records(dataset).items()}


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _advisories(count: int) -> str:
    return "none" if count == 0 else f"{count} advisor{'y' if count == 1 else 'ies'}"


def _markers(package: PackageRecord) -> str:
    """' (only where python_version < "3.10")' when every entry naming it has a marker."""
    markers = [entry.split(";", 1)[1].strip() if ";" in entry else "" for entry in package.requires]
    if not markers or "" in markers:
        return ""
    return f" (only where {' or '.join(dict.fromkeys(markers))})"


def _days(advisory: Advisory) -> str:
    if advisory.days_to_fix is None:
        if advisory.published is None:
            return "no publication day"
        return "no fix" if not advisory.fixed else "not known"
    if advisory.days_to_fix < 0:
        return f"fix came {_plural(-advisory.days_to_fix, 'day')} earlier"
    return _plural(advisory.days_to_fix, "day")


def _row(package: PackageRecord, advisory: Advisory) -> AdvisoryRow:
    affected = "; ".join(str(item) for item in advisory.affected)
    if not affected and advisory.listed_for:
        affected = f"releases PyPI lists it for: {', '.join(advisory.listed_for)}"
    return AdvisoryRow(
        package=package.name,
        id=advisory.id,
        url=advisory.url,
        aliases=", ".join(advisory.aliases),
        summary=advisory.summary,
        severity=severity_label(advisory.severity) or "not given",
        affected=affected or "not given",
        fixed=", ".join(advisory.fixed) or "no fixed version",
        published=str(advisory.published) if advisory.published else "not given",
        days_to_fix=_days(advisory),
    )


@dataclass
class SecurityView:
    """Framework pages' security records."""

    dataset: Dataset
    repo_url: str | None
    branch: str
    by_framework: dict[str, AdvisoryRecord] = field(init=False)

    def __post_init__(self) -> None:
        self.by_framework = records(self.dataset)

    def section(self, framework: Framework) -> SecuritySection | None:
        record = self.by_framework.get(framework.slug)
        if record is None:
            return None
        data, summary = record.data, security_summary(record)
        return SecuritySection(
            packages=self._packages(record),
            counts=self._counts(record, summary),
            after_data=self._after_data(record, summary),
            rows=[_row(package, advisory) for package, advisory in self._shown(record)],
            rows_note=self._rows_note(record),
            data_path=f"{ADVISORIES_DIR.as_posix()}/{record.framework}.yml",
            database=data.source,
            commit=data.source.rsplit("/", 1)[-1][:7],
            requires_source=data.requires_source,
            as_of=data.as_of,
        )

    def _packages(self, record: AdvisoryRecord) -> str:
        data = record.data
        own = f"{data.package} {data.version} (the pinned version)"
        if not record.dependencies:
            return f"{own}, which requires no other package at runtime."
        names = ", ".join(f"{package.name}{_markers(package)}" for package in record.dependencies)
        return (
            f"{own} and the {_plural(len(record.dependencies), 'package')} it cannot work without, "
            f"as its Requires-Dist on PyPI names them for {data.version} without optional extras: {names}."
        )

    def _counts(self, record: AdvisoryRecord, summary: SecuritySummary) -> list[str]:
        total = summary.all_time.count or 0
        split = f" ({summary.own} in {summary.package}, {total - summary.own} in its dependencies)"
        counts = [
            f"All time: {_advisories(total)} published up to {summary.covers_until}"
            f"{split if total and record.dependencies else ''}."
        ]
        recent = summary.recent
        window = f"Last {WINDOW_MONTHS} months ({recent.start} to {recent.end})"
        if not recent.covered:
            counts.append(
                f"{window}: not covered. The advisory data runs to {summary.covers_until}, before the window opens."
            )
        elif recent.partial:
            counts.append(
                f"{window}: {_advisories(recent.count or 0)} published from {recent.start} to {recent.until}; "
                f"the data stops there, so the rest of the window is not covered."
            )
        else:
            counts.append(f"{window}: {_advisories(recent.count or 0)} published.")
        unfixed = _advisories(summary.unfixed_in_pinned)
        how = (
            f"by the affected ranges up to {summary.covers_until} and PyPI's list for that release on {summary.as_of}"
            if summary.unfixed_known_until == summary.as_of
            else f"by the affected ranges up to {summary.covers_until} (PyPI's list for that release was not read)"
        )
        counts.append(f"Known to affect {summary.package} {summary.pinned}: {unfixed}, {how}.")
        return counts

    def _after_data(self, record: AdvisoryRecord, summary: SecuritySummary) -> str:
        checked = sum(len(package.checked) for package in record.data.packages)
        newest_only = all(
            set(package.checked) <= {package.newest, record.data.version} for package in record.data.packages
        )
        which = (
            "the newest release of each package"
            if newest_only
            else f"{_plural(checked, 'release')} of these packages, the newest among them"
        )
        listed = (
            f"it lists {_advisories(summary.undated)} the database copy does not hold, without a publication day, "
            "so they are counted in no window"
            if summary.undated
            else "it lists none that the database copy does not hold"
        )
        open_now = (
            f"{_advisories(summary.open_in_newest)} against the newest releases"
            if summary.open_in_newest
            else "none against the newest release of any of them"
        )
        return (
            f"Advisories published after {summary.covers_until} are known here only as PyPI lists them against a "
            f"release it was asked about on {summary.as_of}: {which}. {listed.capitalize()}; {open_now}."
        )

    def _shown(self, record: AdvisoryRecord) -> list[tuple[PackageRecord, Advisory]]:
        rows = record.rows()
        unfixed = {advisory.id for advisory in record.unfixed_in_pinned()}
        shown = rows[:MAX_ROWS]
        return shown + [row for row in rows[MAX_ROWS:] if row[1].id in unfixed and row[0] is record.own]

    def _rows_note(self, record: AdvisoryRecord) -> str:
        total = len(record.rows())
        shown = len(self._shown(record))
        if shown == total:
            return "Every advisory of the record, the most recently published first."
        return f"The {shown} most recently published of {total}, and any that affect the pinned version."

    def data_url(self, framework: Framework) -> str | None:
        """The record's file in the repository, when the site knows its repository."""
        if not self.repo_url:
            return None
        return addresses.edit_url(self.repo_url, self.branch, f"{ADVISORIES_DIR.as_posix()}/{framework.slug}.yml")

    @property
    def attribution(self) -> tuple[str, str, str, str]:
        return DATABASE_NAME, DATABASE, LICENCE, LICENCE_URL
