"""Between meetings: homework set by runners and ticked off by members, a forum for members
only, a bounded library served as attachments, the coordinator's school conversations, and the
region's charts and exports that never carry what members said among themselves."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from pypdf import PdfReader

from koers import formats
from koers.networks.models import (
    Homework,
    HomeworkDone,
    IntervisionCase,
    Meeting,
    Network,
    NetworkDocument,
    NetworkMember,
    Post,
    PsoTheme,
    RegionConversation,
    Topic,
    WorkForm,
)
from koers.organisations.models import Membership, Notification, Region, Role, User
from koers.uploads import DOCUMENT_MAX_BYTES
from tests import factories
from tests.networks import build
from tests.pdfs import assert_tagged
from tests.queries import page_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def members(org, network):
    """A facilitator, and a teacher and a school leader of two schools."""
    facilitator = factories.user_with_role(Role.LERAAR, school=org.second_school)
    return {
        "facilitator": build.member(network, facilitator, org.second_school, NetworkMember.Role.PROCESBEGELEIDER),
        "teacher": build.member(network, org.leraar, org.school),
        "leader": build.member(network, org.schoolleider, org.school),
    }


def test_work_forms_and_themes_come_from_the_content_file(catalog):
    assert "intervisie" in WorkForm.objects.values_list("slug", flat=True)
    assert PsoTheme.objects.count() == 5


def test_runners_set_homework_members_tick_it_off_and_others_see_only_a_count(client, org, network, members):
    meeting = build.meeting(network, timezone.localdate() + datetime.timedelta(days=7))
    url = reverse("networks:homework", args=[network.pk, meeting.pk])
    client.force_login(org.leraar)
    assert client.post(url, {"kind": "lezen", "text": "Lees hoofdstuk 3"}).status_code == 200  # a member sets none
    assert not Homework.objects.exists()

    client.force_login(members["facilitator"].user)
    bad = client.post(url, {"kind": "lezen", "text": ""})
    assert bad.status_code == 400 and "text" in bad.context["form"].errors
    client.post(url, {"kind": "uitzoeken", "text": "Hoe werkt uw school in?"})
    homework = Homework.objects.get()

    done = reverse("networks:homework_done", args=[network.pk, meeting.pk, homework.pk])
    client.force_login(org.leraar)
    client.post(done, {"note": "Wij hebben een buddy-systeem"})
    client.force_login(org.schoolleider)
    client.post(done, {"note": ""})
    assert HomeworkDone.objects.count() == 2
    page = client.get(url).content.decode()
    assert "2 leden deden het" in page and "U deed het." in page
    assert "buddy-systeem" not in page  # what another member found is theirs
    client.post(done, {"undo": "1"})
    assert HomeworkDone.objects.get().member == members["teacher"]
    # The home page says what is still to do before the meeting, to a member only.
    home = client.get(reverse("home:index")).content.decode()
    with translation.override("nl"):
        day = formats.day(meeting.date)
    assert f"Huiswerk voor de bijeenkomst van {day}: nog 1 opdracht te doen" in home
    client.force_login(org.leraar)
    assert "Huiswerk voor de bijeenkomst" not in client.get(reverse("home:index")).content.decode()
    # An outsider of the network, even at the same board, finds nothing.
    client.force_login(org.bestuurder)
    assert client.get(url).status_code == 404
    assert client.post(done, {"note": "x"}).status_code == 404


def test_the_forum_is_for_members_only_and_tells_them(client, org, other_org, network, members, coordinator):
    forum = reverse("networks:forum", args=[network.pk])
    client.force_login(org.leraar)
    bad = client.post(forum, {"title": "", "body": "Hoe doen jullie dat?", "is_question": "on"})
    assert bad.status_code == 400 and "title" in bad.context["form"].errors
    assert "Hoe doen jullie dat?" in bad.content.decode()  # nothing typed is lost
    asked = {"title": "Inwerken <b>nieuw</b>", "body": "Hoe doen jullie dat?", "is_question": "on"}
    response = client.post(forum, asked)
    topic = Topic.objects.get()
    assert response.url == reverse("networks:topic", args=[network.pk, topic.pk])
    told = set(Notification.objects.filter(kind="topic").values_list("user", flat=True))
    assert told == {members["facilitator"].user_id, org.schoolleider.pk}  # not the asker, not the coordinator
    page = client.get(response.url).content.decode()
    assert "Inwerken &lt;b&gt;nieuw&lt;/b&gt;" in page
    network_page = client.get(reverse("networks:network", args=[network.pk])).content.decode()
    assert "1 vraag staat nog open" in network_page

    client.force_login(org.schoolleider)
    client.post(response.url, {"body": "Met een buddy."})
    assert Post.objects.get().author == org.schoolleider
    assert list(Notification.objects.filter(kind="reply").values_list("user", flat=True)) == [org.leraar.pk]
    # The school leader did not ask: she cannot mark it answered; the asker can.
    answered = reverse("networks:topic_answered", args=[network.pk, topic.pk])
    assert client.post(answered).status_code == 404
    client.force_login(org.leraar)
    client.post(answered)
    topic.refresh_from_db()
    assert topic.answered_at is not None
    assert "1 antwoord" in client.get(forum).content.decode()

    # The region's coordinator, a board member and another board's teacher find nothing.
    for outsider in (coordinator, org.bestuurder, other_org.leraar):
        client.force_login(outsider)
        assert client.get(forum).status_code == 404
        assert client.get(response.url).status_code == 404
    client.force_login(coordinator)
    region_page = client.get(reverse("networks:region", args=[network.region.slug])).content.decode()
    assert "Hoe doen jullie dat?" not in region_page and "Inwerken" not in region_page


def test_the_library_bounds_uploads_and_serves_members_an_attachment(
    client, org, network, members, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    url = reverse("networks:documents", args=[network.pk])
    client.force_login(org.leraar)
    too_big = SimpleUploadedFile("beleid.pdf", b"x" * (DOCUMENT_MAX_BYTES + 1), "application/pdf")
    response = client.post(url, {"title": "Beleid", "kind": "beleidsstuk", "file": too_big})
    assert response.status_code == 400
    assert "er past hoogstens 10 MB" in str(response.context["form"].errors["file"])
    assert 'value="Beleid"' in response.content.decode()
    program = SimpleUploadedFile("beleid.exe", b"MZ", "application/octet-stream")
    response = client.post(url, {"title": "Beleid", "kind": "beleidsstuk", "file": program})
    assert "Koers bewaart documenten van deze soorten" in str(response.context["form"].errors["file"])
    response = client.post(url, {"title": "Beleid", "kind": "beleidsstuk"})
    assert "Voeg een bestand toe of geef een link." in str(response.context["form"].errors["file"])
    assert not NetworkDocument.objects.exists() and not any(tmp_path.rglob("*.*"))

    paper = SimpleUploadedFile("Inwerkbeleid.pdf", b"%PDF-1.4 beleid", "application/pdf")
    client.post(url, {"title": "Inwerkbeleid", "kind": "beleidsstuk", "file": paper})
    document = NetworkDocument.objects.get()
    assert document.file_name == "Inwerkbeleid.pdf" and document.file.name.startswith(f"netwerken/{network.pk}/")
    assert Notification.objects.filter(kind="shared", user=org.schoolleider).exists()
    download = reverse("networks:document_file", args=[network.pk, document.pk])
    client.force_login(org.schoolleider)
    response = client.get(download)
    assert response["Content-Disposition"].startswith("attachment;") and b"".join(response.streaming_content) == (
        b"%PDF-1.4 beleid"
    )
    client.force_login(org.bestuurder)
    assert client.get(download).status_code == 404
    # Only who added it, or the facilitator, removes it; its file goes with it.
    delete = reverse("networks:delete_document", args=[network.pk, document.pk])
    client.force_login(org.schoolleider)
    assert delete not in client.get(url).content.decode()
    assert client.post(delete).status_code == 404
    client.force_login(members["facilitator"].user)
    assert delete in client.get(url).content.decode()  # the facilitator is offered the button
    stored = tmp_path / document.file.name
    with django_capture_on_commit_callbacks(execute=True):
        client.post(delete)
    assert not NetworkDocument.objects.exists() and not stored.exists()


def test_conversations_are_the_coordinators_own_by_the_five_themes(client, org, other_org, region, coordinator):
    url = reverse("networks:conversations", args=[region.slug])
    client.force_login(coordinator)
    assert "Nog geen gesprek vastgelegd" in client.get(url).content.decode()
    themes = list(PsoTheme.objects.all()[:2])
    bad = client.post(url, {"school": org.school.pk, "held_on": "2026-11-20", "summary": ""})
    assert bad.status_code == 400 and "summary" in bad.context["form"].errors
    outside = factories.Organisation.build(name="Stichting Zuid", brin_prefix="7").school  # not in the region
    bad = client.post(url, {"school": outside.pk, "held_on": "2026-11-20", "summary": "Gesprek"})
    assert "school" in bad.context["form"].errors
    client.post(
        url,
        {
            "school": org.school.pk,
            "held_on": "2026-11-20",
            "topics": [t.pk for t in themes],
            "summary": "Over leiderschap",
        },
    )
    client.post(url, {"school": org.school.pk, "held_on": "2026-11-27", "topics": [themes[0].pk], "summary": "Vervolg"})
    assert RegionConversation.objects.count() == 2
    figures = client.get(url).context["figures"]
    assert figures.schools == 1
    assert dict(figures.by_theme)[themes[0].name] == 2 and dict(figures.by_theme)[themes[1].name] == 1
    zuid = User.objects.create_user("zuid@regio.example", factories.PASSWORD)
    Membership.objects.create(user=zuid, role=Role.REGIOCOORDINATOR, region=Region.objects.get(slug="zuid"))
    for outsider in (zuid, org.schoolleider):
        client.force_login(outsider)
        assert client.get(url).status_code == 404


def _region_with_history(region, network, org):
    """Two networks that went on, one that stopped in its second school year, a spin-off whose
    name looks like a formula; intervision and a forum question in the first network."""
    theme = network.theme_category
    started = timezone.make_aware(datetime.datetime(2024, 9, 1, 12))
    Network.objects.create(
        name="A", region=region, theme_category=theme, regional_question="?", fate="gaat_door", created_at=started
    )
    Network.objects.create(name="B", region=region, theme_category=theme, regional_question="?", fate="gaat_door")
    Network.objects.create(
        name="C",
        region=region,
        theme_category=theme,
        regional_question="?",
        fate="gestopt",
        status=Network.Status.GESTOPT,
        fate_recorded_on=datetime.date(2025, 3, 1),
        created_at=started,
    )
    Network.objects.create(
        name="=HYPERLINK(1)", region=region, theme_category=theme, regional_question="?", parent=network
    )
    meeting = build.meeting(network, datetime.date(2026, 10, 1), status=Meeting.Status.HELD)
    member = build.member(network, org.leraar, org.school)
    IntervisionCase.objects.create(meeting=meeting, brought_by=member, title="Geheime casus", question="Wat nu?")
    Topic.objects.create(network=network, author=org.leraar, title="Forumvraag", body="Geheim forum")


def test_the_region_charts_give_their_figures_as_tables(client, org, region, network, coordinator):
    _region_with_history(region, network, org)
    client.force_login(coordinator)
    response = client.get(reverse("networks:region", args=[region.slug]))
    titles = [c.title for c in response.context["charts"]]
    assert titles[0] == "Netwerken per thema" and len(titles) == 3
    page = response.content.decode()
    assert "<svg" in page and "<table" in page
    assert "67%" in page and "33%" in page  # two of three went on, one stopped
    over_time = response.context["charts"][2].rows
    assert over_time[:2] == [["2024-2025", "2"], ["2025-2026", "1"]]  # C stopped in between
    assert "Geheime casus" not in page and "Geheim forum" not in page and "Forumvraag" not in page


def test_the_region_exports_hold_the_networks_and_nothing_said_among_members(client, org, region, network, coordinator):
    _region_with_history(region, network, org)
    client.force_login(coordinator)
    response = client.get(reverse("networks:region_export", args=[region.slug, "csv"]))
    assert response["Content-Disposition"].startswith('attachment; filename="regio-midden-')
    text = response.content.decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0].startswith("Netwerk;Thema;") and len(lines) == 1 + 5
    assert "'=HYPERLINK(1);" in text  # a name is never a formula in a spreadsheet
    assert "Leren van elkaars HRM" in text
    response = client.get(reverse("networks:region_export", args=[region.slug, "pdf"]))
    assert response["Content-Type"] == "application/pdf"
    assert_tagged(response.content)
    words = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Leren van elkaars HRM" in words and "Netwerken per thema" in words
    assert "Geheime casus" not in words and "Geheim forum" not in words
    assert client.get(reverse("networks:region_export", args=[region.slug, "xls"])).status_code == 404
    client.force_login(org.bestuurder)
    assert client.get(reverse("networks:region_export", args=[region.slug, "csv"])).status_code == 404


def test_forum_library_and_region_pages_cost_the_same_for_few_and_many(
    client, org, region, network, members, coordinator
):
    urls = [
        reverse("networks:forum", args=[network.pk]),
        reverse("networks:documents", args=[network.pk]),
    ]

    def add(n):
        topic = Topic.objects.create(network=network, author=org.schoolleider, title=f"Vraag {n}", body="?")
        Post.objects.create(topic=topic, author=org.leraar, body="Antwoord")
        NetworkDocument.objects.create(
            network=network, title=f"Stuk {n}", link="https://example.org", added_by=org.leraar
        )

    add(0)
    client.force_login(org.leraar)
    few = [page_queries(client, u) for u in urls]
    for n in range(1, 9):
        add(n)
    assert [page_queries(client, u) for u in urls] == few

    themes = list(PsoTheme.objects.all())
    RegionConversation.objects.create(region=region, school=org.school, summary="Gesprek").topics.set(themes[:1])
    client.force_login(coordinator)
    region_urls = [reverse(f"networks:{name}", args=[region.slug]) for name in ("region", "conversations")]
    few = [page_queries(client, u) for u in region_urls]
    for n in range(8):
        Network.objects.create(
            name=f"N{n}", region=region, theme_category=network.theme_category, regional_question="?", fate="gestopt"
        )
        conversation = RegionConversation.objects.create(region=region, school=org.school, summary="Gesprek")
        conversation.topics.set(themes[: n % 5 + 1])
    assert [page_queries(client, u) for u in region_urls] == few
