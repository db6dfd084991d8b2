"""Print the facts and notable users that need checking again, grouped by framework."""

from __future__ import annotations

import sys

from macros.collections import load_or_exit
from macros.freshness import STALE_AFTER_WORDS, doubtful_notable_users, stale_facts


def main() -> int:
    dataset = load_or_exit()
    report = stale_facts(dataset)
    if not report:
        print(f"Every fact has been checked within the last {STALE_AFTER_WORDS}.")
    for name, facts in report.items():
        print(f"{name}: {len(facts)} fact(s) need review")
        for label, fact in facts:
            print(f"  {fact.as_of}  {label}  {fact.source or ''}")
    doubtful = doubtful_notable_users(dataset)
    print(f"Notable users to recheck (evidence archived or older than {STALE_AFTER_WORDS}): {len(doubtful)}")
    for item in doubtful:
        print(f"  {item.framework.name}: {item.user.organisation}: {item.reason}  {item.user.source}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
