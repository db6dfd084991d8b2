"""The freshness policy, stated once: when a fact or a notable user needs checking again."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from macros.model import Dataset, FeatureSupport, Framework, NotableUser, Sourced, iter_facts
from macros.problems import Path_, dotted

STALE_AFTER_DAYS = 548
STALE_AFTER_WORDS = "18 months"

# History does not go stale: who created a framework and when it was first released stay true.
HISTORICAL_FIELDS = {"creators", "first_release"}


def is_stale(path: Path_, as_of: dt.date, today: dt.date | None = None) -> bool:
    """Whether the fact at `path` was checked longer ago than the freshness window."""
    if path[:1] and path[0] in HISTORICAL_FIELDS:
        return False
    return ((today or dt.date.today()) - as_of).days > STALE_AFTER_DAYS


def stale_since(as_of: dt.date) -> dt.date:
    """The first day a fact checked on `as_of` counts as stale."""
    return as_of + dt.timedelta(days=STALE_AFTER_DAYS + 1)


def stale_facts(
    dataset: Dataset, today: dt.date | None = None
) -> dict[str, list[tuple[str, Sourced | FeatureSupport]]]:
    """Facts checked longer ago than the freshness window, by framework name, oldest first."""
    report = {}
    for framework in dataset.frameworks:
        facts = [(dotted(path), fact) for path, fact in iter_facts(framework) if is_stale(path, fact.as_of, today)]
        if facts:
            report[framework.name] = sorted(facts, key=lambda item: item[1].as_of)
    return report


@dataclass(frozen=True)
class DoubtfulUser:
    framework: Framework
    user: NotableUser
    reason: str


def user_doubt(user: NotableUser, today: dt.date | None = None) -> Literal["archived", "stale"] | None:
    """Why a notable user's use may have ended, or None: its evidence is archived, or was checked
    longer ago than the freshness window. Every page that names the user flags it by this."""
    if user.evidence_archived:
        return "archived"
    if is_stale(("notable_users",), user.as_of, today):
        return "stale"
    return None


def doubtful_notable_users(dataset: Dataset, today: dt.date | None = None) -> list[DoubtfulUser]:
    """Notable users whose evidence is archived or older than the freshness window: the use may have ended."""
    report = []
    for framework in dataset.frameworks:
        for user in framework.notable_users:
            doubt = user_doubt(user, today)
            if doubt == "archived":
                report.append(DoubtfulUser(framework, user, f"evidence archived on {user.evidence_archived}"))
            elif doubt == "stale":
                report.append(DoubtfulUser(framework, user, f"evidence checked on {user.as_of}"))
    return report
