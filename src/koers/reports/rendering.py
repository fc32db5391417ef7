"""The report as HTML and as PDF. The page, the PDF, the share link and a closed cycle's
history all render the same document template, so they never disagree."""

from __future__ import annotations

from collections.abc import Callable

from django.template.loader import render_to_string

from koers import pdf as koers_pdf
from koers.plans.models import Cycle
from koers.trajectories.models import Trajectory

from . import selectors


def document_html(
    trajectory: Trajectory, cycle: Cycle, *, include_stakeholders: bool = True, only_answered: bool = True
) -> str:
    """The report's body: cover, contents, phases, plan, monitoring and evaluation. Readers get
    the answered questions only, unless `only_answered` is off (the cycle's history, or whoever
    asks for every question on the page)."""
    report = selectors.report(trajectory, cycle, include_stakeholders=include_stakeholders, only_answered=only_answered)
    return render_to_string("reports/document.html", {"report": report})


def pdf(trajectory: Trajectory, cycle: Cycle, progress: Callable[[int, str], None]) -> tuple[bytes, int]:
    """The report as PDF bytes and its page count; progress(percent, step) is told along."""
    progress(20, "Werkdocument verzamelen")
    body = document_html(trajectory, cycle)
    html = render_to_string("reports/pdf.html", {"trajectory": trajectory, "body": body})
    progress(50, "Pagina's opmaken")
    made = koers_pdf.render(html)
    progress(85, "PDF schrijven")
    return made
