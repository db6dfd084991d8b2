"""Check every file in data/ and print each problem as file:line:column: field: message."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from macros.model import DataError, load_dataset


def main() -> int:
    try:
        dataset = load_dataset()
    except DataError as error:
        print(error, file=sys.stderr)
        return 1
    print(
        f"data/ is valid: {len(dataset.frameworks)} frameworks, {len(dataset.criteria)} criteria, "
        f"{len(dataset.features)} features."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
