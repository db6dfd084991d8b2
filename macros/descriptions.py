"""Each page's own description, one plain sentence from its data: what search results and link
previews show (`<meta name="description">`, Open Graph and Twitter tags).

Every page type of macros/pages.py names its function here; a type without one gets `default`.
The text is plain (the theme escapes it) and unique per page: each names its page's subject.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from macros import addresses, licences
from macros.comparison import licence_id
from macros.freshness import STALE_AFTER_WORDS
from macros.model import Dataset, Framework
from macros.vocabulary import LEVELS

if TYPE_CHECKING:
    from macros.pages import Instance
    from macros.views import Views

LIMIT = 160  # what search engines show of a description
SUBJECT = "Python web frameworks"


def clip(text: str, limit: int = LIMIT) -> str:
    """`text` on one line, cut after the last whole word that fits in `limit` characters."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:(") + "…"


def listing(names: Sequence[str], most: int = 3) -> str:
    """'A, B and C', or 'A, B, C and 9 more'."""
    if len(names) > most:
        return f"{', '.join(names[:most])} and {len(names) - most} more"
    return " and ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else "".join(names)


def _count(dataset: Dataset) -> str:
    return f"{len(dataset.frameworks)} {SUBJECT}"


def default(dataset: Dataset, views: Views, instance: Instance) -> str:
    return clip(f"{instance.title}: part of a comparison of {_count(dataset)}, each fact cited and dated.")


def home(dataset: Dataset, views: Views, instance: Instance) -> str:
    names = listing([framework.name for framework in dataset.frameworks])
    return clip(
        f"{_count(dataset)} ({names}) compared on {len(dataset.criteria)} criteria and "
        f"{len(dataset.features)} features, each fact cited and dated."
    )


def guide(dataset: Dataset, views: Views, instance: Instance) -> str:
    first = f" such as: {dataset.needs[0].question}" if dataset.needs else ""
    return clip(f"Rank {_count(dataset)} by what your project needs: {len(dataset.needs)} questions{first}")


def frameworks_index(dataset: Dataset, views: Views, instance: Instance) -> str:
    return clip(f"All {_count(dataset)} compared here: {', '.join(fw.name for fw in dataset.frameworks)}")


def framework(dataset: Dataset, views: Views, instance: Instance) -> str:
    fw: Framework = instance.values["framework"]
    release = fw.latest_release
    return clip(
        f"{fw.name}, latest release {release.version} ({release.date}): {dataset.kind_label(fw)}, "
        f"{' and '.join(fw.interfaces.value)}, {licence_id(fw)}. {fw.tagline}"
    )


def criteria_index(dataset: Dataset, views: Views, instance: Instance) -> str:
    titles = ", ".join(criterion.title for criterion in dataset.criteria)
    return clip(f"{len(dataset.criteria)} criteria to compare {SUBJECT} on: {titles}")


def criterion(dataset: Dataset, views: Views, instance: Instance) -> str:
    item = instance.values["criterion"]
    return clip(f"{item.title}, {_count(dataset)} compared: {item.question}")


def matrix(dataset: Dataset, views: Views, instance: Instance) -> str:
    levels = listing([level.label.lower() for key, level in LEVELS.items() if key != "unknown"], most=len(LEVELS))
    return clip(f"Which of {_count(dataset)} has each of {len(dataset.features)} features, and how: {levels}.")


def compare_index(dataset: Dataset, views: Views, instance: Instance) -> str:
    pairs = dataset.pairs()
    example = f", such as {pairs[0][0].name} vs {pairs[0][1].name}" if pairs else ""
    return clip(
        f"Compare two to five of {_count(dataset)} side by side, or read one of {len(pairs)} pair pages{example}."
    )


def pair(dataset: Dataset, views: Views, instance: Instance) -> str:
    first, second = instance.values["first"], instance.values["second"]
    diff = views.compare.key_differences(first, second)
    total = len(diff.features) + len(diff.same_features)
    parts = [f"{len(diff.features)} of {total} features differ"]
    parts += [f"{fact.label[0].lower()}{fact.label[1:]} {fact.first} vs {fact.second}" for fact in diff.facts]
    return clip(f"{first.name} vs {second.name}: {'; '.join(parts)}.")


def trends(dataset: Dataset, views: Views, instance: Instance) -> str:
    fw: Framework = instance.values["framework"]
    parts = []
    history = views.trends.release_history(fw)
    if history is not None:
        parts.append(f"{len(history.releases)} releases since {history.first.date}")
    if views.trends.support_windows(fw) is not None:
        parts.append("support windows")
    parts += [metric.name for metric in views.trends.trend_metrics(fw)]
    return clip(f"{fw.name} over time: {listing(parts, most=len(parts))}, as charts with data tables.")


def sources(dataset: Dataset, views: Views, instance: Instance) -> str:
    citations = views.evidence.citations()
    facts = sum(len(items) for _, items in citations)
    return clip(
        f"The {len(citations)} sources behind {facts} dated facts about {_count(dataset)}, "
        "each listed once with the facts that cite it."
    )


def review(dataset: Dataset, views: Views, instance: Instance) -> str:
    stale = sum(len(facts) for facts in views.evidence.stale_facts().values())
    users = len(views.evidence.doubtful_users())
    return clip(
        f"To check again: {stale} facts checked more than {STALE_AFTER_WORDS} ago and {users} notable users "
        f"whose evidence is archived or old, across {_count(dataset)}."
    )


def changes(dataset: Dataset, views: Views, instance: Instance) -> str:
    return clip(
        f"What changed in the data of {_count(dataset)}, by date: releases, advisories, benchmark runs, "
        "community figures and facts checked, with an Atom feed."
    )


def api(dataset: Dataset, views: Views, instance: Instance) -> str:
    return clip(
        f"The data of {_count(dataset)} as a versioned JSON API ({addresses.API_VERSION}): each framework's "
        f"record, the compare data and its JSON Schema, under {licences.DATA.label}."
    )
