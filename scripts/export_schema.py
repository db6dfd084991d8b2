"""Write what is exported from the model and the registry: data/schema/framework.schema.json
(for editors: yaml-language-server) and the table of data files in CONTRIBUTING.md."""

from __future__ import annotations

import json
import sys

from macros.collections import TABLE_END, TABLE_START, contributor_table
from macros.model import ROOT, framework_schema


def with_table(text: str) -> str:
    """CONTRIBUTING.md's text with its table of data files made anew."""
    start, end = text.index(TABLE_START), text.index(TABLE_END) + len(TABLE_END)
    return text[:start] + contributor_table() + text[end:]


def main() -> int:
    target = ROOT / "data" / "schema" / "framework.schema.json"
    target.parent.mkdir(exist_ok=True)
    target.write_text(json.dumps(framework_schema(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"Wrote {target.relative_to(ROOT)}")
    contributing = ROOT / "CONTRIBUTING.md"
    if contributing.is_file():  # not in the tests' throw-away projects
        contributing.write_text(with_table(contributing.read_text(encoding="utf-8")), encoding="utf-8")
        print(f"Wrote the table of data files in {contributing.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
