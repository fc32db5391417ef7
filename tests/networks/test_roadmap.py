"""The Roadmap Strategisch HRM: a school's five-step worksheet from the content, with KPI rows,
read by its network when shared, and put into a trajectory as one goal with its indicator, never
doubled silently."""

import pytest
from django.urls import reverse

from koers.instruments.models import Goal
from koers.networks.models import RoadmapAnswer, RoadmapKpi, RoadmapQuestion, RoadmapStep, RoadmapWorksheet
from koers.trajectories.models import Entry
from tests.networks import build

pytestmark = pytest.mark.django_db


def _post(title="Gepersonaliseerd leren", network="", shared="", kpis=(), **answers):
    data = {"title": title, "network": network, "kpi-TOTAL_FORMS": str(max(2, len(kpis))), "kpi-INITIAL_FORMS": "0"}
    if shared:
        data["shared_with_network"] = "on"
    for k, (baken, target, by_date) in enumerate(kpis):
        data |= {f"kpi-{k}-baken": baken, f"kpi-{k}-target": target, f"kpi-{k}-by_date": by_date}
    for slug, text in answers.items():
        data[f"q{RoadmapQuestion.objects.get(slug=slug).pk}"] = text
    return data


def test_the_roadmap_has_the_magazines_five_steps_and_ten_questions(catalog):
    assert list(RoadmapStep.objects.values_list("name", flat=True)) == [
        "SHRM-beleidsthema",
        "Doel",
        "KPI’s",
        "Voorwaarden",
        "Welke verandering is zichtbaar?",
    ]
    assert RoadmapQuestion.objects.count() == 10 and RoadmapStep.objects.get(slug="kpis").kpis


def test_a_school_leader_writes_a_roadmap_and_bad_kpis_lose_nothing(client, org, other_org):
    client.force_login(org.schoolleider)
    url = reverse("networks:new_roadmap", args=[org.school.pk])
    bad = client.post(url, _post(kpis=[("Lessen met gepersonaliseerd leren", "veel", "")], **{"wat-bereiken": "Alle"}))
    assert bad.status_code == 400
    assert "Voer een getal in." in bad.content.decode() and "Alle" in bad.content.decode()
    assert not RoadmapWorksheet.objects.exists() and not RoadmapAnswer.objects.exists()
    response = client.post(
        url,
        _post(
            kpis=[("Lessen met gepersonaliseerd leren", "60", "2027-07-01")],
            **{"wat-bereiken": "Alle docenten geven gepersonaliseerd les.", "strategische-doelen": "Eigenaarschap"},
        ),
    )
    worksheet = RoadmapWorksheet.objects.get()
    assert response.url == reverse("networks:roadmap", args=[worksheet.pk])
    assert worksheet.owner == org.schoolleider and worksheet.kpis.get().target == 60
    page = client.get(response.url).content.decode()
    assert "Stap 3: KPI’s" in page and "Alle docenten geven gepersonaliseerd les." in page
    # A teacher of the school who is in no network, and another board, find nothing.
    for outsider in (org.leraar, other_org.schoolleider):
        client.force_login(outsider)
        assert client.get(response.url).status_code == 404
        assert client.get(url).status_code == 404


def test_a_shared_roadmap_is_read_by_the_network_and_changed_only_by_its_school(
    client, org, other_org, network, coordinator
):
    build.member(network, org.schoolleider, org.school)
    build.member(network, other_org.schoolleider, other_org.school)
    client.force_login(org.schoolleider)
    client.post(
        reverse("networks:new_roadmap", args=[org.school.pk]),
        _post(network=network.pk, shared="on", **{"wat-bereiken": "Starters blijven"}),
    )
    worksheet = RoadmapWorksheet.objects.get()
    url = reverse("networks:roadmap", args=[worksheet.pk])
    client.force_login(other_org.schoolleider)
    network_page = client.get(reverse("networks:network", args=[network.pk])).content.decode()
    assert "Gepersonaliseerd leren" in network_page
    page = client.get(url)
    assert (
        page.status_code == 200
        and "Starters blijven" in page.content.decode()
        and "<textarea" not in page.content.decode()
    )
    assert client.post(url, _post(title="Overgenomen")).status_code == 404
    assert client.get(reverse("werkdocument:roadmap_export", args=[worksheet.pk])).status_code == 404
    worksheet.shared_with_network = False
    worksheet.save()
    assert client.get(url).status_code == 404
    # The coordinator of the region runs the network but reads no school's Roadmap.
    client.force_login(coordinator)
    assert client.get(url).status_code == 404
    # Sharing needs a network to share with.
    client.force_login(org.schoolleider)
    bad = client.post(reverse("networks:new_roadmap", args=[org.school.pk]), _post(shared="on"))
    assert "Kies het netwerk" in bad.content.decode()


def test_the_export_previews_writes_one_goal_and_asks_before_a_second(client, org):
    client.force_login(org.schoolleider)
    client.post(
        reverse("networks:new_roadmap", args=[org.school.pk]),
        _post(
            kpis=[("Lessen met gepersonaliseerd leren", "60", "2027-07-01"), ("Lesbezoeken per docent", "2", "")],
            **{"wat-bereiken": "Alle docenten geven gepersonaliseerd les.", "strategische-doelen": "Eigenaarschap"},
        ),
    )
    worksheet = RoadmapWorksheet.objects.get()
    url = reverse("werkdocument:roadmap_export", args=[worksheet.pk])
    goals = Goal.objects.filter(trajectory=org.trajectory)
    before = goals.count()
    preview = client.get(url, {"trajectory": org.trajectory.pk}).content.decode()
    assert "Lessen met gepersonaliseerd leren" in preview and "Eigenaarschap" in preview
    assert goals.count() == before  # a preview writes nothing
    response = client.post(url, {"trajectory": org.trajectory.pk})
    assert response.url == reverse("instruments:goals", args=[org.trajectory.pk])
    goal = goals.order_by("-id").first()
    assert goals.count() == before + 1
    assert (goal.level, goal.indicator, goal.target_value, str(goal.target_date)) == (
        "medewerkers",
        "Lessen met gepersonaliseerd leren",
        60,
        "2027-07-01",
    )
    assert "Lesbezoeken per docent" in goal.description
    entry = Entry.objects.get(trajectory=org.trajectory, key="1a-hrm-doelen")
    assert entry.text == "Eigenaarschap" and entry.subphase_slug

    # Again: the school must choose; nothing is doubled without asking.
    again = client.post(url, {"trajectory": org.trajectory.pk})
    assert again.status_code == 400 and "bijwerken" in again.content.decode().lower()
    assert goals.count() == before + 1
    RoadmapKpi.objects.filter(baken="Lessen met gepersonaliseerd leren").update(target=75)
    client.post(url, {"trajectory": org.trajectory.pk, "mode": "update"})
    goal.refresh_from_db()
    assert goals.count() == before + 1 and goal.target_value == 75 and goal.version == 2
    client.post(url, {"trajectory": org.trajectory.pk, "mode": "new"})
    assert goals.count() == before + 2
    assert Entry.objects.get(trajectory=org.trajectory, key="1a-hrm-doelen").text == "Eigenaarschap"  # not repeated
    # A teacher who takes part in the trajectory does not export the school's Roadmap.
    client.force_login(org.leraar)
    assert client.get(url).status_code == 404


def test_every_roadmap_answer_the_content_exports_lands_on_a_real_question_or_the_goal(catalog):
    from koers.catalog.models import Question
    from koers.networks.models import GOAL_EXPORT, RoadmapQuestion

    exports = set(RoadmapQuestion.objects.exclude(export="").values_list("export", flat=True))
    assert exports - {GOAL_EXPORT} <= set(Question.objects.values_list("slug", flat=True))
    # Steps 3, 4 and 5 carry on: the abilities, the preconditions and the visible behaviour.
    assert {"2b-amo-factoren", "3a-randvoorwaarden", "2b-gewenst-gedrag"} <= exports


def test_a_roadmap_question_exporting_to_no_question_is_refused(db, tmp_path):
    import shutil

    from koers.catalog.loader import CONTENT_DIR, load_catalog
    from koers.catalog.schema import CatalogError

    copy = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, copy)
    path = copy / "netwerken" / "netwerken.yaml"
    path.write_text(path.read_text().replace("export: 3a-randvoorwaarden", "export: 3a-voorwaarden"))
    with pytest.raises(CatalogError, match="'faciliteiten' exports to '3a-voorwaarden', no werkdocument question"):
        load_catalog(copy)
