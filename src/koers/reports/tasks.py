"""Background work: making the PDF report. The task reports its progress on the export row,
which the page polls, so a school leader sees how far it is."""

import logging

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify
from django_tasks import task

from koers.plans.models import Cycle

from . import rendering
from .models import ReportExport

log = logging.getLogger(__name__)


@task()
def make_report_pdf(export_id: int) -> int:
    export = ReportExport.objects.select_related("trajectory__theme", "trajectory__school", "trajectory__board").get(
        pk=export_id
    )
    trajectory = export.trajectory

    def progress(percent: int, step: str) -> None:
        ReportExport.objects.filter(pk=export_id).update(
            status=ReportExport.Status.RUNNING, progress=percent, step=step
        )

    try:
        progress(5, "Gestart")
        cycle = Cycle.objects.get(trajectory=trajectory, closed_at__isnull=True)
        data, pages = rendering.pdf(trajectory, cycle, progress)
        name = f"{slugify(trajectory.title) or 'traject'}-{timezone.localdate():%Y-%m-%d}.pdf"
        export.file.save(name, ContentFile(data), save=False)
        export.status, export.progress, export.step = ReportExport.Status.DONE, 100, ""
        export.pages, export.finished_at = pages, timezone.now()
        export.save(update_fields=["file", "status", "progress", "step", "pages", "finished_at"])
    except Exception:
        log.exception("report PDF %s failed", export_id)
        ReportExport.objects.filter(pk=export_id).update(status=ReportExport.Status.FAILED, finished_at=timezone.now())
        raise
    return export.pages


@task()
def purge_task() -> dict[str, int]:
    """The daily retention run, for installations that schedule tasks instead of cron."""
    from .retention import purge_all  # retention imports services, which import this module

    return purge_all()
