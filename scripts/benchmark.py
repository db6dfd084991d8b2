"""Print build-time and size figures for the real site (targets are checked by reading these,
not by timed tests that flake).

Usage: python -m scripts.benchmark [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from macros.model import ROOT, load_dataset
from macros.render import build_site

# Page-weight budgets (issue 11): checked by reading this script's output, never by a timed test.
BUDGETS = {"pair_page_bytes": 60_000, "any_page_bytes": 150_000, "search_index_bytes": 400_000}


def page_type(path: str) -> str:
    """The kind of page behind a built index.html, from its site path."""
    parts = path.removesuffix("index.html").strip("/").split("/")
    if parts == [""]:
        return "home"
    if parts[0] == "compare" and len(parts) == 2:
        first, _, second = parts[1].partition("-vs-")
        return "pair" if first < second else "pair redirect"
    if parts[0] in ("frameworks", "criteria") and len(parts) == 2:
        return parts[0].removesuffix("s").replace("criteria", "criterion")
    return "/".join(parts) or "home"


def timed(action: object) -> float:
    start = time.perf_counter()
    action()  # type: ignore[operator]
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "site"

        def build() -> None:
            subprocess.run(
                [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)],
                cwd=ROOT,
                env=env,
                check=True,
            )

        builds = [timed(build) for _ in range(args.runs)]
        renders = [timed(lambda: build_site(load_dataset())) for _ in range(args.runs)]
        dataset = load_dataset()
        site = build_site(dataset)
        pages = [path for path in out.rglob("index.html")]
        sizes = sorted((path.stat().st_size, path.relative_to(out).as_posix()) for path in pages)
        index = out / "search" / "search_index.json"
        by_type: dict[str, tuple[int, str]] = {}
        for size, path in sizes:
            kind = page_type(path)
            by_type[kind] = max(by_type.get(kind, (0, "")), (size, path))
        largest_pair = by_type.get("pair", (0, ""))[0]
        figures = {
            "frameworks": len(dataset.frameworks),
            "pages": len(site.pages),
            "pair_pages": sum(1 for page in site.pages if not page.in_nav),
            "mkdocs_build_seconds_median": round(statistics.median(builds), 2),
            "load_and_render_seconds_median": round(statistics.median(renders), 3),
            "site_bytes": sum(path.stat().st_size for path in out.rglob("*") if path.is_file()),
            "largest_page": {"path": sizes[-1][1], "bytes": sizes[-1][0]},
            "median_page_bytes": int(statistics.median(size for size, _ in sizes)),
            "search_index_bytes": index.stat().st_size,
            "search_index_entries": len(json.loads(index.read_text(encoding="utf-8"))["docs"]),
            "largest_page_by_type": {
                kind: {"path": path, "bytes": size} for kind, (size, path) in sorted(by_type.items())
            },
            "budgets": {
                "pair_page_bytes": [
                    largest_pair,
                    BUDGETS["pair_page_bytes"],
                    largest_pair <= BUDGETS["pair_page_bytes"],
                ],
                "any_page_bytes": [sizes[-1][0], BUDGETS["any_page_bytes"], sizes[-1][0] <= BUDGETS["any_page_bytes"]],
                "search_index_bytes": [
                    index.stat().st_size,
                    BUDGETS["search_index_bytes"],
                    index.stat().st_size <= BUDGETS["search_index_bytes"],
                ],
            },
        }
    print(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
