"""Turn a report's aggregates into what the page, the PDF and the exports show: formatted
numbers, the distribution per answer, the highlighted differences and the SVG charts."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from koers import charts, formats

from . import selectors, stats
from .models import LIKERT_LABELS, UNKNOWN_LABEL, Item, RespondentGroup, Scale


def number(value: float | None, scale: str = Scale.LIKERT5) -> str:
    if value is None:
        return "–"
    if scale == Scale.YESNO:
        return f"{round(100 * value)}%"
    return number_format(round(value, 1), decimal_pos=1)


def signed(value: float | None, scale: str) -> str:
    if value is None:
        return "–"
    if scale == Scale.YESNO:
        return f"{round(100 * value):+d} %-punt"
    text = number_format(round(abs(value), 1), decimal_pos=1)
    return f"+{text}" if value > 0.05 else (f"−{text}" if value < -0.05 else "0,0")


def value_label(scale: str, value: int, item: Item | None = None) -> str:
    if scale == Scale.LIKERT5:
        return f"{value} {LIKERT_LABELS[value]}"
    if scale == Scale.YESNO:
        return _("Yes") if value else _("No")
    if scale == Scale.CHOICE and item:
        return item.options[value - 1]
    return str(value)


# --- the respondent's progress ------------------------------------------------------------------


@dataclass
class Progress:
    current: int  # page number; len(pages) + 1 is the review
    pages: int
    answered: int
    required: int
    incomplete: list[int]  # page numbers with a required item still open

    @property
    def percent(self) -> int:
        return round(100 * min(self.current - 1, self.pages) / self.pages) if self.pages else 0


def progress(pages: list[selectors.Page], answers: dict, current: int = 0) -> Progress:
    """Over the pages the respondent sees (selectors.seen): a skipped question never counts."""
    required = [(p.number, i) for p in pages for i in p.items if i.required]
    missing = sorted({n for n, i in required if str(i.pk) not in answers})
    answered = sum(1 for _n, i in required if str(i.pk) in answers)
    return Progress(current, len(pages), answered, len(required), missing)


# --- the report ---------------------------------------------------------------------------------


@dataclass
class Cell:
    label: str
    n: int  # respondents
    mean: str
    spread: str
    shares: list[tuple[str, int]]  # (answer label, percent) per answer value
    unknown: int = 0  # "don't know / not applicable", outside the shares and the mean

    @property
    def summary(self) -> str:
        parts = [f"{label} {pct}%" for label, pct in self.shares if pct]
        if self.unknown:
            parts.append(_("%(label)s: %(n)s") % {"label": UNKNOWN_LABEL, "n": self.unknown})
        return " · ".join(parts)

    @property
    def bar(self) -> str:
        """The distribution as SVG rectangles, since the Content-Security-Policy allows no
        inline style. Built here rather than in a template loop: a report of 60 statements
        draws some 2,000 of them, which took most of its page's time."""
        start, rects = 0, []
        for n, (label, pct) in enumerate(self.shares, start=1):
            title = f"<title>{escape(label)}: {pct}%</title>"
            rects.append(f'<rect class="share-{n}" x="{start}" width="{pct}" height="1">{title}</rect>')
            start += pct
        return mark_safe(  # numbers, and the labels escaped above
            '<svg class="distribution" viewBox="0 0 100 1" preserveAspectRatio="none" aria-hidden="true">'
            + "".join(rects)
            + "</svg>"
        )


@dataclass
class ItemView:
    item: Item
    cells: list[Cell]
    total: Cell | None  # None: hidden, so no group's answers follow from it
    seen: int | None = None  # asked on a condition: of how many


@dataclass
class RowView:
    row: selectors.Row
    title: str
    cells: list[Cell]
    total: Cell
    items: list[ItemView] = field(default_factory=list)
    gap: str = ""
    intended: str = ""
    trend: str = ""
    board: str = "–"
    everyone: str = "–"
    region: str = ""  # empty: no regional benchmark for this school


@dataclass
class ReportView:
    report: selectors.Report
    rows: list[RowView]
    charts: list[charts.Chart] = field(default_factory=list)
    profiles: list[dict] = field(default_factory=list)
    proposal: selectors.Proposal | None = None
    choices: list[dict] = field(default_factory=list)
    trend: list[charts.Chart] = field(default_factory=list)

    @property
    def survey(self):
        return self.report.survey


def _cell(label: str, stat: stats.Stat, scale: str, n: int, item: Item | None = None) -> Cell:
    values = (
        range(1, len(item.options) + 1)
        if scale == Scale.CHOICE
        else {Scale.LIKERT5: range(1, 6), Scale.BIPOLAR8: range(1, 9), Scale.YESNO: (1, 0)}[scale]
    )
    return Cell(
        label,
        n,
        number(stat.mean, scale),
        "–" if scale == Scale.YESNO else number(stat.spread),
        [(value_label(scale, v, item), round(100 * stat.share(v))) for v in values],
        stat.unknown,
    )


def facet_title(row: selectors.Row | selectors.ClosedRow) -> str:
    if row.facet == "huidig":
        return _("%(name)s — current") % {"name": row.dimension.name}
    if row.facet == "gewenst":
        return _("%(name)s — desired") % {"name": row.dimension.name}
    return row.dimension.name


def report_view(rep: selectors.Report) -> ReportView:
    names = {g.pk: g.name for g in rep.visible}
    responded = {c.group.pk: c.responded for c in rep.counts}
    rows = []
    for row in rep.rows:
        view = RowView(
            row,
            facet_title(row),
            [
                _cell(g.name, row.by_group[g.pk], row.scale, responded[g.pk])
                for g in rep.visible
                if g.pk in row.by_group
            ],
            _cell(_("All shown groups"), row.total, row.scale, rep.respondents),
            [
                ItemView(
                    result.item,
                    [
                        _cell(g.name, result.by_group[g.pk], row.scale, result.by_group[g.pk].n)
                        for g in rep.visible
                        if g.pk in result.by_group
                    ],
                    _cell(_("All shown groups"), result.total, row.scale, result.total.n) if result.total.n else None,
                    result.seen,
                )
                for result in row.items.values()
                if result.by_group or result.total.n  # a statement too few answered stays out
            ],
            board=number(row.board, row.scale),
            everyone=number(row.everyone, row.scale),
            region=number(row.region, row.scale) if rep.region_schools else "",
        )
        if row.gap and row.notable:
            high, low, gap = row.gap
            view.gap = _("%(high)s score %(gap)s higher than %(low)s.") % {
                "high": names[high],
                "low": names[low],
                "gap": signed(gap, row.scale)[1:],
            }
        if row.intended_notable:
            view.intended = _("Leadership (directie, P&O, teamleiders) %(gap)s against teachers and OOP.") % {
                "gap": signed(row.intended_gap, row.scale)
            }
        if row.trend is not None:
            view.trend = signed(row.trend, row.scale)
        rows.append(view)
    result = ReportView(rep, rows, proposal=selectors.proposal(rep))
    result.choices = [
        {
            "item": c.item,
            "total": _cell(_("All shown groups"), c.total, Scale.CHOICE, rep.respondents, c.item),
            "seen": c.seen,
            "answers": c.total.n,
        }
        for c in rep.choices
    ]
    found = selectors.profiles(rep)  # once: the profile texts and the chart both use them
    result.profiles = _profiles(found, rep.survey.instrument.variants)
    result.charts = _charts(rep, rows, found)
    result.trend = _trend_charts(rep)
    return result


def _trend_charts(rep: selectors.Report) -> list[charts.Chart]:
    """Per dimension its mean in every closed round of the instrument at the school, this one
    last, as a line with its table; only where there are at least two rounds to compare."""
    out = []
    for row in rep.rows:
        points = [(r, means[row.key]) for r, means in rep.history if row.key in means]
        if row.total.mean is not None:
            points.append((rep.survey, row.total.mean))
        if len(points) < 2:
            continue
        title = facet_title(row)
        low, high = stats.SCALE_RANGE[row.scale]
        out.append(
            charts.Chart(
                title,
                _("The mean of “%(name)s” in %(n)s rounds, the last one this round.")
                % {"name": title, "n": len(points)},
                charts.course_chart(
                    title=title,
                    description=_("Mean per round"),
                    points=[charts.CoursePoint(r.last_day(), Decimal(f"{mean:.2f}")) for r, mean in points],
                    path=None,
                    low=Decimal(low),
                    high=Decimal(high),
                    unit="",
                    path_label="",
                ),
                headers=[_("Round"), _("Last day"), _("Mean")],
                rows=[[r.title, formats.short_day(r.last_day()), number(mean, row.scale)] for r, mean in points],
            )
        )
    return out


def _profiles(found: list[selectors.Profile], variants: list[dict]) -> list[dict]:
    if not found:
        return []
    labels = {"huidig": _("Current profile"), "gewenst": _("Desired profile")}
    result = []
    for profile in found:
        nearest = profile.nearest
        text = ""
        if nearest:
            worst, ours, theirs = nearest.furthest
            text = _(
                "Closest to %(variant)s: on average %(d)s points apart per dimension. The "
                "largest difference is %(dim)s: %(ours)s against %(theirs)s for this "
                "variant."
            ) % {
                "variant": nearest.name,
                "d": number(nearest.distance),
                "dim": worst,
                "ours": number(ours),
                "theirs": theirs,
            }
            if len(profile.ranked) > 1:
                text += " " + _("Next closest: %(variant)s (%(d)s).") % {
                    "variant": profile.ranked[1].name,
                    "d": number(profile.ranked[1].distance),
                }
        variant = next((v for v in variants if nearest and v["slug"] == nearest.slug), None)
        result.append(
            {
                "label": labels[profile.facet],
                "nearest": nearest,
                "text": text,
                "description": variant["description"] if variant else "",
            }
        )
    return result


def _charts(rep: selectors.Report, rows: list[RowView], found: list[selectors.Profile]) -> list[charts.Chart]:
    if not rep.rows or not rep.visible:
        return []
    result = []
    instrument = rep.survey.instrument
    if instrument.kind == instrument.Kind.SCHOOLCONCEPT:
        current = {r.dimension.slug: r.total.mean for r in rep.facet_rows("huidig")}
        desired = {r.dimension.slug: r.total.mean for r in rep.facet_rows("gewenst")}
        dims = [r.dimension for r in rep.facet_rows("huidig")]
        poles = selectors.poles(dims)
        series = [
            charts.Series(_("Current"), [current.get(d.slug) for d in dims]),
            charts.Series(_("Desired"), [desired.get(d.slug) for d in dims]),
        ]
        nearest = next((p.nearest for p in found if p.facet == "gewenst" and p.nearest), None)
        variant = next((v for v in instrument.variants if nearest and v["slug"] == nearest.slug), None)
        if variant:
            series.append(
                charts.Series(
                    _("Variant: %(name)s") % {"name": variant["name"]}, [variant["positions"].get(d.slug) for d in dims]
                )
            )
        title = _("School concept: current and desired")
        description = _(
            "Per dimension the mean position from 1 (left pole) to 8 (right "
            "pole): current as a solid line, desired dashed, the nearest variant dotted."
        )
        result.append(
            charts.Chart(
                title,
                description,
                charts.profile_lines(
                    title=title,
                    description=description,
                    series=series,
                    rows=[charts.Pole(d.name, poles[d.pk].low_label, poles[d.pk].high_label) for d in dims],
                ),
                headers=[_("Dimension")] + [s.name for s in series],
                rows=[[d.name] + [number(s.values[i]) for s in series] for i, d in enumerate(dims)],
            )
        )
        return result
    scale = rep.rows[0].scale
    low, high = stats.SCALE_RANGE[scale]
    groups: list[RespondentGroup] = rep.visible
    categories = [r.dimension.name for r in rep.rows]
    series = [
        charts.Series(g.name, [r.by_group[g.pk].mean if g.pk in r.by_group else None for r in rep.rows]) for g in groups
    ]
    title = _("Mean per dimension and group")
    description = _(
        "Horizontal bars: for each dimension the mean answer of each respondent "
        "group, on the scale from %(low)s to %(high)s."
    ) % {"low": low, "high": high}
    table_rows = [
        [r.title]
        + [
            number(c_mean, scale)
            for c_mean in (r.row.by_group[g.pk].mean if g.pk in r.row.by_group else None for g in groups)
        ]
        for r in rows
    ]
    headers = [_("Dimension")] + [g.name for g in groups]
    result.append(
        charts.Chart(
            title,
            description,
            charts.grouped_bars(
                title=title, description=description, categories=categories, series=series, low=low, high=high
            ),
            headers=headers,
            rows=table_rows,
        )
    )
    if len(rep.rows) >= 3:
        title = _("Profile per group")
        description = _(
            "A spider chart: one axis per dimension, from %(low)s in the centre to "
            "%(high)s at the edge; one line per respondent group."
        ) % {"low": low, "high": high}
        result.append(
            charts.Chart(
                title,
                description,
                charts.spider(title=title, description=description, axes=categories, series=series, low=low, high=high),
                headers=headers,
                rows=table_rows,
            )
        )
    return result


def shared_picture_chart(result: selectors.EvaluationResult) -> charts.Chart | None:
    """The network's profile over the indicators: where the crosses lie on average (only from
    the minimum), the shared picture now, and where the group wants to be."""
    rows = [row for _dimension, found in result.dimensions for row in found if row.item.scale == Scale.BIPOLAR8]
    if not rows:
        return None
    series = [
        charts.Series(_("Shared picture now"), [r.picture.agreed_now if r.picture else None for r in rows]),
        charts.Series(_("Desired"), [r.picture.desired if r.picture else None for r in rows]),
    ]
    if result.visible:
        series.insert(0, charts.Series(_("Mean of the crosses"), [r.mean for r in rows]))
    if not any(v is not None for s in series for v in s.values):
        return None
    title = _("The network on the eleven indicators")
    description = _(
        "Per indicator a position from 1 (left pole) to 8 (right pole). Each line is one series; "
        "the table gives the same figures."
    )
    return charts.Chart(
        title,
        description,
        charts.profile_lines(
            title=title,
            description=description,
            series=series,
            rows=[charts.Pole(r.item.text, r.item.low_label, r.item.high_label) for r in rows],
        ),
        headers=[_("Indicator")] + [s.name for s in series],
        rows=[[r.item.text] + [number(s.values[i], Scale.BIPOLAR8) for s in series] for i, r in enumerate(rows)],
    )
