"""Pydantic's validation errors in a contributor's words, at the position they were written.

The one explainer for every kind of file under data/ (fact sheets, catalogues, history, release
histories, support windows, benchmark runs): each loader validates through `validate`.
"""

from __future__ import annotations

import datetime as dt
import difflib
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from macros.problems import Path_
from macros.yaml_source import Document

# The last valid result for each file, model and place in the file, by the file's digest and the
# day (validators refuse future dates): `mkdocs serve` loads data/ again after every edit, and
# validating is most of that cost. One entry per file and place, so it does not grow.
_VALIDATED: dict[tuple[str, type[BaseModel], Path_], tuple[bytes, dt.date, Any]] = {}


def validate(doc: Document, model: type[BaseModel], data: Any, prefix: Path_ = ()) -> Any:
    """`data`, the part of `doc` at `prefix`, as `model`; None, with the problems in `doc`, if invalid."""
    place, today = (doc.name, model, prefix), dt.date.today()
    known = _VALIDATED.get(place)
    if doc.digest and known is not None and known[:2] == (doc.digest, today):
        return known[2]
    try:
        result = model.model_validate(data)
    except ValidationError as error:
        for item in error.errors(include_url=False):
            path = (*prefix, *item["loc"])
            doc.problem(path, _explain(item, model, path))
        return None
    if doc.digest:
        _VALIDATED[place] = (doc.digest, today, result)
    return result


def _explain(item: ErrorDetails, model: type[BaseModel], path: Path_) -> str:
    kind, message = item["type"], item["msg"]
    if kind == "extra_forbidden":
        name = str(path[-1])
        known = _fields_at(model, path[:-1])
        guess = difflib.get_close_matches(name, known, n=1)
        hint = f"; did you mean {guess[0]!r}?" if guess else f"; expected one of: {', '.join(known)}"
        return f"unknown field {name!r}{hint}"
    if kind == "missing":
        return f"missing required field {str(path[-1])!r}"
    if kind == "string_type" and isinstance(item.get("input"), int | float) and not isinstance(item["input"], bool):
        return (
            f"{message}; put quotes around numbers meant as text, e.g. '{item['input']}' "
            "(unquoted, YAML reads a version such as 3.10 as the number 3.1)"
        )
    if kind.startswith("date"):
        return f"{message}; expected a date written YYYY-MM-DD, got {item.get('input')!r}"
    if kind == "bool_type":
        return f"{message}; write true or false"
    if kind == "value_error":
        return message.removeprefix("Value error, ")
    return message


def _fields_at(model: type[BaseModel], path: Path_) -> list[str]:
    """The field names allowed at `path` inside `model`, for 'did you mean' hints."""
    current: Any = model
    for part in path:
        if isinstance(part, int) or not (isinstance(current, type) and issubclass(current, BaseModel)):
            current = unwrap(current)
            continue
        if part not in current.model_fields:
            current = unwrap(current)  # a dict key such as a feature id
            continue
        current = unwrap(current.model_fields[part].annotation)
    current = unwrap(current)
    if not (isinstance(current, type) and issubclass(current, BaseModel)):
        return []
    return sorted(field.alias or name for name, field in current.model_fields.items())


def unwrap(annotation: Any) -> Any:
    """From list[X], dict[str, X] and X | None down to X."""
    while True:
        args = [arg for arg in getattr(annotation, "__args__", ()) if arg is not type(None)]
        if not args:
            return annotation
        annotation = args[-1]
