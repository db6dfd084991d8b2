"""The data model: schema, loading and validation of everything in data/.

This module is the single definition of what a fact sheet may contain. The JSON Schema in
data/schema/ is exported from it (scripts/export_schema.py), and every build and test loads
data through `load_dataset`, which reports every problem at once as
`file:line:column: field.path: message` and raises `DataError`.
"""

from __future__ import annotations

import difflib
import itertools
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from macros.addresses import PAIR_SEPARATOR, RESERVED_IDS, fact_sheet
from macros.fields import (
    HttpsUrl,
    Name,
    PastDate,
    ShortText,
    Slug,
    Text,
    Version,
    comparison_key,
)
from macros.problems import DataError, Path_, Positions, Problem, nearest_position
from macros.vocabulary import INTERFACES, KINDS, LEVELS, SECTIONS
from macros.yaml_source import Document, parse

ROOT = Path(__file__).resolve().parent.parent

SupportLevel = Literal[tuple(LEVELS)]  # type: ignore[valid-type]
Kind = Literal[tuple(KINDS)]  # type: ignore[valid-type]
Interface = Literal[INTERFACES]  # type: ignore[valid-type]
Section = Literal[SECTIONS]  # type: ignore[valid-type]


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


class Criterion(Strict):
    id: Slug
    title: Name
    question: Text
    features: list[Slug] = Field([], max_length=30)
    section: Section | None = None
    sample: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=40)] | None = None


CATALOGUES: dict[str, type[Strict]] = {
    "features.yml": Feature,
    "metrics.yml": MetricDefinition,
    "criteria.yml": Criterion,
}


def _validate(doc: Document, model: type[Strict], data: Any, prefix: Path_ = ()) -> Strict | None:
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
            current = unwrap(current)
            continue
        if part not in current.model_fields:
            current = unwrap(current)  # a dict key such as a feature id
            continue
        current = unwrap(current.model_fields[part].annotation)
    current = unwrap(current)
    return sorted(current.model_fields) if isinstance(current, type) and issubclass(current, BaseModel) else []


def unwrap(annotation: Any) -> Any:
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
    positions: dict[str, Positions]
    root: Path

    def pairs(self) -> list[tuple[Framework, Framework]]:
        return list(itertools.combinations(self.frameworks, 2))

    def line_of(self, framework: Framework, *path: str | int) -> int:
        """The line of a field in a framework's fact sheet, for edit links."""
        return nearest_position(self.positions[fact_sheet(framework.slug)], path)[0]

    def sample_version(self, framework: Framework) -> str:
        return self.sample_versions[_normalise(framework.pypi)]

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


def load_catalogues(root: Path = ROOT) -> Catalogues:
    docs = [parse(root / "data" / filename, root) for filename in CATALOGUES]
    features, metrics, criteria = (
        _load_catalogue(doc, model) for doc, model in zip(docs, CATALOGUES.values(), strict=True)
    )
    feature_ids, metric_ids, criterion_ids = (_written_ids(doc) for doc in docs)
    for index, criterion in enumerate(criteria):
        if criterion.id in RESERVED_IDS:
            docs[2].problem((index, "id"), f"{criterion.id!r} is reserved for a generated page or section")
        for position, feature_id in enumerate(criterion.features):
            if feature_ids is not None and feature_id not in feature_ids:
                docs[2].problem(
                    (index, "features", position), f"unknown feature {feature_id!r} (not in data/features.yml)"
                )
    return Catalogues(docs, features, metrics, criteria, feature_ids, metric_ids, criterion_ids)


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
        framework = _validate(doc, Framework, doc.data)
        if framework is not None:
            for rule in FRAMEWORK_RULES:
                rule(SheetCheck(doc, framework, path.stem, catalogues, sample_versions, root))
            frameworks.append(framework)

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
        entry = _validate(doc, model, item, (index,))
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
                pins[_normalise(match.group(1))] = match.group(2)
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


def _normalise(package: str) -> str:
    return re.sub(r"[-_.]+", "-", package).lower()


# ---------------------------------------------------------------------------
# Rules across fields, files and catalogues: one small function each (tests/macros/test_rules.py)


@dataclass(frozen=True)
class SheetCheck:
    doc: Document
    framework: Framework
    stem: str
    catalogues: Catalogues
    sample_versions: dict[str, str]
    root: Path


def slug_matches_file_name(check: SheetCheck) -> None:
    if check.framework.slug != check.stem:
        check.doc.problem(("slug",), f"slug {check.framework.slug!r} must match the file name {check.stem!r}.yml")


def slug_is_not_reserved(check: SheetCheck) -> None:
    slug = check.framework.slug
    if slug in RESERVED_IDS or PAIR_SEPARATOR.strip("-") in slug.split("-"):
        check.doc.problem(("slug",), f"slug {slug!r} is reserved: no 'index' and no '-vs-' (pair pages use it)")


def keys_match_catalogues(check: SheetCheck) -> None:
    catalogues = check.catalogues
    for name, known, required in (
        ("features", catalogues.feature_ids, True),
        ("metrics", catalogues.metric_ids, False),
        ("criteria", catalogues.criterion_ids, True),
    ):
        if known is not None:
            _check_keys(check.doc, name, getattr(check.framework, name), known, required=required)


def feature_levels_are_complete(check: SheetCheck) -> None:
    for feature_id, support in check.framework.features.items():
        path = ("features", feature_id)
        if support.level == "partial" and not support.missing:
            check.doc.problem((*path, "missing"), "level 'partial' needs 'missing': say what is missing")
        if support.level != "partial" and support.missing:
            check.doc.problem((*path, "missing"), "'missing' only applies to level 'partial'")
        if support.level in ("official-extension", "third-party") and not support.packages:
            check.doc.problem(
                (*path, "packages"), f"level {support.level!r} needs 'packages': the package(s) that provide it"
            )
        if support.level != "unknown" and not support.source:
            check.doc.problem(
                (*path, "source"),
                f"level {support.level!r} needs a 'source' URL (use level 'unknown' if there is none)",
            )


def no_duplicate_entries(check: SheetCheck) -> None:
    framework = check.framework
    for field_name, keys in (
        ("pros", framework.pros),
        ("cons", framework.cons),
        ("notable_users", [user.organisation for user in framework.notable_users]),
    ):
        seen: set[str] = set()
        for index, key in enumerate(map(comparison_key, keys)):
            if key in seen:
                check.doc.problem((field_name, index), f"duplicate entry {key!r}")
            seen.add(key)


def releases_are_in_order(check: SheetCheck) -> None:
    if check.framework.first_release.date > check.framework.latest_release.date:
        check.doc.problem(("first_release", "date"), "the first release must not be dated after the latest release")


def package_is_pinned(check: SheetCheck) -> None:
    if _normalise(check.framework.pypi) not in check.sample_versions:
        check.doc.problem(("pypi",), f"package {check.framework.pypi!r} is not pinned in data/samples/requirements.txt")


def samples_exist(check: SheetCheck) -> None:
    for criterion in check.catalogues.criteria:
        path = f"data/samples/{check.framework.slug}/{criterion.sample}.py"
        if criterion.sample and not (check.root / path).is_file():
            check.doc.problem(
                ("criteria", criterion.id),
                f"criterion {criterion.id!r} shows sample {criterion.sample!r}, but {path} does not exist",
            )


def assessments_have_claims(check: SheetCheck) -> None:
    for criterion in check.catalogues.criteria:
        assessment = check.framework.criteria.get(criterion.id)
        if assessment and not (criterion.section or criterion.sample) and not assessment.claims:
            check.doc.problem(("criteria", criterion.id, "claims"), "needs at least one sourced claim")


SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9])")
REFERENCES = re.compile(r"\[(\d+(?:,\s*\d+)*)\][.!?]?$")


def summaries_cite_their_claims(check: SheetCheck) -> None:
    """Summaries carry no source of their own, so each sentence names the claims behind it."""
    for criterion_id, assessment in check.framework.criteria.items():
        path = ("criteria", criterion_id, "summary")
        if assessment.summary is None:
            continue
        if not assessment.claims:
            check.doc.problem(path, "a summary needs claims to stand on: add sourced claims or remove the summary")
            continue
        for number, sentence in enumerate(SENTENCE_END.split(assessment.summary), start=1):
            found = REFERENCES.search(sentence)
            if not found:
                check.doc.problem(
                    path, f"sentence {number} ({sentence[:40]!r}...) must end with the claims that back it, e.g. [1, 2]"
                )
                continue
            for reference in map(int, found.group(1).split(",")):
                if not 1 <= reference <= len(assessment.claims):
                    check.doc.problem(
                        path, f"sentence {number} cites claim [{reference}], but there are {len(assessment.claims)}"
                    )


# Canonical key order (applied by scripts/sort_keys.py through macros/key_order.py)

CITATION_FIELDS = ("source", "as_of")
CATALOGUE_KEYED = {"features": "feature_ids", "metrics": "metric_ids", "criteria": "criterion_ids"}


def field_order(model: type[BaseModel]) -> list[str]:
    names = list(model.model_fields)
    return [name for name in names if name not in CITATION_FIELDS] + [n for n in CITATION_FIELDS if n in names]


def catalogue_children(model: Any, key: str, catalogues: Catalogues, top: bool) -> tuple[Any, list[str] | None]:
    """The model of the value under `key`, and the order of its keys when it is a catalogue-keyed dict."""
    annotation = model.model_fields[key].annotation
    if top and key in CATALOGUE_KEYED:
        return unwrap(annotation), getattr(catalogues, CATALOGUE_KEYED[key])
    return unwrap(annotation), None


def misplaced_keys(data: Any, catalogues: Catalogues) -> list[tuple[tuple[str | int, ...], str, str]]:
    """(path of the mapping, key, the key it should come before) for each mapping out of order."""
    found: list[tuple[tuple[str | int, ...], str, str]] = []

    def visit(value: Any, model: Any, order: list[str] | None, path: tuple[str | int, ...], top: bool) -> None:
        if not isinstance(value, dict):  # items of lists keep the order they are written in
            return
        is_model = isinstance(model, type) and issubclass(model, BaseModel)
        wanted = order if order is not None else (field_order(model) if is_model else None)
        if wanted is not None:
            rank = {key: index for index, key in enumerate(wanted)}
            written = [key for key in value if key in rank]
            for before, after in itertools.pairwise(written):
                if rank[after] < rank[before]:
                    found.append((path, after, before))
                    break
        for key, item in value.items():
            if order is not None:
                visit(item, model, None, (*path, key), False)
            elif is_model and key in model.model_fields:
                child, child_order = catalogue_children(model, key, catalogues, top)
                visit(item, child, child_order, (*path, key), False)

    visit(data, Framework, None, (), True)
    return found


def keys_in_canonical_order(check: SheetCheck) -> None:
    """One order for every sheet keeps diffs small; scripts/sort_keys.py applies it."""
    for path, key, before in misplaced_keys(check.doc.data, check.catalogues):
        check.doc.problem(
            (*path, key), f"{key!r} should come before {before!r}; run python -m scripts.sort_keys to fix the order"
        )


FRAMEWORK_RULES = (
    slug_matches_file_name,
    slug_is_not_reserved,
    keys_match_catalogues,
    feature_levels_are_complete,
    no_duplicate_entries,
    releases_are_in_order,
    package_is_pinned,
    samples_exist,
    assessments_have_claims,
    summaries_cite_their_claims,
    keys_in_canonical_order,
)


def _check_keys(doc: Document, name: str, mapping: dict[str, Any], known: list[str], *, required: bool) -> None:
    known_set = set(known)
    for key in mapping:
        if key not in known_set:
            guess = difflib.get_close_matches(key, known, n=1)
            hint = f"did you mean {guess[0]!r}?" if guess else f"expected one of: {', '.join(known)}"
            doc.problem((name, key), f"unknown {name[:-1]} {key!r} (not in data/{name}.yml); {hint}")
    if required:
        for key in known:
            if key not in mapping:
                doc.problem((name,), f"missing {name[:-1]} {key!r}; every entry of data/{name}.yml needs a value")


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
