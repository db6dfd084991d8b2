"""Add a feature or a criterion to its catalogue and an `unknown` stub to every fact sheet.

Usage (from the project root):
    python -m scripts.add_entry feature ID --name NAME --category CATEGORY --description TEXT
    python -m scripts.add_entry criterion ID --title TITLE --question TEXT
                                [--features ID,ID] [--section SECTION] [--sample NAME]

A feature starts as `level: unknown` in every sheet, which validation accepts; a criterion
starts as `{}`, which validation rejects until someone writes sourced claims (unless it
shows a section or a sample). Then fill in the facts and run python -m scripts.validate.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys

import yaml
from pydantic import BaseModel, ValidationError

from macros import addresses
from macros.key_order import end_line, sorted_text
from macros.model import ROOT, Criterion, Feature, load_catalogues
from macros.yaml_source import DateAsTextLoader

KINDS: dict[str, tuple[str, type[BaseModel]]] = {"feature": ("features", Feature), "criterion": ("criteria", Criterion)}


def entry_from(args: argparse.Namespace) -> dict[str, object]:
    if args.kind == "feature":
        return {"id": args.id, "name": args.name, "category": args.category, "description": args.description}
    entry: dict[str, object] = {"id": args.id, "title": args.title, "question": args.question}
    if args.features:
        entry["features"] = args.features.split(",")
    for name in ("section", "sample"):
        if getattr(args, name):
            entry[name] = getattr(args, name)
    return entry


def stub(kind: str, entry_id: str, today: dt.date) -> str:
    if kind == "feature":
        return f"  {entry_id}:\n    level: unknown\n    as_of: {today}\n"
    return f"  {entry_id}: {{}}\n"


def with_stub(text: str, field: str, lines: str) -> str:
    """The sheet with `lines` added at the end of its top-level `field` mapping."""
    node = yaml.compose(text, Loader=DateAsTextLoader)
    if node is None:
        raise ValueError("the fact sheet is empty")
    value = next(value for key, value in node.value if key.value == field)
    source = text.splitlines(keepends=True)
    end = end_line(value, source)
    return "".join(source[:end]) + lines + "".join(source[end:])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    kinds = parser.add_subparsers(dest="kind", required=True)
    feature = kinds.add_parser("feature")
    criterion = kinds.add_parser("criterion")
    for sub in (feature, criterion):
        sub.add_argument("id")
    feature.add_argument("--name", required=True)
    feature.add_argument("--category", required=True)
    feature.add_argument("--description", required=True)
    criterion.add_argument("--title", required=True)
    criterion.add_argument("--question", required=True)
    criterion.add_argument("--features")
    criterion.add_argument("--section")
    criterion.add_argument("--sample")
    args = parser.parse_args()

    field, model = KINDS[args.kind]
    entry = entry_from(args)
    try:
        model.model_validate(entry)
    except ValidationError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    known = {item.id for item in getattr(load_catalogues(ROOT), field)}
    if args.id in known or addresses.id_clash(args.id):
        print(f"error: {args.id!r} already exists or is reserved", file=sys.stderr)
        return 2

    catalogue = ROOT / f"{addresses.catalogue(field)}"
    text = catalogue.read_text(encoding="utf-8")
    addition = yaml.safe_dump([entry], sort_keys=False, allow_unicode=True, width=100)
    catalogue.write_text(text + ("" if text.endswith("\n") else "\n") + addition, encoding="utf-8")

    catalogues = load_catalogues(ROOT)
    today = dt.date.today()
    sheets = sorted((ROOT / "data/frameworks").glob("*.yml"))
    for path in sheets:
        if path.is_symlink():
            continue
        text = path.read_text(encoding="utf-8")
        path.write_text(sorted_text(with_stub(text, field, stub(args.kind, args.id, today)), catalogues), "utf-8")
    print(f"Added {args.kind} {args.id!r} to {addresses.catalogue(field)} and {len(sheets)} fact sheets.")
    print("Fill in the facts, then run: python -m scripts.validate")
    return 0


if __name__ == "__main__":
    sys.exit(main())
