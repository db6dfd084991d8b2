"""A framework's status: whether it is maintained, in dated and sourced figures, no verdict.

Computed per framework from the data, each figure with its evidence:
- the latest release and its date (data/releases/, cited by the sheet's `latest_release` when it is
  the same version);
- how many releases were published in the 12 months (365 days) to the reference date;
- commits in 12 months and how many people made half of the commits of 24 months (the sheet's
  metrics `commits-last-year` and `half-of-commits-people`, by scripts/repo_figures.py, each to its
  own as-of date: a repository snapshot knows nothing after its last commit);
- the release series supported on the reference date, with their published ends (data/support/):
  a series counts as supported when it was released by then and its published window has not
  ended, that is its security fixes end on or after the reference date or their end is not
  published; or, where the project publishes no support policy, the sheet's statement and the page
  that was checked.

The reference date is one date for the whole build, never the build clock: the newest `as_of` of
the data the status uses (release histories, support windows and statements, the two metrics,
latest releases). No word such as "active" or "dead" is derived from the figures.

`status_summaries(dataset)` gives the same figures per framework as plain data (for the API).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from macros.model import Dataset, Framework, Metric, MetricDefinition, Sourced, SupportPolicy
from macros.releases import ReleaseHistory, SupportWindow, SupportWindows

COMMITS = "commits-last-year"
HALF_OF_COMMITS = "half-of-commits-people"
# The metrics the status shows, with the days each counts back from its as-of date.
STATUS_METRICS = {COMMITS: 365, HALF_OF_COMMITS: 730}
RELEASE_WINDOW_DAYS = 365


@dataclass(frozen=True)
class Evidence:
    """Where a figure that is not a fact of the sheet is stated: what the citation macro reads."""

    source: str
    as_of: dt.date


@dataclass(frozen=True)
class LatestRelease:
    version: str
    date: dt.date
    fact: Sourced | Evidence


@dataclass(frozen=True)
class ReleaseCount:
    count: int
    since: dt.date  # the first day counted
    until: dt.date  # the last day counted: the reference date, or the day the list was read if earlier
    evidence: Evidence
    method: str


@dataclass(frozen=True)
class RepoFigure:
    metric: MetricDefinition
    fact: Metric | None  # None: unknown
    days: int

    @property
    def since(self) -> dt.date | None:
        return self.fact.as_of - dt.timedelta(days=self.days) if self.fact else None


@dataclass(frozen=True)
class SupportedSeries:
    window: SupportWindow
    ends: str  # what the window says of its end, in words
    evidence: Evidence


@dataclass(frozen=True)
class FrameworkStatus:
    framework: Framework
    reference: dt.date
    latest: LatestRelease | None
    releases: ReleaseCount | None
    commits: RepoFigure | None  # None when the catalogue has no such metric
    half_of_commits: RepoFigure | None
    support: SupportWindows | None  # the project's published windows, if any
    supported: tuple[SupportedSeries, ...]  # those supported on the reference date
    no_policy: SupportPolicy | None  # the sheet's statement that no policy is published


def reference_date(dataset: Dataset) -> dt.date | None:
    """The newest as-of date of the data the status shows: the one date every page states."""
    dates = [history.as_of for history in dataset.releases]
    dates += [window.as_of for support in dataset.support for window in support.windows]
    for framework in dataset.frameworks:
        dates.append(framework.latest_release.as_of)
        if framework.support_policy is not None:
            dates.append(framework.support_policy.as_of)
        dates += [framework.metrics[key].as_of for key in STATUS_METRICS if key in framework.metrics]
    return max(dates, default=None)


def is_supported(window: SupportWindow, on: dt.date) -> bool:
    """Released by `on`, and its security fixes end on or after `on` or their end is not published."""
    if window.planned or window.release.first_day > on:
        return False
    return window.extended_end is None or window.extended_end.last_day >= on


def ends_in_words(window: SupportWindow, on: dt.date) -> str:
    """What the published window says of its end, as of `on` ('end not published' for unknown)."""
    bugs, security = window.mainstream_end, window.extended_end
    if bugs is None and security is None:
        return "support end not published"
    if bugs is not None and bugs == security:
        return f"bug and security fixes until {bugs}"
    if bugs is None:
        first = "bug fixes: end not published"
    elif bugs.last_day < on:
        first = f"bug fixes ended {bugs}"
    else:
        first = f"bug fixes until {bugs}"
    second = "security fixes: end not published" if security is None else f"security fixes until {security}"
    return f"{first}; {second}"


def framework_status(dataset: Dataset, framework: Framework, reference: dt.date) -> FrameworkStatus:
    history = next((item for item in dataset.releases if item.framework == framework.slug), None)
    support = next((item for item in dataset.support if item.framework == framework.slug), None)
    metrics = {metric.id: metric for metric in dataset.metrics}
    figures = {
        key: RepoFigure(metrics[key], framework.metrics.get(key), days) if key in metrics else None
        for key, days in STATUS_METRICS.items()
    }
    supported = tuple(
        SupportedSeries(window, ends_in_words(window, reference), Evidence(window.source, window.as_of))
        for window in (support.windows if support else ())
        if is_supported(window, reference)
    )
    return FrameworkStatus(
        framework=framework,
        reference=reference,
        latest=_latest(framework, history),
        releases=_release_count(history, reference),
        commits=figures[COMMITS],
        half_of_commits=figures[HALF_OF_COMMITS],
        support=support,
        supported=supported,
        no_policy=framework.support_policy if support is None else None,
    )


def _latest(framework: Framework, history: ReleaseHistory | None) -> LatestRelease | None:
    """The highest version in the release history; the sheet's fact cites it when it is the same."""
    sheet = framework.latest_release
    if history is None:
        return LatestRelease(sheet.version, sheet.date, sheet)
    newest = history.releases[-1]  # version order
    if newest.version == sheet.version:
        return LatestRelease(sheet.version, sheet.date, sheet)
    return LatestRelease(newest.version, newest.date, Evidence(history.source, history.as_of))


def _release_count(history: ReleaseHistory | None, reference: dt.date) -> ReleaseCount | None:
    if history is None:
        return None
    since = reference - dt.timedelta(days=RELEASE_WINDOW_DAYS)
    until = min(reference, history.as_of)
    count = sum(1 for release in history.releases if since <= release.date <= until)
    method = (
        f"final releases (pre-releases left out) in the release history {history.file}, read on {history.as_of}, "
        f"dated from {since} to {until}."
    )
    return ReleaseCount(count, since, until, Evidence(history.source, history.as_of), method)


@dataclass
class StatusView:
    """Framework pages' status block and the pair pages' status rows, against one reference date."""

    dataset: Dataset
    reference: dt.date | None = field(init=False)
    metric_ids: tuple[str, ...] = tuple(STATUS_METRICS)
    _cache: dict[str, FrameworkStatus] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        self.reference = reference_date(self.dataset)

    def status(self, framework: Framework) -> FrameworkStatus:
        if framework.slug not in self._cache:
            assert self.reference is not None  # a dataset has frameworks, each with a latest release
            self._cache[framework.slug] = framework_status(self.dataset, framework, self.reference)
        return self._cache[framework.slug]


def _fact(fact: Sourced | Evidence) -> dict[str, str]:
    return {"source": fact.source, "as_of": fact.as_of.isoformat()}


def _figure(figure: RepoFigure | None) -> dict[str, Any] | None:
    if figure is None or figure.fact is None or figure.since is None:
        return None
    fact = figure.fact
    return {
        "value": fact.value,
        "from": figure.since.isoformat(),
        "to": fact.as_of.isoformat(),
        "method": fact.method,
        **_fact(fact),
    }


def status_summary(status: FrameworkStatus) -> dict[str, Any]:
    """One framework's status figures as plain data (JSON types), each with its source and date;
    None where a figure is unknown."""
    latest = status.latest
    releases = status.releases
    support: dict[str, Any]
    if status.support is not None:
        support = {
            "published": True,
            "policy": status.support.policy,
            "supported": [
                {
                    "series": item.window.series,
                    "lts": item.window.lts,
                    "bug_fixes_until": str(item.window.mainstream_end) if item.window.mainstream_end else None,
                    "security_fixes_until": str(item.window.extended_end) if item.window.extended_end else None,
                    "ends": item.ends,
                    **_fact(item.evidence),
                }
                for item in status.supported
            ],
        }
    elif status.no_policy is not None:
        support = {"published": False, "checked": status.no_policy.source, "as_of": status.no_policy.as_of.isoformat()}
    else:
        support = {"published": None}
    return {
        "reference_date": status.reference.isoformat(),
        "latest_release": None
        if latest is None
        else {"version": latest.version, "date": latest.date.isoformat(), **_fact(latest.fact)},
        "releases_last_12_months": None
        if releases is None
        else {
            "count": releases.count,
            "from": releases.since.isoformat(),
            "to": releases.until.isoformat(),
            **_fact(releases.evidence),
        },
        "commits_last_12_months": _figure(status.commits),
        "half_of_commits_people": _figure(status.half_of_commits),
        "support": support,
    }


def status_summaries(dataset: Dataset) -> dict[str, dict[str, Any]]:
    """Every framework's status summary by slug, against the build's one reference date."""
    view = StatusView(dataset)
    return {framework.slug: status_summary(view.status(framework)) for framework in dataset.frameworks}
