"""Reads for the AVG duties: everything Koers holds about one person, the places where their
name stands in free text, and the access log of a school or board."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from koers import formats
from koers.careers import selectors as careers
from koers.catalog.models import Subphase
from koers.instruments.models import Goal, Stakeholder
from koers.networks.models import HomeworkDone, NetworkDocument, NetworkMember, Post, Topic
from koers.organisations import access
from koers.organisations.models import AccessRecord, Board, Person, School, User
from koers.plans.models import Activity
from koers.surveys.models import EvaluationTaken, Invitation
from koers.trajectories.models import Dialogue, Entry, EntryRevision, Trajectory
from koers.visits.models import Finding, VisitMember, VisitorProfile


def person_for(user: User, person_id: int) -> Person:
    return get_object_or_404(access.people_in_care(user).select_related("board", "school", "user"), pk=person_id)


def is_privacy_officer(user: User) -> bool:
    return access.privacy_schools(user).exists() or access.boards_for(user).exists()


def people(user: User, query: str = "") -> QuerySet[Person]:
    found = access.people_in_care(user).select_related("school")
    for word in query.split():
        found = found.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word) | Q(email__icontains=word))
    return found


def _addresses(person: Person | None, user: User | None) -> set[str]:
    return {a.lower() for a in (person.email if person else "", user.email if user else "") if a}


def person_data(*, person: Person | None, user: User | None) -> dict:
    """Everything Koers holds about one person, as plain data for JSON, the page and the PDF.
    Survey answers are not in it: they are anonymous and cannot be traced to anyone."""
    data: dict = {"exported_at": timezone.now().isoformat(timespec="seconds")}
    if person is not None:
        data["person"] = {
            "first_name": person.first_name,
            "last_name": person.last_name,
            "email": person.email,
            "position": person.get_functie_display(),
            "personnel_number": person.personnel_number,
            "fte": str(person.fte) if person.fte is not None else None,
            "teaching_since": person.teaching_since,
            "left_on": person.left_on.isoformat() if person.left_on else None,
            "board": person.board.name,
            "school": person.school.name if person.school is not None else None,
            "teams": [t.name for t in person.teams.all()],
        }
        # Her career data is hers (R1): only how much there is, even for the privacy officer;
        # she reads and takes along the content under Mijn ontwikkeling.
        data["career"] = careers.career_counts(person)
        data["trajectories_owned"] = _trajectories(Trajectory.objects.filter(owner=person))
        data["trajectories_taking_part"] = _trajectories(person.trajectories.all())
        data["activities_owned"] = [
            {
                "activity": a.title,
                "trajectory": a.trajectory.title,
                "status": a.get_status_display(),
                "start": a.start_date.isoformat(),
                "end": a.end_date.isoformat(),
            }
            for a in Activity.objects.filter(owner=person, deleted_at__isnull=True).select_related("trajectory")
        ]
        data["dialogues"] = [
            {"topic": d.topic, "held_on": d.held_on.isoformat(), "trajectory": d.trajectory.title}
            for d in Dialogue.objects.filter(participants=person).select_related("trajectory")
        ]
    if user is not None:
        data["account"] = {
            "email": user.email,
            "full_name": user.full_name,
            "joined": user.date_joined.isoformat(timespec="seconds"),
            "last_login": user.last_login.isoformat(timespec="seconds") if user.last_login else None,
            "previous_login": user.previous_login.isoformat(timespec="seconds") if user.previous_login else None,
            "language": user.language or None,  # None: the installation's
            "roles": [
                {"role": m.get_role_display(), "at": str(m.board or m.school or m.region)}
                for m in user.memberships.select_related("board", "school", "region")
            ],
            "school_accounts": [
                {"provider": a.provider.get_kind_display(), "since": a.created_at.isoformat(timespec="seconds")}
                for a in user.school_accounts.select_related("provider")
            ],
        }
        data["networks"] = [
            {
                "network": m.network.name,
                "role": m.get_role_display(),
                "school": m.school.name if m.school else None,
                "joined": m.joined_on.isoformat(),
                "left": m.left_on.isoformat() if m.left_on else None,
                "ambition": m.learning_ambition,
            }
            for m in NetworkMember.objects.filter(user=user).select_related("network", "school")
        ]
        data["network_messages"] = [
            {
                "network": t.network.name,
                "title": t.title,
                "text": t.body,
                "at": t.created_at.isoformat(timespec="seconds"),
            }
            for t in Topic.objects.filter(author=user).select_related("network")
        ] + [
            {
                "network": p.topic.network.name,
                "title": p.topic.title,
                "text": p.body,
                "at": p.created_at.isoformat(timespec="seconds"),
            }
            for p in Post.objects.filter(author=user).select_related("topic__network")
        ]
        data["network_documents"] = [
            {"network": d.network.name, "title": d.title, "file": d.file_name, "link": d.link}
            for d in NetworkDocument.objects.filter(added_by=user).select_related("network")
        ]
        data["homework_done"] = [
            {"homework": h.homework.text, "network": h.member.network.name, "note": h.note}
            for h in HomeworkDone.objects.filter(member__user=user).select_related("homework", "member__network")
        ]
        # That they filled in a network's in-depth evaluation; what they answered has no link to them.
        data["network_evaluations_filled_in"] = [
            {"network": t.evaluation.network.name, "opens_on": t.evaluation.opens_on.isoformat()}
            for t in EvaluationTaken.objects.filter(member__user=user).select_related("evaluation__network")
        ]
        data["visitor_profiles"] = [
            {"region": p.region.name, "kind": str(p.get_kind_display()), "trained_on": p.trained_on.isoformat()}
            for p in VisitorProfile.objects.filter(user=user).select_related("region")
        ]
        written: dict[int, list[str]] = {}
        for visit_id, seen in Finding.objects.filter(author=user).values_list("visit_id", "seen"):
            written.setdefault(visit_id, []).append(seen)
        data["visit_commissions"] = [
            {"school": m.visit.school.name, "role": str(m.get_role_display()), "findings": written.get(m.visit_id, [])}
            for m in VisitMember.objects.filter(user=user).select_related("visit__school")
        ]
        data["texts_edited"] = [
            {"trajectory": title, "versions": n}
            for title, n in EntryRevision.objects.filter(edited_by=user)
            .values_list("entry__trajectory__title")
            .annotate(n=Count("id"))
            .order_by("entry__trajectory__title")
        ]
        data["reads"] = [
            {"at": r.at.isoformat(timespec="seconds"), "what": r.get_kind_display(), "about": r.subject}
            for r in AccessRecord.objects.filter(user=user)
        ]
    data["survey_invitations"] = [
        {"survey": i.round.title, "school": i.round.school.name, "closes_on": i.round.closes_on.isoformat()}
        for i in Invitation.objects.filter(email__in=_addresses(person, user)).select_related("round__school")
    ]
    return data


def _trajectories(queryset: QuerySet[Trajectory]) -> list[dict]:
    return [
        {"trajectory": t.title, "school": t.school.name if t.school is not None else t.board.name}
        for t in queryset.filter(deleted_at__isnull=True).select_related("school", "board")
    ]


@dataclass(frozen=True)
class Mention:
    trajectory: str
    place: str
    url: str


def mentions(person: Person) -> list[Mention]:
    """The free-text places in the person's board where their full name or address stands, for
    someone to edit by hand: a program cannot tell which words in a text are about them."""
    terms = [t for t in (f"{person.first_name} {person.last_name}", person.email) if t.strip()]

    def matching(model, fields):
        found = Q()
        for term in terms:
            for field in fields:
                found |= Q(**{f"{field}__icontains": term})
        return model.objects.filter(found, trajectory__board_id=person.board_id, trajectory__deleted_at__isnull=True)

    subphases = dict(Subphase.objects.values_list("slug", "code"))
    places = []
    for s in matching(Stakeholder, ["name", "role", "ideas", "knowledge", "relations"]).select_related("trajectory"):
        url = reverse("instruments:change_stakeholder", args=[s.trajectory_id, s.pk])
        places.append(Mention(s.trajectory.title, _("Stakeholder “%(name)s”") % {"name": s.name}, url))
    for d in matching(Dialogue, ["topic", "outcome"]).select_related("trajectory"):
        url = reverse("werkdocument:subphase", args=[d.trajectory_id, d.subphase_slug])
        places.append(
            Mention(
                d.trajectory.title,
                _("Dialogue “%(topic)s” of %(date)s") % {"topic": d.topic, "date": formats.short_day(d.held_on)},
                url,
            )
        )
    for e in matching(Entry, ["text"]).select_related("trajectory"):
        url = reverse("werkdocument:subphase", args=[e.trajectory_id, e.subphase_slug])
        places.append(
            Mention(
                e.trajectory.title,
                _("Text in subphase %(code)s") % {"code": subphases.get(e.subphase_slug, e.subphase_slug)},
                url,
            )
        )
    for g in matching(Goal, ["description", "involved"]).select_related("trajectory"):
        url = reverse("instruments:change_goal", args=[g.trajectory_id, g.pk])
        places.append(Mention(g.trajectory.title, _("Goal “%(goal)s”") % {"goal": g.description[:60]}, url))
    for a in matching(Activity, ["title", "description"]).select_related("trajectory"):
        url = reverse("plans:change_activity", args=[a.trajectory_id, a.pk])
        places.append(Mention(a.trajectory.title, _("Activity “%(title)s”") % {"title": a.title}, url))
    return places


def access_log(*, school: School | None = None, board: Board | None = None) -> QuerySet[AccessRecord]:
    records = AccessRecord.objects.select_related("user", "school")
    return records.filter(school=school) if school is not None else records.filter(board=board)


def own_person(user: User) -> Person | None:
    return Person.objects.select_related("board", "school").filter(user=user).first()


def log_school_for(user: User, school_id: int) -> School:
    return get_object_or_404(access.privacy_schools(user).select_related("board"), pk=school_id)


def log_board_for(user: User, board_id: int) -> Board:
    return get_object_or_404(access.boards_for(user), pk=board_id)


def successor_candidates(person: Person) -> QuerySet[Person]:
    place = (
        access.people_for_school(person.school) if person.school is not None else access.people_for_board(person.board)
    )
    return place.exclude(pk=person.pk)
