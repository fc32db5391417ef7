"""The region's view as CSV (its networks, one row each) and as PDF. Both are built from the
region overview only, which reads no evaluation, intervision, forum or commitment."""

from __future__ import annotations

import csv
import io

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from koers import charts, pdf

from .selectors import RegionOverview


def _text(value: str) -> str:
    """A name as text: a spreadsheet would run a cell that starts like a formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def region_csv(o: RegionOverview) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(
        [
            _("Network"),
            _("Theme"),
            _("Phase"),
            _("Schools"),
            _("Participants"),
            _("Facilitated meetings held"),
            _("Facilitated meetings"),
            _("How it goes on"),
            _("Grew from"),
            _("Started on"),
        ]
    )
    for n in o.rows:
        writer.writerow(
            [
                _text(n.name),
                n.theme_category.name,
                n.get_status_display(),
                n.school_count,
                n.member_count,
                n.facilitated_held,
                n.facilitated_max,
                n.get_fate_display(),
                _text(n.parent.name) if n.parent else "",
                timezone.localtime(n.created_at).date().isoformat(),
            ]
        )
    return ("\ufeff" + out.getvalue()).encode()  # the BOM makes Excel read it as UTF-8


def region_pdf(o: RegionOverview, region_charts: list[charts.Chart]) -> bytes:
    html = render_to_string(
        "networks/region_pdf.html", {"o": o, "charts": region_charts, "today": timezone.localdate()}
    )
    return pdf.render(html)[0]
