"""Print the facts whose as_of date is more than 18 months old, grouped by framework."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from macros.model import load_or_exit, stale_facts


def main() -> int:
    report = stale_facts(load_or_exit())
    if not report:
        print("Every fact has been checked within the last 18 months.")
    for name, facts in report.items():
        print(f"{name}: {len(facts)} fact(s) need review")
        for label, fact in facts:
            print(f"  {fact.as_of}  {label}  {fact.source or ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
