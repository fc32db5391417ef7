"""Reads for the report and the overviews.

The report gathers the whole werkdocument of a trajectory in a fixed number of queries; the
board overview computes progress and goal courses for one page of trajectories at a time.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.shortcuts import get_object_or_404
from django.utils import timezone

from koers.catalog.models import Phase, Question, QuestionGroup, Subphase, Theme
from koers.instruments import selectors as instruments
from koers.instruments.models import CoherenceLink, Goal
from koers.observations import selectors as observations
from koers.organisations import access
from koers.organisations.models import Board, School, User
from koers.plans import rules as plan_rules
from koers.plans import selectors as plans
from koers.plans.models import Cycle
from koers.tokens import hash_token
from koers.trajectories import access as trajectory_access
from koers.trajectories.models import Dialogue, Entry, SubphaseStatus, Trajectory
from koers.visits import selectors as visits
from koers.werkdocument import evidence
from koers.werkdocument.registry import instruments_in

from .models import ReportExport, ShareLink

# --- the report --------------------------------------------------------------------------------


@dataclass
class GroupReport:
    group: QuestionGroup
    rows: list[tuple[Question, Entry | None]]  # each question with its answer, if any


@dataclass
class SubphaseReport:
    subphase: Subphase
    groups: list[GroupReport]
    reflection: Entry | None
    dialogues: list[Dialogue]
    done: bool
    unanswered: int  # questions left out because nobody answered them


def _answered(entry: Entry | None) -> bool:
    return entry is not None and (entry.not_relevant or bool(entry.text))


@dataclass
class Report:
    trajectory: Trajectory
    cycle: Cycle
    generated_at: datetime.datetime
    phases: list[tuple[Phase, list[SubphaseReport]]]
    include_stakeholders: bool
    sections: dict = field(default_factory=dict)  # subphase slug -> instrument template names
    data: dict = field(default_factory=dict)


def _werkdocument(trajectory: Trajectory, only_answered: bool) -> list[tuple[Phase, list[SubphaseReport]]]:
    """The phases with their subphases' answers; with `only_answered` a reader gets only the
    questions someone answered, and per subphase how many were left out."""
    groups = defaultdict(list)
    for group in QuestionGroup.objects.prefetch_related(
        Prefetch("questions", queryset=Question.objects.order_by("order"))
    ):
        groups[group.subphase_id].append(group)
    answers: dict[str, Entry] = {}
    reflections: dict[str, Entry] = {}
    for entry in Entry.objects.filter(trajectory=trajectory).select_related("updated_by"):
        (reflections if entry.kind == Entry.Kind.REFLECTION else answers)[entry.key] = entry
    dialogues = defaultdict(list)
    for dialogue in Dialogue.objects.filter(trajectory=trajectory).prefetch_related("participants"):
        dialogues[dialogue.subphase_slug].append(dialogue)
    done = set(SubphaseStatus.objects.filter(trajectory=trajectory, done=True).values_list("subphase_slug", flat=True))
    phases: dict[int, tuple[Phase, list[SubphaseReport]]] = {}
    for sub in Subphase.objects.select_related("phase"):
        shown, left_out = [], 0
        for group in groups[sub.pk]:
            rows = [(q, answers.get(q.slug)) for q in group.questions.all()]
            kept = [(q, a) for q, a in rows if _answered(a)] if only_answered else rows
            left_out += len(rows) - len(kept)
            if kept:
                shown.append(GroupReport(group, kept))
        phases.setdefault(sub.phase_id, (sub.phase, []))[1].append(
            SubphaseReport(sub, shown, reflections.get(sub.slug), dialogues[sub.slug], sub.slug in done, left_out)
        )
    return list(phases.values())


def report(
    trajectory: Trajectory,
    cycle: Cycle,
    *,
    include_stakeholders: bool = True,
    only_answered: bool = True,
    today: datetime.date | None = None,
) -> Report:
    today = today or timezone.localdate()
    blocks = instruments.lever_blocks(trajectory)
    scored = instruments.scored_levers(blocks)
    stakeholders = instruments.stakeholders_of(trajectory) if include_stakeholders else []
    lines = instruments.bottleneck_lines(trajectory)
    activities = list(plans.activities_of(cycle))
    rows = instruments.coherence_rows(trajectory)
    data = {
        "goal_levels": instruments.goals_by_level(trajectory),
        "streefbeelden": (pictures := instruments.streefbeelden_of(trajectory)),
        "streefbeelden_any": any(rows for _value, _label, rows in pictures),
        "vanished": instruments.vanished_of(trajectory),
        "situation": instruments.situation_map(trajectory),
        "bottlenecks": instruments.ranked_bottlenecks(lines),
        "stakeholders": stakeholders,
        "stakeholder_charts": instruments.stakeholder_charts(stakeholders) if stakeholders else (),
        "levers": scored,
        "lever_chart": instruments.lever_chart(scored) if scored else None,
        "chains": instruments.amo_chains(trajectory, instruments.chosen_levers(trajectory)),
        "coherence_rows": [r for r in rows if r.row],
        "coherence_matrix": _coherence_matrix(trajectory, rows),
        "phases": plans.phases(activities),
        "preconditions": plans.preconditions(cycle, activities),
        "timeline": plans.timeline(activities, today),
        "monitor": plans.monitoring(trajectory, cycle, today),
        "evaluation": plans.evaluation_of(cycle),
        "results": plans.goal_results(trajectory, cycle),
        "closed_cycles": [c for c in plans.cycles_of(trajectory) if not c.is_open],
        "survey_evidence": evidence.cards(trajectory),
        "visit_evidence": visits.evidence_for(trajectory),
        "observation_evidence": observations.evidence_for(trajectory),
    }
    phases = _werkdocument(trajectory, only_answered)
    sections = {
        s.subphase.slug: [i.section for i in instruments_in(s.subphase) if i.section]
        for _phase, subs in phases
        for s in subs
    }
    return Report(trajectory, cycle, timezone.now(), phases, include_stakeholders, sections, data)


def _coherence_matrix(trajectory: Trajectory, rows) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """The themes that have an effect filled in: column names, and per row its effects."""
    links = instruments.coherence_links(trajectory)
    labels = dict(CoherenceLink.Effect.choices)
    used = [r for r in rows if any(r.key in pair for pair in links)]
    return [c.name for c in used], [
        (r.name, ["–" if r.key == c.key else str(labels.get(links.get((r.key, c.key)) or "", "")) for c in used])
        for r in used
    ]


# --- PDF exports and share links -------------------------------------------------------------


def latest_export(trajectory: Trajectory) -> ReportExport | None:
    return trajectory.report_exports.first()


def export_for(trajectory: Trajectory, export_id: int) -> ReportExport:
    return get_object_or_404(ReportExport, trajectory=trajectory, pk=export_id)


def share_links(trajectory: Trajectory) -> QuerySet[ShareLink]:
    return trajectory.share_links.select_related("created_by")


def share_link_by_token(token: str) -> ShareLink | None:
    return (
        ShareLink.objects.select_related(
            "trajectory__theme", "trajectory__school", "trajectory__board", "trajectory__owner"
        )
        .filter(token_hash=hash_token(token), trajectory__deleted_at__isnull=True)
        .first()
    )


# --- the board and school overview -------------------------------------------------------------


@dataclass
class OverviewRow:
    trajectory: Trajectory
    phase: Phase | None  # the first phase with a subphase not done; None when all are done
    percent: int
    cycle_number: int
    step: str
    on_track: int
    off_track: int
    unmeasured: int


def overview_trajectories(
    user: User,
    *,
    board: Board | None = None,
    school: School | None = None,
    theme: str = "",
    school_id: int | None = None,
) -> QuerySet[Trajectory]:
    qs = trajectory_access.trajectories_for(user)
    if board is not None:
        qs = qs.filter(board=board)
    if school is not None:
        qs = qs.filter(school=school)
    if school_id:
        qs = qs.filter(school_id=school_id)
    if theme:
        qs = qs.filter(theme__slug=theme)
    open_cycle = Cycle.objects.filter(trajectory=OuterRef("pk"), closed_at__isnull=True)
    return (
        qs.select_related("theme", "school", "owner")
        .annotate(
            done_count=Count("subphase_statuses", filter=Q(subphase_statuses__done=True)),
            cycle_number=Subquery(open_cycle.values("number")[:1]),
        )
        .order_by("school__name", "-start_date", "-id")
    )


def overview_rows(page_of_trajectories) -> list[OverviewRow]:
    """Phase, progress and goal courses for one page of trajectories: four queries whatever
    the page holds."""
    trajectories = list(page_of_trajectories)
    ids = [t.pk for t in trajectories]
    subphases = list(Subphase.objects.select_related("phase"))
    done: dict[int, set[str]] = defaultdict(set)
    for tid, slug in SubphaseStatus.objects.filter(trajectory_id__in=ids, done=True).values_list(
        "trajectory_id", "subphase_slug"
    ):
        done[tid].add(slug)
    goals: dict[int, list[Goal]] = defaultdict(list)
    for goal in plans.with_latest_measurement(Goal.objects.filter(trajectory_id__in=ids, status=Goal.Status.ACTIEF)):
        goals[goal.trajectory_id].append(goal)
    steps = plans.pdca_steps(Cycle.objects.filter(trajectory_id__in=ids, closed_at__isnull=True))
    rows = []
    for t in trajectories:
        phase = next((s.phase for s in subphases if s.slug not in done[t.pk]), None)
        courses = [plans.course_of(g, t.start_date).track for g in goals[t.pk]]
        rows.append(
            OverviewRow(
                t,
                phase,
                round(100 * len(done[t.pk]) / len(subphases)) if subphases else 0,
                t.cycle_number or 1,
                steps.get(t.pk, plan_rules.Pdca.PLAN).label,
                courses.count(plan_rules.Track.ON),
                courses.count(plan_rules.Track.OFF),
                sum(c in (plan_rules.Track.NO_DATA, plan_rules.Track.UNTRACKABLE) for c in courses),
            )
        )
    return rows


def overview_filters(user: User, board: Board) -> tuple[QuerySet[Theme], QuerySet[School]]:
    return Theme.objects.order_by("name"), access.schools_for(user).filter(board=board).order_by("name")
