"""The plan's activities as an iCalendar file (RFC 5545), so people see them in their own
agenda. Each activity is an all-day event from its start to its end date; its UID stays the
same across exports, so importing again updates the event instead of doubling it."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from .models import Activity


def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545 3.1)."""
    data = line.encode()
    if len(data) <= 75:
        return line
    parts, start = [], 0
    while start < len(data):
        end = min(start + (75 if not parts else 74), len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:  # never split a UTF-8 character
            end -= 1
        parts.append(data[start:end].decode())
        start = end
    return "\r\n ".join(parts)


def calendar(*, name: str, activities: Iterable[Activity], host: str, stamp: datetime.datetime) -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Koers//Implementatieplan//NL",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_escape(name)}",
    ]
    utc = stamp.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    for a in activities:
        description = "\n".join(
            part
            for part in (f"Fase: {a.phase}", f"Eigenaar: {a.owner}", f"Status: {a.get_status_display()}", a.description)
            if part
        )
        lines += [
            "BEGIN:VEVENT",
            f"UID:activiteit-{a.pk}@{host}",
            f"DTSTAMP:{utc}",
            f"DTSTART;VALUE=DATE:{a.start_date:%Y%m%d}",
            # DTEND of an all-day event is exclusive: the day after the last day.
            f"DTEND;VALUE=DATE:{a.end_date + datetime.timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{_escape(a.title)}",
            f"DESCRIPTION:{_escape(description)}",
            f"SEQUENCE:{a.version}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
