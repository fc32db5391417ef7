import datetime

import pytest
from django.urls import reverse

from koers.catalog.models import Question
from koers.trajectories import services
from koers.trajectories.models import Dialogue, Entry, Trajectory
from tests import factories
from tests.queries import page_queries

pytestmark = pytest.mark.django_db

SUB = "1a-visie-en-doelen"
KEY = "1a-strategische-visie"
HTMX = {"HTTP_HX_REQUEST": "true"}


def subphase_url(org, sub=SUB):
    return reverse("werkdocument:subphase", args=[org.trajectory.pk, sub])


def answer_url(org, key=KEY, sub=SUB):
    return reverse("werkdocument:answer", args=[org.trajectory.pk, sub, key])


# --- starting -------------------------------------------------------------------------------


def start_data(org, **overrides):
    data = {
        "theme": org.trajectory.theme.pk,
        "title": "ICT in de les",
        "owner": org.schoolleider.person.pk,
        "participants": [org.leraar.person.pk],
        "start_date": "2026-11-01",
    }
    data.update(overrides)
    return data


def test_a_school_leader_starts_a_trajectory(client, org):
    client.force_login(org.schoolleider)
    response = client.post(reverse("werkdocument:start_school", args=[org.school.pk]), start_data(org))
    trajectory = Trajectory.objects.get(title="ICT in de les")
    assert response.status_code == 302
    assert response.url == reverse("werkdocument:detail", args=[trajectory.pk])
    assert trajectory.school == org.school and list(trajectory.participants.all()) == [org.leraar.person]


def test_an_empty_title_is_refused_with_a_dutch_message_at_the_field(client, org):
    client.force_login(org.schoolleider)
    response = client.post(reverse("werkdocument:start_school", args=[org.school.pk]), start_data(org, title=""))
    assert response.status_code == 200
    assert response.context["form"].errors["title"] == ["Dit veld is verplicht."]
    assert "Dit veld is verplicht." in response.content.decode()
    assert not Trajectory.objects.filter(title="").exists()


def test_a_person_of_another_school_cannot_be_chosen(client, org, other_org):
    client.force_login(org.schoolleider)
    response = client.post(
        reverse("werkdocument:start_school", args=[org.school.pk]),
        start_data(org, owner=other_org.schoolleider.person.pk),
    )
    assert "owner" in response.context["form"].errors
    assert not Trajectory.objects.filter(title="ICT in de les").exists()


def test_a_board_starts_a_board_wide_trajectory(client, org):
    client.force_login(org.bestuurder)
    response = client.post(
        reverse("werkdocument:start_board", args=[org.board.pk]),
        start_data(org, owner=org.bestuurder.person.pk, participants=[]),
    )
    trajectory = Trajectory.objects.get(title="ICT in de les")
    assert response.status_code == 302 and trajectory.school is None
    board_page = client.get(reverse("home:board", args=[org.board.pk]))
    assert "ICT in de les" in board_page.content.decode()


# --- answering ------------------------------------------------------------------------------


def test_saving_with_htmx_returns_the_fragment_and_updates_progress(client, org):
    client.force_login(org.leraar)
    response = client.post(answer_url(org), {"text": "Onze visie", "version": 0}, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="vraag-1a-strategische-visie"' in html and "<html" not in html
    assert 'hx-swap-oob="true"' in html and "1 van 13 vragen beantwoord" in html
    assert Entry.objects.get(key=KEY).text == "Onze visie"


def test_saving_without_javascript_redirects_back_to_the_question(client, org):
    client.force_login(org.leraar)
    response = client.post(answer_url(org), {"text": "Regel 1\nRegel 2", "version": 0})
    assert response.status_code == 302
    assert response.url == subphase_url(org) + "#vraag-1a-strategische-visie"
    page = client.get(subphase_url(org)).content.decode()
    assert "Regel 1\nRegel 2" in page  # line breaks kept in the field


def test_an_over_long_answer_is_refused_at_the_field_and_the_text_is_kept(client, org):
    client.force_login(org.leraar)
    text = "a" * 10_001
    response = client.post(answer_url(org), {"text": text, "version": 0})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Gebruik hoogstens 10.000 tekens (u gebruikte er 10001)." in html
    assert text in html
    assert not Entry.objects.exists()


def test_a_stale_edit_shows_both_texts_and_saves_nothing(client, org):
    services.save_entry(
        trajectory=org.trajectory,
        kind=Entry.Kind.ANSWER,
        key=KEY,
        subphase_slug=SUB,
        text="Tekst van de schoolleider",
        not_relevant=False,
        base_version=0,
        user=org.schoolleider,
    )
    client.force_login(org.leraar)
    response = client.post(answer_url(org), {"text": "Mijn tekst", "version": 0}, **HTMX)
    html = response.content.decode()
    assert "Iemand anders heeft deze tekst opgeslagen" in html
    assert "Tekst van de schoolleider" in html and "Mijn tekst" in html
    assert Entry.objects.get(key=KEY).text == "Tekst van de schoolleider"
    # Saving again from the conflict form, now on the current version, keeps the editor's text.
    assert 'name="version" value="1"' in html
    client.post(answer_url(org), {"text": "Mijn tekst", "version": 1}, **HTMX)
    assert Entry.objects.get(key=KEY).text == "Mijn tekst"


def test_a_stale_edit_without_javascript_shows_the_conflict_on_the_page(client, org):
    services.save_entry(
        trajectory=org.trajectory,
        kind=Entry.Kind.ANSWER,
        key=KEY,
        subphase_slug=SUB,
        text="Eerder opgeslagen",
        not_relevant=False,
        base_version=0,
        user=org.schoolleider,
    )
    client.force_login(org.leraar)
    response = client.post(answer_url(org), {"text": "Mijn versie", "version": 0})
    html = response.content.decode()
    assert response.status_code == 409
    assert "Eerder opgeslagen" in html and "Mijn versie" in html and "<html" in html


def test_html_in_an_answer_is_shown_escaped_everywhere(client, org):
    client.force_login(org.leraar)
    evil = '<script>alert("x")</script><b>vet</b>'
    client.post(answer_url(org), {"text": evil, "version": 0})
    client.post(
        reverse("werkdocument:dialogue", args=[org.trajectory.pk, SUB]),
        {"held_on": "2026-10-01", "topic": evil, "roles": ["oop"], "outcome": evil},
    )
    pages = [subphase_url(org), reverse("werkdocument:answer_history", args=[org.trajectory.pk, SUB, KEY])]
    for url in pages:
        html = client.get(url).content.decode()
        assert "<script>alert" not in html and "<b>vet</b>" not in html, url
        assert "&lt;script&gt;" in html, url


def test_not_relevant_counts_as_answered(client, org):
    client.force_login(org.leraar)
    client.post(answer_url(org), {"text": "", "not_relevant": "on", "version": 0})
    response = client.get(reverse("werkdocument:detail", args=[org.trajectory.pk]))
    assert "1 van 13 vragen beantwoord" in response.content.decode()


def test_a_question_of_another_subphase_is_not_found(client, org):
    client.force_login(org.leraar)
    url = reverse("werkdocument:answer", args=[org.trajectory.pk, "1b-huidige-en-gewenste-situatie", KEY])
    assert client.post(url, {"text": "x", "version": 0}).status_code == 404


def test_the_history_lists_every_version(client, org):
    client.force_login(org.leraar)
    client.post(answer_url(org), {"text": "Versie een", "version": 0})
    client.post(answer_url(org), {"text": "Versie twee", "version": 1})
    html = client.get(reverse("werkdocument:answer_history", args=[org.trajectory.pk, SUB, KEY])).content.decode()
    assert html.index("Versie twee") < html.index("Versie een")
    assert "Versie 2" in html and "Versie 1" in html


# --- reflection, done and dialogues ---------------------------------------------------------


def test_reflection_and_done_show_in_the_overview(client, org):
    client.force_login(org.schoolleider)
    client.post(
        reverse("werkdocument:reflection", args=[org.trajectory.pk, SUB]),
        {"text": "Conclusie: visie is helder.", "version": 0},
    )
    response = client.post(reverse("werkdocument:done", args=[org.trajectory.pk, SUB]), {"done": "on"}, **HTMX)
    assert "Heropen deelfase" in response.content.decode()
    overview = client.get(reverse("werkdocument:detail", args=[org.trajectory.pk])).content.decode()
    assert "Reflectie geschreven" in overview and "Afgerond" in overview
    client.post(reverse("werkdocument:done", args=[org.trajectory.pk, SUB]), {})
    overview = client.get(reverse("werkdocument:detail", args=[org.trajectory.pk])).content.decode()
    assert "badge-done" not in overview


def test_a_dialogue_is_logged_with_people_and_roles(client, org):
    client.force_login(org.schoolleider)
    response = client.post(
        reverse("werkdocument:dialogue", args=[org.trajectory.pk, SUB]),
        {
            "held_on": "2026-10-01",
            "topic": "Studiedag",
            "participants": [org.leraar.person.pk],
            "roles": ["docent_lc"],
            "outcome": "Afspraken gemaakt",
        },
        **HTMX,
    )
    html = response.content.decode()
    assert "Studiedag" in html and str(org.leraar.person) in html and "Docent LC" in html
    dialogue = Dialogue.objects.get()
    assert dialogue.roles == ["docent_lc"] and list(dialogue.participants.all()) == [org.leraar.person]


def test_a_dialogue_without_date_or_participants_is_refused_in_dutch(client, org):
    client.force_login(org.schoolleider)
    response = client.post(
        reverse("werkdocument:dialogue", args=[org.trajectory.pk, SUB]), {"held_on": "", "topic": "Overleg"}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Dit veld is verplicht." in html
    assert "Geef aan wie er meedeed" in html
    assert 'value="Overleg"' in html  # what was typed is still there
    assert not Dialogue.objects.exists()


# --- pages, empty states and query budgets --------------------------------------------------


def test_a_school_without_trajectories_explains_what_to_do(client, org):
    client.force_login(org.bestuurder)
    html = client.get(reverse("home:school", args=[org.second_school.pk])).content.decode()
    assert "nog geen traject" in html and "Start een traject" in html


def test_the_subphase_page_shows_goal_questions_and_tips_in_the_theme(client, org):
    client.force_login(org.leraar)
    html = client.get(subphase_url(org)).content.decode()
    assert "Deze deelfase heeft als doel" in html
    assert "Hoe past differentiatie binnen de visie en SHRM-doelen van de school?" in html
    assert "Spiegel Personeel en School" in html
    assert "{thema}" not in html


def _count_queries(client, url, budget):
    n = page_queries(client, url)
    assert n <= budget
    return n


def _grow(org, *, trajectories: int, dialogues: int, answer_all: bool) -> None:
    if answer_all:
        factories.answer_everything(org.trajectory, org.schoolleider)
    for n in range(trajectories):
        t = factories.trajectory(
            org.school,
            org.schoolleider.person,
            title=f"Traject {n}",
            participants=[org.leraar.person, org.teamleider.person],
        )
        services.set_subphase_done(trajectory=t, subphase_slug=SUB, done=True, user=org.schoolleider)
    for n in range(dialogues):
        services.log_dialogue(
            trajectory=org.trajectory,
            subphase_slug=SUB,
            held_on=datetime.date(2026, 10, 1),
            participants=[org.leraar.person],
            roles=["oop"],
            topic=f"Overleg {n}",
            outcome="",
            user=org.schoolleider,
        )


@pytest.mark.parametrize("page", ["overview", "subphase", "school", "home"])
def test_query_budgets_do_not_grow_with_data(client, org, page):
    urls = {
        "overview": reverse("werkdocument:detail", args=[org.trajectory.pk]),
        "subphase": subphase_url(org),
        "school": reverse("home:school", args=[org.school.pk]),
        "home": reverse("home:index"),
    }
    # overview and subphase each spend one query on which instruments are filled in
    # One of each is the unread count of notifications in the navigation; the school leader's
    # home page also counts the staff still to invite, and reads the user's learning networks
    # and their meetings in the next two weeks, the in-depth evaluations waiting for their
    # crosses or their shared picture, what their peer visits wait for and the visits they are
    # on the commission of, what their own career asks, the conversations waiting for them,
    # what was shared with them, the selection procedures they judge in, the measurements
    # proposed from a goal's source, and the teams they are in. The
    # school page asks whether the user keeps the school's career roles and frameworks.
    budget = {"overview": 13, "subphase": 19, "school": 13, "home": 34}[page]
    client.force_login(org.schoolleider)
    services.save_entry(
        trajectory=org.trajectory,
        kind=Entry.Kind.ANSWER,
        key=KEY,
        subphase_slug=SUB,
        text="Eerste antwoord",
        not_relevant=False,
        base_version=0,
        user=org.schoolleider,
    )
    _grow(org, trajectories=1, dialogues=1, answer_all=False)
    small = _count_queries(client, urls[page], budget)

    _grow(org, trajectories=25, dialogues=15, answer_all=True)
    large = _count_queries(client, urls[page], budget)
    assert large == small
    assert Question.objects.count() == 81 and Trajectory.objects.count() == 27


def test_an_htmx_save_without_a_session_is_refused_without_a_login_page(client, org):
    response = client.post(answer_url(org), {"text": "Tekst", "version": 0}, **HTMX)
    assert response.status_code == 401 and response.content == b""
    assert not Entry.objects.exists()


# --- changing and deleting ------------------------------------------------------------------


def test_the_owner_changes_title_and_participants(client, org):
    client.force_login(org.schoolleider)
    url = reverse("werkdocument:edit", args=[org.trajectory.pk])
    assert f'value="{org.trajectory.title}"' in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "title": "Nieuwe titel",
            "owner": org.schoolleider.person.pk,
            "participants": [org.teamleider.person.pk],
            "start_date": "2026-10-01",
        },
    )
    assert response.status_code == 302
    org.trajectory.refresh_from_db()
    assert org.trajectory.title == "Nieuwe titel"
    assert list(org.trajectory.participants.all()) == [org.teamleider.person]


def test_a_change_with_an_empty_title_keeps_everything(client, org):
    client.force_login(org.schoolleider)
    response = client.post(
        reverse("werkdocument:edit", args=[org.trajectory.pk]),
        {"title": "", "owner": org.schoolleider.person.pk, "start_date": "2026-10-01"},
    )
    assert "Dit veld is verplicht." in response.content.decode()
    org.trajectory.refresh_from_db()
    assert org.trajectory.title == "Meer differentiatie"
    assert list(org.trajectory.participants.all()) == [org.leraar.person]


def test_a_participant_works_in_a_trajectory_but_cannot_change_or_delete_it(client, org):
    client.force_login(org.leraar)
    overview = client.get(reverse("werkdocument:detail", args=[org.trajectory.pk])).content.decode()
    assert "Traject verwijderen" not in overview
    assert client.get(reverse("werkdocument:edit", args=[org.trajectory.pk])).status_code == 404
    assert client.post(reverse("werkdocument:delete", args=[org.trajectory.pk])).status_code == 404


def test_a_deleted_trajectory_disappears_and_an_admin_can_restore_it(client, org):
    client.force_login(org.schoolleider)
    detail = reverse("werkdocument:detail", args=[org.trajectory.pk])
    response = client.post(reverse("werkdocument:delete", args=[org.trajectory.pk]))
    assert response.url == reverse("home:school", args=[org.school.pk])
    assert client.get(detail).status_code == 404
    assert "Meer differentiatie" not in client.get(response.url).content.decode()

    admin_user = factories.User.objects.create_superuser("beheer@test.example", "x")
    client.force_login(admin_user)
    client.post(
        reverse("admin:trajectories_trajectory_changelist"),
        {"action": "restore", "_selected_action": [org.trajectory.pk]},
    )
    client.force_login(org.schoolleider)
    assert client.get(detail).status_code == 200


def test_a_trajectory_deleted_over_30_days_ago_cannot_be_restored(org):
    from django.core.exceptions import ValidationError
    from django.utils import timezone

    org.trajectory.deleted_at = timezone.now() - datetime.timedelta(days=31)
    org.trajectory.save()
    with pytest.raises(ValidationError, match="meer dan 30 dagen geleden"):
        services.restore_trajectory(trajectory=org.trajectory)


def test_the_overview_explains_the_phase_next_to_the_pdca_step(client, org):
    from koers.catalog.models import Subphase
    from koers.trajectories import services as trajectory_services

    client.force_login(org.schoolleider)
    url = reverse("werkdocument:detail", args=[org.trajectory.pk])
    page = client.get(url).content.decode()
    assert "Het werkdocument is in fase 1, Ontdek" in page and "De PDCA-stap hierboven" in page
    for sub in Subphase.objects.filter(phase__number=1):
        trajectory_services.set_subphase_done(
            trajectory=org.trajectory, subphase_slug=sub.slug, done=True, user=org.schoolleider
        )
    assert "Het werkdocument is in fase 2, Kies" in client.get(url).content.decode()
