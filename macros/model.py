"""The data model: the schema of fact sheets and catalogues, and the loaded dataset.

This module is the single definition of what a fact sheet may contain. The JSON Schema in
data/schema/ is exported from it (scripts/export_schema.py). Loading all of data/ is
`macros.collections.load_dataset`, which reports every problem at once as
`file:line:column: field.path: message` and raises `DataError`.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool

from macros.addresses import fact_sheet, id_clash
from macros.benchmarks import BenchmarkRun
from macros.fields import (
    HttpsUrl,
    Name,
    PastDate,
    ShortText,
    Slug,
    Text,
    Version,
)
from macros.history import Series
from macros.problems import Path_, Positions, nearest_position
from macros.releases import ReleaseHistory, SupportWindows
from macros.rules import normalise_package
from macros.schema_errors import validate
from macros.vocabulary import BENCHMARK_SERVERS, INTERFACES, KINDS, LEVELS, SECTIONS
from macros.yaml_source import Document, parse

ROOT = Path(__file__).resolve().parent.parent

# The allowed values come from macros/vocabulary.py. mypy reads a Literal only from values written
# in it, so to mypy these are the plain strings they hold; pydantic checks the values.
if TYPE_CHECKING:
    SupportLevel = str
    Kind = str
    Interface = str
    Section = str
    BenchmarkServer = str
else:
    SupportLevel = Literal[tuple(LEVELS)]
    Kind = Literal[tuple(KINDS)]
    Interface = Literal[INTERFACES]
    Section = Literal[SECTIONS]
    BenchmarkServer = Literal[BENCHMARK_SERVERS]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Sourced(Strict):
    source: HttpsUrl = Field(description="https URL of a primary source that states the fact.")
    as_of: PastDate = Field(description="Date on which the source was checked and the fact was true.")


# ---------------------------------------------------------------------------
# Fact sheet


def _items(most: int) -> Any:
    return Field(min_length=1, max_length=most)


class TextFact(Sourced):
    value: ShortText


class ListFact(Sourced):
    value: list[ShortText] = _items(10)


class Release(Sourced):
    version: Version
    date: PastDate


class SupportPolicy(Sourced):
    """Whether the project publishes a support policy for its release series. A project that does
    has data/support/<slug>.yml (macros/releases.py); one that does not says so here, with the page
    where such a policy would be (its release notes, versioning or security page) as `source`."""

    published: StrictBool = Field(
        description="false: the project publishes no support policy (the source is the page checked); "
        "true only alongside data/support/<slug>.yml."
    )
    note: Text | None = Field(None, description="What the page checked says instead, if anything.")


class BuildsOn(Sourced):
    """The framework an extension adds to, e.g. Django REST framework to Django."""

    framework: Slug = Field(description="Slug of that framework's fact sheet.")


class Interfaces(Sourced):
    value: list[Interface] = _items(3)


class Claim(Sourced):
    text: Text
    since: Version | None = Field(None, description="Framework version from which the claim holds.")


class FeatureSupport(Strict):
    level: SupportLevel
    packages: list[ShortText] = Field(
        [], max_length=8, description="Packages that provide the feature (extensions, third party)."
    )
    since: Version | None = Field(None, description="Framework version that added the feature.")
    missing: Text | None = Field(None, description="For level partial: what is missing.")
    provided_by: Slug | None = Field(
        None,
        description="For an extension: the slug of the framework it builds on, when the feature comes "
        "from that framework rather than from this package.",
    )
    note: Text | None = None
    source: HttpsUrl | None = Field(None, description="Required unless the level is unknown.")
    as_of: PastDate


class Metric(Sourced):
    value: int = Field(ge=0, le=10**12)
    method: Text = Field(description="How the figure was obtained, precisely enough to redo it.")


class NotableUser(Sourced):
    organisation: ShortText
    usage: Text = Field(description="What the organisation uses the framework for, per the source.")
    evidence_archived: PastDate | None = Field(
        None, description="Date the evidence (for example its repository) was archived: the use may have ended."
    )


class Assessment(Strict):
    summary: Text | None = Field(
        None,
        description="Our verdict in a few sentences; each sentence ends with the numbers of the claims "
        "that back it, e.g. 'It is small [1, 2].' An assessment without claims has no summary.",
    )
    claims: list[Claim] = Field([], max_length=10, description="Sourced facts behind the verdict.")


class UseCases(Strict):
    good_fit: list[ShortText] = _items(10)
    poor_fit: list[ShortText] = _items(10)


class StackOverflowTag(Strict):
    tag: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9.#+-]*$", max_length=35)]
    ambiguous: bool = Field(False, description="True when the tag also holds questions about other things so named.")


class Tracking(Strict):
    """How the scripts that read community figures find this framework (scripts/refresh_figures.py,
    scripts/import_history.py), and which figures are not tracked over time, with why."""

    stackoverflow: StackOverflowTag | None = Field(
        None, description="The Stack Overflow tag for the framework; leave out if there is none."
    )
    repostory_file: Annotated[str, Field(pattern=r"^[A-Za-z0-9_.-]+$", max_length=100)] | None = Field(
        None, description="File name (without .json) under repo_data/ in 0x0w1/repostory, if it tracks the framework."
    )
    web_framework_rank_name: Name | None = Field(
        None, description="The `name` column of tbicr/web-framework-rank's data.csv, if it tracks the framework."
    )
    best_of_stars_left_out: Text | None = Field(
        None, description="Why best-of-web-python's star counts are not imported for this framework, if they are not."
    )
    not_tracked: dict[str, Text] = Field(
        {},
        max_length=20,
        description="Metric ids of data/metrics.yml kept over time, with why this framework has no "
        "data/history/<metric>/<slug>.yml for it.",
    )


class ServedConfiguration(Strict):
    """What is switched on when the samples are served, as the framework's documentation
    recommends for production: shown beside the benchmark figures."""

    debug: ShortText = Field(description="How debug mode is off, e.g. 'off (the default)' or 'DEBUG=False'.")
    middleware: ShortText = Field(description="The middleware on, or 'none'.")
    validation: ShortText = Field(description="What validates the requests, e.g. 'path converter <int:...>'.")
    templates: ShortText = Field(description="The template engine and version-free name of its binding.")
    json_encoder: ShortText = Field(description="The library that encodes the JSON reply.")
    database: ShortText = Field(description="How the fortunes sample queries PostgreSQL: ORM or driver, and pool.")
    departs: ShortText | None = Field(
        None, description="Where the benchmark departs from what that documentation recommends, and why."
    )
    source: HttpsUrl = Field(description="The documentation page on deploying to production that was followed.")
    as_of: PastDate


class BenchmarkSetup(Strict):
    """How scripts/bench_frameworks.py serves the framework's samples."""

    configuration: ServedConfiguration

    servers: list[BenchmarkServer] = Field(
        min_length=1, max_length=len(BENCHMARK_SERVERS), description="Servers its documentation recommends."
    )
    app: Annotated[str, Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$", max_length=40)] = Field(
        "app", description="The samples' module attribute the servers load."
    )
    not_measured: Text | None = Field(
        None, description="Why the latest benchmark run has no figures for the framework (for example: added since)."
    )


class Framework(Strict):
    """One framework's fact sheet: data/frameworks/<slug>.yml."""

    slug: Slug
    name: Name
    tagline: ShortText
    kind: Kind
    builds_on: BuildsOn | None = Field(
        None, description="Required for kind 'extension': the framework it adds to (another sheet)."
    )
    homepage: HttpsUrl
    documentation: HttpsUrl
    repository: HttpsUrl
    pypi: Annotated[str, Field(pattern=r"^[A-Za-z0-9._-]+$", max_length=100)]
    license: TextFact
    creators: ListFact
    first_release: Release
    latest_release: Release
    support_policy: SupportPolicy | None = Field(
        None,
        description="Required when data/support/<slug>.yml does not exist: the project publishes no "
        "support policy, and the page checked.",
    )
    python: TextFact = Field(description="Supported Python versions of the latest release, e.g. '>=3.10'.")
    interfaces: Interfaces
    features: dict[str, FeatureSupport]
    metrics: dict[str, Metric] = {}
    use_cases: UseCases
    notable_users: list[NotableUser] = Field([], max_length=20)
    pros: list[ShortText] = _items(12)
    cons: list[ShortText] = _items(12)
    criteria: dict[str, Assessment]
    tracking: Tracking
    benchmark: BenchmarkSetup


# ---------------------------------------------------------------------------
# Catalogues


class Feature(Strict):
    id: Slug
    name: Name
    category: Name
    description: Text


class MetricDefinition(Strict):
    id: Slug
    name: Name
    unit: ShortText
    description: Text
    headline: bool = Field(False, description="Shown in the home page's summary table.")
    tracked: bool = Field(False, description="Kept over time in data/history/<id>/<slug>.yml for every framework.")
    ranks_popularity: bool = Field(
        False,
        description="The home page links to a comparison of the three frameworks with the highest figure. "
        "At most one metric, and one counted the same way for every framework.",
    )


class Criterion(Strict):
    id: Slug
    title: Name
    question: Text
    features: list[Slug] = Field([], max_length=30)
    section: Section | None = None
    sample: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=40)] | None = None


class Need(Strict):
    """A question of the decision guide: a need that depends on some catalogue features."""

    id: Slug
    question: Text
    features: list[Slug] = Field(min_length=1, max_length=10)


class OutsideBenchmark(Strict):
    """Another public, dated benchmark that covers some of the frameworks: the performance page
    links it with its date and method, so readers can cross-check this site's figures."""

    id: Slug
    name: ShortText
    url: HttpsUrl
    as_of: PastDate | Literal["unknown"] = Field(
        description="The date of its results as its page states it, or 'unknown' when the page states none."
    )
    method: Text = Field(description="Its machine, load tool and tests, in one or two sentences.")
    frameworks: list[Slug] = Field(max_length=200, description="The frameworks compared here that it covers.")
    note: Text | None = Field(None, description="Where the date came from, what it leaves out, whether it is updated.")


CATALOGUES: dict[str, type[Strict]] = {
    "features.yml": Feature,
    "metrics.yml": MetricDefinition,
    "criteria.yml": Criterion,
    "guide.yml": Need,
    "outside_benchmarks.yml": OutsideBenchmark,
}


# ---------------------------------------------------------------------------
# The dataset


@dataclass(frozen=True)
class Dataset:
    frameworks: tuple[Framework, ...]
    features: tuple[Feature, ...]
    metrics: tuple[MetricDefinition, ...]
    criteria: tuple[Criterion, ...]
    needs: tuple[Need, ...]
    history: tuple[Series, ...]
    benchmarks: tuple[BenchmarkRun, ...]
    releases: tuple[ReleaseHistory, ...]
    support: tuple[SupportWindows, ...]
    sample_versions: dict[str, str]
    positions: dict[str, Positions]
    root: Path
    outside_benchmarks: tuple[OutsideBenchmark, ...] = ()

    def pairs(self) -> list[tuple[Framework, Framework]]:
        return list(itertools.combinations(self.frameworks, 2))

    def line_of(self, framework: Framework, *path: str | int) -> int:
        """The line of a field in a framework's fact sheet, for edit links."""
        return nearest_position(self.positions[fact_sheet(framework.slug)], path)[0]

    def sample_version(self, framework: Framework) -> str:
        return self.sample_versions[normalise_package(framework.pypi)]

    def name_of(self, slug: str) -> str:
        return next((fw.name for fw in self.frameworks if fw.slug == slug), slug)

    def kind_label(self, framework: Framework) -> str:
        """What readers see of a framework's kind: 'Full-stack', or 'Extension of Django'."""
        if framework.builds_on is None:
            return KINDS[framework.kind]
        return f"{KINDS[framework.kind]} of {self.name_of(framework.builds_on.framework)}"

    def related(self, slug: str) -> frozenset[str]:
        """A framework and those its pages show facts of: the one it builds on, those built on it."""
        return self._relatives.get(slug, frozenset({slug}))

    @functools.cached_property
    def _relatives(self) -> dict[str, frozenset[str]]:
        found: dict[str, set[str]] = {framework.slug: {framework.slug} for framework in self.frameworks}
        for framework in self.frameworks:
            if framework.builds_on is not None:
                found[framework.slug].add(framework.builds_on.framework)
                found.setdefault(framework.builds_on.framework, {framework.builds_on.framework}).add(framework.slug)
        return {slug: frozenset(slugs) for slug, slugs in found.items()}

    def sample_path(self, framework: Framework, sample: str) -> str:
        return f"data/samples/{framework.slug}/{sample}.py"


@dataclass(frozen=True)
class Catalogues:
    """The catalogues, with their parsed documents (which hold any problems).

    `*_ids` are the ids written in each file, valid entries or not, so one bad entry is
    reported once and not again by every fact sheet that uses it; None when a file could not
    be read at all, which turns off the checks that depend on it.
    """

    docs: list[Document]
    features: list[Feature]
    metrics: list[MetricDefinition]
    criteria: list[Criterion]
    feature_ids: list[str] | None
    metric_ids: list[str] | None
    criterion_ids: list[str] | None
    needs: list[Need]
    outside_benchmarks: list[OutsideBenchmark]


def load_catalogues(root: Path = ROOT) -> Catalogues:
    docs = [parse(root / "data" / filename, root) for filename in CATALOGUES]
    features, metrics, criteria, needs, outside_benchmarks = (
        _load_catalogue(doc, model) for doc, model in zip(docs, CATALOGUES.values(), strict=True)
    )
    feature_ids, metric_ids, criterion_ids, _, _ = (_written_ids(doc) for doc in docs)
    ranking = [
        index
        for index, item in enumerate(docs[1].data or [])
        if isinstance(item, dict) and item.get("ranks_popularity")
    ]
    for index in ranking[1:]:
        docs[1].problem((index, "ranks_popularity"), "only one metric may rank popularity; the first one does")
    samples = {criterion.sample for criterion in criteria if criterion.sample}
    for index, criterion in enumerate(criteria):
        if clash := id_clash(criterion.id):
            docs[2].problem((index, "id"), f"criterion id {clash}: choose another")
        elif criterion.id in samples:
            docs[2].problem((index, "id"), f"{criterion.id!r} is also a sample's name, whose anchor it would take")
    for doc, entries in ((docs[2], criteria), (docs[3], needs)):
        for index, entry in enumerate(entries):
            for position, feature_id in enumerate(entry.features):
                if feature_ids is not None and feature_id not in feature_ids:
                    doc.problem(
                        (index, "features", position), f"unknown feature {feature_id!r} (not in data/features.yml)"
                    )
    return Catalogues(
        docs, features, metrics, criteria, feature_ids, metric_ids, criterion_ids, needs, outside_benchmarks
    )


def _written_ids(doc: Document) -> list[str] | None:
    if not isinstance(doc.data, list):
        return None
    return [item["id"] for item in doc.data if isinstance(item, dict) and isinstance(item.get("id"), str)]


def _load_catalogue(doc: Document, model: type[Strict]) -> list[Any]:
    if doc.problems:
        return []
    if not isinstance(doc.data, list):
        doc.problem((), "a catalogue must be a list of entries")
        return []
    entries = []
    seen: set[str] = set()
    for index, item in enumerate(doc.data):
        entry = validate(doc, model, item, (index,))
        if entry is None:
            continue
        if entry.id in seen:
            doc.problem((index, "id"), f"duplicate id {entry.id!r}")
        seen.add(entry.id)
        entries.append(entry)
    return entries


# Each sheet's facts, walked once: pages, feeds and reviews all ask, and under `mkdocs serve` an
# unchanged sheet is the same object from one load to the next (macros/schema_errors.py). The
# sheet is kept with its facts, so its id is not reused while it is here; each build keeps only
# its own sheets' (`keep_facts_of`), so a long `mkdocs serve` does not grow.
_FACTS: dict[int, tuple[Framework, list[tuple[Path_, Sourced | FeatureSupport]]]] = {}


def iter_facts(framework: Framework) -> Iterator[tuple[Path_, Sourced | FeatureSupport]]:
    """Every dated fact in a sheet with its field path: the unit of citation and review."""
    known = _FACTS.get(id(framework))
    if known is None or known[0] is not framework:
        known = _FACTS[id(framework)] = (framework, list(_walk_facts(framework, ())))
    return iter(known[1])


def keep_facts_of(frameworks: Iterable[Framework]) -> None:
    kept = {id(framework) for framework in frameworks}
    for key in [key for key in _FACTS if key not in kept]:
        del _FACTS[key]


def _walk_facts(value: Any, path: Path_) -> Iterator[tuple[Path_, Sourced | FeatureSupport]]:
    if isinstance(value, (Sourced, FeatureSupport)):
        yield path, value
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _walk_facts(getattr(value, name), (*path, name))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _walk_facts(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk_facts(item, (*path, index))


def framework_schema() -> dict[str, Any]:
    """The JSON Schema editors use to check fact sheets (exported to data/schema/)."""
    schema = Framework.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Python web framework fact sheet"
    return schema
