"""Learning networks: who may open and run one (membership is the grant), starting one from a
regional question, members and their commitments with the seeds' warnings that never block,
meetings with the facilitated maximum, attendance, notifications and the calendar file."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from koers.networks.models import Attendance, Meeting, Network, NetworkMember, SuccessCondition, ThemeCategory
from koers.organisations.models import Membership, Notification, Region, Role, User
from tests import factories
from tests.networks import build
from tests.queries import page_queries

pytestmark = pytest.mark.django_db


def test_the_content_loads_the_magazines_theme_categories_and_conditions(catalog):
    assert ThemeCategory.objects.count() == 8 and ThemeCategory.objects.first().slug == "lerende-cultuur"
    assert SuccessCondition.objects.count() == 4


def test_a_coordinator_starts_a_network_and_a_school_leader_can_too(client, org, region, coordinator):
    client.force_login(coordinator)
    url = reverse("networks:new_network", args=[region.slug])
    bad = client.post(url, {"name": "Netwerk", "theme_category": "", "regional_question": "", "facilitated_max": 9})
    assert bad.status_code == 400
    errors = bad.context["form"].errors
    assert "regional_question" in errors and "Hoogstens acht begeleide bijeenkomsten" in str(errors["facilitated_max"])
    assert not Network.objects.exists()
    theme = ThemeCategory.objects.get(slug="lerende-cultuur")
    response = client.post(
        url,
        {
            "name": "Lerende cultuur Midden",
            "theme_category": theme.pk,
            "regional_question": "Hoe maken we van feedback een gewoonte?",
            "facilitated_max": 5,
            "conditions_met": [SuccessCondition.objects.get(slug="helder-thema").pk],
        },
    )
    network = Network.objects.get()
    assert response.url == reverse("networks:network", args=[network.pk])
    assert (network.region, network.status, network.created_by) == (region, "initiatief", coordinator)
    page = client.get(response.url).content.decode()
    assert "Nog niet aangevinkt: De scholen voelen zelf de noodzaak" in page
    assert "Minder dan vijf scholen (0)" in page

    client.force_login(org.schoolleider)
    client.post(
        url,
        {
            "name": "Schoolleiders netwerk",
            "theme_category": theme.pk,
            "regional_question": "Vraag",
            "facilitated_max": 5,
            "school": org.school.pk,
        },
    )
    started = Network.objects.get(name="Schoolleiders netwerk")
    assert started.members.get().user == org.schoolleider and started.members.get().school == org.school
    # A teacher brings no network; a coordinator of another region is not in this one.
    client.force_login(org.leraar)
    assert client.get(url).status_code == 404


def test_a_member_sees_only_their_network_and_no_one_else_sees_it(client, org, other_org, region, network):
    teacher = build.member(network, org.leraar.person.user, org.school)
    other = Network.objects.create(
        name="Ander netwerk", region=region, theme_category=network.theme_category, regional_question="?"
    )
    url = reverse("networks:network", args=[network.pk])
    client.force_login(org.leraar)
    assert client.get(url).status_code == 200
    assert client.get(reverse("networks:network", args=[other.pk])).status_code == 404
    # The teacher is no runner: planning and adding members are not found.
    assert client.get(reverse("networks:new_meeting", args=[network.pk])).status_code == 404
    assert client.get(reverse("networks:add_member", args=[network.pk])).status_code == 404
    noord = User.objects.create_user("noord@regio.example", factories.PASSWORD)
    Membership.objects.create(user=noord, role=Role.REGIOCOORDINATOR, region=Region.objects.get(slug="noord"))
    for outsider in (org.bestuurder, org.schoolleider, other_org.schoolleider, noord):
        client.force_login(outsider)
        assert client.get(url).status_code == 404, outsider
    teacher.left_on = datetime.date.today()
    teacher.save()
    client.force_login(org.leraar)
    assert client.get(url).status_code == 404


def test_adding_members_warns_but_never_blocks_and_invites_outsiders(client, org, other_org, network, coordinator):
    client.force_login(coordinator)
    url = reverse("networks:add_member", args=[network.pk])
    response = client.post(url, {"email": org.leraar.email, "school": org.school.pk, "role": "deelnemer"})
    assert response.status_code == 302
    assert Notification.objects.filter(user=org.leraar, kind="network").count() == 1
    again = client.post(url, {"email": org.leraar.email.upper(), "school": org.school.pk, "role": "deelnemer"})
    assert again.status_code == 400 and "doet al mee" in str(again.context["form"].errors["email"])
    # Someone Koers does not know needs a name, then gets an outside account and an invitation.
    nameless = client.post(url, {"email": "pb@begeleiding.example", "role": "procesbegeleider"})
    assert nameless.status_code == 400 and "full_name" in nameless.context["form"].errors
    assert not User.objects.filter(email="pb@begeleiding.example").exists()
    client.post(url, {"email": "pb@begeleiding.example", "full_name": "Paula Begeleider", "role": "procesbegeleider"})
    paula = User.objects.get(email="pb@begeleiding.example")
    assert not paula.memberships.exists() and not hasattr(paula, "person") and not paula.has_usable_password()
    assert mail.outbox[-1].to == ["pb@begeleiding.example"] and "/account/activeren/" in mail.outbox[-1].body

    page = client.get(reverse("networks:network", args=[network.pk])).content.decode()
    assert "Minder dan vijf scholen (1)" in page
    assert f"Minder dan twee deelnemers bij {org.school.name}" in page
    assert "1 deelnemer heeft nog niet aangegeven dat de schoolleiding weet" in page
    # Paula, from outside, now runs the network and sees nothing else.
    client.force_login(paula)
    assert client.get(reverse("networks:new_meeting", args=[network.pk])).status_code == 200
    assert client.get(reverse("home:school", args=[org.school.pk])).status_code == 404
    home = client.get(reverse("home:index")).content.decode()
    assert "Leren van elkaars HRM" in home and "Uw account hoort bij geen school" not in home


def test_a_member_keeps_their_own_commitments(client, org, network):
    member = build.member(network, org.leraar, org.school)
    someone = build.member(network, org.schoolleider, org.school)
    client.force_login(org.leraar)
    url = reverse("networks:commitments", args=[network.pk, member.pk])
    client.post(url, {"attends_all": "on", "leadership_informed": "on", "learning_ambition": "Feedback geven"})
    member.refresh_from_db()
    assert member.attends_all and member.leadership_informed and not member.will_prepare
    assert client.get(reverse("networks:commitments", args=[network.pk, someone.pk])).status_code == 404


def test_the_facilitated_maximum_holds_at_the_field(client, network, coordinator):
    network.facilitated_max = 2
    network.save()
    build.meeting(network, datetime.date(2026, 9, 1))
    build.meeting(network, datetime.date(2026, 10, 1))
    build.meeting(network, datetime.date(2026, 10, 15), status=Meeting.Status.CANCELLED)
    client.force_login(coordinator)
    url = reverse("networks:new_meeting", args=[network.pk])
    data = {
        "kind": "bijeenkomst",
        "facilitated": "on",
        "date": "2026-11-01",
        "start": "14:00",
        "end": "16:00",
        "theme": "Derde keer",
        "status": "gepland",
    }
    refused = client.post(url, data)
    assert refused.status_code == 400
    assert "Dit netwerk heeft al 2 begeleide bijeenkomsten, het maximum" in str(refused.context["form"].errors)
    assert network.meetings.count() == 3
    del data["facilitated"]
    assert client.post(url, data).status_code == 302
    assert network.meetings.count() == 4
    wrong_time = client.post(url, {**data, "end": "13:00"})
    assert wrong_time.status_code == 400 and "eindigt na het begin" in str(wrong_time.context["form"].errors["end"])


def test_planning_tells_the_members_and_the_calendar_holds_the_meeting(client, org, network, coordinator):
    build.member(network, org.leraar, org.school)
    client.force_login(coordinator)
    client.post(
        reverse("networks:new_meeting", args=[network.pk]),
        {
            "kind": "startbijeenkomst",
            "facilitated": "on",
            "date": "2026-12-10",
            "start": "15:30",
            "end": "17:00",
            "venue": "Lumen College, aula",
            "theme": "Waar willen we wijzer in worden?",
            "agenda": "Kennismaken; de vraag; afspraken",
            "status": "gepland",
        },
    )
    meeting = Meeting.objects.get()
    notice = Notification.objects.get(user=org.leraar, kind="meeting")
    assert "10 december 2026" in notice.message and "Waar willen we wijzer in worden?" in notice.message
    client.force_login(org.leraar)
    body = client.get(reverse("networks:meeting_calendar", args=[network.pk, meeting.pk])).content.decode()
    assert "BEGIN:VEVENT" in body and f"UID:bijeenkomst-{meeting.pk}@" in body
    # 15:30 in Amsterdam in December is 14:30 UTC.
    assert "DTSTART:20261210T143000Z" in body and "DTEND:20261210T160000Z" in body
    assert "LOCATION:Lumen College\\, aula" in body and "SEQUENCE:0" in body
    # A changed time raises the sequence, so calendars update the event.
    client.force_login(coordinator)
    client.post(
        reverse("networks:meeting", args=[network.pk, meeting.pk]),
        {
            "kind": "startbijeenkomst",
            "facilitated": "on",
            "date": "2026-12-10",
            "start": "16:00",
            "end": "17:30",
            "theme": meeting.theme,
            "status": "gepland",
        },
    )
    meeting.refresh_from_db()
    assert meeting.version == 1
    assert Notification.objects.filter(user=org.leraar, kind="meeting").count() == 2


def test_attendance_is_kept_per_member(client, org, network, coordinator):
    present = build.member(network, org.leraar, org.school)
    absent = build.member(network, org.schoolleider, org.school)
    meeting = build.meeting(network, datetime.date(2026, 9, 1), status=Meeting.Status.HELD)
    client.force_login(coordinator)
    client.post(
        reverse("networks:attendance", args=[network.pk, meeting.pk]),
        {f"m{present.pk}": "aanwezig", f"m{absent.pk}": "afgemeld"},
    )
    assert dict(Attendance.objects.values_list("member", "state")) == {present.pk: "aanwezig", absent.pk: "afgemeld"}
    client.force_login(org.leraar)
    assert client.post(reverse("networks:attendance", args=[network.pk, meeting.pk])).status_code == 404


def test_the_network_page_costs_the_same_for_few_and_many(client, org, network, coordinator):
    client.force_login(coordinator)
    url = reverse("networks:network", args=[network.pk])
    build.member(network, org.leraar, org.school)
    build.meeting(network, datetime.date(2026, 9, 1))
    few = page_queries(client, url)
    for n in range(8):
        user = factories.user_with_role(Role.LERAAR, school=org.second_school)
        build.member(network, user, org.second_school)
        build.meeting(network, datetime.date(2026, 10, n + 1), facilitated=False)
    assert page_queries(client, url) == few
    listing = reverse("networks:index")
    assert page_queries(client, listing) <= few


def test_content_a_network_uses_cannot_leave_and_loading_again_changes_nothing(network, tmp_path):
    from collections import Counter

    from django.db import transaction

    from koers.catalog.loader import load_catalog
    from koers.catalog.schema import CatalogError
    from koers.networks.loader import load_network_content

    report = load_catalog()
    assert report.created["ThemeCategory"] == 0 and report.updated["SuccessCondition"] == 0
    (tmp_path / "netwerken.yaml").write_text(
        "theme_categories:\n  - slug: anders\n    name: Anders\nsuccess_conditions: []\nstop_reasons: []\n"
        "work_forms: []\npso_themes: []\nroadmap_steps: []\nroadmap_questions: []\n",
        encoding="utf-8",
    )
    empty = type("R", (), {"created": Counter(), "updated": Counter(), "removed": Counter()})()
    with pytest.raises(CatalogError, match="'shrm' is still in use"), transaction.atomic():
        load_network_content(tmp_path, empty)
    assert ThemeCategory.objects.filter(slug="shrm").exists()


def test_the_start_document_is_signed_and_agreed_by_two_thirds(client, org, network, coordinator):
    members = [build.member(network, u, org.school) for u in (org.leraar, org.schoolleider, org.teamleider)]
    client.force_login(coordinator)
    url = reverse("networks:start_document", args=[network.pk])
    bad = client.post(url, {"waar_wijzer_in": "", "hoe_leren": "Intervisie"})
    assert bad.status_code == 400 and "waar_wijzer_in" in bad.context["form"].errors
    client.post(url, {"waar_wijzer_in": "Starters binden", "hoe_leren": "Intervisie en werkbezoeken"})
    document = network.start_document
    client.post(reverse("networks:agree_start_document", args=[network.pk]))
    document.refresh_from_db()
    assert document.agreed_at is None  # nobody signed yet
    for member in members[:2]:
        client.force_login(member.user)
        assert "Ik teken het startdocument" in client.get(url).content.decode()
        client.post(reverse("networks:sign_start_document", args=[network.pk]))
    client.force_login(org.leraar)  # a member cannot agree it
    assert client.post(reverse("networks:agree_start_document", args=[network.pk])).status_code == 404
    client.force_login(coordinator)
    client.post(reverse("networks:agree_start_document", args=[network.pk]))
    document.refresh_from_db()
    network.refresh_from_db()
    assert document.agreed_at is not None and network.status == "begeleid"
    # A change makes it a draft to sign anew.
    client.post(url, {"waar_wijzer_in": "Starters binden en boeien", "hoe_leren": "Intervisie en werkbezoeken"})
    document.refresh_from_db()
    assert document.agreed_at is None and document.version == 2 and not document.sign_offs.exists()


def test_after_the_facilitated_meetings_the_fate_follows_the_magazines_rules(client, org, network, coordinator):
    network.facilitated_max = 2
    network.save()
    for day in (1, 2):
        build.meeting(network, datetime.date(2026, 9, day), status=Meeting.Status.HELD)
    teacher = build.member(network, org.leraar, org.school)
    client.force_login(coordinator)
    page = client.get(reverse("networks:network", args=[network.pk])).content.decode()
    assert "De begeleiding is afgerond: leg vast hoe het verder gaat." in page
    url = reverse("networks:fate", args=[network.pk])
    refused = client.post(url, {"fate": "gaat_door"})
    assert refused.status_code == 400 and "iemand uit de groep nodig die coördineert" in str(
        refused.context["form"].errors["coordinator"]
    )
    no_reason = client.post(url, {"fate": "gestopt"})
    assert no_reason.status_code == 400 and "stop_reason" in no_reason.context["form"].errors
    network.refresh_from_db()
    assert network.fate == ""
    client.post(url, {"fate": "intentie"})
    network.refresh_from_db()
    assert network.fate == "intentie" and network.recheck_on is not None
    assert (network.recheck_on - network.fate_recorded_on).days in range(181, 185)
    client.post(url, {"fate": "gaat_door", "coordinator": teacher.pk})
    network.refresh_from_db()
    teacher.refresh_from_db()
    assert network.fate == "gaat_door" and network.status == "zelfsturend" and network.recheck_on is None
    assert teacher.role == "coordinator"


def test_a_spin_off_starts_as_an_initiative_with_its_parent_and_members(client, org, network, coordinator):
    build.member(network, org.leraar, org.school)
    client.force_login(coordinator)
    client.post(reverse("networks:spin_off", args=[network.pk]))
    child = Network.objects.get(parent=network)
    assert child.status == "initiatief" and child.region == network.region
    assert list(child.members.values_list("user", flat=True)) == [org.leraar.pk]
    page = client.get(reverse("networks:network", args=[child.pk])).content.decode()
    assert "Voortgekomen uit het netwerk Leren van elkaars HRM." in page


def test_the_short_evaluation_is_for_attendees_once_and_links_to_no_one(client, org, network, coordinator):
    from koers.networks.models import MeetingEvaluation

    people = [org.leraar, org.schoolleider, org.teamleider, factories.user_with_role(Role.LERAAR, school=org.school)]
    members = [build.member(network, u, org.school) for u in people]
    meeting = build.meeting(network, timezone.localdate(), status=Meeting.Status.HELD)
    client.force_login(coordinator)
    states = {f"m{m.pk}": "aanwezig" for m in members[:3]} | {f"m{members[3].pk}": "afwezig"}
    client.post(reverse("networks:attendance", args=[network.pk, meeting.pk]), states)
    assert Notification.objects.filter(kind="evaluation").count() == 3
    url = reverse("networks:evaluate", args=[network.pk, meeting.pk])

    client.force_login(members[3].user)  # absent: no evaluation for them
    assert client.get(url).status_code == 404
    client.force_login(coordinator)  # not an attendee either
    assert client.get(url).status_code == 404

    client.force_login(members[0].user)
    empty = client.post(url, {"went_well": " ", "better_next_time": ""})
    assert empty.status_code == 400 and "Vul minstens één van de twee in" in str(empty.context["form"].errors)
    client.post(url, {"went_well": "De casus van Rivierland", "better_next_time": ""})
    twice = client.post(url, {"went_well": "Nog eens", "better_next_time": ""})
    assert twice.status_code == 400 and MeetingEvaluation.objects.count() == 1

    client.force_login(coordinator)
    page = client.get(reverse("networks:meeting", args=[network.pk, meeting.pk])).content.decode()
    assert "Te weinig antwoorden om te tonen (tot nu toe 1)" in page and "De casus van Rivierland" not in page
    for member in members[1:3]:
        client.force_login(member.user)
        client.post(url, {"went_well": f"Goed {member.pk}", "better_next_time": "Meer tijd"})
    client.force_login(coordinator)
    page = client.get(reverse("networks:meeting", args=[network.pk, meeting.pk])).content.decode()
    assert "3 antwoorden, zonder namen." in page and "De casus van Rivierland" in page
    # Nothing in an answer's row points at its writer.
    columns = {f.column for f in MeetingEvaluation._meta.concrete_fields}
    assert columns == {"id", "meeting_id", "went_well", "better_next_time"}


def test_the_evaluation_closes_a_week_after_the_meeting(client, org, network, coordinator):
    member = build.member(network, org.leraar, org.school)
    meeting = build.meeting(network, timezone.localdate() - datetime.timedelta(days=8), status=Meeting.Status.HELD)
    Attendance.objects.create(meeting=meeting, member=member, state="aanwezig")
    client.force_login(org.leraar)
    url = reverse("networks:evaluate", args=[network.pk, meeting.pk])
    response = client.post(url, {"went_well": "Te laat", "better_next_time": ""})
    assert response.status_code == 400 and "gesloten" in response.content.decode()


def test_the_region_view_counts_fates_as_the_magazine_does_and_lists_what_needs_attention(
    client, org, region, network, coordinator
):
    theme = network.theme_category
    for name, fate in (("A", "gaat_door"), ("B", "gaat_door"), ("C", "gestopt"), ("D", "intentie")):
        Network.objects.create(
            name=name,
            region=region,
            theme_category=theme,
            regional_question="?",
            fate=fate,
            recheck_on=datetime.date(2026, 1, 1) if fate == "intentie" else None,
        )
    build.member(network, org.leraar, org.school)
    start = timezone.localdate() - datetime.timedelta(days=60)
    build.meeting(network, start, kind="startbijeenkomst", status="gehouden")
    client.force_login(coordinator)
    url = reverse("networks:region", args=[region.slug])
    response = client.get(url)
    overview = response.context["o"]
    assert overview.fate_total == 4
    assert [(n, pct) for _label, n, pct in overview.fates] == [(2, 50), (1, 25), (1, 25)]
    texts = [s.text for s in overview.worklist]
    assert "Een maand na de startbijeenkomst nog geen vastgesteld startdocument." in texts
    assert "1 school met minder dan twee deelnemers." in texts
    assert "Vraag opnieuw na of het netwerk zelfstandig doorgaat." in texts
    page = response.content.decode()
    assert "Heeft de intentie zelfstandig door te gaan" in page and "25%" in page
    # Never what members wrote.
    member = network.members.get()
    member.learning_ambition = "Geheime ambitie"
    member.save()
    assert "Geheime ambitie" not in client.get(url).content.decode()
    # Another region's coordinator, a board member and a member of a network find nothing here.
    zuid = User.objects.create_user("zuid@regio.example", factories.PASSWORD)
    Membership.objects.create(user=zuid, role=Role.REGIOCOORDINATOR, region=Region.objects.get(slug="zuid"))
    for outsider in (zuid, org.bestuurder, org.leraar):
        client.force_login(outsider)
        assert client.get(url).status_code == 404


def test_the_region_view_costs_the_same_for_few_and_many_networks(client, org, region, network, coordinator):
    client.force_login(coordinator)
    url = reverse("networks:region", args=[region.slug])
    few = page_queries(client, url)
    for n in range(10):
        more = Network.objects.create(
            name=f"Netwerk {n}", region=region, theme_category=network.theme_category, regional_question="?"
        )
        build.member(more, factories.user_with_role(Role.LERAAR, school=org.school), org.school)
        build.meeting(more, datetime.date(2026, 9, 1), status=Meeting.Status.HELD)
    assert page_queries(client, url) == few


def test_intervision_stays_in_the_room(client, org, network, coordinator):
    from koers.networks.models import IntervisionCase

    present = build.member(network, org.leraar, org.school)
    absent = build.member(network, org.schoolleider, org.school)
    meeting = build.meeting(network, datetime.date(2026, 9, 1), status=Meeting.Status.HELD)
    Attendance.objects.create(meeting=meeting, member=present, state="aanwezig")
    Attendance.objects.create(meeting=meeting, member=absent, state="afwezig")
    url = reverse("networks:intervision", args=[network.pk, meeting.pk])
    client.force_login(org.leraar)
    bad = client.post(url, {"title": "", "question": ""})
    assert bad.status_code == 400 and not IntervisionCase.objects.exists()
    client.post(url, {"title": "Een starter die wil stoppen", "question": "Wat doe ik nu?"})
    case = IntervisionCase.objects.get()
    assert "Een starter die wil stoppen" in client.get(url).content.decode()
    # The absent member, the region's coordinator and a board member find nothing.
    bestuurder = org.bestuurder
    build.member(network, bestuurder)
    for outsider in (org.schoolleider, coordinator, bestuurder):
        client.force_login(outsider)
        assert client.get(url).status_code == 404, outsider
        assert client.get(reverse("networks:case", args=[network.pk, meeting.pk, case.pk])).status_code == 404
        page = client.get(reverse("networks:meeting", args=[network.pk, meeting.pk])).content.decode()
        assert "Een starter die wil stoppen" not in page
    client.force_login(coordinator)
    assert "Een starter die wil stoppen" not in client.get(reverse("networks:region", args=["midden"])).content.decode()
    # Its bringer deletes it.
    client.force_login(org.leraar)
    client.post(reverse("networks:case", args=[network.pk, meeting.pk, case.pk]), {"delete": "1"})
    assert not IntervisionCase.objects.exists()


def test_a_teacher_signs_up_for_a_starting_network_of_her_region(client, org, other_org, network, coordinator):
    facilitator = build.member(network, coordinator, role=NetworkMember.Role.PROCESBEGELEIDER)
    client.force_login(org.leraar)
    join = reverse("networks:join", args=[network.pk])
    assert "Leren van elkaars HRM" not in client.get(reverse("networks:index")).content.decode()
    assert client.post(join).status_code == 404  # still an initiative
    network.status = Network.Status.STARTFASE
    network.save()
    assert "Netwerken in uw regio die deelnemers zoeken" in client.get(reverse("networks:index")).content.decode()
    client.post(join)
    member = network.members.get(user=org.leraar)
    assert member.school == org.school and member.role == "deelnemer"
    assert Notification.objects.filter(user=facilitator.user, kind="joined").count() == 1
    assert client.get(reverse("networks:network", args=[network.pk])).status_code == 200
    # Someone whose schools lie outside the region cannot sign up.
    elsewhere = factories.user_with_role(Role.LERAAR, school=factories.school(other_org.board))
    client.force_login(elsewhere)
    assert client.post(join).status_code == 404


def test_members_record_outputs_and_the_public_ones_show_in_the_region(client, org, network, coordinator):
    build.member(network, org.leraar, org.school)
    client.force_login(org.leraar)
    url = reverse("networks:outputs", args=[network.pk])
    bad = client.post(url, {"title": "", "level": "school", "kind": "product", "made_on": "2026-11-01"})
    assert bad.status_code == 400 and not network.outputs.exists()
    for title, public in (("Profiel van de pro-leraar", "on"), ("Eigen aantekeningen", "")):
        client.post(
            url, {"title": title, "level": "bovenschools", "kind": "product", "made_on": "2026-11-01", "public": public}
        )
    assert network.outputs.count() == 2
    client.force_login(coordinator)  # the coordinator reads them but adds none
    page = client.get(url)
    assert page.context["form"] is None and "Eigen aantekeningen" in page.content.decode()
    region = client.get(reverse("networks:region", args=["midden"])).content.decode()
    assert "Profiel van de pro-leraar" in region and "Eigen aantekeningen" not in region


def test_the_werkdocument_tip_leads_to_networks_on_the_trajectorys_theme(client, org, region, network):
    from koers.catalog.loader import read_content
    from koers.catalog.models import Tip
    from koers.werkdocument.tip_actions import ACTIONS

    # Every action the content names is one Koers implements.
    used = {tip.action for tip in Tip.objects.exclude(action="")}
    assert used and used <= set(ACTIONS)
    assert read_content()  # the content with its `actie` keys still validates
    theme = org.trajectory.theme
    network.shrm_theme = theme
    network.status = Network.Status.STARTFASE
    network.save()
    client.force_login(org.schoolleider)
    tip = Tip.objects.get(slug="leernetwerk-aansluiten")
    subphase = reverse("werkdocument:subphase", args=[org.trajectory.pk, tip.subphase.slug])
    page = client.get(subphase).content.decode()
    assert "Zoek of start een leernetwerk over dit thema" in page and f"?thema={theme.slug}" in page
    listing = client.get(reverse("networks:index") + f"?thema={theme.slug}").content.decode()
    assert f"Netwerken over {theme.name} die deelnemers zoeken" in listing and "Leren van elkaars HRM" in listing
    start = client.get(reverse("networks:new_network", args=[region.slug]) + f"?thema={theme.slug}")
    assert start.context["form"].initial["shrm_theme"] == theme.pk


def test_the_daily_reminder_asks_for_the_way_forward_and_the_recheck_once(network, coordinator):
    import io

    from django.core.management import call_command

    from koers.networks.services import remind

    network.facilitated_max = 1
    network.save()
    build.meeting(network, datetime.date(2026, 9, 1), status=Meeting.Status.HELD)
    assert remind(datetime.date(2026, 9, 20)) == 0  # not a month yet
    assert remind(datetime.date(2026, 10, 2)) == 1
    notice = Notification.objects.get(user=coordinator, kind="fate_due")
    assert "leg vast hoe het verder gaat" in notice.message
    assert remind(datetime.date(2026, 10, 3)) == 0  # once
    network.fate, network.recheck_on = "intentie", datetime.date(2027, 4, 2)
    network.save()
    assert remind(datetime.date(2027, 4, 1)) == 0
    assert remind(datetime.date(2027, 4, 2)) == 1
    assert Notification.objects.filter(user=coordinator, kind="recheck").count() == 1
    assert remind(datetime.date(2027, 4, 3)) == 0
    out = io.StringIO()
    call_command("remind_networks", stdout=out)  # whatever today is, both were reminded already
    assert out.getvalue().strip() == "networks reminded: 0"
