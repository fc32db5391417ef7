"""Survey results in 1B: each attached round as a card of means per group and dimension,
read from the round's stored summaries, so the page costs the same whatever is attached."""

from __future__ import annotations

from dataclasses import dataclass

from koers.organisations import access
from koers.organisations.models import User
from koers.surveys import presenters, selectors
from koers.surveys.models import Evidence
from koers.trajectories.models import Trajectory


@dataclass
class EvidenceRow:
    title: str
    means: list[str]
    total: str
    gap: bool


@dataclass
class EvidenceCard:
    evidence: Evidence
    result: selectors.ClosedResult
    rows: list[EvidenceRow]
    can_open: bool


def cards(trajectory: Trajectory, user: User | None = None) -> list[EvidenceCard]:
    """The rounds attached to a trajectory; `can_open` says whether the user may open the full
    report (never in the PDF or through a share link, where there is no user)."""
    attached = selectors.evidence_of(trajectory)
    results = selectors.closed_results(selectors.attached_rounds(trajectory))
    readable = (
        set(access.survey_schools(user).values_list("pk", flat=True)) if user and user.is_authenticated else set()
    )
    out = []
    for evidence in attached:
        result = results[evidence.round_id]
        rows = [
            EvidenceRow(
                presenters.facet_title(r),
                [
                    presenters.number(r.by_group[g.pk].mean if g.pk in r.by_group else None, r.scale)
                    for g in result.visible
                ],
                presenters.number(r.total.mean, r.scale),
                r.notable,
            )
            for r in result.rows
        ]
        out.append(EvidenceCard(evidence, result, rows, evidence.round.school_id in readable))
    return out
