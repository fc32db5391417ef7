import datetime

import pytest
from django.urls import reverse

from koers.plans import selectors
from koers.plans.models import Activity, Measurement
from tests.factories import add_activity, fill_instruments
from tests.queries import page_queries

pytestmark = pytest.mark.django_db


def url(name, org, *args):
    return reverse(f"plans:{name}", args=[org.trajectory.pk, *args])


def activity_post(org, **overrides):
    data = {
        "title": "Scholing coaches",
        "description": "",
        "intervention": "",
        "phase": "Fase 1",
        "start_date": "2026-10-01",
        "end_date": "2026-12-01",
        "owner": org.trajectory.owner.pk,
        "hours": "12",
        "budget": "1500",
        "status": "gepland",
        "raci_leidinggevenden": "A",
        "raci_opleiding": "R",
    }
    return {**data, **overrides}


def test_an_activity_is_added_and_shown_on_the_timeline(client, org):
    client.force_login(org.leraar)  # a participant works in the plan
    response = client.post(url("add_activity", org), activity_post(org))
    assert response.status_code == 302
    activity = Activity.objects.get()
    assert activity.raci == {"leidinggevenden": "A", "opleiding": "R"}
    page = client.get(url("plan", org)).content.decode()
    assert "Scholing coaches" in page and "<svg" in page and "Tijdlijn van het plan" in page
    assert "Opleiding(school): uitvoerend" in page  # an adjective agrees with every actor


def test_bad_dates_and_amounts_get_dutch_messages_at_the_fields_and_write_nothing(client, org):
    client.force_login(org.schoolleider)
    response = client.post(
        url("add_activity", org), activity_post(org, end_date="2026-09-01", budget="-10", title="Mijn getypte titel")
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "De einddatum ligt vóór de startdatum." in page
    assert "Vul nul of meer in; een negatief bedrag of aantal kan niet." in page
    assert "Mijn getypte titel" in page  # nothing typed is lost
    assert not Activity.objects.exists()


def test_a_stale_edit_shows_the_saved_version_and_keeps_the_typed_text(client, org):
    a = add_activity(org.trajectory, org.schoolleider)
    client.force_login(org.schoolleider)
    client.post(url("change_activity", org, a.pk), activity_post(org, title="Versie A", version=1))
    response = client.post(url("change_activity", org, a.pk), activity_post(org, title="Versie B", version=1))
    assert response.status_code == 409
    page = response.content.decode()
    assert "Versie A" in page and "Versie B" in page
    assert Activity.objects.get().title == "Versie A"


def test_the_calendar_export_holds_every_activity_as_an_all_day_event(client, org):
    add_activity(
        org.trajectory,
        org.schoolleider,
        title="Studiedag, differentiatie; deel 1",
        start=datetime.date(2027, 1, 10),
        end=datetime.date(2027, 1, 12),
    )
    client.force_login(org.leraar)
    response = client.get(url("calendar", org))
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\n") and body.endswith("END:VCALENDAR\r\n")
    assert "DTSTART;VALUE=DATE:20270110\r\n" in body
    assert "DTEND;VALUE=DATE:20270113\r\n" in body  # exclusive end: the day after
    assert "SUMMARY:Studiedag\\, differentiatie\\; deel 1\r\n" in body
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))


def test_a_measurement_turns_the_signal_and_bad_values_stay_at_the_field(client, org):
    fill_instruments(org.trajectory, org.schoolleider)
    goal = org.trajectory.goals.get()  # 40 -> 70 %
    goal.target_date, goal.scale_min, goal.scale_max = datetime.date(2026, 12, 31), 0, 100
    goal.save()
    org.trajectory.start_date = datetime.date(2025, 1, 1)  # halfway on 2026-01-01: 55 expected
    org.trajectory.save()
    client.force_login(org.schoolleider)
    response = client.post(url("add_measurement", org, goal.pk), {"measured_on": "2026-10-01", "value": "140"})
    assert response.status_code == 400
    assert "valt buiten de mogelijke waarden" in response.content.decode()
    assert not Measurement.objects.exists()
    client.post(url("add_measurement", org, goal.pk), {"measured_on": "2026-01-01", "value": "41"})
    page = client.get(url("monitoring", org)).content.decode()
    assert "uit koers" in page and "lessen met differentiatie’ ligt uit koers" in page
    client.post(url("add_measurement", org, goal.pk), {"measured_on": "2026-01-02", "value": "60"})
    page = client.get(url("monitoring", org)).content.decode()
    assert "ligt uit koers" not in page and "op koers" in page


def test_an_overdue_activity_is_signalled_until_it_is_done(client, org):
    a = add_activity(
        org.trajectory,
        org.schoolleider,
        title="Lesbezoeken",
        start=datetime.date(2026, 1, 1),
        end=datetime.date(2026, 2, 1),
        status="bezig",
    )
    client.force_login(org.schoolleider)
    assert "moest op 1-2-2026 klaar zijn" in client.get(url("monitoring", org)).content.decode()  # one short form
    response = client.post(url("set_status", org, a.pk), {"status": "klaar"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "<tr" in response.content.decode()
    assert "klaar zijn" not in client.get(url("monitoring", org)).content.decode()


def test_deleting_an_activity_with_measurements_asks_first(client, org):
    fill_instruments(org.trajectory, org.schoolleider)
    goal = org.trajectory.goals.get()
    a = add_activity(org.trajectory, org.schoolleider)
    Measurement.objects.create(goal=goal, cycle=a.cycle, activity=a, value=50, measured_on=datetime.date(2026, 10, 1))
    client.force_login(org.schoolleider)
    assert "1 meting" in client.get(url("delete_activity", org, a.pk)).content.decode()
    assert client.post(url("delete_activity", org, a.pk)).status_code == 409
    assert Activity.objects.get().deleted_at is None
    assert client.post(url("delete_activity", org, a.pk), {"confirm": "1"}).status_code == 302
    assert Activity.objects.get().deleted_at is not None and Measurement.objects.count() == 1


def test_evaluating_and_starting_a_new_cycle(client, org):
    fill_instruments(org.trajectory, org.schoolleider)
    goal = org.trajectory.goals.get()
    client.force_login(org.schoolleider)
    # Without a decision the new cycle is refused with a reason.
    response = client.post(reverse("reports:next_cycle", args=[org.trajectory.pk]))
    assert response.status_code == 409 and "Neem eerst per doel een besluit" in response.content.decode()
    assert (
        client.post(url("evaluate_goal", org, goal.pk), {"realised": "", "note": "", "decision": ""}).status_code == 400
    )
    client.post(url("evaluate_goal", org, goal.pk), {"realised": "55", "note": "Goed op weg", "decision": "doorgaan"})
    client.post(
        url("evaluation", org), {"good_communication": "Heldere studiedagen", "adjustments": "Meer tijd voor lesbezoek"}
    )
    assert "Act" in client.get(url("evaluation", org)).content.decode()
    assert client.post(reverse("reports:next_cycle", args=[org.trajectory.pk])).status_code == 302
    history = client.get(url("cycle_history", org, 1)).content.decode()
    assert "alleen-lezen" in history and "Heldere studiedagen" in history
    detail = client.get(reverse("werkdocument:detail", args=[org.trajectory.pk])).content.decode()
    assert "Cyclus 2" in detail and 'aria-current="step">Plan' in detail


def test_only_those_who_steer_can_start_a_new_cycle(client, org):
    client.force_login(org.leraar)  # a participant, not an owner or manager
    assert client.get(reverse("reports:next_cycle", args=[org.trajectory.pk])).status_code == 404
    page = client.get(url("evaluation", org)).content.decode()
    assert reverse("reports:next_cycle", args=[org.trajectory.pk]) not in page  # no button that leads to a 404
    assert "De eigenaar van het traject of de schoolleider start die." in page
    client.force_login(org.schoolleider)
    assert (
        reverse("reports:next_cycle", args=[org.trajectory.pk]) in client.get(url("evaluation", org)).content.decode()
    )


def test_an_activity_of_a_closed_cycle_cannot_be_changed_by_url(client, org):
    from tests.factories import fill_plan

    fill_instruments(org.trajectory, org.schoolleider)
    fill_plan(org.trajectory, org.schoolleider)
    old = Activity.objects.filter(cycle__number=1).get()
    client.force_login(org.schoolleider)
    assert client.get(url("change_activity", org, old.pk)).status_code == 404


@pytest.mark.parametrize("page, budget", [("plan", 16), ("monitoring", 16), ("evaluation", 16)])
def test_pages_keep_their_query_budget_as_the_plan_grows(client, org, page, budget):
    fill_instruments(org.trajectory, org.schoolleider, goals=1)
    client.force_login(org.schoolleider)

    def count():
        return page_queries(client, url(page, org))

    small = count()
    fill_instruments(org.trajectory, org.schoolleider, goals=8)
    cycle = selectors.current_cycle(org.trajectory)
    for n in range(25):
        a = add_activity(org.trajectory, org.schoolleider, title=f"Activiteit {n}", phase=f"Fase {n % 3}")
        for goal in org.trajectory.goals.all():
            Measurement.objects.create(
                goal=goal, cycle=cycle, activity=a, value=50, measured_on=datetime.date(2026, 10, 1)
            )
    large = count()
    assert small == large <= budget, (small, large)
