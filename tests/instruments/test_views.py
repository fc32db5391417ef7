import pytest
from django.urls import reverse

from koers.instruments.models import Goal, LeverChoice, SituationAssessment, Stakeholder
from tests import factories
from tests.queries import page_queries

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}

PAGES = ["goals", "sharpen", "situation", "bottlenecks", "stakeholders", "levers", "amo", "coherence"]


def url(org, name, *args):
    return reverse(f"instruments:{name}", args=[org.trajectory.pk, *args])


def stakeholder_post(**overrides):
    data = {
        "name": "Medezeggenschapsraad",
        "kind": "intern",
        "role": "Instemming",
        "interest": "4",
        "influence": "5",
        "alignment": "gelijk",
        "trust": "betrouwbaar",
    }
    data.update(overrides)
    return data


# --- every page, for the people who work on the trajectory ----------------------------------


@pytest.mark.parametrize("role", ["schoolleider", "leraar", "bestuurder"])
def test_every_instrument_page_opens_with_its_empty_state(client, org, role):
    client.force_login(getattr(org, role))
    for name in PAGES:
        response = client.get(url(org, name))
        assert response.status_code == 200, name
        assert "<h1>" in response.content.decode()


def test_a_teacher_outside_the_trajectory_gets_a_404(client, org):
    client.force_login(org.bystander)  # same school, not a participant
    for name in PAGES:
        assert client.get(url(org, name)).status_code == 404, name


def test_an_object_of_another_trajectory_is_not_found_under_this_one(client, org):
    second = factories.trajectory(org.school, org.schoolleider.person, title="Tweede")
    ids = factories.fill_instruments(second, org.schoolleider)
    client.force_login(org.schoolleider)
    for name, key in (
        ("change_goal", "goal_id"),
        ("goal_history", "goal_id"),
        ("change_stakeholder", "stakeholder_id"),
        ("remove_lever", "choice_id"),
        ("change_chain", "chain_id"),
        ("delete_situation_row", "row_id"),
    ):
        assert client.get(url(org, name, ids[key])).status_code == 404, name


# --- progress --------------------------------------------------------------------------------


def test_filled_instruments_count_in_the_subphase_progress(client, org):
    client.force_login(org.schoolleider)
    detail = reverse("werkdocument:detail", args=[org.trajectory.pk])
    assert "0 van 3 instrumenten in gebruik" not in client.get(detail).content.decode()
    sub_1b = reverse("werkdocument:subphase", args=[org.trajectory.pk, "1b-huidige-en-gewenste-situatie"])
    # Survey evidence is shown in 1B but is no step of it: three instruments count.
    assert "0 van 3 instrumenten in gebruik" in client.get(sub_1b).content.decode()
    client.post(url(org, "add_stakeholder"), stakeholder_post())
    page = client.get(sub_1b).content.decode()
    assert "1 van 3 instrumenten in gebruik" in page
    assert url(org, "stakeholders") in page
    overview = client.get(detail).content.decode()
    assert "Stakeholders</a>: 1 stakeholder" in overview
    # A badge says how far an instrument is, not just "filled in".
    assert "Situatiekaart (tabel 6 en 7)</a>: 0 van" in overview and "rijen" in overview


# --- stakeholders ----------------------------------------------------------------------------


def test_a_stakeholder_lands_in_both_matrices_with_its_name_escaped(client, org):
    client.force_login(org.schoolleider)
    response = client.post(url(org, "add_stakeholder"), stakeholder_post(name="<script>alert(1)</script>"))
    assert response.status_code == 302
    page = client.get(url(org, "stakeholders")).content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page
    assert page.count("<svg") == 2 and "<title" in page and "<desc" in page
    assert "Nauw betrekken" in page and "Vriend" in page


def test_a_duplicate_name_asks_for_confirmation_and_keeps_the_input(client, org):
    client.force_login(org.schoolleider)
    client.post(url(org, "add_stakeholder"), stakeholder_post())
    response = client.post(url(org, "add_stakeholder"), stakeholder_post(role="Adviesrecht"))
    page = response.content.decode()
    assert response.status_code == 400
    assert "Er is al een stakeholder met de naam Medezeggenschapsraad" in page
    assert "Ja, dit is een andere stakeholder met dezelfde naam" in page
    assert 'value="Adviesrecht"' in page
    assert Stakeholder.objects.count() == 1
    response = client.post(url(org, "add_stakeholder"), stakeholder_post(role="Adviesrecht", confirm_duplicate="on"))
    assert response.status_code == 302 and Stakeholder.objects.count() == 2


@pytest.mark.parametrize("score", ["0", "6", "vijf"])
def test_a_score_out_of_range_gets_a_dutch_message_at_the_field(client, org, score):
    client.force_login(org.schoolleider)
    response = client.post(url(org, "add_stakeholder"), stakeholder_post(influence=score))
    page = response.content.decode()
    assert response.status_code == 400
    assert "Kies een score van 1 (klein) tot en met 5 (groot)." in page
    assert 'id="id_influence_error"' in page or "has-error" in page
    assert not Stakeholder.objects.exists()


# --- levers ----------------------------------------------------------------------------------


def test_scoring_a_lever_with_htmx_swaps_the_row_and_the_plot(client, org):
    client.force_login(org.schoolleider)
    key = "on-begeleiding-leraren"
    response = client.post(
        url(org, "score_lever", key), {f"{key}-impact": "5", f"{key}-success": "4", f"{key}-note": ""}, **HTMX
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert f'<form id="{key}"' in page and 'hx-swap-oob="true"' in page and "<svg" in page
    assert "Opgeslagen ✓" in page
    choice = LeverChoice.objects.get()
    assert (choice.impact, choice.success) == (5, 4)


def test_a_lever_out_of_range_is_refused_without_js_and_nothing_is_saved(client, org):
    client.force_login(org.schoolleider)
    key = "on-begeleiding-leraren"
    response = client.post(
        url(org, "score_lever", key), {f"{key}-impact": "9", f"{key}-success": "4", f"{key}-note": "Mijn tekst"}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Kies een score van 1 (klein) tot en met 5 (groot)." in page and "Mijn tekst" in page
    assert not LeverChoice.objects.exists()


def test_levers_on_several_themes_are_marked(client, org):
    client.force_login(org.schoolleider)
    page = client.get(url(org, "levers")).content.decode()
    block = page.split('id="on-professionaliseringsbeleid"')[1].split("</form>")[0]
    assert "Werkt op meerdere thema" in block and "Meer masteropgeleide leraren" in block
    block = page.split('id="so-genormeerde-toetsen"')[1].split("</form>")[0]
    assert "Werkt op meerdere thema" not in block


def test_removing_a_lever_an_intervention_uses_is_refused(client, org):
    ids = factories.fill_instruments(org.trajectory, org.schoolleider)
    client.force_login(org.schoolleider)
    confirm = client.get(url(org, "remove_lever", ids["choice_id"])).content.decode()
    assert "Een interventie in de AMO-planner gebruikt dit aanknopingspunt" in confirm
    assert "Ja, verwijderen" not in confirm
    response = client.post(url(org, "remove_lever", ids["choice_id"]))
    assert response.status_code == 409
    assert LeverChoice.objects.filter(pk=ids["choice_id"]).exists()


# --- rows, goals, AMO ------------------------------------------------------------------------


def test_a_situation_row_saves_with_and_without_htmx(client, org):
    client.force_login(org.schoolleider)
    key = "t6-dialoog-niveaus"
    data = {
        f"{key}-current": "Op studiedagen",
        f"{key}-gap": "groot",
        f"{key}-action_needed": "ja",
        f"{key}-action": "Ook in teams",
    }
    fragment = client.post(url(org, "save_situation", key), data, **HTMX).content.decode()
    # htmx gets only the row's status back, so what is being typed in the row stays put.
    assert 'hx-swap-oob="true"' in fragment and "Opgeslagen ✓" in fragment and "<textarea" not in fragment
    refused = client.post(url(org, "save_situation", key), {**data, f"{key}-current": "x" * 10_001}, **HTMX)
    assert "Huidige situatie: Gebruik hoogstens 10.000 tekens" in refused.content.decode()
    assert SituationAssessment.objects.get().current == "Op studiedagen"  # nothing half-written
    response = client.post(url(org, "save_situation", key), {**data, f"{key}-gap": "klein"})
    assert response.status_code == 302 and response.url.endswith(f"#{key}")
    row = SituationAssessment.objects.get()
    assert (row.current, row.gap, row.action_needed) == ("Op studiedagen", "klein", True)
    page = client.get(url(org, "situation")).content.decode()
    assert "1 klein verschil: behouden en versterken." in page


def test_adding_a_goal_with_errors_keeps_what_was_typed(client, org):
    client.force_login(org.schoolleider)
    response = client.post(
        url(org, "add_goal"),
        {"level": "leerlingen", "description": "Leerlingen werken op niveau", "term": "lang", "baseline": "20"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Geef een langetermijndoel een datum" in page or "Noem de indicator" in page
    assert "Leerlingen werken op niveau" in page
    assert not Goal.objects.exists()


def test_sharpening_in_1c_shows_the_original_beside_the_new_version(client, org):
    client.force_login(org.schoolleider)
    client.post(url(org, "add_goal"), {"level": "medewerkers", "description": "Eerste versie", "term": "kort"})
    goal = Goal.objects.get()
    client.post(
        url(org, "sharpen_goal", goal.pk),
        {"level": "medewerkers", "description": "Scherpere versie", "term": "kort", "reason": "Na de analyse"},
    )
    history = client.get(url(org, "goal_history", goal.pk)).content.decode()
    assert "Oorspronkelijk" in history and "Eerste versie" in history
    assert "Aangescherpt in 1C" in history and "Scherpere versie" in history
    assert "Na de analyse" in history
    sharpen = client.get(url(org, "sharpen")).content.decode()
    assert "Aangescherpt in 1C" in sharpen


def test_the_amo_planner_warns_about_a_factor_without_intervention(client, org):
    client.force_login(org.schoolleider)
    client.post(url(org, "add_chain"), {"keten-behaviour": "Leraren differentiëren"})
    page = client.get(url(org, "amo")).content.decode()
    assert "Nog geen interventie voor: Ability (kunnen), Motivation (willen), Opportunity (mogen)" in page
    chain = org.trajectory.amo_chains.get()
    for factor, item in (("ability", "amo-a-coach"), ("motivation", "")):
        client.post(
            url(org, "add_element", chain.pk),
            {
                f"keten-{chain.pk}-factor": factor,
                f"keten-{chain.pk}-kind": "intervention",
                f"keten-{chain.pk}-item_slug": item,
                f"keten-{chain.pk}-own_text": "Eigen idee",
            },
        )
    page = client.get(url(org, "amo")).content.decode()
    assert "Nog geen interventie voor: Opportunity (mogen)." in page


# --- query budgets ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("page", "budget"),
    [
        ("goals", 8),
        ("sharpen", 8),
        ("situation", 8),
        ("bottlenecks", 8),
        ("stakeholders", 8),
        ("levers", 11),
        ("amo", 13),
        ("coherence", 10),
    ],
)
def test_instrument_pages_keep_their_query_budget_as_data_grows(client, org, page, budget):
    client.force_login(org.schoolleider)
    factories.fill_instruments(org.trajectory, org.schoolleider)
    small = page_queries(client, url(org, page))
    factories.fill_instruments(org.trajectory, org.schoolleider, goals=10, stakeholders=30)
    large = page_queries(client, url(org, page))
    assert large == small <= budget


def test_a_refused_bottleneck_row_keeps_its_text_with_and_without_htmx(client, org):
    client.force_login(org.schoolleider)
    key = "kp-doelen-niet-in-beeld"
    data = {f"{key}-occurs": "nee", f"{key}-urgency": "3", f"{key}-why": "Niemand weet ze"}
    page = client.post(url(org, "save_bottleneck", key), data)
    assert page.status_code == 400
    text = page.content.decode()
    assert "Alleen een knelpunt dat zich voordoet heeft een urgentie" in text
    assert "Niemand weet ze" in text and "<h1>" in text
    fragment = client.post(url(org, "save_bottleneck", key), data, **HTMX).content.decode()
    assert fragment.startswith("<form") and "Niemand weet ze" in fragment
    assert "Alleen een knelpunt dat zich voordoet heeft een urgentie" in fragment
    assert not org.trajectory.bottlenecks.exists()
