"""iCalendar files (RFC 5545), so people see Koers's dates in their own agenda: the plan's
activities as all-day events, a network's meetings with their hours. An event's UID stays the
same across downloads and its SEQUENCE grows with each change, so importing again updates the
event instead of doubling it."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Event:
    uid: str
    summary: str
    start: datetime.date | datetime.datetime  # a date for an all-day event, else an aware time
    end: datetime.date | datetime.datetime  # an all-day event's last day (inclusive)
    description: str = ""
    location: str = ""
    sequence: int = 0


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


def _utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def _when(event: Event) -> list[str]:
    if isinstance(event.start, datetime.datetime) and isinstance(event.end, datetime.datetime):
        return [f"DTSTART:{_utc(event.start)}", f"DTEND:{_utc(event.end)}"]
    # DTEND of an all-day event is exclusive: the day after the last day.
    return [
        f"DTSTART;VALUE=DATE:{event.start:%Y%m%d}",
        f"DTEND;VALUE=DATE:{event.end + datetime.timedelta(days=1):%Y%m%d}",
    ]


def calendar(*, name: str, events: Iterable[Event], host: str, stamp: datetime.datetime) -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Koers//Koers//NL",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_escape(name)}",
    ]
    for event in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event.uid}@{host}",
            f"DTSTAMP:{_utc(stamp)}",
            *_when(event),
            f"SUMMARY:{_escape(event.summary)}",
            *([f"LOCATION:{_escape(event.location)}"] if event.location else []),
            f"DESCRIPTION:{_escape(event.description)}",
            f"SEQUENCE:{event.sequence}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
