"""The plan's activities as calendar events: each an all-day event from its start to its end
date (koers.ical writes the file)."""

from __future__ import annotations

from collections.abc import Iterable

from koers.ical import Event

from .models import Activity


def events(activities: Iterable[Activity]) -> list[Event]:
    return [
        Event(
            uid=f"activiteit-{a.pk}",
            summary=a.title,
            start=a.start_date,
            end=a.end_date,
            description="\n".join(
                part
                for part in (
                    f"Fase: {a.phase}",
                    f"Eigenaar: {a.owner}",
                    f"Status: {a.get_status_display()}",
                    a.description,
                )
                if part
            ),
            sequence=a.version,
        )
        for a in activities
    ]
