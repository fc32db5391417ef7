"""Reads of the learning networks, every one starting from networks.access: a network outside
the user's grants is not found. The network page is read in a fixed number of queries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, Max, Min, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from koers import charts
from koers.catalog.models import Theme
from koers.organisations.access import regions_for
from koers.organisations.models import Region, Role, School, User

from . import access
from .models import (
    EVALUATION_MINIMUM,
    FACILITATED_WARN,
    FACILITATING_ROLES,
    FEWEST_PER_SCHOOL,
    FEWEST_SCHOOLS,
    MOST_SCHOOLS,
    Attendance,
    Fate,
    Homework,
    HomeworkDone,
    IntervisionCase,
    Meeting,
    MeetingEvaluation,
    Network,
    NetworkDocument,
    NetworkMember,
    Output,
    PsoTheme,
    RegionConversation,
    RoadmapQuestion,
    RoadmapStep,
    RoadmapWorksheet,
    StartDocument,
    SuccessCondition,
    Topic,
)


def network_for(user: User, network_id: int) -> Network:
    return get_object_or_404(access.networks_for(user).select_related("region", "theme_category"), pk=network_id)


def run_network_for(user: User, network_id: int) -> Network:
    return get_object_or_404(access.run_networks(user).select_related("region", "theme_category"), pk=network_id)


def membership(network: Network, user: User) -> NetworkMember | None:
    return network.members.filter(user=user, left_on__isnull=True).first()


def member_network_for(user: User, network_id: int) -> tuple[Network, NetworkMember]:
    """A network the user is a current member of, with that membership. What members share
    between meetings is for them alone: the region's coordinator finds nothing here either."""
    found = network_for(user, network_id)
    member = membership(found, user)
    if member is None:
        raise Http404
    return found, member


def region_to_start_in(user: User, slug: str) -> Region:
    return get_object_or_404(access.starting_regions(user), slug=slug)


def meeting_for(network: Network, meeting_id: int) -> Meeting:
    return get_object_or_404(network.meetings.all(), pk=meeting_id)


def member_for(network: Network, member_id: int) -> NetworkMember:
    return get_object_or_404(network.members.filter(left_on__isnull=True).select_related("user"), pk=member_id)


def my_networks(user: User) -> QuerySet[Network]:
    """The user's networks with their counts and next meeting, for the list and the home page.
    Each figure is its own subquery: joining members and meetings would multiply the rows."""
    today = timezone.localdate()
    current = NetworkMember.objects.filter(network=OuterRef("pk"), left_on__isnull=True).values("network")
    upcoming = Meeting.objects.filter(network=OuterRef("pk"), date__gte=today).exclude(status=Meeting.Status.CANCELLED)
    return (
        access.networks_for(user)
        .select_related("region", "theme_category")
        .annotate(
            member_count=Coalesce(Subquery(current.annotate(n=Count("id")).values("n")), 0),
            school_count=Coalesce(Subquery(current.annotate(n=Count("school", distinct=True)).values("n")), 0),
            next_meeting=Subquery(upcoming.order_by("date").values("date")[:1]),
        )
        .order_by("name")
    )


def schools_of_region(region: Region | None) -> QuerySet[School]:
    return School.objects.filter(region=region) if region is not None else School.objects.none()


def led_schools_in(user: User, region: Region) -> QuerySet[School]:
    """The region's schools the user leads, for whom a school leader can start a network."""
    led = user.memberships.filter(role=Role.SCHOOLLEIDER).values("school_id")
    return schools_of_region(region).filter(id__in=led)


@dataclass
class MeetingRow:
    meeting: Meeting
    ordinal: int | None  # the facilitated meeting's place among the facilitated ones


@dataclass
class NetworkPage:
    network: Network
    schools: list[tuple[School | None, list[NetworkMember]]]
    meetings: list[MeetingRow]
    facilitated_held: int
    warnings: list[str] = field(default_factory=list)
    unmet: list[SuccessCondition] = field(default_factory=list)
    me: NetworkMember | None = None
    runs: bool = False
    document: StartDocument | None = None
    signed: int = 0
    between: dict[str, int] = field(default_factory=dict)  # for members: open questions, topics, documents
    roadmaps: list[RoadmapWorksheet] = field(default_factory=list)  # shared with the network, for members

    @property
    def support_ended(self) -> bool:
        """All facilitated meetings are held: time to record how the network goes on."""
        return self.facilitated_held >= self.network.facilitated_max

    @property
    def next_meeting(self) -> Meeting | None:
        today = timezone.localdate()
        return next(
            (
                r.meeting
                for r in self.meetings
                if r.meeting.date >= today and r.meeting.status == Meeting.Status.PLANNED
            ),
            None,
        )


def network_page(network: Network, user: User) -> NetworkPage:
    members = list(network.members.filter(left_on__isnull=True).select_related("user", "school"))
    by_school: dict[School | None, list[NetworkMember]] = {}
    for member in members:
        by_school.setdefault(member.school, []).append(member)
    schools = sorted(by_school.items(), key=lambda item: (item[0] is None, item[0].name if item[0] else ""))
    rows, ordinal, held = [], 0, 0
    for meeting in network.meetings.all():
        counted = meeting.facilitated and meeting.status != Meeting.Status.CANCELLED
        ordinal += counted
        held += counted and meeting.status == Meeting.Status.HELD
        rows.append(MeetingRow(meeting, ordinal if counted else None))
    met = set(network.conditions_met.values_list("pk", flat=True))
    me = next((m for m in members if m.user_id == user.pk), None)
    document = (
        StartDocument.objects.filter(network=network)
        .annotate(signed=Count("sign_offs", filter=Q(sign_offs__member__left_on__isnull=True)))
        .first()
    )
    return NetworkPage(
        network=network,
        schools=schools,
        meetings=rows,
        facilitated_held=held,
        warnings=warnings(network, [s for s in by_school if s is not None], by_school, members),
        unmet=[c for c in SuccessCondition.objects.all() if c.pk not in met],
        me=me,
        runs=access.run_networks(user).filter(pk=network.pk).exists(),
        document=document,
        signed=document.signed if document is not None else 0,
        between=_between(network) if me is not None else {},
        roadmaps=list(network.roadmaps.filter(shared_with_network=True).select_related("school")) if me else [],
    )


def _between(network: Network) -> dict[str, int]:
    """What waits between meetings, counted in two queries."""
    counts = network.topics.aggregate(
        topics=Count("id"), open=Count("id", filter=Q(is_question=True, answered_at__isnull=True))
    )
    return {**counts, "documents": network.documents.count()}


def warnings(network: Network, schools: list[School], by_school: dict, members: list[NetworkMember]) -> list[str]:
    """The seeds' numbers as advice: they never stop anything."""
    out = []
    if len(schools) < FEWEST_SCHOOLS:
        out.append(
            _("Fewer than five schools (%(n)s): a network learns most from five to ten schools.") % {"n": len(schools)}
        )
    elif len(schools) > MOST_SCHOOLS:
        out.append(
            _("More than ten schools (%(n)s): with so many, depth is hard; consider splitting.") % {"n": len(schools)}
        )
    alone = [s.name for s in schools if len(by_school[s]) < FEWEST_PER_SCHOOL]
    if alone:
        out.append(
            _(
                "Fewer than two participants at %(schools)s: one person alone finds it hard to carry what "
                "is learnt into the school."
            )
            % {"schools": ", ".join(alone)}
        )
    uninformed = [m for m in members if m.school_id and not m.leadership_informed]
    if uninformed:
        out.append(
            ngettext(
                "%(n)s participant has not said that their school's leadership knows they take part.",
                "%(n)s participants have not said that their school's leadership knows they take part.",
                len(uninformed),
            )
            % {"n": len(uninformed)}
        )
    if not any(m.role in FACILITATING_ROLES for m in members):
        out.append(_("The network has no process facilitator or coordinator yet."))
    if network.facilitated_max > FACILITATED_WARN:
        out.append(
            _(
                "More than six facilitated meetings: the seeds advise five, six at most, before the network "
                "steers itself."
            )
        )
    return out


def attendance(meeting: Meeting) -> dict[int, str]:
    return dict(Attendance.objects.filter(meeting=meeting).values_list("member_id", "state"))


def current_members(network: Network) -> list[NetworkMember]:
    return list(network.members.filter(left_on__isnull=True).select_related("user", "school"))


def start_document(network: Network) -> StartDocument | None:
    return StartDocument.objects.filter(network=network).first()


def signatures(document: StartDocument | None) -> dict[int, object]:
    """Who signed the document (member id to when)."""
    if document is None:
        return {}
    return dict(document.sign_offs.values_list("member_id", "signed_at"))


def presence(meeting: Meeting, user: User) -> Attendance | None:
    """The user's attendance at the meeting when they were there (as a current member): what
    lets them evaluate it and see its intervision."""
    return (
        Attendance.objects.filter(
            meeting=meeting, member__user=user, member__left_on__isnull=True, state=Attendance.State.PRESENT
        )
        .select_related("member")
        .first()
    )


def evaluation_state(meeting: Meeting, present: Attendance | None) -> str | None:
    """For an attendee of a held meeting: "open", "given" or "closed"; None for anyone else."""
    if present is None or meeting.status != Meeting.Status.HELD:
        return None
    if present.evaluated:
        return "given"
    return "open" if timezone.localdate() <= meeting.evaluation_closes_on else "closed"


@dataclass
class EvaluationResults:
    count: int
    answers: list[MeetingEvaluation]  # empty below the minimum


def evaluation_results(meeting: Meeting) -> EvaluationResults:
    """What the attendees wrote, shown only from EVALUATION_MINIMUM answers on, in the random
    order of their keys."""
    answers = list(meeting.evaluations.order_by("id"))
    return EvaluationResults(len(answers), answers if len(answers) >= EVALUATION_MINIMUM else [])


# --- the regiocoördinator's view of a region -------------------------------------------------

QUIET_DAYS = 90  # a network without a meeting this long may have fizzled out
START_DOCUMENT_DAYS = 30  # after the start meeting, the start document is due
RUNNING = (Network.Status.BEGELEID, Network.Status.ZELFSTUREND)
EVALUATION_DUE_DAYS = 213  # two in-depth evaluations a year: more than seven months is overdue


def region_for(user: User, slug: str) -> Region:
    return get_object_or_404(regions_for(user), slug=slug)


@dataclass
class Signal:
    network: Network
    text: str


@dataclass
class RegionOverview:
    region: Region
    networks: QuerySet[Network]
    rows: list[Any]  # the same networks, annotated, with school_count and member_count set
    by_status: list[tuple[str, int]]
    by_theme: list[tuple[str, int]]
    fates: list[tuple[str, int, int]]  # label, n, per cent of the networks with a fate
    fate_total: int
    schools_reached: int
    region_schools: int
    participants: int
    facilitated_held: int
    worklist: list[Signal]
    outputs: list[Output]  # the ones the networks chose to show in the region
    running_by_year: list[tuple[datetime.date, int]]
    spin_offs: list[tuple[Network, list[Network]]]  # parent and the networks that grew from it
    shared_pictures: list[Any]  # networks that share their in-depth evaluation, with its date
    visits: dict[str, int]  # peer visits requested (not yet planned), planned and done
    pool: dict[str, int]  # trained peer visitors and chairs
    conversations: ConversationFigures


def region_overview(region: Region, today: datetime.date) -> RegionOverview:
    """The region at a glance, in a fixed number of queries whatever its number of networks.
    It never reads evaluations, intervision or anything a member wrote about themselves."""
    held = Q(meetings__status=Meeting.Status.HELD)
    networks = (
        Network.objects.filter(region=region)
        .select_related("theme_category", "parent")
        .annotate(
            facilitated_held=Count("meetings", filter=held & Q(meetings__facilitated=True)),
            last_meeting=Max("meetings__date", filter=~Q(meetings__status=Meeting.Status.CANCELLED)),
            start_held_on=Min("meetings__date", filter=held & Q(meetings__kind=Meeting.Kind.START)),
            agreed=Exists(StartDocument.objects.filter(network=OuterRef("pk"), agreed_at__isnull=False)),
            last_post=Subquery(
                Topic.objects.filter(network=OuterRef("pk")).order_by("-last_post_at").values("last_post_at")[:1]
            ),
        )
        .order_by("name")
    )
    rows: list[Any] = list(networks)  # with school_count and member_count set below
    current = NetworkMember.objects.filter(network__region=region, left_on__isnull=True)
    per_school: dict[int, dict[int, int]] = {}
    for network_id, school_id, n in (
        current.filter(school__isnull=False).values_list("network_id", "school_id").annotate(n=Count("id"))
    ):
        per_school.setdefault(network_id, {})[school_id] = n
    # The in-depth evaluations live with the survey engine, above this app: read by relation name.
    evaluated = dict(
        Network.objects.filter(region=region).values_list("pk").annotate(last=Max("deep_evaluations__opens_on"))
    )
    for row in rows:
        row.school_count = len(per_school.get(row.pk, {}))
        row.member_count = sum(per_school.get(row.pk, {}).values())
        row.last_evaluated = evaluated.get(row.pk)
    statuses = dict(Network.Status.choices)
    counted_status = dict(Network.objects.filter(region=region).values_list("status").annotate(n=Count("id")))
    fates = dict(Network.objects.filter(region=region).exclude(fate="").values_list("fate").annotate(n=Count("id")))
    fate_total = sum(fates.values())
    themes = (
        Network.objects.filter(region=region)
        .values_list("theme_category__name")
        .annotate(n=Count("id"))
        .order_by("-n", "theme_category__name")
    )
    return RegionOverview(
        region=region,
        networks=networks,
        rows=rows,
        by_status=[(str(label), counted_status.get(key, 0)) for key, label in statuses.items()],
        by_theme=list(themes),
        fates=[
            (str(label), fates.get(key, 0), round(100 * fates.get(key, 0) / fate_total) if fate_total else 0)
            for key, label in Fate.choices
        ],
        fate_total=fate_total,
        schools_reached=NetworkMember.objects.filter(network__region=region, school__isnull=False)
        .values("school")
        .distinct()
        .count(),
        region_schools=School.objects.filter(region=region).count(),
        participants=current.values("user").distinct().count(),
        facilitated_held=Meeting.objects.filter(
            network__region=region, facilitated=True, status=Meeting.Status.HELD
        ).count(),
        worklist=_worklist(rows, per_school, today),
        outputs=list(Output.objects.filter(network__region=region, public=True).select_related("network")[:10]),
        running_by_year=running_by_year(rows, today),
        spin_offs=_spin_offs(rows),
        shared_pictures=[r for r in rows if r.share_evaluations_with_region and r.last_evaluated],
        **_visit_figures(region),
        conversations=conversation_figures(region),
    )


# Peer visits live above this app (koers.visits); the panel reads them by relation name.
VISIT_PHASES = {
    "requested": ("aangevraagd", "intake", "programma", "commissie"),
    "planned": ("voorbereiding", "rapportage"),
    "done": ("afgerond",),
}


def _visit_figures(region: Region) -> dict[str, dict[str, int]]:
    visits = Region.objects.filter(pk=region.pk).aggregate(
        **{phase: Count("visits", filter=Q(visits__status__in=statuses)) for phase, statuses in VISIT_PHASES.items()}
    )
    pool = Region.objects.filter(pk=region.pk).aggregate(
        peers=Count("visitor_profiles", filter=Q(visitor_profiles__kind="peer")),
        chairs=Count("visitor_profiles", filter=Q(visitor_profiles__kind="voorzitter")),
    )
    return {"visits": visits, "pool": pool}


def _spin_offs(rows: list[Network]) -> list[tuple[Network, list[Network]]]:
    children: dict[int, list[Network]] = {}
    for n in rows:
        if n.parent_id is not None:
            children.setdefault(n.parent_id, []).append(n)
    return [(n, children[n.pk]) for n in rows if n.pk in children]


def _worklist(networks: list[Any], per_school: dict[int, dict[int, int]], today: datetime.date) -> list[Signal]:
    """The networks come annotated by region_overview (meetings held, last meeting, start document)."""
    out = []
    for n in networks:
        schools = per_school.get(n.pk, {})
        if n.status == Network.Status.GESTOPT:
            continue
        if n.start_held_on and not n.agreed and (today - n.start_held_on).days > START_DOCUMENT_DAYS:
            out.append(Signal(n, _("No agreed start document a month after the start meeting.")))
        alone = sum(1 for count in schools.values() if count < FEWEST_PER_SCHOOL)
        if alone:
            out.append(
                Signal(
                    n,
                    ngettext(
                        "%(n)s school with fewer than two participants.",
                        "%(n)s schools with fewer than two participants.",
                        alone,
                    )
                    % {"n": alone},
                )
            )
        if len(schools) > MOST_SCHOOLS:
            out.append(Signal(n, _("More than ten schools (%(n)s).") % {"n": len(schools)}))
        if n.facilitated_held >= n.facilitated_max and not n.fate:
            out.append(Signal(n, _("Facilitated support has ended: record how the network goes on.")))
        if n.fate == Fate.INTENTIE and n.recheck_on and n.recheck_on <= today:
            out.append(Signal(n, _("Ask again whether the network goes on by itself.")))
        since = n.last_evaluated or n.start_held_on
        if schools and n.status in RUNNING and since and (today - since).days > EVALUATION_DUE_DAYS:
            out.append(Signal(n, _("No in-depth evaluation for more than seven months.")))
        last_post = timezone.localtime(n.last_post).date() if n.last_post else None
        last = max(day for day in (n.last_meeting, last_post, timezone.localtime(n.created_at).date()) if day)
        if (today - last).days > QUIET_DAYS:
            out.append(Signal(n, _("No meeting and no message for more than 90 days.")))
    return out


def intervision_for(user: User, meeting: Meeting, present: Attendance | None) -> QuerySet[IntervisionCase]:
    """The meeting's cases, for its attendees only (and each bringer their own); nobody else,
    not the region's coordinator, not a board member, not a member who was absent."""
    cases = meeting.cases.select_related("brought_by__user")
    return cases if present is not None else cases.filter(brought_by__user=user)


def joinable_for(user: User, network_id: int) -> Network:
    return get_object_or_404(access.joinable_networks(user), pk=network_id)


def joinable(user: User, theme: Theme | None = None) -> QuerySet[Network]:
    """Networks the user may sign up for; on a werkdocument theme first when one is given."""
    found = access.joinable_networks(user).select_related("region", "theme_category")
    return found.filter(shrm_theme=theme) if theme is not None else found.order_by("name")


def theme_named(slug: str) -> Theme | None:
    return Theme.objects.filter(slug=slug).first() if slug else None


@dataclass
class HomeworkRow:
    homework: Homework
    done: int  # how many members did it
    mine: HomeworkDone | None


def homework(meeting: Meeting, member: NetworkMember | None) -> list[HomeworkRow]:
    """The meeting's homework, how many did each, and what the member did themselves."""
    rows = list(meeting.homework.annotate(n=Count("done")))
    mine = (
        {d.homework_id: d for d in HomeworkDone.objects.filter(homework__meeting=meeting, member=member)}
        if member is not None
        else {}
    )
    return [HomeworkRow(h, h.n, mine.get(h.pk)) for h in rows]


def topics(network: Network) -> QuerySet[Topic]:
    # Explicitly ordered: Django does not apply Meta.ordering to a grouped query.
    return network.topics.select_related("author").annotate(replies=Count("posts")).order_by("-last_post_at", "-id")


def topic_for(network: Network, topic_id: int) -> Topic:
    return get_object_or_404(network.topics.select_related("author"), pk=topic_id)


def documents(network: Network) -> QuerySet[NetworkDocument]:
    return network.documents.select_related("added_by")


def document_for(network: Network, document_id: int) -> NetworkDocument:
    return get_object_or_404(network.documents.all(), pk=document_id)


def conversations(region: Region) -> QuerySet[RegionConversation]:
    return region.conversations.select_related("school", "coordinator").prefetch_related("topics")


@dataclass
class ConversationFigures:
    schools: int  # schools reached by a conversation
    by_theme: list[tuple[str, int]]  # PSO theme, conversations that touched it


def conversation_figures(region: Region) -> ConversationFigures:
    counted = dict(
        RegionConversation.objects.filter(region=region).values_list("topics").annotate(n=Count("id", distinct=True))
    )
    return ConversationFigures(
        schools=RegionConversation.objects.filter(region=region).values("school").distinct().count(),
        by_theme=[(t.name, counted.get(t.pk, 0)) for t in PsoTheme.objects.all()],
    )


def _school_year_start(day: datetime.date) -> datetime.date:
    return datetime.date(day.year if day.month >= 8 else day.year - 1, 8, 1)


def region_charts(o: RegionOverview, today: datetime.date) -> list[charts.Chart]:
    """The region's theme, fate and over-time charts, each with its table, from the overview's
    rows (no query of its own)."""
    out = []
    if o.by_theme:
        names = [name for name, _n in o.by_theme]
        counts = [n for _name, n in o.by_theme]
        out.append(
            charts.Chart(
                _("Networks by theme"),
                _("%(n)s networks over %(k)s themes; the magazine counted the 45 Stap 2 networks the same way.")
                % {"n": sum(counts), "k": len(names)},
                charts.grouped_bars(
                    title=_("Networks by theme"),
                    description=", ".join(f"{name}: {n}" for name, n in o.by_theme),
                    categories=names,
                    series=[charts.Series(_("Networks"), [float(n) for n in counts])],
                    low=0,
                    high=max(counts),
                    step=max(1, max(counts) // 5),
                ),
                [_("Theme"), _("Networks")],
                [[name, str(n)] for name, n in o.by_theme],
            )
        )
    if o.fate_total:
        description = "; ".join(
            _("%(label)s: %(pct)s per cent (%(n)s)") % {"label": label, "pct": pct, "n": n} for label, n, pct in o.fates
        )
        out.append(
            charts.Chart(
                _("How networks went on after their support (n = %(n)s)") % {"n": o.fate_total},
                _("%(shares)s. In Stap 2: 62 per cent went on, 14 per cent meant to, 24 per cent stopped.")
                % {"shares": description},
                charts.grouped_bars(
                    title=_("How networks went on after their support"),
                    description=description,
                    categories=[label for label, _n, _pct in o.fates],
                    series=[charts.Series(_("Share of the networks"), [float(pct) for _l, _n, pct in o.fates])],
                    low=0,
                    high=100,
                    step=25,
                ),
                [_("How it goes on"), _("Networks"), _("Share")],
                [[label, str(n), f"{pct}%"] for label, n, pct in o.fates],
            )
        )
    years = [(f"{y.year}-{y.year + 1}", n) for y, n in o.running_by_year]
    if len(years) > 1:
        listed = ", ".join(str(n) for _y, n in years)
        out.append(
            charts.Chart(
                _("Networks running per school year"),
                _("From %(first)s to %(last)s: %(counts)s.")
                % {"first": years[0][0], "last": years[-1][0], "counts": listed},
                charts.grouped_bars(
                    title=_("Networks running per school year"),
                    description=listed,
                    categories=[year for year, _n in years],
                    series=[charts.Series(_("Networks running"), [float(n) for _y, n in years])],
                    low=0,
                    high=max(n for _y, n in years),
                    step=max(1, max(n for _y, n in years) // 5),
                ),
                [_("School year"), _("Networks running")],
                [[year, str(n)] for year, n in years],
            )
        )
    return out


def running_by_year(rows: list[Network], today: datetime.date) -> list[tuple[datetime.date, int]]:
    """Per school year since the region's first network: how many ran in it, i.e. had started
    by its end and had not stopped before its start."""
    if not rows:
        return []
    first = _school_year_start(min(timezone.localtime(n.created_at).date() for n in rows))
    out = []
    year = first
    while year <= today:
        end = year.replace(year=year.year + 1)
        running = sum(
            1
            for n in rows
            if timezone.localtime(n.created_at).date() < end
            and not (n.status == Network.Status.GESTOPT and n.fate_recorded_on and n.fate_recorded_on < year)
        )
        out.append((year, running))
        year = end
    return out


def roadmap_questions() -> list[RoadmapQuestion]:
    """The questions answered in words, with their steps (the KPI step has rows instead)."""
    return list(
        RoadmapQuestion.objects.filter(step__kpis=False).select_related("step").order_by("step__order", "order")
    )


def roadmap_school_for(user: User, school_id: int) -> School:
    return get_object_or_404(access.roadmap_schools(user), pk=school_id)


def roadmaps_of(user: User, school: School) -> QuerySet[RoadmapWorksheet]:
    return access.roadmaps_for(user).filter(school=school).select_related("network", "owner")


def roadmap_for(user: User, worksheet_id: int) -> RoadmapWorksheet:
    return get_object_or_404(access.roadmaps_for(user).select_related("school", "network"), pk=worksheet_id)


def roadmap_answers(worksheet: RoadmapWorksheet | None) -> dict[int, str]:
    if worksheet is None or worksheet.pk is None:
        return {}
    return dict(worksheet.answers.values_list("question_id", "text"))


def roadmap_networks(school: School) -> QuerySet[Network]:
    """The networks the school takes part in, to link a Roadmap to."""
    return Network.objects.filter(members__school=school, members__left_on__isnull=True).distinct()


def roadmap_steps() -> list[RoadmapStep]:
    return list(RoadmapStep.objects.prefetch_related("questions"))


def roadmap_sections(worksheet: RoadmapWorksheet) -> list[tuple[RoadmapStep, list[tuple[str, str]]]]:
    """Each step with its questions and the worksheet's answers, to read."""
    answers = roadmap_answers(worksheet)
    return [(step, [(q.text, answers.get(q.pk, "")) for q in step.questions.all()]) for step in roadmap_steps()]
