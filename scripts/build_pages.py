"""Write the generated pages as Markdown files, for generators other than MkDocs.

MkDocs gets the same pages in memory through macros/mkdocs_hooks.py; this is the escape hatch
for engines that do not run MkDocs hooks (Zensical ignores them), e.g.:
    python scripts/build_pages.py --out docs/generated
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from macros.model import load_or_exit
from macros.render import build_site


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="directory to write the pages into")
    parser.add_argument("--repo-url", help="repository URL for per-fact edit links")
    args = parser.parse_args()
    site = build_site(load_or_exit(), repo_url=args.repo_url)
    for page in site.pages:
        target = args.out / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.content, encoding="utf-8")
    print(f"Wrote {len(site.pages)} pages to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
