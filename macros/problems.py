"""How problems in data/ are located and worded: `file:line:column: field.path: message`."""

from __future__ import annotations

from dataclasses import dataclass

# A field's place in a document: keys and list indexes from the root, e.g. ("features", "orm", "level").
Path_ = tuple[str | int, ...]
Positions = dict[Path_, tuple[int, int]]


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.field or '(file)'}: {self.message}"


class DataError(Exception):
    """Raised with every problem found, so a contributor sees them all at once."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        count = f"{len(self.problems)} problem{'s' if len(self.problems) != 1 else ''}"
        super().__init__(f"{count} in data/:\n" + "\n".join(map(str, self.problems)))


def dotted(path: Path_) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def nearest_position(positions: Positions, path: Path_) -> tuple[int, int]:
    """Where `path` is written, or else its closest written parent (a missing field's mapping)."""
    for end in range(len(path), -1, -1):
        if path[:end] in positions:
            return positions[path[:end]]
    return (1, 1)
