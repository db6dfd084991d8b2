"""View-models: everything a page shows that must be computed, computed here, once per build.

Templates only lay out what these return. They reach one view-model per page family as
`view.<family>` (see `Views`); keeping the arithmetic here makes it testable without
rendering a page.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar, get_args
from urllib.parse import urlencode

from markupsafe import Markup
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import HtmlDjangoLexer, PythonLexer

from macros import addresses, pages
from macros.benchmarks import BenchmarkRun, Result, SampleName, Spread
from macros.charts import Bar, Line, Window, bar_chart, both, compact, line_chart, timeline_chart, window_chart
from macros.comparison import (
    RISK_ROWS,
    KeyDifferences,
    NeedRow,
    first_sentence,
    key_differences,
    needs_table,
    risk_cells,
    risk_data,
    section_page,
    strip_references,
)
from macros.fields import display_host
from macros.freshness import DoubtfulUser, doubtful_notable_users, is_stale, stale_facts, user_doubt
from macros.history import Series
from macros.model import (
    Criterion,
    Dataset,
    Feature,
    FeatureSupport,
    Framework,
    MetricDefinition,
    Need,
    NotableUser,
    OutsideBenchmark,
    ServedConfiguration,
    Sourced,
    iter_facts,
)
from macros.problems import Path_
from macros.releases import Release, ReleaseHistory, SupportWindows
from macros.views_changes import ChangesView
from macros.views_footprint import FootprintView
from macros.views_security import SecurityView
from macros.views_status import StatusView
from macros.vocabulary import LEVELS, Level

# The fact-sheet fields each section of data/criteria.yml shows.
SECTION_FIELDS = {
    "identity": ("kind", "interfaces", "first_release", "latest_release", "python", "license", "creators"),
    "community": ("metrics",),
    "notable-users": ("notable_users",),
}


SPARK_POINTS = 24


def thinned(points: list[tuple[dt.date, int]], most: int) -> list[tuple[dt.date, int]]:
    """At most `most` points, evenly picked, always keeping the first and the last."""
    if len(points) <= most:
        return points
    step = (len(points) - 1) / (most - 1)
    return [points[round(index * step)] for index in range(most)]


@dataclass(frozen=True)
class FeatureRow:
    feature: Feature
    cells: tuple[FeatureSupport, ...]  # one per framework, in column order
    differs: bool  # the frameworks do not all share one level


@dataclass(frozen=True)
class LevelCount:
    key: str
    level: Level
    count: int
    total: int


# The column of a feature count table that counts what an extension takes from its base.
FROM_BASE = Level("", "From the framework it extends", "provided by the framework the extension builds on", 0)


@dataclass(frozen=True)
class FigureCell:
    metric: MetricDefinition
    value: str | None  # formatted, None when unknown
    fact: Sourced | None


@dataclass(frozen=True)
class PopularComparison:
    """The home page's shortcut: the most popular frameworks by one metric, differences only."""

    metric: MetricDefinition
    frameworks: list[Framework]  # highest figure first
    query: str  # the compare page's address query that picks them


def figure_cells(dataset: Dataset, framework: Framework) -> list[FigureCell]:
    """One cell per catalogue metric, formatted, for a framework's community figures."""
    cells = []
    for metric in dataset.metrics:
        figure = framework.metrics.get(metric.id)
        cells.append(FigureCell(metric, f"{figure.value:,}" if figure else None, figure))
    return cells


@dataclass
class Views:
    """What templates need beyond the dataset, one view-model per page family."""

    evidence: Evidence  # every page's citations and edit links; the sources and review pages
    framework: FrameworkView  # framework pages and their rows on the home and criterion pages
    criteria: CriterionView  # criterion blocks (criterion, framework and pair pages), the matrix
    benchmark: BenchmarkView  # the performance criterion's measured figures
    compare: ComparisonView  # pair pages and the decision guide
    trends: TrendView  # trends pages and the community section's sparklines
    security: SecurityView  # framework pages' security records (macros/views_security.py)
    status: StatusView  # framework pages' status block and pair pages' status rows (macros/views_status.py)
    footprint: FootprintView  # framework pages' footprint and Python versions per series (macros/views_footprint.py)
    changes: ChangesView  # the "What changed" page, from its feed's entries (macros/views_changes.py)

    @classmethod
    def of(
        cls,
        dataset: Dataset,
        repo_url: str | None,
        branch: str,
        today: dt.date,
        site_url: str = "https://example.invalid/",
    ) -> Views:
        return cls(
            Evidence(dataset, repo_url, branch, today),
            FrameworkView(dataset),
            CriterionView(dataset),
            BenchmarkView(dataset),
            ComparisonView(dataset),
            TrendView(dataset),
            SecurityView(dataset, repo_url, branch),
            StatusView(dataset),
            FootprintView(dataset),
            ChangesView(dataset, site_url),
        )


@dataclass(frozen=True)
class Checked:
    """When the facts a page shows were checked: the oldest and newest `as_of`, and how many are stale."""

    count: int
    oldest: dt.date | None
    newest: dt.date | None
    stale: int

    def __add__(self, other: Checked) -> Checked:
        dates = [date for date in (self.oldest, other.oldest, self.newest, other.newest) if date is not None]
        return Checked(
            self.count + other.count, min(dates, default=None), max(dates, default=None), self.stale + other.stale
        )


@dataclass
class Evidence:
    """Citations: whose source backs what, where to edit it, whether it needs checking again."""

    dataset: Dataset
    repo_url: str | None
    branch: str
    today: dt.date
    fact_paths: dict[int, tuple[Framework, Path_]] = field(init=False)
    # Every sheet's dated facts, walked once per build (pages ask for them hundreds of times).
    sheet_facts: dict[int, list[tuple[Path_, Sourced | FeatureSupport]]] = field(init=False)
    _checked: dict[tuple[int, str | None, str | None], Checked] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.sheet_facts = {id(framework): list(iter_facts(framework)) for framework in self.dataset.frameworks}
        self.fact_paths = {
            id(fact): (framework, path) for framework in self.dataset.frameworks for path, fact in self.facts(framework)
        }

    def facts(self, framework: Framework) -> list[tuple[Path_, Sourced | FeatureSupport]]:
        """`iter_facts(framework)`, from the walk made once per build."""
        known = self.sheet_facts.get(id(framework))
        return known if known is not None else list(iter_facts(framework))

    def evidence_inline(self, frameworks: list[Framework]) -> bool:
        return len(frameworks) <= pages.EVIDENCE_INLINE_LIMIT

    def edit_base(self) -> str:
        """What every per-fact edit link on a page starts with (said once per page)."""
        return addresses.edit_url(self.repo_url or "", self.branch, addresses.FACT_SHEETS) + "/"

    def edit_target(self, fact: Sourced | FeatureSupport) -> str | None:
        """The rest of a fact's edit link: '<slug>.yml#L<line>'."""
        if not self.repo_url or id(fact) not in self.fact_paths:
            return None
        framework, path = self.fact_paths[id(fact)]
        return f"{framework.slug}.yml#L{self.dataset.line_of(framework, *path)}"

    def stale(self, fact: Sourced | FeatureSupport) -> bool:
        _, path = self.fact_paths.get(id(fact), (None, ()))
        return is_stale(path, fact.as_of, self.today)

    def citations(self) -> list[tuple[str, list[Sourced | FeatureSupport]]]:
        """Every cited URL with the facts that cite it, sorted by URL."""
        by_url: dict[str, list[Sourced | FeatureSupport]] = {}
        for framework in self.dataset.frameworks:
            for _, fact in self.facts(framework):
                if fact.source:
                    by_url.setdefault(fact.source, []).append(fact)
        return sorted(by_url.items())

    def shown_facts(
        self, framework: Framework, criterion: Criterion | None = None, part: str | None = None
    ) -> list[tuple[Path_, Sourced | FeatureSupport]]:
        """The framework's dated facts a page shows: all of them, those of one criterion, or
        those under one field of the sheet (`part`, e.g. "features")."""
        if part is not None:
            return [(path, fact) for path, fact in self.facts(framework) if path[0] == part]
        if criterion is None:
            return self.facts(framework)
        fields = SECTION_FIELDS.get(criterion.section or "", ())
        return [
            (path, fact)
            for path, fact in self.facts(framework)
            if path[:2] == ("criteria", criterion.id)
            or (path[0] == "features" and path[1] in criterion.features)
            or path[0] in fields
        ]

    def page_sources(self, frameworks: list[Framework], criterion: Criterion | None = None) -> list[tuple[str, int]]:
        """The URLs cited by the facts a page shows, once each, with how many facts cite them."""
        counts: dict[str, int] = {}
        for framework in frameworks:
            for _, fact in self.shown_facts(framework, criterion):
                if fact.source:
                    counts[fact.source] = counts.get(fact.source, 0) + 1
        return sorted(counts.items(), key=lambda item: (display_host(item[0]), item[0]))

    def source_hosts(self, framework: Framework) -> list[tuple[str, int, int]]:
        """(site, pages, facts) of a framework page's sources, most facts first: its every fact
        links its own source, so the page ends with them by site rather than listing each again."""
        hosts: dict[str, tuple[int, int]] = {}
        for url, count in self.page_sources([framework]):
            pages, facts = hosts.get(display_host(url), (0, 0))
            hosts[display_host(url)] = (pages + 1, facts + count)
        return sorted(((host, *counts) for host, counts in hosts.items()), key=lambda row: (-row[2], row[0]))

    def checked(
        self, frameworks: list[Framework], criterion: Criterion | None = None, part: str | None = None
    ) -> Checked:
        """When the cited facts a page shows were checked (those `page_sources` lists)."""
        total = Checked(0, None, None, 0)
        for framework in frameworks:
            key = (id(framework), criterion.id if criterion else None, part)
            if key not in self._checked:  # a framework's whole sheet is on many pair pages
                facts = [(path, fact) for path, fact in self.shown_facts(framework, criterion, part) if fact.source]
                dates = [fact.as_of for _, fact in facts]
                stale = sum(is_stale(path, fact.as_of, self.today) for path, fact in facts)
                self._checked[key] = Checked(len(facts), min(dates, default=None), max(dates, default=None), stale)
            total += self._checked[key]
        return total

    def sources_by_framework(self) -> list[tuple[Framework, int, int]]:
        """(framework, distinct sources, cited facts) for the sources index."""
        rows = []
        for framework in self.dataset.frameworks:
            sources = self.page_sources([framework])
            rows.append((framework, len(sources), sum(count for _, count in sources)))
        return rows

    def cited_fact_count(self) -> int:
        return sum(len(facts) for _, facts in self.citations())

    def stale_facts(self) -> dict[str, list[tuple[str, Sourced | FeatureSupport]]]:
        return stale_facts(self.dataset, self.today)

    def doubtful_users(self) -> list[DoubtfulUser]:
        return doubtful_notable_users(self.dataset, self.today)

    def user_doubt(self, user: NotableUser) -> str | None:
        return user_doubt(user, self.today)


@dataclass
class FrameworkView:
    """One framework at a glance: its page's head, its figures and its count of levels."""

    dataset: Dataset

    def features_by_level(self, framework: Framework) -> list[tuple[str, list[Feature]]]:
        """The framework's own features grouped by level (built in first), then, for an extension,
        those its base provides: its page's summary, which must not credit it with its base's."""

        def own(feature: Feature, key: str) -> bool:
            support = framework.features[feature.id]
            return support.level == key and not support.provided_by

        groups = [(LEVELS[key].label.lower(), [f for f in self.dataset.features if own(f, key)]) for key in LEVELS]
        if framework.builds_on:
            base = self.dataset.name_of(framework.builds_on.framework)
            taken = [f for f in self.dataset.features if framework.features[f.id].provided_by]
            groups.append((f"from {base}", taken))
        return [(label, features) for label, features in groups if features]

    def level_counts(self, framework: Framework, with_base: bool = False) -> list[LevelCount]:
        """How many features the framework has at each level, its base's left out; with_base adds
        the count of those its base provides (a table that shows an extension)."""
        own = [support.level for support in framework.features.values() if not support.provided_by]
        total = len(framework.features)
        counts = [LevelCount(key, level, own.count(key), total) for key, level in LEVELS.items()]
        if with_base:
            counts.append(LevelCount("from-base", FROM_BASE, self.from_base_count(framework), total))
        return counts

    def built_in_count(self, framework: Framework) -> int:
        return sum(support.level == "built-in" and not support.provided_by for support in framework.features.values())

    @property
    def from_base_label(self) -> str:
        return FROM_BASE.label

    def from_base_count(self, framework: Framework) -> int:
        return sum(bool(support.provided_by) for support in framework.features.values())

    def headline_metrics(self) -> list[MetricDefinition]:
        return [metric for metric in self.dataset.metrics if metric.headline]

    def figures(self, framework: Framework) -> list[FigureCell]:
        return figure_cells(self.dataset, framework)

    def popular_comparison(self, size: int = 3) -> PopularComparison | None:
        metric = next((metric for metric in self.dataset.metrics if metric.ranks_popularity), None)
        if metric is None:
            return None
        measured = [framework for framework in self.dataset.frameworks if metric.id in framework.metrics]
        top = sorted(measured, key=lambda framework: -framework.metrics[metric.id].value)[:size]
        if len(top) < 2:
            return None
        return PopularComparison(metric, top, urlencode({"f": ",".join(fw.slug for fw in top), "diff": "1"}, safe=","))


@dataclass
class CriterionView:
    """One criterion for some frameworks: its feature rows, verdicts and highlighted samples."""

    dataset: Dataset
    highlighted: dict[str, Markup] = field(default_factory=dict)

    def criterion_features(self, criterion: Criterion) -> list[Feature]:
        return [feature for feature in self.dataset.features if feature.id in criterion.features]

    def feature_rows(self, features: list[Feature], frameworks: list[Framework]) -> list[FeatureRow]:
        rows = []
        for feature in features:
            cells = tuple(framework.features[feature.id] for framework in frameworks)
            rows.append(FeatureRow(feature, cells, len({cell.level for cell in cells}) > 1))
        return rows

    def without_references(self, summary: str | None) -> str | None:
        return strip_references(summary)

    def samples(self, framework: Framework, criterion: Criterion) -> list[Markup]:
        """The highlighted sample module, then each template it names, highlighted once per build."""
        files = sample_files(self.dataset, framework, criterion)
        for file in files:
            if file not in self.highlighted:
                self.highlighted[file] = highlighted_sample(self.dataset.root / "data" / "samples" / file, file)
        return [self.highlighted[file] for file in files]


@dataclass(frozen=True)
class BaselineRow:
    """What one server's results are divided by: a bare app on that server or on another one."""

    server: str  # the server's name
    app: str  # "bare WSGI app", "bare ASGI app"
    baseline_server: str  # the name of the server the bare app ran on


@dataclass
class BenchmarkView:
    """The latest run in data/benchmarks/: its results per sample, as tables and charts. The
    figure that compares across servers is requests per second of the server's CPU time; a
    result's share of a bare app compares it only with that app on its baseline server."""

    dataset: Dataset
    samples: ClassVar[tuple[str, ...]] = get_args(SampleName)

    def latest_run(self) -> BenchmarkRun | None:
        return self.dataset.benchmarks[-1] if self.dataset.benchmarks else None

    def run_samples(self) -> list[str]:
        """The samples the latest run measured, in the samples' order."""
        run = self.latest_run()
        measured = {item.sample for item in run.results} if run else set()
        return [sample for sample in self.samples if sample in measured]

    def benchmark_results(self, frameworks: list[Framework], sample: str) -> list[Result]:
        """The latest run's results for `frameworks` and one sample, most requests per CPU second first."""
        run = self.latest_run()
        slugs = {framework.slug for framework in frameworks}
        results = [item for item in run.results if item.framework in slugs and item.sample == sample] if run else []
        return sorted(results, key=lambda item: (-item.requests_per_cpu_second.median, item.framework, item.server))

    def one_per_framework(self, frameworks: list[Framework]) -> bool:
        return len(frameworks) > pages.EVIDENCE_INLINE_LIMIT

    def result_rows(self, frameworks: list[Framework], sample: str) -> list[tuple[Result, list[Result]]]:
        """The rows of a sample's table and chart: every result while the page shows evidence inline
        (pages.EVIDENCE_INLINE_LIMIT); past that, one per framework, on the server where it did the
        most requests per CPU second, with its results on the other servers (its page has them all)."""
        results = self.benchmark_results(frameworks, sample)
        if not self.one_per_framework(frameworks):
            return [(item, []) for item in results]
        rows: dict[str, tuple[Result, list[Result]]] = {}
        for item in results:  # most requests per CPU second first
            if item.framework in rows:
                rows[item.framework][1].append(item)
            else:
                rows[item.framework] = (item, [])
        return list(rows.values())

    def framework_results(self, framework: Framework) -> list[Result]:
        """The latest run's results for one framework, sample by sample: its page's summary."""
        return [item for sample in self.samples for item in self.benchmark_results([framework], sample)]

    def configuration_label(self, result: Result) -> str:
        """A result's label in the charts, e.g. "Flask, gunicorn-gthread", or "Sanic (own server)"."""
        run = self.latest_run()
        assert run is not None
        if run.server(result.server).interface == "own":
            return f"{self.dataset.name_of(result.framework)} (own server)"
        return f"{self.dataset.name_of(result.framework)}, {result.server}"

    def baseline_name(self, app: str) -> str:
        return {"bare-wsgi": "bare WSGI app", "bare-asgi": "bare ASGI app"}.get(app, app)

    def baseline_rows(self) -> list[BaselineRow]:
        """What each server's results are divided by, from the results themselves (which the loader
        checks against the run's `servers`), so the page says what the script did."""
        run = self.latest_run()
        if run is None:
            return []
        rows: dict[str, BaselineRow] = {}
        for result in run.results:
            rows.setdefault(
                result.server,
                BaselineRow(
                    run.server(result.server).name,
                    self.baseline_name(result.baseline),
                    run.server(result.baseline_server).name,
                ),
            )
        return [rows[server.id] for server in run.servers if server.id in rows]

    def cpu_chart(self, frameworks: list[Framework], sample: str) -> Markup:
        """Requests per CPU second of every result and of the bare apps on the same servers: one
        figure, comparable across servers on this machine."""
        run = self.latest_run()
        if run is None:
            return Markup("")
        results = [item for item, _ in self.result_rows(frameworks, sample)]
        servers = {item.server for item in results}
        bars = [Bar(self.configuration_label(item), *_spread(item.requests_per_cpu_second)) for item in results] + [
            Bar(
                f"{self.baseline_name(item.app)}, {item.server}", *_spread(item.requests_per_cpu_second), reference=True
            )
            for item in run.baselines
            if item.sample == sample and item.server in servers
        ]
        bars.sort(key=lambda bar: -bar.value)
        title = f"Requests per second of server CPU time, {sample.replace('_', ' ')}"
        return bar_chart(bars, title, value_text=compact)

    def configurations(self, frameworks: list[Framework]) -> list[tuple[Framework, ServedConfiguration]]:
        return [(framework, framework.benchmark.configuration) for framework in frameworks]

    def outside(self, frameworks: list[Framework]) -> list[tuple[OutsideBenchmark, list[str]]]:
        """Other benchmarks (data/outside_benchmarks.yml) with the names of the frameworks shown
        here that each covers; one that covers none of them but no framework at all (a servers'
        benchmark) is kept, as a check of the baselines."""
        names = {framework.slug: framework.name for framework in frameworks}
        found = []
        for benchmark in self.dataset.outside_benchmarks:
            covered = [names[slug] for slug in benchmark.frameworks if slug in names]
            if covered or not benchmark.frameworks:
                found.append((benchmark, covered))
        return found

    def busy_note(self) -> str | None:
        """How many runs a busy machine cost, in words, or None."""
        run = self.latest_run()
        if run is None or run.load.busy_share is None:
            return None
        measurements = [m for item in (*run.baselines, *run.results) for m in item.runs]
        again = sum(1 for m in measurements if (m.attempts or 1) > 1)
        return (
            f"{again} of {len(measurements)} runs were measured again and {len(run.dropped)} dropped because other "
            f"work took more than {run.load.busy_share:.0%} of the server's core or of the load generator's."
        )


def _spread(spread: Spread) -> tuple[float, float, float]:
    return spread.median, spread.min, spread.max


@dataclass
class ComparisonView:
    """Frameworks side by side: what sets two apart, and who has what each need asks for."""

    dataset: Dataset
    # A pair's differences feed both its page and its description.
    _differences: dict[tuple[str, str], KeyDifferences] = field(init=False, default_factory=dict)

    def key_differences(self, first: Framework, second: Framework) -> KeyDifferences:
        key = (first.slug, second.slug)
        if key not in self._differences:
            self._differences[key] = key_differences(self.dataset, first, second)
        return self._differences[key]

    def figure_rows(self, frameworks: list[Framework]) -> list[tuple[MetricDefinition, list[FigureCell]]]:
        """One row per metric, one formatted cell per framework."""
        columns = [figure_cells(self.dataset, framework) for framework in frameworks]
        return [(metric, [column[index] for column in columns]) for index, metric in enumerate(self.dataset.metrics)]

    def first_sentence(self, summary: str | None) -> str | None:
        return first_sentence(summary)

    def risk_table(self, frameworks: list[Framework]) -> list[tuple[str, str, str, list[str]]]:
        """(group, label, anchor, text per framework) for each maintenance, security and footprint row."""
        facts = risk_data(self.dataset)
        cells = {framework.slug: risk_cells(facts[framework.slug]) for framework in frameworks}
        return [
            (group, label, addresses.RISK_ANCHORS[anchor], [cells[framework.slug][key] for framework in frameworks])
            for group, key, label, anchor in RISK_ROWS
        ]

    def section_page(self, section: str) -> str | None:
        return section_page(self.dataset, section)

    def benchmark_rows(self, frameworks: list[Framework]) -> list[tuple[str, list[list[Result]]]]:
        """(sample, each framework's results on it, most requests per CPU second first) for each
        sample of the latest run: requests per CPU second compare across servers on one machine."""
        run = self.dataset.benchmarks[-1] if self.dataset.benchmarks else None
        if run is None:
            return []
        rows = []
        for sample in get_args(SampleName):
            columns = [
                sorted(
                    (item for item in run.results if item.framework == framework.slug and item.sample == sample),
                    key=lambda item: -item.requests_per_cpu_second.median,
                )
                for framework in frameworks
            ]
            if any(columns):
                rows.append((sample, columns))
        return rows

    def needs_table(self) -> list[tuple[Need, list[NeedRow]]]:
        return needs_table(self.dataset)


@dataclass
class TrendView:
    """A framework over time: community figures (data/history/), releases and support windows
    (data/releases/, data/support/), as charts."""

    dataset: Dataset

    def history(self, framework: Framework, metric: MetricDefinition) -> list[Series]:
        return [
            series
            for series in self.dataset.history
            if series.framework == framework.slug and series.metric == metric.id
        ]

    def trend_metrics(self, framework: Framework) -> list[MetricDefinition]:
        return [metric for metric in self.dataset.metrics if self.history(framework, metric)]

    def trend_metrics_of(self, frameworks: list[Framework]) -> list[MetricDefinition]:
        """The metrics with a history for at least one of `frameworks`."""
        slugs = {framework.slug for framework in frameworks}
        with_history = {series.metric for series in self.dataset.history if series.framework in slugs}
        return [metric for metric in self.dataset.metrics if metric.id in with_history]

    def trend_chart(self, framework: Framework, metric: MetricDefinition) -> Markup:
        lines = [
            Line(series.label, [(p.date, p.value) for p in series.points]) for series in self.history(framework, metric)
        ]
        title = f"{metric.name} of {framework.name} over time"
        return both(lambda width, size: line_chart(lines, title, width=width, size=size))

    def format_count(self, value: int) -> str:
        return f"{value:,}"

    def latest_series(self, framework: Framework, metric: MetricDefinition) -> Series | None:
        """The series that reaches furthest: what a sparkline shows."""
        return max(self.history(framework, metric), key=lambda series: series.last.date, default=None)

    def sparkline(self, framework: Framework, metric: MetricDefinition) -> Markup:
        """The latest series as a small chart without axes, at most SPARK_POINTS points."""
        series = self.latest_series(framework, metric)
        if series is None:
            return Markup("")
        points = thinned([(point.date, point.value) for point in series.points], SPARK_POINTS)
        title = f"{metric.name} of {framework.name}, {series.first.date} to {series.last.date}"
        return line_chart([Line(series.label, points)], title, width=160, height=40, axes=False)

    def release_history(self, framework: Framework) -> ReleaseHistory | None:
        return next((item for item in self.dataset.releases if item.framework == framework.slug), None)

    def support_windows(self, framework: Framework) -> SupportWindows | None:
        return next((item for item in self.dataset.support if item.framework == framework.slug), None)

    def release_timeline(self, framework: Framework) -> Markup:
        """Every release as a tick; the first release of each major version labelled."""
        history = self.release_history(framework)
        if history is None:
            return Markup("")
        labelled: dict[str, Release] = {}
        for release in history.chronological:
            labelled.setdefault(release.version.split(".")[0], release)
        labels = [(release.date, release.version) for release in labelled.values()]
        title = f"{len(history.releases)} releases of {framework.name}, {history.first.date} to {history.newest.date}"
        dates = [release.date for release in history.releases]
        return both(lambda width, size: timeline_chart(dates, labels, title, width=width, size=size))

    def support_chart(self, framework: Framework) -> Markup:
        support = self.support_windows(framework)
        if support is None:
            return Markup("")
        windows = [
            Window(
                f"{window.series}{' LTS' if window.lts else ''}{' (planned)' if window.planned else ''}",
                window.release.first_day,
                window.mainstream_end.last_day if window.mainstream_end else None,
                window.extended_end.last_day if window.extended_end else None,
            )
            for window in support.windows
        ]
        title = f"Support windows of {framework.name}'s release series"
        return both(lambda width, size: window_chart(windows, title, width=width, size=size))


def sample_files(dataset: Dataset, framework: Framework, criterion: Criterion) -> list[str]:
    """The sample module, then any template file the module names, as paths under data/samples/."""
    module = dataset.root / dataset.sample_path(framework, criterion.sample or "")
    source = module.read_text(encoding="utf-8")
    templates = sorted((module.parent / "templates").glob("*")) if (module.parent / "templates").is_dir() else []
    named = [path for path in templates if path.name in source]
    return [path.relative_to(dataset.root / "data" / "samples").as_posix() for path in [module, *named]]


# Highlighted samples by file and text, kept between the builds of one process (`mkdocs serve`
# rebuilds): an edit to a fact sheet leaves every sample as it was.
_HIGHLIGHTED: dict[tuple[str, str], Markup] = {}


PLAIN_SPAN = re.compile(r'<span class="[wnp]">([^<]*)</span>')


def highlighted_sample(path: Path, file: str) -> Markup:
    """A sample as highlighted HTML: rendered here, so no line of it can end a Markdown fence,
    include another file or hide lines, and every line is shown."""
    text = path.read_text(encoding="utf-8", errors="replace")
    if (file, text) not in _HIGHLIGHTED:
        if len(_HIGHLIGHTED) > 1_000:
            _HIGHLIGHTED.clear()
        lexer = PythonLexer() if path.suffix == ".py" else HtmlDjangoLexer()
        formatter = HtmlFormatter(cssclass="highlight", filename=f"data/samples/{file}", wrapcode=True)
        # Whitespace, plain names and punctuation are left in the code's own colour: unwrapping
        # their spans makes a sample's HTML about a third lighter (pages have a size budget).
        html = PLAIN_SPAN.sub(r"\1", highlight(text, lexer, formatter).strip("\n"))
        # Code is shown, not searched: it would fill the search index with identifiers.
        _HIGHLIGHTED[file, text] = Markup(
            html.replace('<div class="highlight">', '<div class="highlight" data-search-exclude>', 1)
        )
    return _HIGHLIGHTED[file, text]
