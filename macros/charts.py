"""Line charts as SVG, drawn at build time: no JavaScript, no request to another host.

A small hand-written renderer rather than a plotting library: the charts need only lines,
ticks and labels; the output must be byte-identical from build to build, take the page's text
colour (so it reads in light and dark palettes), and stay small. Series are told apart by
dash pattern as well as by their labels, never by colour alone. A gap of more than
`GAP_DAYS` between two points, and a change of method (a new series), break the line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

GAP_DAYS = 45
# Year labels are about 25 units wide at the charts' 11 px, so at most one every 30 units: a
# date in year 1 or 9999 then gives a few labels a millennium apart, not one per year.
TICK_SPACING = 30
DASHES = ("", "6 3", "2 3", "8 3 2 3", "1 2", "10 4")


@dataclass(frozen=True)
class Line:
    label: str
    points: Sequence[tuple[dt.date, int]]


def compact(value: float) -> str:
    """1234 -> 1.2k, 3400000 -> 3.4M: tick labels that fit."""
    for size, suffix in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= size:
            text = f"{value / size:.1f}".rstrip("0").rstrip(".")
            return f"{text}{suffix}"
    return f"{value:.0f}"


def nice_top(value: int) -> int:
    """The smallest 1, 2 or 5 times a power of ten that is at least `value`."""
    if value <= 0:
        return 1
    scale = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 5, 10):
        if step * scale >= value:
            return step * scale
    return 10 * scale


def segments(points: Sequence[tuple[dt.date, int]]) -> list[list[tuple[dt.date, int]]]:
    """The runs of points with no gap longer than GAP_DAYS."""
    runs: list[list[tuple[dt.date, int]]] = []
    for point in points:
        if runs and (point[0] - runs[-1][-1][0]).days <= GAP_DAYS:
            runs[-1].append(point)
        else:
            runs.append([point])
    return runs


def year_step(first: int, last: int, most: int) -> int:
    """The smallest of 1, 2, 5, 10, 20, 50... years that labels at most `most` years of first..last."""
    for step in (factor * 10**power for power in range(5) for factor in (1, 2, 5)):
        if last // step - (first - 1) // step <= most:
            return step
    return 10**5


def year_ticks(
    start: dt.date, end: dt.date, x: Callable[[dt.date], float], label_y: float, grid: tuple[float, float] | None = None
) -> list[str]:
    """A label at each new year (or every few years) between `start` and `end`, with a vertical
    grid line when `grid` is given."""
    parts = []
    first, last = start.year + 1, end.year
    step = year_step(first, last, max(1, int((x(end) - x(start)) // TICK_SPACING)))
    for year in range(-(-first // step) * step, last + 1, step):
        at = x(dt.date(year, 1, 1))
        if grid:
            parts.append(f'<line class="grid" x1="{at:.1f}" x2="{at:.1f}" y1="{grid[0]}" y2="{grid[1]}"/>')
        parts.append(f'<text class="tick" x="{at:.1f}" y="{label_y}" text-anchor="middle">{year}</text>')
    return parts


def line_chart(lines: Sequence[Line], title: str, width: int = 640, height: int = 240, axes: bool = True) -> Markup:
    """An SVG line chart of `lines` on one time axis, starting the value axis at zero; without
    `axes` it is a sparkline: no grid, ticks or legend."""
    points = [point for line in lines for point in line.points]
    if not points:
        return Markup("")
    left, right, top, bottom = (52, 12, 10, 28 + 16 * len(lines)) if axes else (2, 2, 2, 2)
    start = min(date for date, _ in points)
    end = max(date for date, _ in points)
    span = max((end - start).days, 1)
    ceiling = nice_top(max(value for _, value in points))
    plot_width, plot_height = width - left - right, height - top - bottom

    def x(date: dt.date) -> float:
        return left + plot_width * (date - start).days / span

    def y(value: float) -> float:
        return top + plot_height * (1 - value / ceiling)

    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img">',
        f"<title>{escape(title)}</title>",
    ]
    for step in range(5 if axes else 0):
        value = ceiling * step / 4
        parts.append(
            f'<line class="grid" x1="{left}" x2="{width - right}" y1="{y(value):.1f}" y2="{y(value):.1f}"/>'
            f'<text class="tick" x="{left - 6}" y="{y(value) + 4:.1f}" text-anchor="end">{compact(value)}</text>'
        )
    if axes:
        parts += year_ticks(start, end, x, top + plot_height + 16, (top, top + plot_height))
    for index, line in enumerate(lines):
        dash = DASHES[index % len(DASHES)]
        dash_attribute = f' stroke-dasharray="{dash}"' if dash else ""
        for run in segments(line.points):
            if len(run) == 1:
                date, value = run[0]
                parts.append(f'<circle class="dot" cx="{x(date):.1f}" cy="{y(value):.1f}" r="2.5"/>')
            else:
                # Sparklines are small enough for whole pixels.
                digits = 1 if axes else 0
                coordinates = " ".join(f"{x(date):.{digits}f},{y(value):.{digits}f}" for date, value in run)
                parts.append(f'<polyline class="line"{dash_attribute} points="{coordinates}"/>')
        if axes:
            row = height - 16 * (len(lines) - index) + 4
            parts.append(
                f'<line class="line"{dash_attribute} x1="{left}" x2="{left + 28}" y1="{row - 4}" y2="{row - 4}"/>'
                f'<text class="label" x="{left + 34}" y="{row}">{escape(line.label)}</text>'
            )
    parts.append("</svg>")
    return Markup("".join(parts))


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    low: float
    high: float


def bar_chart(bars: Sequence[Bar], title: str, unit: str, width: int = 430) -> Markup:
    """Horizontal bars with a whisker from low to high (the spread), one row per bar. Narrower
    than the other charts: scaled to a phone's width, its labels stay about 10 px high."""
    if not bars:
        return Markup("")
    row, left, right, top = 20, 222, 52, 6
    height = top + row * len(bars) + 22
    ceiling = max(bar.high for bar in bars) or 1
    scale = (width - left - right) / ceiling
    parts = [f'<svg class="chart bars" viewBox="0 0 {width} {height}" role="img">', f"<title>{escape(title)}</title>"]
    for index, bar in enumerate(bars):
        y = top + index * row
        parts.append(
            f'<text class="label" x="{left - 6}" y="{y + 14}" text-anchor="end">{escape(bar.label)}</text>'
            f'<rect class="bar" x="{left}" y="{y + 4}" width="{bar.value * scale:.1f}" height="{row - 8}"/>'
            f'<line class="whisker" x1="{left + bar.low * scale:.1f}" x2="{left + bar.high * scale:.1f}"'
            f' y1="{y + row / 2:.1f}" y2="{y + row / 2:.1f}"/>'
            f'<text class="tick" x="{left + bar.high * scale + 4:.1f}" y="{y + 14}">{bar.value:g}{escape(unit)}</text>'
        )
    axis = top + row * len(bars) + 14
    parts.append(f'<text class="tick" x="{left}" y="{axis}">0</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def timeline_chart(
    dates: Sequence[dt.date], labels: Sequence[tuple[dt.date, str]], title: str, width: int = 640
) -> Markup:
    """One tick per release on a time axis, with a few labelled releases above it."""
    if not dates:
        return Markup("")
    left, right, height, axis = 12, 40, 70, 44
    start, end = min(dates), max(dates)
    span = max((end - start).days, 1)

    def x(date: dt.date) -> float:
        return left + (width - left - right) * (date - start).days / span

    parts = [
        f'<svg class="chart timeline" viewBox="0 0 {width} {height}" role="img">',
        f"<title>{escape(title)}</title>",
    ]
    parts.append(f'<line class="grid" x1="{left}" x2="{width - right}" y1="{axis}" y2="{axis}"/>')
    for date in dates:
        parts.append(f'<line class="line" x1="{x(date):.1f}" x2="{x(date):.1f}" y1="{axis - 6}" y2="{axis + 6}"/>')
    for date, label in labels:
        parts.append(
            f'<text class="label" x="{x(date):.1f}" y="{axis - 12}" text-anchor="middle">{escape(label)}</text>'
        )
    parts += year_ticks(start, end, x, axis + 20)
    parts.append("</svg>")
    return Markup("".join(parts))


@dataclass(frozen=True)
class Window:
    label: str
    start: dt.date
    mainstream_end: dt.date | None  # None: not announced
    extended_end: dt.date | None


def window_chart(windows: Sequence[Window], title: str, width: int = 640) -> Markup:
    """Support windows as bars: mainstream support solid, extended support lighter. An end that is
    not announced is drawn as a start mark and the words "end not announced", never as a bar."""
    if not windows:
        return Markup("")
    row, left, right, top = 20, 110, 150, 6
    height = top + row * len(windows) + 24
    known = [date for window in windows for date in (window.start, window.mainstream_end, window.extended_end) if date]
    start, end = min(known), max(known)
    span = max((end - start).days, 1)

    def x(date: dt.date) -> float:
        return left + (width - left - right) * (date - start).days / span

    parts = [
        f'<svg class="chart windows" viewBox="0 0 {width} {height}" role="img">',
        f"<title>{escape(title)}</title>",
    ]
    for index, window in enumerate(windows):
        y = top + index * row
        parts.append(f'<text class="label" x="{left - 6}" y="{y + 13}" text-anchor="end">{escape(window.label)}</text>')
        parts.append(
            f'<line class="line" x1="{x(window.start):.1f}" x2="{x(window.start):.1f}" y1="{y + 2}" y2="{y + 16}"/>'
        )
        if window.mainstream_end:
            width_main = x(window.mainstream_end) - x(window.start)
            parts.append(
                f'<rect class="bar" x="{x(window.start):.1f}" y="{y + 4}" width="{width_main:.1f}" height="{row - 9}"/>'
            )
        if window.mainstream_end and window.extended_end:
            width_extended = x(window.extended_end) - x(window.mainstream_end)
            parts.append(
                f'<rect class="bar extended" x="{x(window.mainstream_end):.1f}" y="{y + 4}"'
                f' width="{width_extended:.1f}" height="{row - 9}"/>'
            )
        last = window.extended_end or window.mainstream_end
        if last is None:
            parts.append(f'<text class="tick" x="{x(window.start) + 6:.1f}" y="{y + 13}">end not announced</text>')
    parts += year_ticks(start, end, x, top + row * len(windows) + 16, (top, top + row * len(windows)))
    parts.append("</svg>")
    return Markup("".join(parts))
