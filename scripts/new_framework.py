"""Create data/frameworks/<slug>.yml with every field, each marked TODO.

Validation rejects TODO markers, so a scaffolded sheet cannot reach the site until every
field is filled in with a sourced fact (or an honest `level: unknown`).

Usage: python scripts/new_framework.py <slug> "<Name>"
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from macros.model import ROOT, load_catalogues

SOURCED = "    source: https://TODO.example/primary-source\n    as_of: {today}\n"


def scaffold(slug: str, name: str, today: dt.date) -> str:
    _, features, metrics, criteria = load_catalogues(ROOT)
    sourced = SOURCED.format(today=today)
    lines = [
        "# yaml-language-server: $schema=../schema/framework.schema.json",
        f"# Fact sheet for {name}. Every TODO must be replaced; see CONTRIBUTING.md.",
        f"slug: {slug}",
        f"name: {name}",
        "tagline: TODO one sentence in our own words",
        "kind: TODO  # micro | full-stack | api | toolkit",
        "homepage: https://TODO.example/",
        "documentation: https://TODO.example/docs/",
        "repository: https://github.com/TODO/TODO",
        f"pypi: {slug}",
        f"license:\n  value: TODO SPDX identifier\n{sourced[2:]}".replace("\n    ", "\n  "),
        f"creators:\n  value: [TODO]\n{sourced}".replace("\n    ", "\n  "),
        f"first_release:\n  version: '0.1'\n  date: {today}\n{sourced}".replace("\n    ", "\n  "),
        f"latest_release:\n  version: '1.0'\n  date: {today}\n{sourced}".replace("\n    ", "\n  "),
        f"python:\n  value: TODO e.g. '>=3.10'\n{sourced}".replace("\n    ", "\n  "),
        f"interfaces:\n  value: [WSGI]  # WSGI | ASGI | own server\n{sourced}".replace("\n    ", "\n  "),
        "features:",
    ]
    for feature in features:
        lines.append(f"  {feature.id}:  # {feature.name}")
        lines.append("    level: unknown  # built-in | partial | official-extension | third-party | none | unknown")
        lines.append("    note: TODO check, then set the level, packages and source")
        lines.append(f"    as_of: {today}")
    lines.append("metrics:")
    for metric in metrics:
        lines.append(f"  {metric.id}:  # {metric.name}; delete if it cannot be verified")
        lines.append("    value: 0")
        lines.append("    method: TODO how the figure was obtained")
        lines.append(sourced.rstrip("\n"))
    lines += [
        "use_cases:",
        "  good_fit: [TODO]",
        "  poor_fit: [TODO]",
        "notable_users:",
        "  - organisation: TODO",
        "    usage: TODO what they use it for, per the source",
        sourced.rstrip("\n"),
        "pros: [TODO]",
        "cons: [TODO]",
        "criteria:",
    ]
    for criterion in criteria:
        lines.append(f"  {criterion.id}:  # {criterion.title}: {criterion.question}")
        lines.append("    summary: TODO verdict in our own words")
        lines.append("    claims:")
        lines.append("      - text: TODO a fact, as stated by the source")
        lines.append(SOURCED.format(today=today).replace("    ", "        ").rstrip("\n"))
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("slug", help="lower-case identifier, e.g. litestar")
    parser.add_argument("name", help="display name, e.g. Litestar")
    args = parser.parse_args()
    target = ROOT / "data" / "frameworks" / f"{args.slug}.yml"
    if target.exists():
        print(f"{target.relative_to(ROOT)} already exists", file=sys.stderr)
        return 1
    target.write_text(scaffold(args.slug, args.name, dt.date.today()), encoding="utf-8")
    print(f"Created {target.relative_to(ROOT)}; fill in every TODO, then run python scripts/validate.py")
    return 0


if __name__ == "__main__":
    sys.exit(main())
