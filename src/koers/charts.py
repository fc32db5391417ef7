"""Server-side SVG charts with a title, a description and a table alternative.

Each chart is a self-contained SVG string (inline styles, no external CSS or scripts), so the
PDF report can embed exactly what the page shows. Every text that came from a user is escaped
by format_html.
"""

from __future__ import annotations

import datetime
import math
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import count

from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from koers import formats

_ids = count(1)

INK = "#1b2a3a"
GRID = "#8a97a6"
FILLS = ("#e3f1e6", "#fdf1d8", "#e6eef8", "#f1f1f1")  # good, mixed, mixed, low
POINT = "#1f4e79"


@dataclass
class Chart:
    title: str
    description: str
    svg: SafeString
    headers: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    legend: list[str] = field(default_factory=list)  # names of the numbered points, in order


@dataclass
class Point:
    number: int
    label: str
    x: int  # 1..5
    y: int  # 1..5


def _open_svg(width: int, height: int, title: str, description: str) -> str:
    n = next(_ids)
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" '
        'class="chart-svg" font-family="sans-serif" role="img" '
        'aria-labelledby="chart-{n}-t chart-{n}-d">'
        '<title id="chart-{n}-t">{t}</title><desc id="chart-{n}-d">{d}</desc>',
        w=width,
        h=height,
        n=n,
        t=title,
        d=description,
    )


# Offsets that spread points sharing one score cell, so none hides another.
_SPREAD = [(0, 0), (-13, -13), (13, 13), (13, -13), (-13, 13), (0, -15), (0, 15), (-15, 0), (15, 0)]


def quadrant_plot(
    *,
    title: str,
    description: str,
    x_label: str,
    y_label: str,
    quadrants: tuple[str, str, str, str],
    points: list[Point],
    large_from: int,
) -> SafeString:
    """A 5×5 score plot split where a score counts as large into four labelled quadrants.

    quadrants: (large x & large y, small x & large y, large x & small y, small x & small y).
    """
    left, top, size = 70, 20, 360
    cell = size / 5

    def px(score: float) -> float:
        return left + (score - 0.5) * cell

    def py(score: float) -> float:
        return top + size - (score - 0.5) * cell

    split = large_from - 0.5
    parts = [_open_svg(left + size + 20, top + size + 60, title, description)]
    # Quadrant backgrounds and labels.
    boxes = [
        (px(split), top, px(5.5) - px(split), py(split) - top, FILLS[0], quadrants[0]),
        (left, top, px(split) - left, py(split) - top, FILLS[1], quadrants[1]),
        (px(split), py(split), px(5.5) - px(split), top + size - py(split), FILLS[2], quadrants[2]),
        (left, py(split), px(split) - left, top + size - py(split), FILLS[3], quadrants[3]),
    ]
    for x, y, w, h, fill, label in boxes:
        parts.append(
            format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>'
                '<text x="{}" y="{}" font-size="12" font-weight="bold" fill="{}">{}</text>',
                x,
                y,
                w,
                h,
                fill,
                x + 6,
                y + 16,
                INK,
                label,
            )
        )
    # Axes, ticks and the split lines.
    parts.append(
        format_html(
            '<rect x="{l}" y="{t}" width="{s}" height="{s}" fill="none" stroke="{g}"/>'
            '<line x1="{sx}" y1="{t}" x2="{sx}" y2="{b}" stroke="{g}" stroke-dasharray="4 3"/>'
            '<line x1="{l}" y1="{sy}" x2="{r}" y2="{sy}" stroke="{g}" stroke-dasharray="4 3"/>',
            l=left,
            t=top,
            s=size,
            g=GRID,
            sx=px(split),
            sy=py(split),
            b=top + size,
            r=left + size,
        )
    )
    for score in range(1, 6):
        parts.append(
            format_html(
                '<text x="{}" y="{}" font-size="12" text-anchor="middle" fill="{}">{}</text>'
                '<text x="{}" y="{}" font-size="12" text-anchor="end" fill="{}">{}</text>',
                px(score),
                top + size + 16,
                INK,
                score,
                left - 8,
                py(score) + 4,
                INK,
                score,
            )
        )
    parts.append(
        format_html(
            '<text x="{}" y="{}" font-size="13" text-anchor="middle" fill="{}">{} →</text>'
            '<text x="{}" y="{}" font-size="13" text-anchor="middle" fill="{}" '
            'transform="rotate(-90 {} {})">{} →</text>',
            left + size / 2,
            top + size + 40,
            INK,
            x_label,
            22,
            top + size / 2,
            INK,
            22,
            top + size / 2,
            y_label,
        )
    )
    # Points, numbered; the legend and the table alternative carry the names.
    crowd: dict[tuple[int, int], int] = defaultdict(int)
    for p in points:
        dx, dy = _SPREAD[crowd[(p.x, p.y)] % len(_SPREAD)]
        crowd[(p.x, p.y)] += 1
        cx, cy = px(p.x) + dx, py(p.y) + dy
        parts.append(
            format_html(
                '<g><title>{}</title><circle cx="{}" cy="{}" r="10" fill="{}" stroke="#fff"/>'
                '<text x="{}" y="{}" font-size="11" font-weight="bold" text-anchor="middle" '
                'fill="#fff">{}</text></g>',
                p.label,
                cx,
                cy,
                POINT,
                cx,
                cy + 4,
                p.number,
            )
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def grid_matrix(
    *, title: str, description: str, columns: list[str], rows: list[str], cells: list[list[tuple[str, list[str]]]]
) -> SafeString:
    """A labelled grid; each cell has a heading and a list of names (Figure 5)."""
    left, top, col_w, row_h, line_h = 130, 40, 170, 150, 16
    width, height = left + col_w * len(columns) + 10, top + row_h * len(rows) + 10
    parts = [_open_svg(width, height, title, description)]
    for c, label in enumerate(columns):
        parts.append(
            format_html(
                '<text x="{}" y="{}" font-size="12" font-weight="bold" text-anchor="middle" fill="{}">{}</text>',
                left + c * col_w + col_w / 2,
                top - 14,
                INK,
                label,
            )
        )
    for r, label in enumerate(rows):
        parts.append(
            format_html(
                '<text x="{}" y="{}" font-size="12" font-weight="bold" fill="{}">{}</text>',
                8,
                top + r * row_h + row_h / 2,
                INK,
                label,
            )
        )
        for c, (heading, names) in enumerate(cells[r]):
            x, y = left + c * col_w, top + r * row_h
            shown = names if len(names) <= 6 else [*names[:5], f"+ {len(names) - 5}"]
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" stroke="{}"/>'
                    '<text x="{}" y="{}" font-size="13" font-weight="bold" fill="{}">{}</text>{}',
                    x,
                    y,
                    col_w,
                    row_h,
                    FILLS[0] if names else "#fafafa",
                    GRID,
                    x + 8,
                    y + 20,
                    INK,
                    heading,
                    format_html_join(
                        "",
                        '<text x="{}" y="{}" font-size="12" fill="{}">{}</text>',
                        ((x + 8, y + 40 + i * line_h, INK, _clip(name)) for i, name in enumerate(shown)),
                    ),
                )
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def _clip(text: str, length: int = 22) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


LINE = 1.2  # line height, in font sizes


def _wrap(text: str, chars: int, max_lines: int = 3) -> list[str]:
    """Words over lines of at most `chars` characters, so a label is read whole rather than
    cut; only beyond `max_lines` is the last line shortened."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= chars:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], _clip(" ".join(lines[max_lines - 1 :]), chars)]
    return lines or [""]


def _away(offset: float, lines: int, size: int) -> float:
    """Move a label of several lines away from the centre it sits above or below, so its
    lines do not run into the chart or into the next label."""
    if abs(offset) < 20:
        return 0
    return math.copysign((lines - 1) * size * LINE / 2, offset)


def _label(
    x: float, y: float, lines: list[str], *, size: int = 12, anchor: str = "start", weight: str = "normal"
) -> SafeString:
    """A text of one or more lines, vertically centred on y."""
    first = y + size * 0.35 - (len(lines) - 1) * size * LINE / 2
    return format_html(
        '<text x="{}" y="{}" font-size="{}" text-anchor="{}" font-weight="{}" fill="{}">{}</text>',
        round(x, 1),
        round(first, 1),
        size,
        anchor,
        weight,
        INK,
        format_html_join(
            "",
            '<tspan x="{}" dy="{}">{}</tspan>',
            ((round(x, 1), 0 if i == 0 else size * LINE, line) for i, line in enumerate(lines)),
        ),
    )


# --- timelines and courses (Doe) ---------------------------------------------------------------

STATUS_FILLS = {"gepland": "#9db7d5", "bezig": "#1f4e79", "klaar": "#3c7d4a", "vertraagd": "#b35900"}
WARN = "#b00020"


@dataclass
class Bar:
    label: str
    group: str
    start: datetime.date
    end: datetime.date
    status: str
    status_label: str
    overdue: bool = False


def _month_starts(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    months, day = [], first.replace(day=1)
    while day <= last:
        months.append(day)
        day = (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return months


def gantt(*, title: str, description: str, bars: list[Bar], today: datetime.date, overdue_label: str) -> SafeString:
    """Bars on a time axis by month, grouped under their phase; today as a red line.
    An overdue bar gets a red outline and a mark, so colour is not the only sign."""
    left, top, width, row_h, group_h = 240, 34, 380, 24, 22
    lines = {id(b): _wrap(b.label, 34, max_lines=2) for b in bars}

    def height_of(bar: Bar) -> int:
        return max(row_h, round(len(lines[id(bar)]) * 12 * LINE) + 8)

    first = min(b.start for b in bars)
    last = max(max(b.end for b in bars), today)
    span = max((last - first).days + 1, 1)

    def px(day: datetime.date) -> float:
        return left + width * (day - first).days / span

    groups: list[tuple[str, list[Bar]]] = []
    for bar in bars:
        if not groups or groups[-1][0] != bar.group:
            groups.append((bar.group, []))
        groups[-1][1].append(bar)
    height = top + sum(group_h + sum(height_of(b) for b in items) for _g, items in groups) + 10
    parts = [_open_svg(left + width + 20, height, title, description)]
    months = _month_starts(first, last)
    step = max(1, math.ceil(56 / (width / max(len(months), 1))))  # a label needs about 56 px
    for i, month in enumerate(months):
        x = max(px(month), left)
        parts.append(
            format_html('<line x1="{x}" y1="{t}" x2="{x}" y2="{b}" stroke="#e1e5ea"/>', x=x, t=top - 6, b=height - 6)
        )
        if i % step == 0:
            parts.append(
                format_html(
                    '<text x="{}" y="{}" font-size="11" fill="{}">{}</text>',
                    x + 2,
                    top - 12,
                    INK,
                    formats.short_month(month),
                )
            )
    y = top
    for group, items in groups:
        parts.append(_label(6, y + group_h / 2, [_clip(group, 40)], weight="bold"))
        y += group_h
        for bar in items:
            h = height_of(bar)
            x0, x1 = px(bar.start), px(bar.end + datetime.timedelta(days=1))
            stroke = format_html(' stroke="{}" stroke-width="2"', WARN) if bar.overdue else ""
            parts.append(
                format_html(
                    "<g><title>{label}: {s} – {e}, {status}{late}</title>"
                    "{text}"
                    '<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="3" fill="{fill}"{stroke}/>'
                    "{mark}</g>",
                    label=bar.label,
                    s=formats.short_day(bar.start),
                    e=formats.short_day(bar.end),
                    status=bar.status_label,
                    late=f" – {overdue_label}" if bar.overdue else "",
                    text=_label(14, y + h / 2, lines[id(bar)]),
                    x=x0,
                    y=y + h / 2 - (row_h - 8) / 2,
                    w=max(x1 - x0, 3),
                    h=row_h - 8,
                    fill=STATUS_FILLS.get(bar.status, GRID),
                    stroke=stroke,
                    mark=format_html(
                        '<text x="{}" y="{}" font-size="13" font-weight="bold" fill="{}">!</text>',
                        x1 + 4,
                        y + h / 2 + 5,
                        WARN,
                    )
                    if bar.overdue
                    else "",
                )
            )
            y += h
    if first <= today <= last:
        parts.append(
            format_html(
                '<line x1="{x}" y1="{t}" x2="{x}" y2="{b}" stroke="{c}" stroke-width="2"/>'
                '<text x="{tx}" y="{ty}" font-size="11" fill="{c}">{label}</text>',
                x=px(today),
                t=top - 6,
                b=height - 6,
                c=WARN,
                tx=px(today) + 3,
                ty=height - 8,
                label=formats.day_and_month(today),
            )
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


@dataclass
class CoursePoint:
    day: datetime.date
    value: Decimal
    sourced: bool = False  # read from the goal's source rather than typed: drawn as a square


def course_chart(
    *,
    title: str,
    description: str,
    points: list[CoursePoint],
    path: tuple[CoursePoint, CoursePoint] | None,
    low: Decimal | None,
    high: Decimal | None,
    unit: str,
    path_label: str,
    sourced_label: str = "",
) -> SafeString:
    """Measurements of one indicator over time, with the straight path from baseline to target
    as a dashed line."""
    left, top, width, height = 60, 16, 440, 180
    days = [p.day for p in points] + ([path[0].day, path[1].day] if path else [])
    values = [p.value for p in points] + ([path[0].value, path[1].value] if path else [])
    first, last = min(days), max(days)
    span = max((last - first).days, 1)
    vmin = low if low is not None else min(values)
    vmax = high if high is not None else max(values)
    if vmax == vmin:
        vmin, vmax = vmin - 1, vmax + 1

    def px(day: datetime.date) -> float:
        return left + width * (day - first).days / span

    def py(value: Decimal) -> float:
        return top + height - height * float((value - vmin) / (vmax - vmin))

    parts = [_open_svg(left + width + 30, top + height + 40, title, description)]
    parts.append(
        format_html(
            '<rect x="{}" y="{}" width="{}" height="{}" fill="#fafbfc" stroke="{}"/>', left, top, width, height, GRID
        )
    )
    for value in (vmin, (vmin + vmax) / 2, vmax):
        parts.append(
            format_html(
                '<text x="{}" y="{}" font-size="11" text-anchor="end" fill="{}">{} {}</text>',
                left - 6,
                py(value) + 4,
                INK,
                _number(value),
                unit,
            )
        )
    for day in (first, last):
        parts.append(
            format_html(
                '<text x="{}" y="{}" font-size="11" text-anchor="middle" fill="{}">{}</text>',
                px(day),
                top + height + 16,
                INK,
                formats.short_day(day),
            )
        )
    if path:
        parts.append(
            format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-dasharray="6 4" '
                'stroke-width="2"><title>{}</title></line>',
                px(path[0].day),
                py(path[0].value),
                px(path[1].day),
                py(path[1].value),
                GRID,
                path_label,
            )
        )
    if len(points) > 1:
        coords = " ".join(f"{px(p.day):.1f},{py(p.value):.1f}" for p in points)
        parts.append(format_html('<polyline points="{}" fill="none" stroke="{}" stroke-width="2"/>', coords, POINT))
    for p in points:
        x, y = px(p.day), py(p.value)
        label = format_html(
            "<title>{}: {} {}{}</title>", formats.day(p.day), _number(p.value), unit, sourced_label if p.sourced else ""
        )
        if p.sourced:
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="9" height="9" fill="{}">{}</rect>', x - 4.5, y - 4.5, POINT, label
                )
            )
        else:
            parts.append(format_html('<circle cx="{}" cy="{}" r="4" fill="{}">{}</circle>', x, y, POINT, label))
    parts.append("</svg>")
    return mark_safe("".join(parts))


def _number(value: Decimal) -> str:
    return number_format(int(value) if value == value.to_integral_value() else value)


# --- survey results -----------------------------------------------------------------------------

# Colour-blind safe series (Okabe–Ito); each series also has its own dash or marker in the legend.
SERIES = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000", "#f0e442")


@dataclass
class Series:
    name: str
    values: list[float | None]  # one per category; None is "not shown"


def _fmt(value: float) -> str:
    return number_format(round(value, 1), decimal_pos=1)


def _legend_height(series: list[Series]) -> int:
    return sum(round(len(_wrap(s.name, 22, max_lines=2)) * 12 * LINE) + 6 for s in series)


def _legend(series: list[Series], x: int, y: int) -> str:
    parts = []
    for i, s in enumerate(series):
        lines = _wrap(s.name, 22, max_lines=2)
        parts.append(
            format_html('<rect x="{}" y="{}" width="12" height="12" fill="{}"/>', x, y, SERIES[i % len(SERIES)])
            + _label(x + 18, y + 6 + (len(lines) - 1) * 12 * LINE / 2, lines)
        )
        y += round(len(lines) * 12 * LINE) + 6
    return "".join(parts)


def grouped_bars(
    *,
    title: str,
    description: str,
    categories: list[str],
    series: list[Series],
    low: float,
    high: float,
    step: int = 1,
) -> SafeString:
    """Horizontal bars: per category (dimension) one bar per series (group), on the scale,
    with a gridline every step."""
    # 640 wide, so the PDF's A4 page shows it at full size; the legend goes underneath.
    left, top, width = 230, 10, 390
    bar_h, gap = 14, 12
    labels = [_wrap(c, 32) for c in categories]
    blocks = [max(bar_h * len(series), len(lines) * 12 * LINE) + gap for lines in labels]
    bottom = top + sum(blocks) + 30
    height = bottom + 10 + _legend_height(series)

    def px(value: float) -> float:
        return left + width * (value - low) / (high - low)

    parts = [_open_svg(left + width + 20, height, title, description)]
    for tick in range(int(low), int(high) + 1, step):
        parts.append(
            format_html(
                '<line x1="{x}" y1="{t}" x2="{x}" y2="{b}" stroke="#e1e5ea"/>'
                '<text x="{x}" y="{ty}" font-size="11" text-anchor="middle" fill="{ink}">{v}</text>',
                x=px(tick),
                t=top,
                b=bottom - 24,
                ty=bottom - 10,
                ink=INK,
                v=tick,
            )
        )
    y = top
    for c, category in enumerate(categories):
        block = blocks[c]
        parts.append(_label(left - 8, y + (block - gap) / 2, labels[c], anchor="end"))
        for s, serie in enumerate(series):
            value = serie.values[c]
            if value is None:
                continue
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}, {}: {}</title></rect>',
                    left,
                    y + (block - gap - bar_h * len(series)) / 2 + s * bar_h,
                    max(px(value) - left, 1),
                    bar_h - 2,
                    SERIES[s % len(SERIES)],
                    category,
                    serie.name,
                    _fmt(value),
                )
            )
        y += block
    parts.append(_legend(series, left, bottom + 10))
    parts.append("</svg>")
    return mark_safe("".join(parts))


def spider(
    *, title: str, description: str, axes: list[str], series: list[Series], low: float, high: float
) -> SafeString:
    """A radar of profiles: one axis per dimension, one closed line per group."""
    cx, cy, radius = 250, 200, 120
    n = len(axes)

    def point(i: int, value: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * i / n
        r = radius * (value - low) / (high - low)
        return cx + r * math.cos(angle), cy + r * math.sin(angle)

    parts = [_open_svg(640, 410, title, description)]
    for level in range(int(low), int(high) + 1):
        ring = " ".join(f"{x:.1f},{y:.1f}" for x, y in (point(i, level) for i in range(n)))
        parts.append(format_html('<polygon points="{}" fill="none" stroke="#e1e5ea"/>', ring))
    for i, axis in enumerate(axes):
        x, y = point(i, high)
        lx, ly = point(i, high + (high - low) * 0.12)
        anchor = "middle" if abs(lx - cx) < 10 else ("start" if lx > cx else "end")
        parts.append(
            format_html('<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#c9d1da"/>', cx, cy, round(x, 1), round(y, 1))
            + _label(
                lx, ly + _away(ly - cy, len(lines := _wrap(axis, 16, max_lines=4)), 11), lines, size=11, anchor=anchor
            )
        )
    for s, serie in enumerate(series):
        points = [point(i, v) for i, v in enumerate(serie.values) if v is not None]
        if len(points) < 3:
            continue
        colour = SERIES[s % len(SERIES)]
        coords = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        parts.append(
            format_html(
                '<polygon points="{}" fill="{}" fill-opacity="0.08" stroke="{}" stroke-width="2">'
                "<title>{}</title></polygon>",
                coords,
                colour,
                colour,
                serie.name,
            )
        )
    parts.append(_legend(series, 490, 20))
    parts.append("</svg>")
    return mark_safe("".join(parts))


@dataclass
class Pole:
    name: str
    low: str
    high: str


def profile_lines(
    *, title: str, description: str, rows: list[Pole], series: list[Series], marks: int = 8
) -> SafeString:
    """The school-concept schema: one row per dimension from 1 (left pole) to `marks` (right
    pole), with each series as a line through its positions (current, desired, a variant).
    640 wide, labels wrapped, the legend underneath."""
    left, top, width = 250, 30, 230
    labels = [(_wrap(r.name, 18, 4), _wrap(r.low, 14, 4), _wrap(r.high, 14, 4)) for r in rows]
    heights = [max(30, round(max(len(n), len(lo), len(hi)) * 12 * LINE) + 10) for n, lo, hi in labels]
    centres = [top + sum(heights[:r]) + h / 2 for r, h in enumerate(heights)]
    bottom = top + sum(heights) + 10

    def px(value: float) -> float:
        return left + width * (value - 1) / (marks - 1)

    parts = [_open_svg(640, bottom + 10 + _legend_height(series), title, description)]
    for mark in range(1, marks + 1):
        parts.append(
            format_html(
                '<text x="{}" y="{}" font-size="11" text-anchor="middle" fill="{}">{}</text>'
                '<line x1="{x}" y1="{t}" x2="{x}" y2="{b}" stroke="#e1e5ea"/>',
                px(mark),
                top - 12,
                INK,
                mark,
                x=px(mark),
                t=top - 4,
                b=bottom - 8,
            )
        )
    for (name, low, high), y in zip(labels, centres, strict=True):
        parts.append(
            _label(6, y, name, weight="bold")
            + _label(left - 8, y, low, size=11, anchor="end")
            + _label(left + width + 8, y, high, size=11)
        )
    for s, serie in enumerate(series):
        colour = SERIES[s % len(SERIES)]
        points = [(px(v), centres[r]) for r, v in enumerate(serie.values) if v is not None]
        dash = ("", ' stroke-dasharray="5 4"', ' stroke-dasharray="2 3"')[min(s, 2)]
        parts.append(
            format_html(
                '<polyline points="{}" fill="none" stroke="{}" stroke-width="2"{}/>',
                " ".join(f"{x:.1f},{y:.1f}" for x, y in points),
                colour,
                mark_safe(dash),
            )
        )
        for x, y in points:
            parts.append(format_html('<circle cx="{}" cy="{}" r="4" fill="{}"/>', round(x, 1), round(y, 1), colour))
    parts.append(_legend(series, left, bottom + 10))
    parts.append("</svg>")
    return mark_safe("".join(parts))
