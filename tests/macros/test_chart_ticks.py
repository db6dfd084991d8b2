"""Chart year ticks (issue 18): a date in year 1 or 9999 cannot make a chart one label per year."""

from __future__ import annotations

import datetime as dt
import itertools
import re

import pytest
from markupsafe import Markup

from macros.charts import NARROW, WIDE, Line, Window, line_chart, nice_scale, text_box, timeline_chart, window_chart

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


def test_a_real_span_labels_years_evenly_and_apart() -> None:
    """17 years on the wide chart: every other year, so 12-unit labels keep a gap (issue 21)."""
    svg = line_chart([Line("stars", [(dt.date(2009, 3, 1), 1), (dt.date(2026, 2, 1), 2)])], "Stars")
    assert year_labels(svg) == list(range(2010, 2027, 2))
    narrow = line_chart([Line("stars", [(dt.date(2009, 3, 1), 1), (dt.date(2026, 2, 1), 2)])], "Stars", width=NARROW)
    assert year_labels(narrow) == list(range(2010, 2027, 5))


@pytest.mark.parametrize("value", [1, 6, 88_588, 101_743, 488_543_707, 601_604_285, *range(3, 3_000, 7)])
def test_the_value_axis_ends_just_above_the_data(value: int) -> None:
    """FastAPI's stars (101,743) end at 120k, not 200k (issue 21)."""
    top, step = nice_scale(value)
    assert value <= top <= max(value * 1.25, 3) and top % step == 0 and top // step <= 7
    assert nice_scale(101_743) == (120_000, 20_000)


def test_labels_of_the_timeline_never_touch_or_cross_the_edges() -> None:
    """Major versions a few weeks apart keep the first label; the first sits inside the chart."""
    dates = [dt.date(2010, 5, 17), dt.date(2010, 6, 1), dt.date(2017, 12, 2), dt.date(2026, 1, 1)]
    labels = [(dates[0], "1.2"), (dates[1], "2.0"), (dates[2], "3.0"), (dates[3], "10.0")]
    for width in (NARROW, WIDE):
        svg = timeline_chart(dates, labels, "Releases", width=width)
        drawn = re.findall(r'<text class="label" x="([\d.]+)"[^>]*>([^<]+)</text>', svg)
        assert [text for _, text in drawn] == ["1.2", "3.0", "10.0"]
        boxes = [text_box(float(x), 0, text, "middle") for x, text in drawn]
        assert all(box[0] >= 0 and box[2] <= width for box in boxes)


def test_steps_are_round_numbers_of_years() -> None:
    svg = timeline_chart([dt.date(1900, 1, 1), dt.date(2026, 1, 1)], [], "Releases")
    years = year_labels(svg)
    step = years[1] - years[0]
    assert step in (5, 10, 20) and all(year % step == 0 for year in years)
