"""Write data/schema/framework.schema.json from the model, for editors (yaml-language-server)."""

from __future__ import annotations

import json
import sys

from macros.model import ROOT, framework_schema


def main() -> int:
    target = ROOT / "data" / "schema" / "framework.schema.json"
    target.parent.mkdir(exist_ok=True)
    target.write_text(json.dumps(framework_schema(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"Wrote {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
