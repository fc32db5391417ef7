import re
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from koers.catalog.loader import CONTENT_DIR, load_catalog
from koers.catalog.models import (
    AmoItem,
    Bottleneck,
    Lever,
    LeverCluster,
    Phase,
    Question,
    SituationRow,
    Subphase,
    Theme,
    for_theme,
)
from koers.catalog.schema import CatalogError
from tests.conftest import IN_CI

SEED = (
    Path(__file__).resolve().parents[3] / "shared" / "seeds" / ("handreiking-shrm-meer-differentiatie-in-de-klas.txt")
)


def letters(text: str) -> str:
    """Only the letters: the seed is a PDF extraction with hyphenated line breaks and bullets."""
    return re.sub(r"[^a-zà-ÿ]", "", text.lower())


pytestmark = pytest.mark.django_db


def test_the_catalogue_holds_the_handreiking_structure(catalog):
    assert list(Theme.objects.values_list("name", flat=True)) == [
        "Meer differentiatie in de klas",
        "Versterking van ICT-vaardigheden en e-didactiek",
        "Betere begeleiding van startende leraren",
        "Meer masteropgeleide leraren",
        "Bevoegd aan de slag",
    ]
    assert [p.name for p in Phase.objects.all()] == ["Ontdek", "Kies", "Doe", "Ga door"]
    assert list(Subphase.objects.values_list("code", flat=True)) == ["1A", "1B", "1C", "2A", "2B", "3A", "3B", "4"]
    assert Bottleneck.objects.count() == 9
    assert list(LeverCluster.objects.values_list("name", flat=True)) == [
        "Werving en selectie",
        "Slim organiseren",
        "Opleiding en nascholing",
        "Samenwerken",
    ]
    assert Lever.objects.count() == 13
    assert SituationRow.objects.filter(table="tabel-6").count() == 11
    assert SituationRow.objects.filter(table="tabel-7").count() == 13
    for factor in AmoItem.Factor.values:
        for kind in AmoItem.Kind.values:
            assert AmoItem.objects.filter(factor=factor, kind=kind).exists(), (factor, kind)
    every_theme_has_table_1 = (
        Theme.objects.exclude(urgentie=[]).exclude(verwachte_effecten=[]).exclude(aanknopingspunten=[])
    )
    assert every_theme_has_table_1.count() == 5


def test_every_question_is_worded_as_in_the_handreiking(catalog):
    if not SEED.exists():
        if IN_CI:
            pytest.fail(f"CI must have the seeds beside the checkout: {SEED} is missing")
        pytest.skip("shared/seeds is not beside this checkout")
    seed = letters(SEED.read_text(encoding="utf-8"))
    differentiatie = Theme.objects.get(slug="meer-differentiatie")
    questions = list(Question.objects.all())
    assert len(questions) == 81
    missing = [q.slug for q in questions if letters(for_theme(q.text, differentiatie)) not in seed]
    assert missing == []


def test_other_themes_put_their_own_term_where_a_question_names_differentiation(catalog):
    ict = Theme.objects.get(slug="ict-en-e-didactiek")
    question = Question.objects.get(slug="1a-thema-in-visie")
    assert for_theme(question.text, ict) == (
        "Hoe past ICT-vaardigheden en e-didactiek binnen de visie en SHRM-doelen van de school?"
    )


def test_loading_twice_changes_nothing(catalog):
    before = {q.slug: (q.pk, q.text) for q in Question.objects.all()}
    report = load_catalog()
    assert report.summary() == "nothing changed."
    assert {q.slug: (q.pk, q.text) for q in Question.objects.all()} == before


def _broken_copy(tmp_path: Path, filename: str, old: str, new: str) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, target)
    path = target / filename
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target


def test_a_typo_in_a_key_names_the_file_and_key_path_and_loads_nothing(db, tmp_path):
    broken = _broken_copy(
        tmp_path,
        "werkdocument.yaml",
        "                text: Wat is de strategische",
        "                txt: Wat is de strategische",
    )
    with pytest.raises(CatalogError) as exc:
        load_catalog(broken)
    assert str(exc.value).startswith(
        "werkdocument.yaml: phases[0].subphases[0].question_groups[0].questions[0].txt: unknown key"
    )
    assert not Theme.objects.exists()  # the valid files were not loaded either


def test_a_failed_reload_leaves_the_previous_catalogue_in_place(catalog, tmp_path):
    broken = _broken_copy(tmp_path, "themas.yaml", "term: differentiatie", "term: ''")
    with pytest.raises(CatalogError, match=r"themas.yaml: themes\[0\].term: expected a non-empty"):
        load_catalog(broken)
    assert Theme.objects.get(slug="meer-differentiatie").term == "differentiatie"


def test_a_duplicate_slug_is_refused(db, tmp_path):
    broken = _broken_copy(
        tmp_path, "knelpunten.yaml", "slug: kp-doelen-niet-in-beeld", "slug: kp-onvoldoende-leermogelijkheden"
    )
    with pytest.raises(CatalogError, match=r"knelpunten\[1\]\.slug: .kp-onvoldoende-leermogelijkheden. is already"):
        load_catalog(broken)


def test_an_unknown_theme_reference_is_refused(db, tmp_path):
    broken = _broken_copy(tmp_path, "amo.yaml", "themes: [meer-differentiatie]", "themes: [meer-differentatie]")
    with pytest.raises(CatalogError, match="unknown theme 'meer-differentatie'"):
        load_catalog(broken)


def test_invalid_yaml_is_reported_with_the_file_name(db, tmp_path):
    broken = _broken_copy(tmp_path, "knelpunten.yaml", "knelpunten:", "knelpunten: [")
    with pytest.raises(CatalogError, match="knelpunten.yaml: not valid YAML"):
        load_catalog(broken)


def test_the_command_reports_a_broken_catalogue_clearly(db, tmp_path):
    broken = _broken_copy(tmp_path, "themas.yaml", "    name: Bevoegd aan de slag\n", "")
    with pytest.raises(CommandError, match=r"nothing changed: themas.yaml: themes\[4\]: missing key 'name'"):
        call_command("load_catalog", content_dir=broken)


def test_answers_survive_a_content_update(org, tmp_path):
    from koers.trajectories.models import Entry
    from tests.factories import answer_everything

    answer_everything(org.trajectory, org.schoolleider)
    count = Entry.objects.count()
    updated = _broken_copy(
        tmp_path, "werkdocument.yaml", "Hoe en waar worden die HRM-doelen", "Hoe en waar worden de HRM-doelen"
    )
    load_catalog(updated)
    assert Entry.objects.count() == count
    assert Question.objects.get(slug="1a-hrm-doelen-benoemd").text.startswith("Hoe en waar worden de")


def test_an_unknown_tip_kind_names_the_tip(db, tmp_path):
    broken = _broken_copy(tmp_path, "werkdocument.yaml", "kind: hulpmiddel", "kind: hulpmidel")
    with pytest.raises(CatalogError, match=r"werkdocument.yaml: phases\[0\].tips\[0\].kind: expected one of"):
        load_catalog(broken)


def test_examples_from_practice_hang_on_the_subphases_they_illustrate(client, org):
    from koers.catalog.models import PracticeExample

    assert PracticeExample.objects.count() == 15
    assert PracticeExample.objects.filter(source__startswith="Handreiking").count() == 10
    go_on = reverse("werkdocument:subphase", args=[org.trajectory.pk, "4-ga-door"])
    client.force_login(org.schoolleider)
    page = client.get(go_on).content.decode()
    assert "Uit de praktijk" in page and "Een netwerk dat zelf doorgaat na de begeleiding" in page
    assert "Vrijheid en verantwoordelijkheid voor leraren" not in page  # that one illustrates 1A


def test_an_example_naming_an_unknown_subphase_is_refused(db, tmp_path):
    broken = _broken_copy(tmp_path, "praktijkvoorbeelden.yaml", "subphases: [4-ga-door]", "subphases: [4-gadoor]")
    with pytest.raises(CatalogError, match=r"practice_examples\[11\]\.subphases: unknown subphase '4-gadoor'"):
        load_catalog(broken)
