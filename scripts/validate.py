"""Check every file in data/ and print each problem as file:line:column: field: message."""

from __future__ import annotations

import sys

from macros.collections import load_or_exit


def main() -> int:
    dataset = load_or_exit()
    print(
        f"data/ is valid: {len(dataset.frameworks)} frameworks, {len(dataset.criteria)} criteria, "
        f"{len(dataset.features)} features."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
