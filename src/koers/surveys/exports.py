"""The report as a table (CSV, XLSX) and as a PDF. Only the aggregates of the groups that met
the minimum leave Koers; no single answer is exported."""

from __future__ import annotations

import csv
import io

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from koers import pdf

from . import selectors, stats
from .presenters import facet_title


def _value_range(row: selectors.Row) -> list[int]:
    low, high = stats.SCALE_RANGE[row.scale]
    return list(range(low, high + 1))


NO_BENCHMARKS = ["", "", "", ""]  # previous round, board, all schools, region: per dimension only


def table(rep: selectors.Report) -> tuple[list[str], list[list]]:
    """A row per dimension and group shown and in all, then per statement of it (n = answers
    to that statement, "don't know" counted apart)."""
    width = max((len(_value_range(r)) for r in rep.rows), default=0)
    headers = [
        _("Dimension"),
        _("Statement"),
        _("Group"),
        _("Responses"),
        _("Mean"),
        _("Spread"),
        _("Don’t know / not applicable"),
        _("Previous round"),
        _("Other schools of the board"),
        _("All schools"),
        _("Region"),
    ]
    headers += [_("Share answering %(n)s") % {"n": i} for i in range(1, width + 1)]
    responded = {c.group.pk: c.responded for c in rep.counts}
    everyone = _("All shown groups")
    rows = []

    def line(row: selectors.Row, statement: str, name: str, n: int, stat: stats.Stat, benchmarks: list) -> None:
        if stat.n:
            rows.append(
                [
                    facet_title(row),
                    statement,
                    name,
                    n,
                    _round(stat.mean),
                    _round(stat.spread),
                    stat.unknown,
                    *benchmarks,
                    *[_round(stat.share(v)) for v in _value_range(row)],
                ]
            )

    for row in rep.rows:
        for g in rep.visible:
            line(row, "", g.name, responded[g.pk], row.by_group.get(g.pk, stats.Stat()), NO_BENCHMARKS)
        line(
            row,
            "",
            everyone,
            rep.respondents,
            row.total,
            [_round(x) for x in (row.previous, row.board, row.everyone, row.region)],
        )
        for result in row.items.values():
            for g in rep.visible:
                stat = result.by_group.get(g.pk, stats.Stat())
                line(row, result.item.text, g.name, stat.n, stat, NO_BENCHMARKS)
            line(row, result.item.text, everyone, result.total.n, result.total, NO_BENCHMARKS)
    return headers, rows


def _round(value: float | None) -> float | str:
    return "" if value is None else round(value, 2)


def as_csv(rep: selectors.Report) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    headers, rows = table(rep)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([str(c).replace(".", ",") if isinstance(c, float) else c for c in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # the BOM lets Excel read UTF-8


def as_xlsx(rep: selectors.Report) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = _("Results")[:31]
    headers, rows = table(rep)
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def as_pdf(view) -> bytes:
    html = render_to_string("surveys/report_pdf.html", {"view": view, "round": view.survey})
    return pdf.render(html)[0]
