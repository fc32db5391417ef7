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


def table(rep: selectors.Report) -> tuple[list[str], list[list]]:
    width = max((len(_value_range(r)) for r in rep.rows), default=0)
    headers = [
        _("Dimension"),
        _("Statement"),
        _("Group"),
        _("Responses"),
        _("Mean"),
        _("Spread"),
        _("Previous round"),
        _("Other schools of the board"),
        _("All schools"),
    ]
    headers += [_("Share answering %(n)s") % {"n": i} for i in range(1, width + 1)]
    responded = {c.group.pk: c.responded for c in rep.counts}
    rows = []
    everyone = _("All shown groups")
    for row in rep.rows:
        groups = [(g.name, row.by_group.get(g.pk), responded[g.pk]) for g in rep.visible]
        for name, stat, n in groups + [(everyone, row.total, rep.respondents)]:
            if stat is None or not stat.n:
                continue
            first = name == everyone
            rows.append(
                [
                    facet_title(row),
                    "",  # the dimension as a whole
                    name,
                    n,
                    _round(stat.mean),
                    _round(stat.spread),
                    _round(row.previous) if first else "",
                    _round(row.board) if first else "",
                    _round(row.everyone) if first else "",
                    *[_round(stat.share(v)) for v in _value_range(row)],
                ]
            )
        # Then each statement of the dimension, per group shown and in all (n = answers to it).
        for result in row.items.values():
            for name, stat in [(g.name, result.by_group.get(g.pk)) for g in rep.visible] + [(everyone, result.total)]:
                if stat is None or not stat.n:
                    continue
                rows.append(
                    [
                        facet_title(row),
                        result.item.text,
                        name,
                        stat.n,
                        _round(stat.mean),
                        _round(stat.spread),
                        "",
                        "",
                        "",
                        *[_round(stat.share(v)) for v in _value_range(row)],
                    ]
                )
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
