import datetime

from django import template
from django.utils import formats, timezone

register = template.Library()


@register.filter
def iso_date(value: str | None) -> str:
    """A date or moment of the exported data (ISO 8601, as in the JSON) the way the page's
    language writes it: "14 oktober 2026", with the time when it has one."""
    if not value:
        return "—"
    moment = datetime.datetime.fromisoformat(value)
    if "T" in value:
        return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")
    return formats.date_format(moment.date(), "DATE_FORMAT")
