"""What the home page tells each user: what needs their attention, and what they work on.

Every signal is one query over all the trajectories (or schools) the user may see, grouped in
SQL, so the page costs the same for one trajectory as for a board with two hundred. Steering
signals (a chain without an intervention, hours over budget, a share link about to expire)
go to those who steer; a teacher sees what concerns the work itself.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, DecimalField, Exists, F, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from koers import formats
from koers.careers import selectors as careers
from koers.careers.models import school_year
from koers.catalog.models import AmoItem, Question, Subphase
from koers.instruments.models import AmoChain, Goal
from koers.networks import access as network_access
from koers.networks.models import Meeting, NetworkMember
from koers.organisations import access
from koers.organisations.models import Team, User
from koers.plans import rules as plan_rules
from koers.plans import selectors as plans
from koers.plans.models import Activity, Cycle, ProposedMeasurement
from koers.reports.models import ReportExport, ShareLink
from koers.staff import selectors as staff
from koers.surveys import selectors as surveys
from koers.surveys.models import Round
from koers.teams import selectors as teams
from koers.trajectories import access as trajectory_access
from koers.trajectories.models import Entry
from koers.visits import selectors as visits

EXPIRING_WITHIN_DAYS = 14


@dataclass
class Attention:
    """One thing to look at: what, where, and the page that deals with it."""

    kind: str  # overdue, off-course, amo, budget, round, report, share, reflect
    text: str
    where: str
    url: str


def _where(title: str, school: str | None) -> str:
    return f"{title} · {school}" if school else title


def _overdue(scope: list[int], today: datetime.date) -> list[Attention]:
    """Activities of open cycles past their end date and not done, and activities someone
    marked delayed: two counts per trajectory, never the same activity twice in one count."""
    late = Q(end_date__lt=today) & ~Q(status=Activity.Status.KLAAR)
    rows = (
        Activity.objects.filter(trajectory_id__in=scope, cycle__closed_at__isnull=True, deleted_at__isnull=True)
        .filter(late | Q(status=Activity.Status.VERTRAAGD))
        .values("trajectory_id", "trajectory__title", "trajectory__school__name")
        .annotate(overdue=Count("id", filter=late), delayed=Count("id", filter=Q(status=Activity.Status.VERTRAAGD)))
        .order_by("trajectory__title", "trajectory_id")
    )
    out = []
    for r in rows:
        parts = []
        if r["overdue"]:
            parts.append(
                ngettext("%(n)s activity past its end date", "%(n)s activities past their end date", r["overdue"])
                % {"n": r["overdue"]}
            )
        if r["delayed"]:
            parts.append(ngettext("%(n)s marked delayed", "%(n)s marked delayed", r["delayed"]) % {"n": r["delayed"]})
        out.append(
            Attention(
                "overdue",
                " · ".join(parts),
                _where(r["trajectory__title"], r["trajectory__school__name"]),
                reverse("plans:monitoring", args=[r["trajectory_id"]]),
            )
        )
    return out


def _off_course(scope: list[int], today: datetime.date) -> list[Attention]:
    goals = plans.with_latest_measurement(
        Goal.objects.filter(trajectory_id__in=scope, status=Goal.Status.ACTIEF, target_value__isnull=False)
    ).select_related("trajectory__school")
    off: dict[int, list[Goal]] = defaultdict(list)
    for goal in goals:
        if plans.course_of(goal, goal.trajectory.start_date).track == plan_rules.Track.OFF:
            off[goal.trajectory_id].append(goal)
    return [
        Attention(
            "off-course",
            ngettext("%(n)s goal off course", "%(n)s goals off course", len(found)) % {"n": len(found)},
            _where(found[0].trajectory.title, found[0].trajectory.school.name if found[0].trajectory.school else None),
            reverse("plans:monitoring", args=[tid]),
        )
        for tid, found in off.items()
    ]


def _amo_gaps(steered: list[int]) -> list[Attention]:
    """Chains in which a factor (A, M or O) has no intervention yet (Figure 8)."""
    factors = len(AmoItem.Factor.choices)
    rows = (
        AmoChain.objects.filter(trajectory_id__in=steered)
        .annotate(covered=Count("elements__factor", filter=Q(elements__kind=AmoItem.Kind.INTERVENTION), distinct=True))
        .filter(covered__lt=factors)
        .values_list("trajectory_id", "trajectory__title", "trajectory__school__name")
    )
    chains: dict[tuple, int] = defaultdict(int)
    for row in rows:
        chains[row] += 1
    return [
        Attention(
            "amo",
            ngettext(
                "%(n)s AMO chain with a factor still without an intervention",
                "%(n)s AMO chains with a factor still without an intervention",
                n,
            )
            % {"n": n},
            _where(title, school),
            reverse("instruments:amo", args=[tid]),
        )
        for (tid, title, school), n in chains.items()
    ]


def _over_budget(steered: list[int]) -> list[Attention]:
    planned = Activity.objects.filter(cycle=OuterRef("pk"), deleted_at__isnull=True).values("cycle")
    zero = Value(0, output_field=DecimalField())
    cycles = (
        Cycle.objects.filter(trajectory_id__in=steered, closed_at__isnull=True)
        .annotate(
            hours=Coalesce(Subquery(planned.annotate(s=Sum("hours")).values("s")), zero),
            money=Coalesce(Subquery(planned.annotate(s=Sum("budget")).values("s")), zero),
        )
        .filter(Q(hours__gt=F("hours_available")) | Q(money__gt=F("budget_available")))
        .select_related("trajectory__school")
    )
    out = []
    for c in cycles:
        parts = []
        if c.hours_available is not None and c.hours > c.hours_available:
            parts.append(
                _("%(over)s more planned than available") % {"over": formats.hours(c.hours - c.hours_available)}
            )
        if c.budget_available is not None and c.money > c.budget_available:
            parts.append(
                _("%(over)s more planned than available") % {"over": formats.euro(c.money - c.budget_available)}
            )
        t = c.trajectory
        out.append(
            Attention(
                "budget",
                " · ".join(parts),
                _where(t.title, t.school.name if t.school else None),
                reverse("plans:preconditions", args=[t.pk]),
            )
        )
    return out


def _unreflected(scope: list[int]) -> list[Attention]:
    """Subphases whose questions are all answered but whose result and reflection is empty.
    The reflected subphases are read first (few rows), so only trajectories with an open
    subphase have their answers counted."""
    subphases = list(
        Subphase.objects.annotate(n=Count("questions"))
        .order_by("phase__number", "order")
        .values_list("slug", "code", "n")
    )
    reflected = set(
        Entry.objects.filter(trajectory_id__in=scope, kind=Entry.Kind.REFLECTION)
        .exclude(text="")
        .values_list("trajectory_id", "key")
    )
    open_in = [t for t in scope if any((t, slug) not in reflected for slug, _code, n in subphases if n)]
    answered = (
        Entry.objects.filter(trajectory_id__in=open_in, kind=Entry.Kind.ANSWER)
        .filter(Q(not_relevant=True) | ~Q(text=""))
        .filter(key__in=Question.objects.values("slug"))
        .values_list("trajectory_id", "trajectory__title", "trajectory__school__name", "subphase_slug")
        .annotate(n=Count("id"))
        .order_by("trajectory__title", "trajectory_id", "subphase_slug")
    )
    sizes = {slug: (code, n) for slug, code, n in subphases}
    return [
        Attention(
            "reflect",
            _("%(code)s: every question answered, no result and reflection yet") % {"code": sizes[slug][0]},
            _where(title, school),
            reverse("werkdocument:subphase", args=[tid, slug]) + "#reflectie",
        )
        for tid, title, school, slug, n in answered
        if slug in sizes and n >= sizes[slug][1] and (tid, slug) not in reflected
    ]


def _new_reports(scope: list[int], user: User) -> list[Attention]:
    if user.previous_login is None:
        return []
    exports = (
        ReportExport.objects.filter(
            trajectory_id__in=scope, status=ReportExport.Status.DONE, finished_at__gt=user.previous_login
        )
        .exclude(requested_by=user)
        .select_related("trajectory__school")
        .order_by("-finished_at")
    )
    seen: set[int] = set()
    out = []
    for export in exports:
        if export.trajectory_id in seen:
            continue
        seen.add(export.trajectory_id)
        t = export.trajectory
        out.append(
            Attention(
                "report",
                _("A new PDF of the report is ready"),
                _where(t.title, t.school.name if t.school else None),
                reverse("reports:report", args=[t.pk]),
            )
        )
    return out


def _closed_rounds(user: User, today: datetime.date) -> list[Attention]:
    """Rounds whose report appeared (they closed) since the previous login."""
    if user.previous_login is None:
        return []
    since = user.previous_login.date()
    rounds = (
        Round.objects.filter(school__in=access.survey_schools(user), deleted_at__isnull=True)
        .filter(
            Q(closed_early_on__gte=since) | Q(closed_early_on__isnull=True, closes_on__gte=since, closes_on__lt=today)
        )
        .select_related("school")
    )
    return [
        Attention(
            "report",
            _("The report of this round is ready"),
            f"{r.title} · {r.school.name}",
            reverse("surveys:report", args=[r.pk]),
        )
        for r in rounds
    ]


def _expiring_links(steered: list[int], today: datetime.date) -> list[Attention]:
    links = (
        ShareLink.objects.filter(
            trajectory_id__in=steered,
            revoked_at__isnull=True,
            expires_on__gte=today,
            expires_on__lte=today + datetime.timedelta(days=EXPIRING_WITHIN_DAYS),
        )
        .select_related("trajectory__school")
        .order_by("expires_on")
    )
    return [
        Attention(
            "share",
            _("The share link for %(whom)s ends on %(day)s")
            % {"whom": link.label, "day": formats.day(link.expires_on)},
            _where(link.trajectory.title, link.trajectory.school.name if link.trajectory.school else None),
            reverse("reports:report", args=[link.trajectory_id]) + "#delen",
        )
        for link in links
    ]


def regions_of(user: User):
    """The regions the user coordinates, with how many schools and boards of each are in Koers."""
    return access.regions_for(user).annotate(
        school_count=Count("schools", distinct=True), board_count=Count("schools__board", distinct=True)
    )


def _staff(reach: access.Reach, user: User) -> list[Attention]:
    """For whoever keeps the staff: people still to invite, and invitations that ran out."""
    if reach.staff_boards:
        url, where = reverse("staff:board_people", args=[reach.staff_boards[0]]), _("Staff of the board")
    elif reach.led_schools:
        url, where = reverse("staff:school_people", args=[reach.led_schools[0]]), _("Staff of your school")
    else:
        return []
    counts = staff.state_counts(access.staff_people(user))
    out = []
    if counts["none"]:
        text = ngettext("%(n)s person has no account yet", "%(n)s people have no account yet", counts["none"]) % {
            "n": counts["none"]
        }
        out.append(Attention("staff", text, where, f"{url}?state=none"))
    if counts["expired"]:
        text = ngettext(
            "%(n)s invitation has expired: send a new one",
            "%(n)s invitations have expired: send new ones",
            counts["expired"],
        ) % {"n": counts["expired"]}
        out.append(Attention("staff", text, where, f"{url}?state=expired"))
    if reach.staff_boards:
        waiting = staff.sign_in_requests(reach.staff_boards[0]).count()
        if waiting:
            text = ngettext(
                "%(n)s school account waits to be let in",
                "%(n)s school accounts wait to be let in",
                waiting,
            ) % {"n": waiting}
            out.append(Attention("staff", text, where, reverse("staff:sign_in_requests", args=[reach.staff_boards[0]])))
    return out


MEETING_SOON_DAYS = 14


def _meetings_soon(user: User, today: datetime.date) -> list[Attention]:
    """The meetings of the user's networks in the next two weeks, and for a member the
    homework for them still to do."""
    mine = NetworkMember.objects.filter(network=OuterRef("network"), user=user, left_on__isnull=True)
    meetings = (
        Meeting.objects.filter(
            network__in=network_access.networks_for(user),
            status=Meeting.Status.PLANNED,
            date__gte=today,
            date__lte=today + datetime.timedelta(days=MEETING_SOON_DAYS),
        )
        .select_related("network")
        .annotate(
            member=Exists(mine),
            homework_total=Count("homework", distinct=True),
            homework_done=Count("homework__done", filter=Q(homework__done__member__user=user), distinct=True),
        )
        .order_by("date", "start")
    )
    out = []
    for m in meetings:
        out.append(
            Attention(
                "meeting",
                _("%(network)s meets on %(day)s: %(theme)s")
                % {"network": m.network.name, "day": formats.day(m.date), "theme": m.theme},
                _("Learning network"),
                reverse("networks:meeting", args=[m.network_id, m.pk]),
            )
        )
        left = m.homework_total - m.homework_done
        if m.member and left > 0:
            text = ngettext(
                "Homework for the meeting of %(day)s: %(n)s assignment still to do",
                "Homework for the meeting of %(day)s: %(n)s assignments still to do",
                left,
            ) % {"day": formats.day(m.date), "n": left}
            out.append(
                Attention("meeting", text, m.network.name, reverse("networks:homework", args=[m.network_id, m.pk]))
            )
    return out


def _deep_evaluations(user: User, today: datetime.date) -> list[Attention]:
    return [
        Attention(
            "meeting",
            _("In-depth evaluation of %(network)s: place your crosses before %(day)s")
            % {"network": e.network.name, "day": formats.day(e.last_day())},
            _("Learning network"),
            reverse("surveys:answer_network_evaluation", args=[e.network_id, e.pk]),
        )
        for e in surveys.open_evaluations_for(user, today)
    ] + [
        Attention(
            "meeting",
            _("The in-depth evaluation of %(network)s has closed: record the shared picture the group agrees")
            % {"network": e.network.name},
            _("Learning network"),
            reverse("surveys:shared_picture", args=[e.network_id, e.pk]),
        )
        for e in surveys.pictures_due_for(user, today)
    ]


def _visits(user: User) -> list[Attention]:
    texts = {
        "intake": _("The peer visit of %(school)s waits for its intake"),
        "visit": _("The peer visit of %(school)s: read the question and note your findings"),
        "reaction": _("The draft report of the peer visit of %(school)s waits for your reaction"),
    }
    return [
        Attention(
            "visit",
            texts[w.why] % {"school": w.visit.school.name},
            _("Peer visit"),
            reverse("visits:report" if w.why == "reaction" else "visits:visit", args=[w.visit.pk]),
        )
        for w in visits.waiting_for(user)
    ]


def _proposals(steered: list[int]) -> list[Attention]:
    """Measurements read from a goal's source, waiting for someone to confirm them."""
    rows = (
        ProposedMeasurement.objects.filter(
            goal__trajectory_id__in=steered, decision=ProposedMeasurement.Decision.OPEN, goal__status=Goal.Status.ACTIEF
        )
        .values("goal__trajectory_id", "goal__trajectory__title", "goal__trajectory__school__name")
        .annotate(n=Count("id"))
        .order_by("goal__trajectory__title", "goal__trajectory_id")
    )
    return [
        Attention(
            "proposal",
            ngettext(
                "%(n)s measurement proposed from its source: confirm it or set it aside",
                "%(n)s measurements proposed from their sources: confirm them or set them aside",
                r["n"],
            )
            % {"n": r["n"]},
            _where(r["goal__trajectory__title"], r["goal__trajectory__school__name"]),
            reverse("plans:monitoring", args=[r["goal__trajectory_id"]]) + "#signalen-blok",
        )
        for r in rows
    ]


def _teams(mine: list[teams.TeamSignal], year: str) -> list[Attention]:
    """A team that develops together (not a section or work group) and lacks its plan, its
    adoption or a card holder."""
    out = []
    for s in mine:
        if s.team.kind in (Team.Kind.SECTIE, Team.Kind.WERKGROEP):
            continue
        plan_url = reverse("teams:plan", args=[s.team.pk, year])
        if s.plan is None:
            text = _("%(team)s has no team plan for %(year)s yet") % {"team": s.team.name, "year": year}
            out.append(Attention("team", text, s.team.name, plan_url))
        elif s.leads and s.plan.status == s.plan.Status.CONCEPT:
            text = _("The team plan of %(team)s is a draft: adopt it once it is complete") % {"team": s.team.name}
            out.append(Attention("team", text, s.team.name, plan_url))
        if s.cards_missing:
            text = ngettext(
                "%(n)s activity card of %(team)s has no holder yet",
                "%(n)s activity cards of %(team)s have no holder yet",
                s.cards_missing,
            ) % {"n": s.cards_missing, "team": s.team.name}
            out.append(Attention("team", text, s.team.name, reverse("teams:team", args=[s.team.pk]) + "#h-cards"))
    return out


def _career(user: User, today: datetime.date) -> list[Attention]:
    found = careers.signals(user, today)
    if found is None:
        return []
    out = []
    if not found.has_pop:
        text = _("You have no POP for %(year)s yet.") % {"year": found.year}
        out.append(Attention("career", text, _("My development"), reverse("careers:mine")))
    if found.open_cycle:
        out.append(
            Attention(
                "career",
                _("Go on with your career cycle"),
                _("My development"),
                reverse("careers:cycle", args=[found.open_cycle]),
            )
        )
    for c in found.conversations:
        if c.held_on is None:
            text = _("%(kind)s with %(name)s on %(day)s: prepare it") % {
                "kind": c.get_kind_display(),
                "name": c.person if c.manager_id == user.pk else (c.manager.full_name if c.manager else "—"),
                "day": formats.day(c.scheduled_on),
            }
        else:
            text = _("%(kind)s of %(name)s waits for your agreement") % {"kind": c.get_kind_display(), "name": c.person}
        out.append(Attention("career", text, _("Conversation cycle"), reverse("careers:conversation", args=[c.pk])))
    if found.feedback_ready:
        out.append(
            Attention(
                "career",
                _("Your 360° feedback is ready: read it, and add it to your portfolio if you like"),
                _("My development"),
                reverse("careers:feedback", args=[found.feedback_ready]),
            )
        )
    if found.candidacy:
        out.append(
            Attention(
                "career",
                _("You are a candidate in a selection procedure: submit what shows the criteria"),
                _("Selection"),
                reverse("careers:candidacy", args=[found.candidacy]),
            )
        )
    for procedure in found.assessing:
        text = _("Judge the candidates for %(role)s") % {"role": procedure.offer.role.name}
        out.append(Attention("career", text, _("Selection"), reverse("careers:procedure", args=[procedure.pk])))
    for share in found.unread:
        what, url = careers.shared_item(share)
        out.append(Attention("share", _("Shared with you: %(what)s") % {"what": what}, _("My development"), url))
    return out


@dataclass
class Home:
    attention: list[Attention]
    rounds: list[surveys.OpenRound]
    teams: list[teams.TeamSignal]


def home(user: User, today: datetime.date, reach: access.Reach) -> Home:
    """Everything the home page says, in a fixed number of queries."""
    # The scopes are read once: every signal then looks its rows up by trajectory id.
    scope = list(trajectory_access.trajectories_for(user).values_list("pk", flat=True))
    steered = list(trajectory_access.steerable_trajectories(user).values_list("pk", flat=True))
    year = school_year(today)
    mine = teams.signals(user, year)
    attention = [
        *_overdue(scope, today),
        *_off_course(scope, today),
        *_amo_gaps(steered),
        *_over_budget(steered),
        *_proposals(steered),
        *_closed_rounds(user, today),
        *_new_reports(scope, user),
        *_expiring_links(steered, today),
        *_unreflected(scope),
        *_staff(reach, user),
        *_meetings_soon(user, today),
        *_deep_evaluations(user, today),
        *_visits(user),
        *_career(user, today),
        *_teams(mine, year),
    ]
    return Home(attention, surveys.open_rounds(user, today), mine)
