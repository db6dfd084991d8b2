"""The public data API, version 1: an explicit projection of the fact sheets.

The API has its own models, filled field by field from the internal model, so renaming an
internal field cannot change what consumers read. A breaking change means a new version
(api/v2/) next to this one; adding a field keeps `SCHEMA_VERSION` and is noted on the API page.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from pydantic import BaseModel, ConfigDict

from macros import addresses, licences
from macros.comparison import compare_data, history_data, risk_data
from macros.model import Dataset, FeatureSupport, Framework, Sourced
from macros.vocabulary import LEVELS

SCHEMA_VERSION = 1


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Citation(Record):
    source: str | None
    as_of: dt.date


class Fact(Citation):
    value: str | list[str]


class Release(Citation):
    version: str
    date: dt.date


class Support(Citation):
    level: str
    packages: list[str]
    since: str | None
    missing: str | None
    note: str | None
    # Added in API v1 without a version change: for an extension, the framework the feature comes from.
    provided_by: str | None = None


class Figure(Citation):
    value: int
    method: str


class Claim(Citation):
    text: str
    since: str | None


class Assessment(Record):
    summary: str | None
    claims: list[Claim]


class NotableUser(Citation):
    organisation: str
    usage: str
    evidence_archived: dt.date | None


class FrameworkRecord(Record):
    schema_version: int
    slug: str
    name: str
    tagline: str
    kind: str
    homepage: str
    documentation: str
    repository: str
    pypi: str
    license: Fact
    creators: Fact
    first_release: Release
    latest_release: Release
    python: Fact
    interfaces: Fact
    features: dict[str, Support]
    metrics: dict[str, Figure]
    good_fit: list[str]
    poor_fit: list[str]
    notable_users: list[NotableUser]
    pros: list[str]
    cons: list[str]
    criteria: dict[str, Assessment]
    # Added in API v1 without a version change (fields were only added): the framework page's
    # status, security record and footprint, as the compare page reads them; null when unknown.
    status: dict[str, Any] | None = None
    security: dict[str, Any] | None = None
    footprint: dict[str, Any] | None = None
    # Added in API v1 without a version change: the framework an extension adds to, cited.
    builds_on: Fact | None = None


def _cite(fact: Sourced | FeatureSupport) -> dict[str, Any]:
    return {"source": fact.source, "as_of": fact.as_of}


def framework_record(framework: Framework, risk: dict[str, Any] | None = None) -> FrameworkRecord:
    fw = framework
    return FrameworkRecord(
        schema_version=SCHEMA_VERSION,
        slug=fw.slug,
        name=fw.name,
        tagline=fw.tagline,
        kind=fw.kind,
        homepage=fw.homepage,
        documentation=fw.documentation,
        repository=fw.repository,
        pypi=fw.pypi,
        license=Fact(value=fw.license.value, **_cite(fw.license)),
        creators=Fact(value=list(fw.creators.value), **_cite(fw.creators)),
        first_release=Release(version=fw.first_release.version, date=fw.first_release.date, **_cite(fw.first_release)),
        latest_release=Release(
            version=fw.latest_release.version, date=fw.latest_release.date, **_cite(fw.latest_release)
        ),
        python=Fact(value=fw.python.value, **_cite(fw.python)),
        builds_on=Fact(value=fw.builds_on.framework, **_cite(fw.builds_on)) if fw.builds_on else None,
        interfaces=Fact(value=list(fw.interfaces.value), **_cite(fw.interfaces)),
        features={
            key: Support(
                level=item.level,
                packages=list(item.packages),
                since=item.since,
                missing=item.missing,
                note=item.note,
                provided_by=item.provided_by,
                **_cite(item),
            )
            for key, item in fw.features.items()
        },
        metrics={key: Figure(value=item.value, method=item.method, **_cite(item)) for key, item in fw.metrics.items()},
        good_fit=list(fw.use_cases.good_fit),
        poor_fit=list(fw.use_cases.poor_fit),
        notable_users=[
            NotableUser(
                organisation=user.organisation,
                usage=user.usage,
                evidence_archived=user.evidence_archived,
                **_cite(user),
            )
            for user in fw.notable_users
        ],
        pros=list(fw.pros),
        cons=list(fw.cons),
        criteria={
            key: Assessment(
                summary=item.summary,
                claims=[Claim(text=claim.text, since=claim.since, **_cite(claim)) for claim in item.claims],
            )
            for key, item in fw.criteria.items()
        },
        **{key: (risk or {}).get(key) for key in ("status", "security", "footprint")},
    )


def licence_record() -> dict[str, Any]:
    """The data's licence, and the third-party data that keeps its own (added within version 1)."""
    return {
        "data": {"spdx": licences.DATA.spdx, "name": licences.DATA.name, "url": licences.DATA.url},
        "code": {"spdx": licences.CODE.spdx, "name": licences.CODE.name, "url": licences.CODE.url},
        "third_party": [
            {
                "name": item.name,
                "url": item.url,
                "licence": item.licence.spdx,
                "licence_url": item.licence.url,
                "used_in": item.used_in,
                "attribution": item.attribution,
            }
            for item in licences.THIRD_PARTY
        ],
    }


def index_record(dataset: Dataset) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "licence": licence_record(),
        "frameworks": [
            {"slug": fw.slug, "name": fw.name, "url": f"frameworks/{fw.slug}.json"} for fw in dataset.frameworks
        ],
        "levels": [{"id": key, "label": level.label, "meaning": level.meaning} for key, level in LEVELS.items()],
        "features": [
            {"id": item.id, "name": item.name, "category": item.category, "description": item.description}
            for item in dataset.features
        ],
        "criteria": [{"id": item.id, "title": item.title, "question": item.question} for item in dataset.criteria],
        "metrics": [
            {"id": item.id, "name": item.name, "unit": item.unit, "description": item.description}
            for item in dataset.metrics
        ],
    }


def schema() -> dict[str, Any]:
    document = FrameworkRecord.model_json_schema()
    document["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    document["title"] = f"Python web frameworks compared: framework record, API v{SCHEMA_VERSION}"
    return document


def dump(value: Any, *, compact: bool = False) -> str:
    """JSON text, indented unless `compact` (for files of thousands of points)."""
    layout: dict[str, Any] = {"separators": (",", ":")} if compact else {"indent": 2}
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str, **layout)
    # Escaping <, > and & keeps the JSON inert even if a browser is tricked into reading it as HTML.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") + "\n"


def api_files(dataset: Dataset) -> dict[str, str]:
    """The API's files by site path."""
    risks = risk_data(dataset)
    files = {
        addresses.api_framework(fw.slug): dump(framework_record(fw, risks[fw.slug]).model_dump(mode="json"))
        for fw in dataset.frameworks
    }
    files[addresses.api_index()] = dump(index_record(dataset))
    files[addresses.api_compare()] = dump({"schema_version": SCHEMA_VERSION} | compare_data(dataset))
    files[addresses.api_history()] = dump({"schema_version": SCHEMA_VERSION} | history_data(dataset), compact=True)
    files[addresses.api_schema()] = dump(schema())
    return files
