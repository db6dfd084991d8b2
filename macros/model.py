"""The data model: schema, loading and validation of everything in data/.

This module is the single definition of what a fact sheet may contain. The JSON Schema in
data/schema/ is exported from it (scripts/export_schema.py), and every build and test loads
data through `load_dataset`, which reports every problem at once as
`file:line:column: field.path: message` and raises `DataError`.
"""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from macros.addresses import RESERVED_IDS, fact_sheet
from macros.benchmarks import BenchmarkRun, load_benchmarks
from macros.fields import (
    HttpsUrl,
    Name,
    PastDate,
    ShortText,
    Slug,
    Text,
    Version,
)
from macros.history import Series, load_history
from macros.problems import DataError, Path_, Positions, Problem, nearest_position
from macros.releases import ReleaseHistory, SupportWindows, latest_release_problems, load_releases, load_support
from macros.rules import FRAMEWORK_RULES, SheetCheck, normalise_package
from macros.schema_errors import validate
from macros.vocabulary import INTERFACES, KINDS, LEVELS, SECTIONS
from macros.yaml_source import Document, parse

ROOT = Path(__file__).resolve().parent.parent

# The allowed values come from macros/vocabulary.py. mypy reads a Literal only from values written
# in it, so to mypy these are the plain strings they hold; pydantic checks the values.
if TYPE_CHECKING:
    SupportLevel = str
    Kind = str
    Interface = str
    Section = str
else:
    SupportLevel = Literal[tuple(LEVELS)]
    Kind = Literal[tuple(KINDS)]
    Interface = Literal[INTERFACES]
    Section = Literal[SECTIONS]


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


class Framework(Strict):
    """One framework's fact sheet: data/frameworks/<slug>.yml."""

    slug: Slug
    name: Name
    tagline: ShortText
    kind: Kind
    homepage: HttpsUrl
    documentation: HttpsUrl
    repository: HttpsUrl
    pypi: Annotated[str, Field(pattern=r"^[A-Za-z0-9._-]+$", max_length=100)]
    license: TextFact
    creators: ListFact
    first_release: Release
    latest_release: Release
    python: TextFact = Field(description="Supported Python versions of the latest release, e.g. '>=3.10'.")
    interfaces: Interfaces
    features: dict[str, FeatureSupport]
    metrics: dict[str, Metric] = {}
    use_cases: UseCases
    notable_users: list[NotableUser] = Field([], max_length=20)
    pros: list[ShortText] = _items(12)
    cons: list[ShortText] = _items(12)
    criteria: dict[str, Assessment]


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


CATALOGUES: dict[str, type[Strict]] = {
    "features.yml": Feature,
    "metrics.yml": MetricDefinition,
    "criteria.yml": Criterion,
    "guide.yml": Need,
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

    def pairs(self) -> list[tuple[Framework, Framework]]:
        return list(itertools.combinations(self.frameworks, 2))

    def line_of(self, framework: Framework, *path: str | int) -> int:
        """The line of a field in a framework's fact sheet, for edit links."""
        return nearest_position(self.positions[fact_sheet(framework.slug)], path)[0]

    def sample_version(self, framework: Framework) -> str:
        return self.sample_versions[normalise_package(framework.pypi)]

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


def load_catalogues(root: Path = ROOT) -> Catalogues:
    docs = [parse(root / "data" / filename, root) for filename in CATALOGUES]
    features, metrics, criteria, needs = (
        _load_catalogue(doc, model) for doc, model in zip(docs, CATALOGUES.values(), strict=True)
    )
    feature_ids, metric_ids, criterion_ids, _ = (_written_ids(doc) for doc in docs)
    for index, criterion in enumerate(criteria):
        if criterion.id in RESERVED_IDS:
            docs[2].problem((index, "id"), f"{criterion.id!r} is reserved for a generated page or section")
    for doc, entries in ((docs[2], criteria), (docs[3], needs)):
        for index, entry in enumerate(entries):
            for position, feature_id in enumerate(entry.features):
                if feature_ids is not None and feature_id not in feature_ids:
                    doc.problem(
                        (index, "features", position), f"unknown feature {feature_id!r} (not in data/features.yml)"
                    )
    return Catalogues(docs, features, metrics, criteria, feature_ids, metric_ids, criterion_ids, needs)


def _written_ids(doc: Document) -> list[str] | None:
    if not isinstance(doc.data, list):
        return None
    return [item["id"] for item in doc.data if isinstance(item, dict) and isinstance(item.get("id"), str)]


def load_dataset(root: Path = ROOT) -> Dataset:
    """Load and check all of data/; raise DataError listing every problem found."""
    data_dir = root / "data"
    catalogues = load_catalogues(root)
    docs = list(catalogues.docs)
    sample_versions, problems = _read_pins(data_dir / "samples" / "requirements.txt", root)
    problems += _sample_file_problems(data_dir / "samples", root)
    frameworks: list[Framework] = []
    for path in sorted((data_dir / "frameworks").glob("*.yml")):
        doc = parse(path, root)
        docs.append(doc)
        if doc.problems:
            continue
        if not isinstance(doc.data, dict):
            doc.problem((), "a fact sheet must be a mapping of fields")
            continue
        framework = validate(doc, Framework, doc.data)
        if framework is not None:
            for rule in FRAMEWORK_RULES:
                rule(SheetCheck(doc, framework, path.stem, catalogues, sample_versions, root))
            frameworks.append(framework)

    stems = [path.stem for path in (data_dir / "frameworks").glob("*.yml")]
    history, history_problems = load_history(root, stems, catalogues.metric_ids or [])
    problems += history_problems
    benchmarks, benchmark_problems = load_benchmarks(root)
    releases, release_problems = load_releases(root, stems)
    support, support_problems = load_support(root, stems)
    problems += benchmark_problems + release_problems + support_problems
    problems += latest_release_problems(releases, frameworks)
    problems += [problem for doc in docs for problem in doc.problems]
    if not frameworks and not problems:
        problems.append(Problem("data/frameworks", 1, 1, "", "no fact sheets found"))
    if problems:
        raise DataError(problems)
    return Dataset(
        frameworks=tuple(sorted(frameworks, key=lambda item: item.name.lower())),
        features=tuple(catalogues.features),
        metrics=tuple(catalogues.metrics),
        criteria=tuple(catalogues.criteria),
        needs=tuple(catalogues.needs),
        history=tuple(history),
        benchmarks=tuple(benchmarks),
        releases=tuple(releases),
        support=tuple(support),
        sample_versions=sample_versions,
        positions={doc.name: doc.positions for doc in docs},
        root=root,
    )


def load_or_exit(root: Path = ROOT) -> Dataset:
    """For command-line helpers: the dataset, or exit 1 printing every problem to stderr."""
    try:
        return load_dataset(root)
    except DataError as error:
        raise SystemExit(str(error)) from None


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


def _read_pins(path: Path, root: Path) -> tuple[dict[str, str], list[Problem]]:
    """Framework versions the samples are tested with: `name==version` lines."""
    name = path.relative_to(root).as_posix()
    if path.is_symlink() or not path.is_file():
        return {}, [Problem(name, 1, 1, "", "file not found (or not a regular file)")]
    pins: dict[str, str] = {}
    problems = []
    for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
        line = line.split("#", 1)[0].strip()
        if line:
            match = re.fullmatch(r"([A-Za-z0-9._-]+)(?:\[[^\]]*\])?==([0-9][0-9A-Za-z.+-]*)", line)
            if match:
                pins[normalise_package(match.group(1))] = match.group(2)
            else:
                problems.append(Problem(name, number, 1, "", f"expected name==version, got {line[:80]!r}"))
    return pins, problems


MAX_SAMPLE_BYTES = 20_000


def _sample_file_problems(samples: Path, root: Path) -> list[Problem]:
    """Samples are shown on pages: each must be a small regular file inside data/samples/,
    never a link (which could publish any file of the build machine), with a plain name."""
    problems = []
    real_samples = samples.resolve()
    for directory, subdirectories, files in os.walk(samples):
        subdirectories[:] = [name for name in subdirectories if name != "__pycache__"]
        for name in sorted(subdirectories + files):
            path = Path(directory) / name
            shown = path.relative_to(root).as_posix()
            if not re.fullmatch(r"[A-Za-z0-9_.-]+", name):
                problems.append(Problem(shown, 1, 1, "", "file name may only use letters, digits, '.', '_' and '-'"))
            elif path.is_symlink() or not path.resolve().is_relative_to(real_samples):
                problems.append(Problem(shown, 1, 1, "", "must be a regular file or folder, not a symbolic link"))
            elif name in files and not path.is_file():
                problems.append(Problem(shown, 1, 1, "", "must be a regular file"))
            elif name in files and path.stat().st_size > MAX_SAMPLE_BYTES:
                problems.append(
                    Problem(shown, 1, 1, "", f"sample is larger than the limit of {MAX_SAMPLE_BYTES:,} bytes")
                )
    return problems


def iter_facts(framework: Framework) -> Iterator[tuple[Path_, Sourced | FeatureSupport]]:
    """Every dated fact in a sheet with its field path: the unit of citation and review."""

    def walk(value: Any, path: Path_) -> Iterator[tuple[Path_, Sourced | FeatureSupport]]:
        if isinstance(value, (Sourced, FeatureSupport)):
            yield path, value
        if isinstance(value, BaseModel):
            for name in type(value).model_fields:
                yield from walk(getattr(value, name), (*path, name))
        elif isinstance(value, dict):
            for key, item in value.items():
                yield from walk(item, (*path, key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                yield from walk(item, (*path, index))

    yield from walk(framework, ())


def framework_schema() -> dict[str, Any]:
    """The JSON Schema editors use to check fact sheets (exported to data/schema/)."""
    schema = Framework.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Python web framework fact sheet"
    return schema
