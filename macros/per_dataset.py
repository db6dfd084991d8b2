"""Work done once per loaded dataset: `@per_dataset` keeps a function's result for as long as the
dataset it was computed from is alive (a build, or one rebuild under `mkdocs serve`)."""

from __future__ import annotations

import functools
import weakref
from collections.abc import Callable
from typing import Any


def per_dataset[Result](func: Callable[[Any], Result]) -> Callable[[Any], Result]:
    # Keyed by identity: a dataset is immutable, and hashing its whole contents would cost more
    # than the work saved. The weak reference tells a dead dataset from a new one at its address.
    kept: dict[int, tuple[weakref.ref[Any], Result]] = {}

    @functools.wraps(func)
    def wrapper(dataset: Any) -> Result:
        found = kept.get(id(dataset))
        if found is not None and found[0]() is dataset:
            return found[1]
        result = func(dataset)
        kept.clear()  # one dataset at a time: the newest
        kept[id(dataset)] = (weakref.ref(dataset), result)
        return result

    return wrapper
