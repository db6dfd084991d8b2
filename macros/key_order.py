"""The canonical key order of a fact sheet: checked by validation, applied by scripts/sort_keys.py.

Fields follow the model's order, with `source` and `as_of` last in every fact; features,
metrics and criteria follow their catalogues. Sorting moves whole lines of text, so comments
and formatting survive: each key takes along the lines from the end of the previous key's
value up to the end of its own.
"""

from __future__ import annotations

from typing import Any

import yaml
from pydantic import BaseModel

from macros.model import Catalogues, Framework
from macros.rules import catalogue_children, field_order
from macros.yaml_source import DateAsTextLoader


def sorted_text(text: str, catalogues: Catalogues) -> str:
    """The same sheet with every block mapping's keys in canonical order."""
    lines = text.splitlines(keepends=True)
    node = yaml.compose(text, Loader=DateAsTextLoader)
    if not isinstance(node, yaml.MappingNode):
        return text
    head, body = _sort_mapping(node, lines, Framework, None, catalogues, top=True)
    return "".join(lines[:head] + body + lines[end_line(node, lines) :])


def end_line(node: yaml.Node, lines: list[str]) -> int:
    """The line after the node's last non-blank line.

    A block node's end mark sits where the next token starts (often the next key's indent),
    and block scalars swallow trailing blank lines; both are trimmed here.
    """
    mark = node.end_mark
    on_mark_line = mark.line < len(lines) and lines[mark.line][: mark.column].strip()
    end = mark.line + (1 if on_mark_line else 0)
    while end > node.start_mark.line + 1 and not lines[end - 1].strip():
        end -= 1
    return end


def _sort_mapping(
    node: yaml.MappingNode, lines: list[str], model: Any, order: list[str] | None, catalogues: Catalogues, top: bool
) -> tuple[int, list[str]]:
    """(first line of the first key's chunk, the mapping's lines with keys and children sorted)."""
    if node.flow_style or not node.value:
        return node.start_mark.line, lines[node.start_mark.line : end_line(node, lines)]
    is_model = isinstance(model, type) and issubclass(model, BaseModel)
    wanted = order if order is not None else (field_order(model) if is_model else [])
    rank = {key: index for index, key in enumerate(wanted)}
    chunks = []
    start = node.value[0][0].start_mark.line
    for index, (key_node, value_node) in enumerate(node.value):
        end = end_line(value_node, lines) if index + 1 < len(node.value) else end_line(node, lines)
        if index + 1 < len(node.value):
            end = max(end, key_node.start_mark.line + 1)
        key = key_node.value
        child_lines = lines[start:end]
        if isinstance(value_node, yaml.MappingNode) and not value_node.flow_style:
            if order is not None:
                child_model, child_order = model, None
            elif is_model and key in model.model_fields:
                child_model, child_order = catalogue_children(model, key, catalogues, top)
            else:
                child_model, child_order = None, []
            value_start, value_body = _sort_mapping(value_node, lines, child_model, child_order, catalogues, False)
            child_lines = lines[start:value_start] + value_body + lines[end_line(value_node, lines) : end]
        chunks.append((rank.get(key, len(rank)), index, child_lines))
        start = end
    body = [line for _, _, chunk in sorted(chunks, key=lambda item: item[:2]) for line in chunk]
    return node.value[0][0].start_mark.line, body
