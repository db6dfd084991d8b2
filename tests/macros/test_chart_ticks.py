"""Chart year ticks (issue 18): a date in year 1 or 9999 cannot make a chart one label per year."""

from __future__ import annotations

import datetime as dt
import itertools
import re

import pytest
from markupsafe import Markup

from macros.charts import Line, Window, line_chart, timeline_chart, window_chart

FIRST, LAST = dt.date(1, 1, 1), dt.date(9999, 12, 31)


def year_labels(svg: Markup) -> list[int]:
    return [int(year) for year in re.findall(r'<text class="tick"[^>]*text-anchor="middle">(\d+)</text>', svg)]


@pytest.mark.parametrize(
    "svg",
    [
        line_chart([Line("stars", [(FIRST, 1), (LAST, 2)])], "Stars"),
        timeline_chart([FIRST, dt.date(2020, 5, 1), LAST], [(LAST, "9.9")], "Releases"),
        window_chart([Window("1.0", FIRST, dt.date(2020, 1, 1), LAST)], "Support"),
    ],
    ids=["line", "timeline", "windows"],
)
def test_years_1_to_9999_give_a_few_ticks_in_a_small_svg(svg: Markup) -> None:
    years = year_labels(svg)
    assert 2 <= len(years) <= 20
    assert len(set(b - a for a, b in itertools.pairwise(years))) == 1, "evenly spaced"
    assert len(svg) < 4_000, f"{len(svg):,} bytes"


def test_a_real_span_keeps_a_tick_every_year() -> None:
    svg = line_chart([Line("stars", [(dt.date(2009, 3, 1), 1), (dt.date(2026, 2, 1), 2)])], "Stars")
    assert year_labels(svg) == list(range(2010, 2027))


def test_steps_are_round_numbers_of_years() -> None:
    svg = timeline_chart([dt.date(1900, 1, 1), dt.date(2026, 1, 1)], [], "Releases")
    years = year_labels(svg)
    step = years[1] - years[0]
    assert step in (5, 10, 20) and all(year % step == 0 for year in years)
