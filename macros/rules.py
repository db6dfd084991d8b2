"""Rules across fields, files and catalogues: one small named function each.

Each rule takes a `SheetCheck` and records problems on the sheet's document; `load_dataset`
runs every rule in `FRAMEWORK_RULES`, so all problems are reported at once. Each rule has its
own tests in tests/macros/test_rules.py.
"""

from __future__ import annotations

import difflib
import itertools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from macros.addresses import PAIR_SEPARATOR, id_clash
from macros.fields import comparison_key
from macros.schema_errors import unwrap
from macros.yaml_source import Document

if TYPE_CHECKING:
    from macros.model import Catalogues, Framework


def normalise_package(package: str) -> str:
    return re.sub(r"[-_.]+", "-", package).lower()


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
    if PAIR_SEPARATOR.strip("-") in slug.split("-"):
        check.doc.problem(("slug",), f"slug {slug!r} is reserved: no '-vs-' or 'vs' word (pair pages use it)")
    elif clash := id_clash(slug):
        check.doc.problem(("slug",), f"slug {clash}: choose another")


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


def extensions_name_their_base(check: SheetCheck) -> None:
    framework = check.framework
    base = framework.builds_on.framework if framework.builds_on else None
    if framework.kind == "extension" and base is None:
        check.doc.problem(("kind",), "kind 'extension' needs 'builds_on': the framework it adds to")
    if base is not None and framework.kind != "extension":
        check.doc.problem(("builds_on",), "'builds_on' is only for kind 'extension'")
    if base == framework.slug:
        check.doc.problem(("builds_on", "framework"), "a framework cannot build on itself")
    for feature_id, support in framework.features.items():
        if support.provided_by is not None and support.provided_by != base:
            check.doc.problem(
                ("features", feature_id, "provided_by"),
                f"'provided_by' must be the framework named in 'builds_on' ({base or 'none'})",
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


def misplaced_keys(
    data: Any, catalogues: Catalogues, model: type[BaseModel]
) -> list[tuple[tuple[str | int, ...], str, str]]:
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

    visit(data, model, None, (), True)
    return found


# The misplaced keys of each sheet, by its digest and the catalogues' orders: under `mkdocs serve`
# the other sheets of an edit are the same as before.
_MISPLACED: dict[str, tuple[Any, list[tuple[tuple[str | int, ...], str, str]]]] = {}


def keys_in_canonical_order(check: SheetCheck) -> None:
    """One order for every sheet keeps diffs small; scripts/sort_keys.py applies it."""
    orders = tuple(tuple(getattr(check.catalogues, name)) for name in CATALOGUE_KEYED.values())
    known = _MISPLACED.get(check.doc.name)
    if check.doc.digest and known is not None and known[0] == (check.doc.digest, orders):
        misplaced = known[1]
    else:
        misplaced = misplaced_keys(check.doc.data, check.catalogues, type(check.framework))
        if check.doc.digest:
            _MISPLACED[check.doc.name] = ((check.doc.digest, orders), misplaced)
    for path, key, before in misplaced:
        check.doc.problem(
            (*path, key), f"{key!r} should come before {before!r}; run python -m scripts.sort_keys to fix the order"
        )


FRAMEWORK_RULES = (
    slug_matches_file_name,
    slug_is_not_reserved,
    keys_match_catalogues,
    feature_levels_are_complete,
    extensions_name_their_base,
    no_duplicate_entries,
    releases_are_in_order,
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
