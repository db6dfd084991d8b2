"""The one YAML writer of the scripts that write data/ (history, release histories): plain YAML
the loader accepts (no anchors, aliases or tags), lists indented under their key as in the fact
sheets, with three styles a writer can ask for on a value."""

from __future__ import annotations

from typing import Any

import yaml


class Flow(dict[str, Any]):
    """A mapping written on one line: `{version: '3.1.2', date: 2025-08-19}`."""


class Folded(str):
    """Prose written as a folded block (`>-`), wrapped at the writer's width."""


class Quoted(str):
    """Text always written in single quotes, so '3.10' stays text."""


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True  # no anchors: the loader refuses them

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)  # list items indented under their key, as in the fact sheets


_Dumper.add_representer(Flow, lambda dumper, data: dumper.represent_mapping("tag:yaml.org,2002:map", data, True))
_Dumper.add_representer(Folded, lambda dumper, data: dumper.represent_scalar("tag:yaml.org,2002:str", data, style=">"))
_Dumper.add_representer(Quoted, lambda dumper, data: dumper.represent_scalar("tag:yaml.org,2002:str", data, style="'"))


def dump(data: dict[str, Any], header: str) -> str:
    """`data` as YAML text after a one-line comment `header`."""
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)
    return f"# {' '.join(header.split())}\n{body}"
