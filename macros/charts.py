"""Charts as SVG, drawn at build time: no JavaScript, no request to another host.

A small hand-written renderer rather than a plotting library: the charts need only lines,
ticks and labels; the output must be byte-identical from build to build, take the page's
colours from site.css (so it reads in light and dark palettes), and stay small.

Text must stay readable and never overlap, so a chart with axes is drawn twice, once `NARROW`
units wide for phones and once `WIDE` for larger screens, and site.css shows each at about its
own size: text drawn `FONT` units high is then about `FONT` CSS pixels high on any screen, and
the positions of labels, checked against each other here, scale with it. Series are told apart
by colour, dash pattern and marker shape, and each carries its letter next to its last point
(its direct label), repeated in the key below the plot with the series' name, never by colour
alone. A gap of more than `GAP_DAYS` between two points, and a change of method (a new
series), break the line.
Search leaves charts out (data-search-exclude): their text is ticks and labels, which the
captions and tables beside them say in words.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

GAP_DAYS = 45
FONT = 12  # text size in chart units; site.css sets the same
NARROW, WIDE = 350, 640  # drawn widths for phones and for larger screens (site.css shows one)
GAP = 10  # the least space between two labels
DASHES = ("", "6 3", "2 3", "8 3 2 3", "1 2", "10 4")
SERIES_STYLES = 6  # colours (site.css: .s0 to .s5), dashes and markers go round together
ROW = 18  # a key row


def text_width(text: str) -> float:
    """A generous estimate of a label's width at FONT (wide system fonts included)."""
    return len(text) * FONT * 0.64


Box = tuple[float, float, float, float]  # x0, y0, x1, y1


def text_box(x: float, baseline: float, text: str, anchor: str = "start") -> Box:
    width = text_width(text)
    x0 = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
    return (x0, baseline - FONT, x0 + width, baseline + FONT * 0.3)


def overlaps(box: Box, others: Sequence[Box], gap: float = 2) -> bool:
    return any(
        box[0] < other[2] + gap and other[0] < box[2] + gap and box[1] < other[3] + gap and other[1] < box[3] + gap
        for other in others
    )


def both(draw: Callable[[int, str], Markup]) -> Markup:
    """A chart drawn for phones and for larger screens; site.css shows the one that fits."""
    return Markup(draw(NARROW, "narrow") + draw(WIDE, "wide"))


def size_class(size: str) -> str:
    return f" {size}" if size else ""


@dataclass(frozen=True)
class Line:
    label: str
    points: Sequence[tuple[dt.date, int]]


def compact(value: float) -> str:
    """1234 -> 1.2k, 3400000 -> 3.4M: tick labels that fit."""
    for size, suffix in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= size:
            text = f"{value / size:.2f}".rstrip("0").rstrip(".")
            return f"{text}{suffix}"
    return f"{value:.0f}"


def nice_scale(value: float, most: int = 7) -> tuple[int, int]:
    """The value axis for data up to `value`: (top, step), the step 1, 2, 2.5 or 5 times a power
    of ten, the top the lowest multiple of such a step at or above `value` in three to `most`
    steps, so the axis ends just above the data."""
    if value <= 0:
        return 1, 1
    candidates = []
    for power in range(len(str(int(value))) + 1):
        for factor in (1, 2, 2.5, 5):
            step = factor * 10**power
            if step != int(step):
                continue
            steps = max(1, math.ceil(value / step))
            if steps <= most:
                candidates.append((int(steps * step), abs(steps - 5), int(step)))
    # At least three steps where the data allows it; of equal tops, the one nearest five steps.
    enough = [candidate for candidate in candidates if candidate[0] // candidate[2] >= 3] or candidates
    top, _, step = min(enough)
    return top, step


def nice_top(value: int) -> int:
    """The top of the value axis for data up to `value` (see nice_scale)."""
    return nice_scale(value)[0]


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
    start: dt.date,
    end: dt.date,
    x: Callable[[dt.date], float],
    label_y: float,
    grid: tuple[float, float] | None = None,
    bounds: tuple[float, float] = (0, math.inf),
) -> list[str]:
    """A label at each new year (or every few years) between `start` and `end`, spaced so no two
    touch, with a vertical grid line when `grid` is given; a label that would cross `bounds`
    (the chart's edges) is left out."""
    parts = []
    first, last = start.year + 1, end.year
    spacing = text_width("2000") + GAP
    step = year_step(first, last, max(1, int((x(end) - x(start)) // spacing)))
    for year in range(-(-first // step) * step, last + 1, step):
        at = x(dt.date(year, 1, 1))
        if grid:
            parts.append(f'<line class="grid" x1="{at:.1f}" x2="{at:.1f}" y1="{grid[0]}" y2="{grid[1]}"/>')
        box = text_box(at, label_y, str(year), "middle")
        if box[0] >= bounds[0] and box[2] <= bounds[1]:
            parts.append(f'<text class="tick" x="{at:.1f}" y="{label_y}" text-anchor="middle">{year}</text>')
    return parts


def marker(index: int, x: float, y: float) -> str:
    """The series' marker shape at (x, y): circle, square, triangle, diamond, ring, cross."""
    shape = index % SERIES_STYLES
    if shape == 0:
        return f'<circle class="mark" cx="{x:.1f}" cy="{y:.1f}" r="3.5"/>'
    if shape == 1:
        return f'<rect class="mark" x="{x - 3.2:.1f}" y="{y - 3.2:.1f}" width="6.4" height="6.4"/>'
    if shape == 2:
        return f'<path class="mark" d="M{x:.1f} {y - 4.5:.1f}l4.5 7.8h-9z"/>'
    if shape == 3:
        return f'<path class="mark" d="M{x:.1f} {y - 4.8:.1f}l4.8 4.8-4.8 4.8-4.8-4.8z"/>'
    if shape == 4:
        return f'<circle class="mark hollow" cx="{x:.1f}" cy="{y:.1f}" r="3.5"/>'
    return f'<path class="mark stroked" d="M{x - 3.5:.1f} {y - 3.5:.1f}l7 7m0-7l-7 7"/>'


def series_key(index: int) -> str:
    """A series' letter: A, B, C... (then numbers)."""
    return chr(ord("A") + index) if index < 26 else str(index + 1)


def fit(text: str, room: float) -> str:
    """`text`, cut with an ellipsis to fit `room` units."""
    if text_width(text) <= room:
        return text
    keep = max(1, int(room / (FONT * 0.64)) - 1)
    return text[:keep].rstrip() + "\u2026"


def line_chart(
    lines: Sequence[Line], title: str, width: int = WIDE, height: int = 240, axes: bool = True, size: str = ""
) -> Markup:
    """An SVG line chart of `lines` on one time axis, starting the value axis at zero, with each
    series' letter by its last point and a key below; without `axes` it is a sparkline (`height`
    high): no grid, ticks, markers or key."""
    points = [point for line in lines for point in line.points]
    if not points:
        return Markup("")
    start = min(date for date, _ in points)
    end = max(date for date, _ in points)
    span = max((end - start).days, 1)
    top_value, step_value = (
        nice_scale(max(value for _, value in points)) if axes else (max(1, max(value for _, value in points)), 1)
    )
    ticks = [step_value * index for index in range(top_value // step_value + 1)] if axes else []
    if axes:
        left = max(text_width(compact(value)) for value in ticks) + 10
        right, top, plot_height = text_width("2000") / 2 + 2, 10, 160  # room for a year label at the end
        bottom_of_plot = top + plot_height
        height = bottom_of_plot + 30 + ROW * len(lines)
    else:
        left, right, top = 2, 2, 2
        plot_height = height - 4
        bottom_of_plot = top + plot_height
    plot_width = width - left - right

    def x(date: dt.date) -> float:
        return left + plot_width * (date - start).days / span

    def y(value: float) -> float:
        return top + plot_height * (1 - value / top_value)

    parts = [
        f'<svg class="chart{size_class(size)}" viewBox="0 0 {width} {height}" role="img" data-search-exclude>',
        f"<title>{escape(title)}</title>",
    ]
    for value in ticks:
        parts.append(
            f'<line class="grid" x1="{left}" x2="{width - right}" y1="{y(value):.1f}" y2="{y(value):.1f}"/>'
            f'<text class="tick" x="{left - 6}" y="{y(value) + 4:.1f}" text-anchor="end">{compact(value)}</text>'
        )
    if axes:
        parts += year_ticks(start, end, x, bottom_of_plot + 20, (top, bottom_of_plot), (left - 4, width))
    placed: list[Box] = []
    for index, line in enumerate(lines):
        dash = DASHES[index % len(DASHES)]
        dash_attribute = f' stroke-dasharray="{dash}"' if dash else ""
        if axes:
            parts.append(f'<g class="series s{index % SERIES_STYLES}">')
        for run in segments(line.points):
            if len(run) > 1:
                # Sparklines are small enough for whole pixels.
                digits = 1 if axes else 0
                coordinates = " ".join(f"{x(date):.{digits}f},{y(value):.{digits}f}" for date, value in run)
                parts.append(f'<polyline class="line"{dash_attribute} points="{coordinates}"/>')
            if axes:
                parts += [
                    marker(index, x(date), y(value))
                    for date, value in (run[:1] if len(run) == 1 else [run[0], run[-1]])
                ]
            elif len(run) == 1:
                parts.append(f'<circle class="dot" cx="{x(run[0][0]):.1f}" cy="{y(run[0][1]):.1f}" r="2.5"/>')
        if axes:
            last_x, last_y = x(line.points[-1][0]), y(line.points[-1][1])
            key = series_key(index)
            parts.append(direct_label(key, last_x, last_y, placed, (left, top, width - 2, bottom_of_plot)))
            row = bottom_of_plot + 30 + ROW * index
            label = fit(f"{key}: {line.label}", width - left - 40)
            parts.append(
                f'<line class="line"{dash_attribute} x1="{left}" x2="{left + 28}" y1="{row + 5}" y2="{row + 5}"/>'
                + marker(index, left + 14, row + 5)
                + f'<text class="label" x="{left + 36}" y="{row + 9}">{escape(label)}</text></g>'
            )
    parts.append("</svg>")
    return Markup("".join(parts))


def direct_label(key: str, x: float, y: float, placed: list[Box], area: Box) -> str:
    """The series' letter beside its last point: right of it, else left, moved up or down a line
    at a time until it touches no letter placed before and stays inside `area`."""
    for shift in (0, -1, 1, -2, 2, -3, 3, -4, 4, -5, 5, -6, 6):
        baseline = y + 4 + shift * (FONT + 2)
        for at, anchor in ((x + 7, "start"), (x - 7, "end")):
            box = text_box(at, baseline, key, anchor)
            inside = box[0] >= area[0] and box[1] >= area[1] and box[2] <= area[2] and box[3] <= area[3]
            if inside and not overlaps(box, placed):
                placed.append(box)
                return f'<text class="key" x="{at:.1f}" y="{baseline:.1f}" text-anchor="{anchor}">{key}</text>'
    return ""


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    low: float
    high: float
    reference: bool = False  # a reference figure (a bare app), drawn apart from the others


def bar_chart(
    bars: Sequence[Bar], title: str, unit: str = "", value_text: Callable[[float], str] | None = None
) -> Markup:
    """Horizontal bars with a whisker from low to high (the spread), one row per bar, drawn for
    phones (each label above its bar) and for larger screens (labels beside the bars), so its
    text is about 12 px high on both."""
    if not bars:
        return Markup("")
    ceiling = max(bar.high for bar in bars) or 1

    def draw(width: int, size: str) -> Markup:
        narrow = size == "narrow"
        # Beside the bars, the labels' column fits the longest (about 6.3 px a character at 12 px).
        label_column = max(222, round(max(len(bar.label) for bar in bars) * 6.3) + 6)
        row, left, right, top = (36, 0, 52, 4) if narrow else (20, label_column, 52, 6)
        bar_top, bar_height, label_y, value_y = (19, 10, 13, 29) if narrow else (4, 12, 14, 14)
        label_x, anchor = (0, "start") if narrow else (left - 6, "end")
        height = top + row * len(bars) + 22
        scale = (width - left - right) / ceiling
        parts = [
            f'<svg class="chart bars {size}" viewBox="0 0 {width} {height}" role="img" data-search-exclude>',
            f"<title>{escape(title)}</title>",
        ]
        for index, bar in enumerate(bars):
            y = top + index * row
            text = value_text(bar.value) if value_text else f"{bar.value:g}{unit}"
            label = (
                f'<text class="label" x="{label_x}" y="{y + label_y}" text-anchor="{anchor}">{escape(bar.label)}</text>'
            )
            middle = y + bar_top + bar_height / 2
            parts.append(
                label + f'<rect class="bar{" reference" if bar.reference else ""}" x="{left}" y="{y + bar_top}"'
                f' width="{bar.value * scale:.1f}" height="{bar_height}"/>'
                f'<line class="whisker" x1="{left + bar.low * scale:.1f}" x2="{left + bar.high * scale:.1f}"'
                f' y1="{middle:.1f}" y2="{middle:.1f}"/>'
                f'<text class="tick" x="{left + bar.high * scale + 4:.1f}" y="{y + value_y}">{escape(text)}</text>'
            )
        axis = top + row * len(bars) + 14
        parts.append(f'<text class="tick" x="{left}" y="{axis}">0</text>')
        parts.append("</svg>")
        return Markup("".join(parts))

    return both(draw)


def timeline_chart(
    dates: Sequence[dt.date], labels: Sequence[tuple[dt.date, str]], title: str, width: int = WIDE, size: str = ""
) -> Markup:
    """One tick per release on a time axis, with labelled releases above it: a label that would
    touch the one before it is left out (the table under the chart lists them all)."""
    if not dates:
        return Markup("")
    left, right, axis = 12, 12, 40
    height = axis + 30
    start, end = min(dates), max(dates)
    span = max((end - start).days, 1)

    def x(date: dt.date) -> float:
        return left + (width - left - right) * (date - start).days / span

    parts = [
        f'<svg class="chart timeline{size_class(size)}" viewBox="0 0 {width} {height}" role="img" data-search-exclude>',
        f"<title>{escape(title)}</title>",
    ]
    parts.append(f'<line class="grid" x1="{left}" x2="{width - right}" y1="{axis}" y2="{axis}"/>')
    # One path of short vertical strokes: a site's hundreds of releases stay a few kilobytes.
    ticks = "".join(f"M{x(date):.1f} {axis - 6}v12" for date in dates)
    parts.append(f'<path class="line" d="{ticks}"/>')
    placed: list[Box] = []
    for date, label in sorted(labels):
        half = text_width(label) / 2
        at = min(max(x(date), 2 + half), width - 2 - half)
        box = text_box(at, axis - 12, label, "middle")
        if overlaps(box, placed, GAP / 2):
            continue
        placed.append(box)
        parts.append(f'<text class="label" x="{at:.1f}" y="{axis - 12}" text-anchor="middle">{escape(label)}</text>')
    parts += year_ticks(start, end, x, axis + 22, bounds=(2, width - 2))
    parts.append("</svg>")
    return Markup("".join(parts))


@dataclass(frozen=True)
class Window:
    label: str
    start: dt.date
    mainstream_end: dt.date | None  # None: not announced
    extended_end: dt.date | None


def window_chart(windows: Sequence[Window], title: str, width: int = WIDE, size: str = "") -> Markup:
    """Support windows as bars: mainstream support solid, extended support lighter and outlined.
    An end that is not announced is drawn as a start mark and the words "end not announced"
    (after the mark, or before it where the chart ends first), never as a bar."""
    if not windows:
        return Markup("")
    row, right, top = 20, 12, 6
    left = min(max(text_width(window.label) for window in windows) + 12, width * 0.4)
    height = top + row * len(windows) + 30
    known = [date for window in windows for date in (window.start, window.mainstream_end, window.extended_end) if date]
    start, end = min(known), max(known)
    span = max((end - start).days, 1)

    def x(date: dt.date) -> float:
        return left + (width - left - right) * (date - start).days / span

    parts = [
        f'<svg class="chart windows{size_class(size)}" viewBox="0 0 {width} {height}" role="img" data-search-exclude>',
        f"<title>{escape(title)}</title>",
    ]
    unannounced = "end not announced"
    for index, window in enumerate(windows):
        y = top + index * row
        label = fit(window.label, left - 8)
        parts.append(f'<text class="label" x="{left - 6:.1f}" y="{y + 14}" text-anchor="end">{escape(label)}</text>')
        parts.append(
            f'<line class="line" x1="{x(window.start):.1f}" x2="{x(window.start):.1f}" y1="{y + 2}" y2="{y + 18}"/>'
        )
        if window.mainstream_end:
            width_main = x(window.mainstream_end) - x(window.start)
            parts.append(
                f'<rect class="bar" x="{x(window.start):.1f}" y="{y + 4}" width="{width_main:.1f}" height="{row - 8}"/>'
            )
        if window.mainstream_end and window.extended_end:
            width_extended = x(window.extended_end) - x(window.mainstream_end)
            parts.append(
                f'<rect class="bar extended" x="{x(window.mainstream_end):.1f}" y="{y + 4.5}"'
                f' width="{max(width_extended - 0.5, 0):.1f}" height="{row - 9}"/>'
            )
        last = window.extended_end or window.mainstream_end
        if last is None:
            after = x(window.start) + 6
            if after + text_width(unannounced) <= width - 2:
                parts.append(f'<text class="tick" x="{after:.1f}" y="{y + 14}">{unannounced}</text>')
            else:
                before = x(window.start) - 6
                parts.append(f'<text class="tick" x="{before:.1f}" y="{y + 14}" text-anchor="end">{unannounced}</text>')
    axis = top + row * len(windows)
    parts += year_ticks(start, end, x, axis + 20, (top, axis), (left - 4, width - 2))
    parts.append("</svg>")
    return Markup("".join(parts))
