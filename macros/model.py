"""The data model: schema, loading and validation of everything in data/.

This module is the single definition of what a fact sheet may contain. The JSON Schema in
data/schema/ is exported from it (scripts/export_schema.py), and every build and test loads
data through `load_dataset`, which reports every problem at once as
`file:line:column: field.path: message` and raises `DataError`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

ROOT = Path(__file__).resolve().parent.parent
# Upper-case markers only: "a to-do list" or "Todo app" are legitimate text.
PLACEHOLDER = re.compile(r"\b(TODO|TBD|FIXME|XXX)\b|(?i:lorem ipsum)")
STALE_AFTER_DAYS = 548  # about 18 months


# ---------------------------------------------------------------------------
# Field types


def _text(value: str) -> str:
    value = value.strip()
    if not value:
        raise ValueError("must not be empty")
    if PLACEHOLDER.search(value):
        raise ValueError(f"still holds placeholder text ({PLACEHOLDER.search(value).group(0)!r})")
    return value


def _https_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme != "https" or not parts.netloc or re.search(r"\s", value):
        raise ValueError(f"must be an https:// URL, got {value!r}")
    if PLACEHOLDER.search(value):
        raise ValueError(f"still holds placeholder text: {value!r}")
    return value


def _not_future(value: dt.date) -> dt.date:
    if value > dt.date.today():
        raise ValueError(f"{value} is in the future")
    return value


Text = Annotated[str, AfterValidator(_text)]
HttpsUrl = Annotated[str, AfterValidator(_https_url)]
PastDate = Annotated[dt.date, AfterValidator(_not_future)]
Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
# Names and titles appear in Markdown headings and tab labels, so they are kept to
# characters that Markdown treats as plain text.
Name = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9 .,/&()'+-]*$")]
Version = Annotated[str, Field(pattern=r"^[0-9]+(\.[0-9]+)*([a-z]+[0-9]*)?$")]

SupportLevel = Literal["built-in", "partial", "official-extension", "third-party", "none", "unknown"]
Kind = Literal["micro", "full-stack", "api", "toolkit"]
Interface = Literal["WSGI", "ASGI", "own server"]
Section = Literal["identity", "community", "feature-summary", "use-cases", "notable-users", "pros-cons"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Sourced(Strict):
    source: HttpsUrl = Field(description="https URL of a primary source that states the fact.")
    as_of: PastDate = Field(description="Date on which the source was checked and the fact was true.")


# ---------------------------------------------------------------------------
# Fact sheet


class TextFact(Sourced):
    value: Text


class ListFact(Sourced):
    value: list[Text] = Field(min_length=1)


class Release(Sourced):
    version: Version
    date: PastDate


class Interfaces(Sourced):
    value: list[Interface] = Field(min_length=1)


class Claim(Sourced):
    text: Text
    since: Version | None = Field(None, description="Framework version from which the claim holds.")


class FeatureSupport(Strict):
    level: SupportLevel
    packages: list[Text] = Field([], description="Packages that provide the feature (extensions, third party).")
    since: Version | None = Field(None, description="Framework version that added the feature.")
    missing: Text | None = Field(None, description="For level partial: what is missing.")
    note: Text | None = None
    source: HttpsUrl | None = Field(None, description="Required unless the level is unknown.")
    as_of: PastDate


class Metric(Sourced):
    value: int = Field(ge=0)
    method: Text = Field(description="How the figure was obtained, precisely enough to redo it.")


class NotableUser(Sourced):
    organisation: Text
    usage: Text = Field(description="What the organisation uses the framework for, per the source.")


class Assessment(Strict):
    summary: Text = Field(description="One or two sentences of verdict in our own words.")
    claims: list[Claim] = Field([], description="Sourced facts behind the verdict.")


class UseCases(Strict):
    good_fit: list[Text] = Field(min_length=1)
    poor_fit: list[Text] = Field(min_length=1)


class Framework(Strict):
    """One framework's fact sheet: data/frameworks/<slug>.yml."""

    slug: Slug
    name: Name
    tagline: Text
    kind: Kind
    homepage: HttpsUrl
    documentation: HttpsUrl
    repository: HttpsUrl
    pypi: Annotated[str, Field(pattern=r"^[A-Za-z0-9._-]+$")]
    license: TextFact
    creators: ListFact
    first_release: Release
    latest_release: Release
    python: TextFact = Field(description="Supported Python versions of the latest release, e.g. '>=3.10'.")
    interfaces: Interfaces
    features: dict[str, FeatureSupport]
    metrics: dict[str, Metric] = {}
    use_cases: UseCases
    notable_users: list[NotableUser] = []
    pros: list[Text] = Field(min_length=1)
    cons: list[Text] = Field(min_length=1)
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
    unit: Text
    description: Text


class Criterion(Strict):
    id: Slug
    title: Name
    question: Text
    features: list[Slug] = []
    section: Section | None = None
    sample: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")] | None = None


CATALOGUES: dict[str, type[Strict]] = {
    "features.yml": Feature,
    "metrics.yml": MetricDefinition,
    "criteria.yml": Criterion,
}


# ---------------------------------------------------------------------------
# Errors with positions


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.field or '(file)'}: {self.message}"


class DataError(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        count = f"{len(self.problems)} problem{'s' if len(self.problems) != 1 else ''}"
        super().__init__(f"{count} in data/:\n" + "\n".join(map(str, self.problems)))


Path_ = tuple[str | int, ...]


class DateAsTextLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """SafeLoader (libyaml's when available) that keeps dates as strings, so pydantic
    reports a bad date with its position instead of YAML failing without one."""


DateAsTextLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class _Document:
    """A parsed YAML file, with the position of every key and item."""

    name: str
    data: Any = None
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def problem(self, path: Path_, message: str) -> None:
        line, column = self.position(path)
        self.problems.append(Problem(self.name, line, column, dotted(path), message))

    def position(self, path: Path_) -> tuple[int, int]:
        return nearest_position(self.positions, path)


def nearest_position(positions: dict[Path_, tuple[int, int]], path: Path_) -> tuple[int, int]:
    """Where `path` is written, or else its closest written parent (a missing field's mapping)."""
    for end in range(len(path), -1, -1):
        if path[:end] in positions:
            return positions[path[:end]]
    return (1, 1)


def dotted(path: Path_) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _parse(path: Path, root: Path) -> _Document:
    doc = _Document(path.relative_to(root).as_posix())
    try:
        loader = DateAsTextLoader(path.read_text(encoding="utf-8"))
        try:
            node = loader.get_single_node()
            if node is not None:
                _index(node, (), doc)
                doc.data = loader.construct_document(node)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = " ".join(filter(None, [error.context, error.problem]))
        doc.problems.append(Problem(doc.name, line, column, "", f"YAML syntax error: {message}"))
    except (yaml.YAMLError, ValueError) as error:
        doc.problems.append(Problem(doc.name, 1, 1, "", f"YAML error: {error}"))
    return doc


def _index(node: yaml.Node, path: Path_, doc: _Document) -> None:
    doc.positions.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            key_path = (*path, key)
            if key in seen:
                line, column = key_node.start_mark.line + 1, key_node.start_mark.column + 1
                message = f"duplicate key {key!r} (first set on line {seen[key]}); YAML would silently keep only one"
                doc.problems.append(Problem(doc.name, line, column, dotted(key_path), message))
                continue
            seen[key] = key_node.start_mark.line + 1
            doc.positions[key_path] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            _index(value_node, key_path, doc)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _index(item, (*path, index), doc)


def _validate(doc: _Document, model: type[Strict], data: Any, prefix: Path_ = ()) -> Strict | None:
    try:
        return model.model_validate(data)
    except ValidationError as error:
        for item in error.errors(include_url=False):
            path = (*prefix, *item["loc"])
            doc.problem(path, _explain(item, model, path))
        return None


def _explain(item: dict[str, Any], model: type[Strict], path: Path_) -> str:
    kind, message = item["type"], item["msg"]
    if kind == "extra_forbidden":
        name = str(path[-1])
        known = _fields_at(model, path[:-1])
        guess = difflib.get_close_matches(name, known, n=1)
        hint = f"; did you mean {guess[0]!r}?" if guess else f"; expected one of: {', '.join(known)}"
        return f"unknown field {name!r}{hint}"
    if kind == "missing":
        return f"missing required field {str(path[-1])!r}"
    if kind == "string_type" and isinstance(item.get("input"), (int, float)):
        return f"{message}; put quotes around numbers meant as text, e.g. '{item['input']}'"
    if kind.startswith("date"):
        return f"{message}; expected a date written YYYY-MM-DD, got {item.get('input')!r}"
    if kind == "value_error":
        return message.removeprefix("Value error, ")
    return message


def _fields_at(model: type[BaseModel], path: Path_) -> list[str]:
    """The field names allowed at `path` inside `model`, for 'did you mean' hints."""
    current: Any = model
    for part in path:
        if isinstance(part, int) or not (isinstance(current, type) and issubclass(current, BaseModel)):
            current = _unwrap(current)
            continue
        if part not in current.model_fields:
            current = _unwrap(current)  # a dict key such as a feature id
            continue
        current = _unwrap(current.model_fields[part].annotation)
    current = _unwrap(current)
    return sorted(current.model_fields) if isinstance(current, type) and issubclass(current, BaseModel) else []


def _unwrap(annotation: Any) -> Any:
    """From list[X], dict[str, X] and X | None down to X."""
    while True:
        args = [arg for arg in getattr(annotation, "__args__", ()) if arg is not type(None)]
        if not args:
            return annotation
        annotation = args[-1]


# ---------------------------------------------------------------------------
# The dataset


@dataclass(frozen=True)
class Dataset:
    frameworks: tuple[Framework, ...]
    features: tuple[Feature, ...]
    metrics: tuple[MetricDefinition, ...]
    criteria: tuple[Criterion, ...]
    sample_versions: dict[str, str]
    positions: dict[str, dict[Path_, tuple[int, int]]]
    root: Path

    def pairs(self) -> list[tuple[Framework, Framework]]:
        return list(itertools.combinations(self.frameworks, 2))

    def line_of(self, framework: Framework, *path: str | int) -> int:
        """The line of a field in a framework's fact sheet, for edit links."""
        return nearest_position(self.positions[f"data/frameworks/{framework.slug}.yml"], path)[0]

    def sample_version(self, framework: Framework) -> str:
        return self.sample_versions[_normalise(framework.pypi)]

    def sample_path(self, framework: Framework, sample: str) -> str:
        return f"data/samples/{framework.slug}/{sample}.py"


def load_catalogues(
    root: Path = ROOT,
) -> tuple[list[_Document], list[Feature], list[MetricDefinition], list[Criterion]]:
    """The three catalogues, with their parsed documents (which hold any problems)."""
    docs = [_parse(root / "data" / filename, root) for filename in CATALOGUES]
    features, metrics, criteria = (
        _load_catalogue(doc, model) for doc, model in zip(docs, CATALOGUES.values(), strict=True)
    )
    feature_ids = {feature.id for feature in features}
    for index, criterion in enumerate(criteria):
        for position, feature_id in enumerate(criterion.features):
            if features and feature_id not in feature_ids:
                docs[2].problem(
                    (index, "features", position), f"unknown feature {feature_id!r} (not in data/features.yml)"
                )
    return docs, features, metrics, criteria


def load_dataset(root: Path = ROOT) -> Dataset:
    """Load and check all of data/; raise DataError listing every problem found."""
    data_dir = root / "data"
    docs, features, metrics, criteria = load_catalogues(root)

    sample_versions, pin_problems = _read_pins(data_dir / "samples" / "requirements.txt", root)
    frameworks: list[Framework] = []
    for path in sorted((data_dir / "frameworks").glob("*.yml")):
        doc = _parse(path, root)
        docs.append(doc)
        if doc.problems:
            continue
        if not isinstance(doc.data, dict):
            doc.problem((), "a fact sheet must be a mapping of fields")
            continue
        framework = _validate(doc, Framework, doc.data)
        if framework is not None:
            _check_framework(doc, framework, path.stem, features, metrics, criteria, sample_versions, root)
            frameworks.append(framework)

    problems = pin_problems + _sample_name_problems(data_dir / "samples", root)
    problems += [problem for doc in docs for problem in doc.problems]
    if not frameworks and not problems:
        problems.append(Problem("data/frameworks", 1, 1, "", "no fact sheets found"))
    if problems:
        raise DataError(problems)
    return Dataset(
        frameworks=tuple(sorted(frameworks, key=lambda item: item.name.lower())),
        features=tuple(features),
        metrics=tuple(metrics),
        criteria=tuple(criteria),
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


def _load_catalogue(doc: _Document, model: type[Strict]) -> list[Any]:
    if doc.problems:
        return []
    if not isinstance(doc.data, list):
        doc.problem((), "a catalogue must be a list of entries")
        return []
    entries = [entry for index, item in enumerate(doc.data) if (entry := _validate(doc, model, item, (index,)))]
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        if entry.id in seen:
            doc.problem((index, "id"), f"duplicate id {entry.id!r}")
        seen.add(entry.id)
    return entries


def _read_pins(path: Path, root: Path) -> tuple[dict[str, str], list[Problem]]:
    """Framework versions the samples are tested with: `name==version` lines."""
    name = path.relative_to(root).as_posix()
    if not path.exists():
        return {}, [Problem(name, 1, 1, "", "file not found")]
    pins: dict[str, str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = line.split("#", 1)[0].strip()
        if line:
            match = re.fullmatch(r"([A-Za-z0-9._-]+)(?:\[[^\]]*\])?==([0-9][0-9A-Za-z.+-]*)", line)
            if not match:
                return pins, [Problem(name, number, 1, "", f"expected name==version, got {line!r}")]
            pins[_normalise(match.group(1))] = match.group(2)
    return pins, []


def _sample_name_problems(samples: Path, root: Path) -> list[Problem]:
    """Sample file names end up in pages and fence titles: keep them to plain characters."""
    return [
        Problem(path.relative_to(root).as_posix(), 1, 1, "", "file name may only use letters, digits, '.', '_' and '-'")
        for path in sorted(samples.rglob("*"))
        if "__pycache__" not in path.parts and not re.fullmatch(r"[A-Za-z0-9_.-]+", path.name)
    ]


def _normalise(package: str) -> str:
    return re.sub(r"[-_.]+", "-", package).lower()


def _check_framework(
    doc: _Document,
    framework: Framework,
    stem: str,
    features: list[Feature],
    metrics: list[MetricDefinition],
    criteria: list[Criterion],
    sample_versions: dict[str, str],
    root: Path,
) -> None:
    """Rules that span fields, files and catalogues."""
    if framework.slug != stem:
        doc.problem(("slug",), f"slug {framework.slug!r} must match the file name {stem!r}.yml")
    _check_keys(doc, "features", framework.features, [item.id for item in features], required=True)
    _check_keys(doc, "metrics", framework.metrics, [item.id for item in metrics], required=False)
    _check_keys(doc, "criteria", framework.criteria, [item.id for item in criteria], required=True)
    for feature_id, support in framework.features.items():
        for path, message in _feature_rules(support):
            doc.problem(("features", feature_id, *path), message)
    for field_name in ("pros", "cons", "notable_users"):
        values = getattr(framework, field_name)
        keys = [item.organisation.lower() if isinstance(item, NotableUser) else item.lower() for item in values]
        for index, key in enumerate(keys):
            if key in keys[:index]:
                doc.problem((field_name, index), f"duplicate entry {key!r}")
    if framework.first_release.date > framework.latest_release.date:
        doc.problem(("first_release", "date"), "the first release must not be dated after the latest release")
    if _normalise(framework.pypi) not in sample_versions:
        doc.problem(("pypi",), f"package {framework.pypi!r} is not pinned in data/samples/requirements.txt")
    for criterion in criteria:
        if criterion.sample and not (root / f"data/samples/{framework.slug}/{criterion.sample}.py").is_file():
            doc.problem(
                ("criteria", criterion.id),
                f"criterion {criterion.id!r} shows sample {criterion.sample!r}, "
                f"but data/samples/{framework.slug}/{criterion.sample}.py does not exist",
            )
        needs_claims = not (criterion.section or criterion.sample)
        assessment = framework.criteria.get(criterion.id)
        if needs_claims and assessment and not assessment.claims:
            doc.problem(("criteria", criterion.id, "claims"), "needs at least one sourced claim")


def _check_keys(doc: _Document, name: str, mapping: dict[str, Any], known: list[str], *, required: bool) -> None:
    for key in mapping:
        if key not in known:
            guess = difflib.get_close_matches(key, known, n=1)
            hint = f"did you mean {guess[0]!r}?" if guess else f"expected one of: {', '.join(known)}"
            doc.problem((name, key), f"unknown {name[:-1]} {key!r} (not in data/{name}.yml); {hint}")
    if required:
        for key in known:
            if key not in mapping:
                doc.problem((name,), f"missing {name[:-1]} {key!r}; every entry of data/{name}.yml needs a value")


def _feature_rules(support: FeatureSupport) -> Iterator[tuple[Path_, str]]:
    if support.level == "partial" and not support.missing:
        yield ("missing",), "level 'partial' needs 'missing': say what is missing"
    if support.level != "partial" and support.missing:
        yield ("missing",), "'missing' only applies to level 'partial'"
    if support.level in ("official-extension", "third-party") and not support.packages:
        yield ("packages",), f"level {support.level!r} needs 'packages': the package(s) that provide it"
    if support.level != "unknown" and not support.source:
        yield ("source",), f"level {support.level!r} needs a 'source' URL (use level 'unknown' if there is none)"


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


# History does not go stale: who created a framework and when it was first released stay true.
HISTORICAL_FIELDS = {"creators", "first_release"}


def is_stale(path: Path_, as_of: dt.date, today: dt.date | None = None) -> bool:
    """Whether the fact at `path` was checked more than 18 months before `today`."""
    if path[:1] and path[0] in HISTORICAL_FIELDS:
        return False
    return ((today or dt.date.today()) - as_of).days > STALE_AFTER_DAYS


def stale_facts(
    dataset: Dataset, today: dt.date | None = None
) -> dict[str, list[tuple[str, Sourced | FeatureSupport]]]:
    """Facts checked more than 18 months ago, by framework name, oldest first."""
    report = {}
    for framework in dataset.frameworks:
        facts = [(dotted(path), fact) for path, fact in iter_facts(framework) if is_stale(path, fact.as_of, today)]
        if facts:
            report[framework.name] = sorted(facts, key=lambda item: item[1].as_of)
    return report


def framework_schema() -> dict[str, Any]:
    """The JSON Schema editors use to check fact sheets (exported to data/schema/)."""
    schema = Framework.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Python web framework fact sheet"
    return schema
