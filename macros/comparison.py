"""What tells frameworks apart, computed from the fact sheets: key differences of a pair, the
decision guide's static table, and the compact data the guide and compare pages read.

No verdict is written here: every difference and every reason is a fact of a sheet, and
points back to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from macros import addresses
from macros.model import Dataset, Feature, FeatureSupport, Framework, Need
from macros.per_dataset import per_dataset
from macros.rules import SENTENCE_END
from macros.views_footprint import FootprintView
from macros.views_security import security_summaries
from macros.views_status import STATUS_METRICS, status_summaries
from macros.vocabulary import LEVELS


def python_floor(framework: Framework) -> str | None:
    """The lowest Python 3 version the latest release supports, read from the sheet's text
    ('>=3.10 (…)' or '… Python 3.8 or later'); None when the text does not say it plainly."""
    text = framework.python.value
    found = re.search(r">=\s*(3\.\d+)", text) or re.search(r"Python (3\.\d+)(?:\.\d+)? or later", text)
    return found.group(1) if found else None


def licence_id(framework: Framework) -> str:
    """The licence's identifier: the sheet's value up to the first space or parenthesis."""
    return re.split(r"[\s(]", framework.license.value, maxsplit=1)[0]


@dataclass(frozen=True)
class Difference:
    label: str
    first: str
    second: str
    anchor: str  # where the evidence is, on each framework's page


@dataclass(frozen=True)
class FeatureDifference:
    feature: Feature
    first: FeatureSupport
    second: FeatureSupport


@dataclass(frozen=True)
class KeyDifferences:
    facts: list[Difference]  # identity facts that differ
    features: list[FeatureDifference]  # features whose support levels differ
    same_features: list[tuple[Feature, str]]  # (feature, shared level) for the rest


def key_differences(dataset: Dataset, first: Framework, second: Framework) -> KeyDifferences:
    facts = [
        Difference(label, a, b, anchor)
        for label, a, b, anchor in (
            ("Kind", dataset.kind_label(first), dataset.kind_label(second), "identity"),
            ("Interfaces", ", ".join(first.interfaces.value), ", ".join(second.interfaces.value), "identity"),
            ("Lowest Python", python_floor(first) or "unknown", python_floor(second) or "unknown", "identity"),
            ("Licence", licence_id(first), licence_id(second), "identity"),
            ("First release", str(first.first_release.date.year), str(second.first_release.date.year), "identity"),
        )
        if a != b
    ]
    features, same = [], []
    for feature in dataset.features:
        a, b = first.features[feature.id], second.features[feature.id]
        if a.level != b.level:
            features.append(FeatureDifference(feature, a, b))
        else:
            same.append((feature, a.level))
    return KeyDifferences(facts, features, same)


@dataclass(frozen=True)
class NeedRow:
    feature: Feature
    by_level: dict[str, list[Framework]]  # level -> frameworks at that level, every level present


def needs_table(dataset: Dataset) -> list[tuple[Need, list[NeedRow]]]:
    """For the guide without JavaScript: per need and feature, who has it at which level. An
    extension is listed only for the features it provides itself: its base's are its base's."""
    features = {feature.id: feature for feature in dataset.features}
    table = []
    for need in dataset.needs:
        rows = []
        for feature_id in need.features:
            by_level: dict[str, list[Framework]] = {level: [] for level in LEVELS}
            for framework in dataset.frameworks:
                support = framework.features[feature_id]
                if not support.provided_by:
                    by_level[support.level].append(framework)
            rows.append(NeedRow(features[feature_id], by_level))
        table.append((need, rows))
    return table


def first_sentence(summary: str | None) -> str | None:
    """A summary's first sentence without its claim numbers, for pages that link to the rest."""
    stripped = strip_references(summary)
    return SENTENCE_END.split(stripped)[0] if stripped else stripped


def strip_references(summary: str | None) -> str | None:
    """A summary without its claim numbers, for pages that link to the claims instead of listing them."""
    return re.sub(r"\s*\[\d+(?:,\s*\d+)*\]", "", summary) if summary else summary


def compare_data(dataset: Dataset) -> dict[str, Any]:
    """The compact record the guide and compare pages read (api/v1/compare.json).

    Page addresses are site-root-relative directory URLs, e.g. "frameworks/flask/".
    """

    def page(path: str) -> str:
        return addresses.relative_url(addresses.HOME, path)

    risks = risk_data(dataset)
    return {
        "levels": [
            {"id": key, "label": level.label, "icon": level.icon, "score": level.score} for key, level in LEVELS.items()
        ],
        "features": [{"id": f.id, "name": f.name, "category": f.category} for f in dataset.features],
        "criteria": [
            {"id": c.id, "title": c.title, "page": page(addresses.criterion_page(c.id))} for c in dataset.criteria
        ],
        "needs": [{"id": n.id, "question": n.question, "features": list(n.features)} for n in dataset.needs],
        # Metrics the status rows show already are not repeated among the community figures.
        "metrics": [
            {"id": m.id, "name": m.name, "unit": m.unit} for m in dataset.metrics if m.id not in STATUS_METRICS
        ],
        "section_pages": {
            section: page(path) for section in ("community", "benchmarks") if (path := section_page(dataset, section))
        },
        "benchmark": benchmark_header(dataset),
        "risk_anchors": addresses.RISK_ANCHORS,
        "risk_rows": [
            {"group": group, "id": key, "label": label, "anchor": anchor} for group, key, label, anchor in RISK_ROWS
        ],
        "frameworks": [
            {
                "slug": fw.slug,
                "name": fw.name,
                "page": page(addresses.framework_page(fw.slug)),
                "kind": fw.kind,
                "kind_label": dataset.kind_label(fw),
                "builds_on": fw.builds_on.framework if fw.builds_on else None,
                "builds_on_name": dataset.name_of(fw.builds_on.framework) if fw.builds_on else None,
                "from_base": [key for key, support in fw.features.items() if support.provided_by],
                "interfaces": list(fw.interfaces.value),
                "python_floor": python_floor(fw),
                "license": licence_id(fw),
                "first_release_year": fw.first_release.date.year,
                "latest_release": {"version": fw.latest_release.version, "date": fw.latest_release.date.isoformat()},
                "features": {key: support.level for key, support in fw.features.items()},
                "metrics": {key: figure.value for key, figure in fw.metrics.items()},
                "figures": {
                    key: {"value": item.value, "as_of": item.as_of.isoformat()} for key, item in fw.metrics.items()
                },
                "measured": benchmark_figures(dataset, fw),
                "risk": risks[fw.slug]["risk"],
                "risk_cells": risk_cells(risks[fw.slug]),
                "good_fit": list(fw.use_cases.good_fit),
                "poor_fit": list(fw.use_cases.poor_fit),
                "summaries": {key: strip_references(item.summary) for key, item in fw.criteria.items()},
            }
            for fw in dataset.frameworks
        ],
    }


def section_page(dataset: Dataset, section: str) -> str | None:
    """The page of the criterion that shows a section (e.g. "benchmarks"), if a criterion does."""
    found = next((criterion for criterion in dataset.criteria if criterion.section == section), None)
    return addresses.criterion_page(found.id) if found else None


def benchmark_header(dataset: Dataset) -> dict[str, Any] | None:
    """The latest benchmark run's date and servers, for the figures of `benchmark_figures`."""
    if not dataset.benchmarks:
        return None
    run = dataset.benchmarks[-1]
    return {
        "date": run.date.isoformat(),
        "servers": [{"id": server.id, "name": server.name, "interface": server.interface} for server in run.servers],
    }


def benchmark_figures(dataset: Dataset, framework: Framework) -> list[dict[str, Any]]:
    """The framework's results in the latest run: per sample and server, requests per second of
    server CPU time (median) and that figure as a share of the bare app's on the baseline server.
    Only figures on the same server are comparable with each other."""
    if not dataset.benchmarks:
        return []
    run = dataset.benchmarks[-1]
    return [
        {
            "sample": result.sample,
            "server": result.server,
            "baseline_server": result.baseline_server,
            "requests_per_cpu_second": result.requests_per_cpu_second.median,
            "ratio": result.ratio.median,
        }
        for result in run.results
        if result.framework == framework.slug
    ]


def history_data(dataset: Dataset) -> dict[str, Any]:
    """Community figures over time (api/v1/history.json), for the compare page's chart: every
    series of every framework, each what one source measured with one method."""
    return {
        "metrics": [{"id": m.id, "name": m.name, "unit": m.unit} for m in dataset.metrics if m.tracked],
        "series": [
            {
                "framework": series.framework,
                "metric": series.metric,
                "label": series.label,
                "points": [[point.date.isoformat(), point.value] for point in series.points],
            }
            for series in dataset.history
        ],
    }


@per_dataset
def risk_data(dataset: Dataset) -> dict[str, dict[str, Any]]:
    """Per framework slug, the maintenance, security and footprint facts the compare page shows
    and the guide's risk question reads (`risk`), from the same view-models as the pages."""
    statuses, securities, footprints = status_summaries(dataset), security_summaries(dataset), FootprintView(dataset)
    found: dict[str, dict[str, Any]] = {}
    for framework in dataset.frameworks:
        status = statuses[framework.slug]
        security = securities.get(framework.slug)
        footprint = footprints.summary(framework)
        releases = status["releases_last_12_months"]
        found[framework.slug] = {
            "status": {
                "releases_12_months": releases and {key: releases[key] for key in ("count", "from", "to")},
                "commits_12_months": _figure(status["commits_last_12_months"]),
                "half_of_commits_people": _figure(status["half_of_commits_people"]),
                "support": status["support"],
            },
            "security": security.as_json() if security else None,
            "footprint": {key: value for key, value in footprint.items() if key != "python_series"},
            "risk": {
                "releases_12_months": releases["count"] if releases else None,
                "unfixed_advisories": security.unfixed_in_pinned if security else None,
                "typed": footprint["py_typed"],
                "distributions": footprint["distributions"],
            },
        }
    return found


def _figure(figure: dict[str, Any] | None) -> dict[str, Any] | None:
    return figure and {"value": figure["value"], "to": figure["to"]}


# The compare page's and the matrix's rows of maintenance, security and footprint facts: (group,
# row id, label, the framework page's anchor). Their text per framework comes from `risk_cells`.
RISK_ROWS = (
    ("Maintenance", "releases", "Releases in the last 12 months", "releases"),
    ("Maintenance", "commits", "Commits in the last 12 months", "releases"),
    ("Maintenance", "half", "People behind half of the commits of 24 months", "releases"),
    ("Maintenance", "support", "Supported release series", "releases"),
    ("Security record", "advisories", "Advisories, all time", "advisories"),
    ("Security record", "recent", "Advisories in the last 24 months", "advisories"),
    ("Security record", "unfixed", "Unfixed in the release tested here", "advisories"),
    ("Footprint", "distributions", "Distributions installed", "footprint"),
    ("Footprint", "size", "Installed size", "footprint"),
    ("Footprint", "import", "Import time", "footprint"),
    ("Footprint", "typing", "Type information", "footprint"),
    ("Footprint", "python", "Lowest Python of the newest series", "footprint"),
)


def risk_cells(facts: dict[str, Any]) -> dict[str, str]:
    """One framework's text for each of RISK_ROWS, from its entry of `risk_data`."""
    status, security, footprint = facts["status"], facts["security"], facts["footprint"]

    def dated(figure: dict[str, Any] | None) -> str:
        return f"{figure['value']:,} (to {figure['to']})" if figure else "unknown"

    def known(value: Any, text: str) -> str:
        return "unknown" if value is None else text

    releases = status["releases_12_months"]
    recent: dict[str, Any] = security["last_24_months"] if security else {}
    completeness = footprint["type_completeness"]
    return {
        "releases": f"{releases['count']} ({releases['from']} to {releases['to']})" if releases else "unknown",
        "commits": dated(status["commits_12_months"]),
        "half": dated(status["half_of_commits_people"]),
        "support": _support_text(status["support"]),
        "advisories": f"{security['all_time']} (data to {security['covers_until']})" if security else "unknown",
        "recent": "unknown"
        if not security
        else (
            f"not covered (data to {security['covers_until']})" if recent.get("count") is None else str(recent["count"])
        ),
        "unfixed": f"{security['unfixed_in_pinned']} in {security['pinned']}" if security else "unknown",
        "distributions": known(footprint["distributions"], f"{footprint['distributions']}"),
        "size": known(footprint["installed_bytes"], f"{(footprint['installed_bytes'] or 0) / 1e6:.1f} MB"),
        "import": known(footprint["import_ms"], f"{round(footprint['import_ms'] or 0)} ms"),
        "typing": known(
            footprint["py_typed"],
            ("py.typed" if footprint["py_typed"] else "no py.typed")
            + ("" if completeness is None else f"; {round(completeness * 100)}% of symbols typed"),
        ),
        "python": footprint["newest_series_lowest_python"] or "unknown",
    }


def _support_text(support: dict[str, Any]) -> str:
    if support["published"] is False:
        return "No published support policy"
    supported = support.get("supported") or []
    if not supported:
        return "None current" if support["published"] else "unknown"
    return "; ".join(f"{item['series']}{' LTS' if item['lts'] else ''}: {item['ends']}" for item in supported)
