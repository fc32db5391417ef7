"""A peer visit for the demo, run through the real steps: Lumen College asks from its
learning-climate scan, the coordinator holds the intake and sets the programme and commission,
the commission notes its findings, and the chair's report is final and in the trajectory's 1B.
A second school's request waits for its intake."""

from __future__ import annotations

import datetime

from django.utils import timezone

from koers.organisations.models import Region, School, User
from koers.surveys.models import Round
from koers.trajectories.models import Trajectory

from . import selectors, services
from .models import Finding, ProgrammeItem, SubQuestion, VisitEvaluation, VisitMember, VisitorProfile

SUB_QUESTIONS = [
    (
        "Geven leraren leerlingen ruimte om zelf keuzes te maken in hun leren?",
        "We denken dat dit in de bovenbouw goed lukt en in de onderbouw nog weinig.",
    ),
    (
        "Hoe krijgen leerlingen feedback op hun voortgang, en gebruiken ze die?",
        "Leraren geven veel feedback, maar we weten niet of leerlingen er iets mee doen.",
    ),
]
# Per finding: the sub-question, the programme part it was seen in (lessons 1, pupils 2), what
# was seen and how it matches the school's own picture.
FINDINGS = [
    (
        0,
        1,
        "In vijf van de acht lessen kozen leerlingen zelf een opdracht of werkvorm, vooral in de bovenbouw.",
        "deels",
    ),
    (0, 2, "Leerlingen van de onderbouw zeiden in het gesprek dat ze bijna nooit zelf iets kiezen.", "overeenkomst"),
    (
        1,
        1,
        "Feedback was vaak een cijfer met een korte opmerking; een gesprek over de volgende stap zagen we twee keer.",
        "deels",
    ),
    (
        1,
        2,
        "Leerlingen wisten in het gesprek goed wat ze moesten verbeteren en hoe ze dat konden doen.",
        "geen_overeenkomst",
    ),
]


# The commission's chair, an outside account: the dossier, the findings and the report.
CHAIR_LOGIN = ("voorzitter@visitatie.example", "Hans de Vries")


def load(
    region: Region,
    school: School,
    scan: Round,
    trajectory: Trajectory,
    *,
    coordinator: User,
    other_leader: User,
    password: str,
) -> None:
    today = timezone.localdate()
    leader = trajectory.created_by or coordinator
    chair = User.objects.create_user(CHAIR_LOGIN[0], password, full_name=CHAIR_LOGIN[1])
    peers = [
        other_leader,
        User.objects.create_user("peer@visitatie.example", password, full_name="Sanne Mulder"),
    ]
    trained = today - datetime.timedelta(days=400)
    chair_profile = VisitorProfile.objects.create(
        user=chair,
        region=region,
        kind=VisitorProfile.Kind.CHAIR,
        trained_on=trained,
        training="Training voorzitter, Stap 2",
    )
    peer_profiles = [
        VisitorProfile.objects.create(
            user=user,
            region=region,
            trained_on=trained + datetime.timedelta(days=30),
            training="Training peer-visitator, Stap 2",
            home_school=getattr(getattr(user, "person", None), "school", None),
        )
        for user in peers
    ]
    found = selectors.prefill(scan)
    visit = services.request_visit(
        school,
        question=found.question or "Hoe geven we leerlingen meer eigenaarschap over hun leren?",
        sub_questions=[(text, f"{picture}\n\n{found.self_picture}") for text, picture in SUB_QUESTIONS],
        preferred_dates="Een dinsdag of donderdag",
        source_round=scan,
        by=leader,
    )
    services.save_questions(
        visit,
        question=visit.question,
        sub_questions=[(s.text, s.self_picture) for s in visit.sub_questions.all()],
        agree=True,
    )
    subs = list(visit.sub_questions.all())
    plan = [
        (8, 30, 9, 15, ProgrammeItem.Kind.LEADERSHIP, "De schoolleiding", subs),
        (9, 30, 11, 30, ProgrammeItem.Kind.LESSONS, "Acht lessen, onderbouw en bovenbouw", subs),
        (11, 45, 12, 30, ProgrammeItem.Kind.PUPILS, "Acht leerlingen uit klas 2 en havo 4", subs),
        (13, 0, 13, 45, ProgrammeItem.Kind.TEACHERS, "Zes leraren", subs[1:]),
        (15, 0, 15, 45, ProgrammeItem.Kind.FEEDBACK, "De schoolleiding en de teamleiders", subs),
    ]
    items = []
    for h1, m1, h2, m2, kind, who, covers in plan:
        item = ProgrammeItem.objects.create(
            visit=visit,
            start=datetime.time(h1, m1),
            end=datetime.time(h2, m2),
            kind=kind,
            who=who,
            location=school.name,
        )
        item.sub_questions.set(covers)
        items.append(item)
    services.fix_programme(visit, visit_on=today - datetime.timedelta(days=20))
    services.add_visitor(visit, chair_profile, VisitMember.Role.CHAIR)
    for profile in peer_profiles:
        services.add_visitor(visit, profile, VisitMember.Role.PEER)
    services.confirm_commission(visit, by=coordinator)
    for index, part, seen, match in FINDINGS:
        Finding.objects.create(
            visit=visit, sub_question=subs[index], source=items[part], author=peers[part - 1], seen=seen, match=match
        )
    services.record_feedback(
        visit,
        given_on=visit.visit_on,
        summary="Leerlingen krijgen in de bovenbouw echt ruimte; in de onderbouw nog nauwelijks. De feedback is "
        "beter dan de school zelf dacht: leerlingen weten wat hun volgende stap is.",
    )
    services.draft_from_findings(visit)
    SubQuestion.objects.filter(pk=subs[0].pk).update(
        strengths="Keuzeruimte in de bovenbouw, die leerlingen ook benutten.",
        attention="In de onderbouw bepaalt de leraar vrijwel alles.",
        advice="Laat bovenbouwleraren hun aanpak tonen in de onderbouwsecties.",
    )
    SubQuestion.objects.filter(pk=subs[1].pk).update(
        strengths="Leerlingen kennen hun volgende stap.",
        advice="Maak het gesprek over de volgende stap een vast onderdeel van elke toets.",
    )
    visit.conclusion = "Het eigen beeld van de school is voorzichtiger dan wat de commissie zag."
    visit.save(update_fields=["conclusion"])
    services.send_to_school(visit, by=chair)
    services.react(visit, reaction="In het panel zaten leerlingen uit klas 2, niet uit klas 1.")
    services.finalise(visit, by=chair)
    services.save_follow_up(visit, follow_up="De onderbouwsecties gaan dit jaar bij de bovenbouw kijken.")
    services.attach(visit, trajectory, by=leader)
    VisitEvaluation.objects.create(
        visit=visit, by=leader, from_school=True, answered="deels", programme_fit="ja", change="Meer tijd voor leraren."
    )

    services.request_visit(
        other_leader.person.school,
        question="Hoe zorgen we dat elke les een duidelijk doel heeft dat leerlingen kennen?",
        sub_questions=[],
        preferred_dates="Maart of april",
        source_round=None,
        by=other_leader,
    )
