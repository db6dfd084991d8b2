"""Put the keys of fact sheets in the canonical order that validation checks.

Usage (from the project root):
    python -m scripts.sort_keys                 # every sheet in data/frameworks/
    python -m scripts.sort_keys flask django    # only these

Only whole lines move, so comments and formatting are kept; see macros/key_order.py.
"""

from __future__ import annotations

import argparse
import sys

from macros import addresses
from macros.key_order import sorted_text
from macros.model import ROOT, load_catalogues


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("slugs", nargs="*", help="frameworks to sort (default: all)")
    args = parser.parse_args()
    catalogues = load_catalogues(ROOT)
    slugs = args.slugs or sorted(path.stem for path in (ROOT / "data/frameworks").glob("*.yml"))
    changed = 0
    for slug in slugs:
        path = ROOT / addresses.fact_sheet(slug)
        if path.is_symlink() or not path.is_file():
            print(f"error: {addresses.fact_sheet(slug)} is not a regular file", file=sys.stderr)
            return 2
        text = path.read_text(encoding="utf-8")
        result = sorted_text(text, catalogues)
        if result != text:
            path.write_text(result, encoding="utf-8")
            changed += 1
            print(f"sorted {addresses.fact_sheet(slug)}")
    print(f"{changed} of {len(slugs)} sheets changed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
