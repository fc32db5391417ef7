"""The werkdocument's progress: questions answered, reflections written, instruments worked on
and subphases done, per trajectory. Constant in queries: counts are grouped in SQL."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from koers.catalog.models import Phase, Question, Subphase
from koers.instruments.models import Goal
from koers.networks.models import GOAL_EXPORT, RoadmapWorksheet
from koers.trajectories.models import Entry, SubphaseStatus, Trajectory

from .models import RoadmapExport
from .registry import InstrumentStatus, instrument_statuses


@dataclass
class SubphaseProgress:
    subphase: Subphase
    question_count: int
    answered: int
    reflection_written: bool
    done: bool
    instruments: list[InstrumentStatus] = field(default_factory=list)

    @property
    def steps(self) -> list[InstrumentStatus]:
        return [i for i in self.instruments if i.instrument.counts]

    @property
    def instruments_filled(self) -> int:
        return sum(i.worked_on for i in self.steps)

    @property
    def percent(self) -> int:
        """Questions and instruments count alike: each is one thing to do in the subphase."""
        total = self.question_count + len(self.steps)
        if not total:
            return 100 if self.done else 0
        return round(100 * (self.answered + self.instruments_filled) / total)


@dataclass
class PhaseProgress:
    phase: Phase
    subphases: list[SubphaseProgress] = field(default_factory=list)


def trajectory_progress(trajectory: Trajectory) -> list[PhaseProgress]:
    """The four phases with, per subphase, questions answered, reflection written and done."""
    subphases = list(
        Subphase.objects.select_related("phase")
        .annotate(question_count=Count("questions"))
        .order_by("phase__number", "order")
    )
    answered = dict(
        Entry.objects.filter(trajectory=trajectory, kind=Entry.Kind.ANSWER)
        .filter(Q(not_relevant=True) | ~Q(text=""))
        .filter(key__in=Question.objects.values("slug"))
        .values_list("subphase_slug")
        .annotate(n=Count("id"))
    )
    reflected = set(
        Entry.objects.filter(trajectory=trajectory, kind=Entry.Kind.REFLECTION)
        .exclude(text="")
        .values_list("key", flat=True)
    )
    done = set(SubphaseStatus.objects.filter(trajectory=trajectory, done=True).values_list("subphase_slug", flat=True))
    instruments = instrument_statuses(trajectory, subphases)
    phases: dict[int, PhaseProgress] = {}
    for sub in subphases:
        phase = phases.setdefault(sub.phase_id, PhaseProgress(sub.phase))
        phase.subphases.append(
            SubphaseProgress(
                subphase=sub,
                question_count=sub.question_count,
                answered=answered.get(sub.slug, 0),
                reflection_written=sub.slug in reflected,
                done=sub.slug in done,
                instruments=instruments.get(sub.slug, []),
            )
        )
    return list(phases.values())


def subphase_progress(trajectory: Trajectory, subphase: Subphase) -> SubphaseProgress:
    question_count = Question.objects.filter(subphase=subphase).count()
    counts = Entry.objects.filter(trajectory=trajectory, subphase_slug=subphase.slug).aggregate(
        answered=Count(
            "id",
            filter=Q(kind=Entry.Kind.ANSWER)
            & (Q(not_relevant=True) | ~Q(text=""))
            & Q(key__in=Question.objects.filter(subphase=subphase).values("slug")),
        ),
        reflected=Count("id", filter=Q(kind=Entry.Kind.REFLECTION) & ~Q(text="")),
    )
    done = SubphaseStatus.objects.filter(trajectory=trajectory, subphase_slug=subphase.slug, done=True).exists()
    return SubphaseProgress(
        subphase=subphase,
        question_count=question_count,
        answered=counts["answered"],
        reflection_written=bool(counts["reflected"]),
        done=done,
        instruments=instrument_statuses(trajectory, [subphase]).get(subphase.slug, []),
    )


def current_phase(phases: list[PhaseProgress]) -> PhaseProgress | None:
    """The first phase with a subphase not done: where the werkdocument stands."""
    return next((p for p in phases if any(not s.done for s in p.subphases)), None)


@dataclass
class RoadmapPlan:
    """What putting a Roadmap into a trajectory would write, shown before it is written."""

    goal: dict  # the goal's values
    entries: list[tuple[Question, str]]  # werkdocument answers, with the text they would get
    previous: RoadmapExport | None  # an earlier export of this Roadmap into this trajectory
    missing_goal: bool  # the Roadmap names no goal yet


def roadmap_plan(worksheet: RoadmapWorksheet, trajectory: Trajectory) -> RoadmapPlan:
    answers = {
        a.question.export: a.text.strip() for a in worksheet.answers.select_related("question") if a.text.strip()
    }
    kpis = list(worksheet.kpis.all())
    description = answers.pop(GOAL_EXPORT, "")
    if len(kpis) > 1:  # a goal has one indicator; the further markers stay with it in words
        description += "\n\n" + _("Further KPIs: %(kpis)s.") % {"kpis": "; ".join(k.baken for k in kpis[1:])}
    first = kpis[0] if kpis else None
    goal = {
        "level": Goal.Level.MEDEWERKERS,
        "description": description.strip(),
        "term": Goal.Term.LANG if first is not None and first.by_date else Goal.Term.KORT,
        "target_date": first.by_date if first is not None else None,
        "indicator": first.baken if first is not None else "",
        "target_value": first.target if first is not None else None,
    }
    questions = {q.slug: q for q in Question.objects.filter(slug__in=answers).select_related("group__subphase")}
    current = dict(
        Entry.objects.filter(trajectory=trajectory, kind=Entry.Kind.ANSWER, key__in=answers).values_list("key", "text")
    )
    entries = []
    for slug, text in answers.items():
        if slug not in questions:
            continue  # the content names a question the werkdocument no longer has
        before = (current.get(slug) or "").strip()
        entries.append((questions[slug], text if not before or text in before else f"{before}\n\n{text}"))
    previous = (
        RoadmapExport.objects.filter(worksheet=worksheet, trajectory=trajectory, goal__isnull=False)
        .select_related("goal")
        .first()
    )
    return RoadmapPlan(goal=goal, entries=entries, previous=previous, missing_goal=not goal["description"])
