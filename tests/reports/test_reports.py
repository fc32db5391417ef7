import datetime
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from koers import formats
from koers.catalog.models import Phase
from koers.reports import services
from koers.reports.models import ReportExport, ShareLink
from tests import factories
from tests.factories import add_activity, fill_instruments
from tests.pdfs import assert_tagged
from tests.queries import page_queries

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_pdf_is_a_valid_pdf_with_the_school_a_chart_and_every_phase(client, org):
    fill_instruments(org.trajectory, org.schoolleider)
    add_activity(org.trajectory, org.schoolleider, title="Lesbezoeken", start=datetime.date(2026, 10, 5))
    client.force_login(org.schoolleider)
    response = client.post(reverse("reports:request_pdf", args=[org.trajectory.pk]))
    export = ReportExport.objects.get()
    assert response.url == reverse("reports:export", args=[org.trajectory.pk, export.pk])
    assert export.status == ReportExport.Status.DONE and export.progress == 100
    status = client.get(response.url).content.decode()
    assert "PDF downloaden" in status and "hx-trigger" not in status  # done: no more polling
    download = client.get(reverse("reports:download", args=[org.trajectory.pk, export.pk]))
    data = b"".join(download.streaming_content)
    assert data.startswith(b"%PDF-") and download["Content-Type"] == "application/pdf"
    text = pdf_text(data)
    assert org.school.name in text
    for phase in Phase.objects.all():
        assert f"{phase.number}. {phase.name}" in text
    # The timeline's month axis is text inside the SVG chart: the chart made it into the PDF.
    assert formats.short_month(datetime.date(2026, 10, 1)) in text
    assert export.pages == len(PdfReader(io.BytesIO(data)).pages) > 5
    assert_tagged(data)


def test_a_running_export_shows_its_progress_and_polls(client, org):
    export = ReportExport.objects.create(
        trajectory=org.trajectory, status="bezig", progress=50, step="Pagina's opmaken"
    )
    client.force_login(org.schoolleider)
    page = client.get(
        reverse("reports:export", args=[org.trajectory.pk, export.pk]), HTTP_HX_REQUEST="true"
    ).content.decode()
    assert 'hx-trigger="every 1s"' in page and 'value="50"' in page
    assert client.get(reverse("reports:download", args=[org.trajectory.pk, export.pk])).status_code == 404


def test_the_html_report_holds_the_werkdocument_and_escapes_user_text(client, org):
    from koers.trajectories import services as ts

    ts.save_entry(
        trajectory=org.trajectory,
        kind="answer",
        key="1a-hrm-doelen",
        subphase_slug="1a-visie-en-doelen",
        text="<script>alert(1)</script>",
        not_relevant=False,
        base_version=0,
        user=org.schoolleider,
    )
    client.force_login(org.leraar)
    page = client.get(reverse("reports:report", args=[org.trajectory.pk])).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page
    assert "Inhoud" in page and "4. Ga door" in page


def make_link(org, **kw):
    values = {
        "label": "MR",
        "expires_on": datetime.date.today() + datetime.timedelta(days=7),
        "include_stakeholders": False,
        **kw,
    }
    return services.create_share_link(trajectory=org.trajectory, user=org.schoolleider, **values)


def test_a_share_link_opens_read_only_without_login_and_hides_stakeholders(client, org):
    fill_instruments(org.trajectory, org.schoolleider)
    link, token = make_link(org)
    assert link.token_hash != token and token not in ShareLink.objects.values_list("token_hash", flat=True)
    entry = client.get(reverse("reports:share_entry", args=[token]))
    # The token leaves the address at once: it is traded for a cookie for /gedeeld/ only.
    assert entry.url == reverse("reports:shared", args=[link.pk]) and token not in entry.url
    cookie = entry.cookies[f"koers_gedeeld_{link.pk}"]
    assert cookie.value == token and cookie["httponly"] and cookie["path"] == "/gedeeld/"
    response = client.get(entry.url)
    page = response.content.decode()
    assert response.status_code == 200 and org.trajectory.title in page
    assert "Stakeholder 1" not in page and "weggelaten" in page
    assert "<form" not in page  # nothing to change
    other, with_people = make_link(org, include_stakeholders=True)
    assert (
        "Stakeholder 1" in client.get(reverse("reports:share_entry", args=[with_people]), follow=True).content.decode()
    )
    # Without the cookie, the token-free address opens nothing.
    client.cookies.clear()
    assert client.get(reverse("reports:shared", args=[other.pk])).status_code == 404


@pytest.mark.parametrize("case", ["expired", "revoked", "unknown", "deleted trajectory"])
def test_a_dead_share_link_gets_a_clear_page_that_reveals_nothing(client, org, case):
    link, token = make_link(org)
    if case == "expired":
        ShareLink.objects.filter(pk=link.pk).update(expires_on=datetime.date.today() - datetime.timedelta(days=1))
    elif case == "revoked":
        services.revoke_share_link(link=link)
    elif case == "unknown":
        token = token[:-2] + ("aa" if not token.endswith("aa") else "bb")
    else:
        org.trajectory.deleted_at = datetime.datetime.now(datetime.UTC)
        org.trajectory.save()
    response = client.get(reverse("reports:share_entry", args=[token]), follow=True)
    page = response.content.decode()
    assert response.status_code in (404, 410)
    assert "Deze link werkt niet (meer)" in page
    for secret in (org.trajectory.title, org.school.name, org.board.name):
        assert secret not in page


def test_sharing_asks_for_a_name_and_a_date_within_a_year(client, org):
    client.force_login(org.schoolleider)
    url = reverse("reports:share", args=[org.trajectory.pk])
    response = client.post(url, {"label": "", "expires_on": "2020-01-01"})
    assert response.status_code == 400
    assert "Vul in voor wie de link is" in response.content.decode()
    far = (datetime.date.today() + datetime.timedelta(days=400)).isoformat()
    assert "hoogstens een jaar" in client.post(url, {"label": "MR", "expires_on": far}).content.decode()
    assert not ShareLink.objects.exists()
    response = client.post(url, {"label": "MR", "expires_on": datetime.date.today().isoformat()})
    assert "/gedeeld/" in response.content.decode() and ShareLink.objects.count() == 1


def test_only_those_who_steer_share_and_revoke(client, org):
    link, _token = make_link(org)
    client.force_login(org.leraar)
    assert client.post(reverse("reports:revoke", args=[org.trajectory.pk, link.pk])).status_code == 404
    assert "Link maken" not in client.get(reverse("reports:report", args=[org.trajectory.pk])).content.decode()
    client.force_login(org.schoolleider)
    client.post(reverse("reports:revoke", args=[org.trajectory.pk, link.pk]))
    assert ShareLink.objects.get().revoked_at is not None


def link(t) -> str:
    return f'{t.pk}/">{t.title}</a>'


def test_the_board_overview_filters_by_theme_and_school(client, org):
    other_school_trajectory = factories.trajectory(
        org.second_school, org.bestuurder.person, title="Traject basisschool"
    )
    client.force_login(org.bestuurder)
    url = reverse("reports:board_overview", args=[org.board.pk])
    page = client.get(url).content.decode()
    assert link(org.trajectory) in page and link(other_school_trajectory) in page
    page = client.get(url, {"school": org.second_school.pk}).content.decode()
    assert link(org.trajectory) not in page and link(other_school_trajectory) in page
    page = client.get(url, {"theme": "bestaat-niet"}).content.decode()
    assert link(org.trajectory) in page  # an unknown theme is ignored, not an error
    school_page = client.get(reverse("reports:school_overview", args=[org.school.pk])).content.decode()
    assert link(org.trajectory) in school_page and link(other_school_trajectory) not in school_page


def test_the_overview_counts_goals_on_and_off_course(client, org):
    from koers.plans import selectors as plans
    from koers.plans.models import Measurement

    fill_instruments(org.trajectory, org.schoolleider, goals=2)
    org.trajectory.start_date = datetime.date(2025, 1, 1)
    org.trajectory.save()
    goals = list(org.trajectory.goals.all())
    cycle = plans.current_cycle(org.trajectory)
    for goal, value in zip(goals, (41, 69), strict=True):  # path 40 -> 70 by end of 2026
        goal.target_date = datetime.date(2026, 12, 31)
        goal.save()
        Measurement.objects.create(goal=goal, cycle=cycle, value=value, measured_on=datetime.date(2026, 1, 1))
    client.force_login(org.bestuurder)
    page = client.get(reverse("reports:board_overview", args=[org.board.pk])).content.decode()
    assert "1 op koers" in page and "1 uit koers" in page and "cyclus 1 · Do" in page


def test_the_board_overview_has_a_fixed_query_budget(client, org):
    from koers.plans import selectors as plans
    from koers.plans.models import Measurement

    client.force_login(org.bestuurder)
    url = reverse("reports:board_overview", args=[org.board.pk])

    def count():
        return page_queries(client, url)

    small = count()
    for n in range(30):
        school = factories.school(org.board, name=f"School {n}", brin=f"7{n:02d}X")
        t = factories.trajectory(school, org.bestuurder.person, title=f"Traject {n}")
        fill_instruments(t, org.schoolleider, goals=2)
        for goal in t.goals.all():
            Measurement.objects.create(
                goal=goal, cycle=plans.current_cycle(t), value=50, measured_on=datetime.date(2026, 10, 1)
            )
    large = count()
    assert small == large <= 13, (small, large)  # 12 and the unread count in the navigation


def test_support_staff_are_not_told_there_is_no_trajectory_when_there_is_one_they_cannot_see(client, org):
    from koers.organisations.models import Role
    from tests.factories import user_with_role

    client.force_login(user_with_role(Role.OOP, school=org.school))
    overview = reverse("reports:school_overview", args=[org.school.pk])
    detail = reverse("werkdocument:detail", args=[org.trajectory.pk])
    page = client.get(overview).content.decode()
    assert detail not in page
    assert "Nog geen trajecten" not in page and "waaraan u deelneemt" in page
    client.force_login(org.schoolleider)
    assert detail in client.get(overview).content.decode()


def test_readers_get_the_answered_questions_and_how_many_were_left_out(client, org):
    from koers.catalog.models import Question, Subphase
    from koers.trajectories import services as trajectory_services
    from koers.trajectories.models import Entry

    sub = Subphase.holding("doelen")
    questions = list(Question.objects.filter(subphase=sub).order_by("order"))
    answered, skipped = questions[0], questions[1]
    trajectory_services.save_entry(
        trajectory=org.trajectory,
        kind=Entry.Kind.ANSWER,
        key=answered.slug,
        subphase_slug=sub.slug,
        text="Onze visie staat in het schoolplan.",
        not_relevant=False,
        base_version=0,
        user=org.schoolleider,
    )
    client.force_login(org.bestuurder)
    url = reverse("reports:report", args=[org.trajectory.pk])
    page = client.get(url).content.decode()
    assert "Onze visie staat in het schoolplan." in page
    assert f"{len(questions) - 1} vragen niet beantwoord." in page
    assert skipped.text.split("{")[0][:40] not in page and "Niet beantwoord." not in page
    every = client.get(url, {"vragen": "alle"}).content.decode()
    assert skipped.text.split("{")[0][:40] in every and "Niet beantwoord." in every
    _link, token = services.create_share_link(
        trajectory=org.trajectory,
        user=org.schoolleider,
        label="MR",
        expires_on=datetime.date.today() + datetime.timedelta(days=7),
        include_stakeholders=False,
    )
    client.logout()
    shared = client.get(reverse("reports:share_entry", args=[token]), follow=True).content.decode()
    assert "Onze visie staat in het schoolplan." in shared and "Niet beantwoord." not in shared
