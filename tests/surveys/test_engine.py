"""The instruments are content: loaded from YAML with their structure, checked on load, and
versioned, so an admin adds or changes one without touching code."""

import shutil
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from koers.catalog.loader import CONTENT_DIR, LoadReport
from koers.catalog.schema import CatalogError
from koers.surveys.loader import load_instruments
from koers.surveys.models import Dimension, Instrument, Item, Scale
from koers.surveys.selectors import round_pages
from tests.factories import respond, survey_round

pytestmark = pytest.mark.django_db

SOURCE = CONTENT_DIR / "enquetes"


def test_the_eight_instruments_carry_the_structures_of_the_seeds(catalog):
    # Beside them only the 360-degree feedback a teacher asks about herself (tests/careers).
    assert list(Instrument.objects.filter(for_people=True).values_list("slug", flat=True)) == ["feedback-360"]
    assert set(Instrument.objects.filter(for_people=False).values_list("slug", flat=True)) == {
        "shrm-spiegel",
        "leerklimaat-scan",
        "ontwikkelruimtetest",
        "teamleren",
        "lerende-organisatie",
        "onderzoekscultuur",
        "sociaal-leren",
        "schoolconcept",
    }
    spiegel = Instrument.objects.get(slug="shrm-spiegel")
    assert [m.slug for m in spiegel.modules.all()] == ["amo", "people-management", "lerende-organisatie", "leercultuur"]
    assert spiegel.dimensions.filter(module__slug="leercultuur").count() == 6  # drieluik ch. 8
    social = Instrument.objects.get(slug="sociaal-leren")
    assert social.dimensions.filter(module__isnull=True).count() == 4  # plus the value-creation module
    assert Item.objects.filter(dimension__instrument=social, scale=Scale.BIPOLAR8).count() == 11
    assert (
        Dimension.objects.filter(instrument__slug="lerende-organisatie", items__scale=Scale.LIKERT5).distinct().count()
        == 7
    )
    choice = Item.objects.get(dimension__instrument__slug="lerende-organisatie", scale=Scale.CHOICE)
    assert len(choice.options) == 5  # the five intervention categories
    assert Dimension.objects.filter(instrument__slug="onderzoekscultuur").count() == 4
    concept = Instrument.objects.get(slug="schoolconcept")
    assert [v["name"] for v in concept.variants] == [
        "Traditioneel",
        "Adaptief",
        "Flexibel",
        "Innovatief",
        "Toekomstgericht",
    ]
    assert all(len(v["positions"]) == 9 for v in concept.variants)
    assert Item.objects.filter(dimension__instrument=concept, facet="huidig").count() == 9
    assert Item.objects.filter(dimension__instrument=concept, facet="gewenst").count() == 9
    assert set(Dimension.objects.filter(instrument__slug="ontwikkelruimtetest").values_list("slug", flat=True)) >= {
        "toekomst-creeren",
        "organiseren",
        "reflecteren",
        "dialoog",
    }


def test_the_learning_climate_scan_fits_in_ten_minutes(catalog):
    scan = Instrument.objects.get(slug="leerklimaat-scan")
    assert scan.minutes <= 10
    items = Item.objects.filter(dimension__instrument=scan)
    # about 20 seconds per closed question and a minute per open one
    assert items.exclude(scale=Scale.OPEN).count() * 20 + items.filter(scale=Scale.OPEN).count() * 60 <= 10 * 60


def test_loading_twice_changes_nothing(catalog):
    report = LoadReport()
    load_instruments(SOURCE, report)
    assert not any(report.created.values()) and not any(report.updated.values())
    assert not any(report.removed.values())


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "enquetes"
    shutil.copytree(SOURCE, target)
    return target


@pytest.mark.parametrize(
    "old, new, message",
    [
        (
            "scale: bipolar8, low: Versnellen, high: Vertragen,",
            "scale: bipolar8, high: Vertragen,",
            "ontwikkelruimtetest.yaml: instrument.dimensions[4].items[0]: a bipolar item names both",
        ),
        (
            "{slug: tc-1, text:",
            "{slug: tc-1, scale: sterren, text:",
            "ontwikkelruimtetest.yaml: instrument.dimensions[0].items[0].scale: expected one of",
        ),
        (
            "{slug: tc-2, text:",
            "{slug: tc-2, scale: bipolar8, low: a, high: b, text:",
            "ontwikkelruimtetest.yaml: instrument.dimensions[0]: the scored items of one dimension",
        ),
        (
            "{slug: tc-1, text:",
            "{slug: tc-1, scale: open, unknown: true, text:",
            "ontwikkelruimtetest.yaml: instrument.dimensions[0].items[0].unknown: only a scored item",
        ),
        (  # a condition names an item on an earlier page, not the page itself or a later one
            "{slug: tc-1, text:",
            "{slug: tc-1, show_if: {item: tc-2, values: [1]}, text:",
            "ontwikkelruimtetest.yaml: instrument.dimensions[0].items[0].show_if.item: 'tc-2' is no item with "
            "answers on an earlier page",
        ),
        (
            "{slug: tc-2, text:",
            "{slug: tc-2, show_if: {item: tc-1, values: [1]}, text:",
            "ontwikkelruimtetest.yaml: instrument.dimensions[0].items[1].show_if.item: 'tc-1' is no item with "
            "answers on an earlier page",
        ),
        (
            "groups: [teamleden, teamleiders]",
            "groups: [teamleden, kok]",
            "ontwikkelruimtetest.yaml: instrument.groups[1]: unknown respondent group 'kok'",
        ),
    ],
)
def test_a_broken_instrument_file_is_refused_with_file_and_key_path(catalog, tmp_path, old, new, message):
    folder = _copy(tmp_path)
    path = folder / "ontwikkelruimtetest.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(CatalogError, match=message.replace("[", r"\[").replace("]", r"\]")):
        load_instruments(folder, LoadReport())


def test_an_answered_item_cannot_disappear_without_a_new_version(catalog, org, tmp_path):
    survey = survey_round(org.school, slug="onderzoekscultuur", groups=["leraren"])
    respond(survey, "leraren")
    folder = _copy(tmp_path)
    path = folder / "onderzoekscultuur.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        "\n".join(line for line in text.split("\n") if "{slug: vb-3," not in line),
        encoding="utf-8",
    )
    with pytest.raises(CatalogError, match="vb-3 already have answers"):
        load_instruments(folder, LoadReport())
    # With a new version the old one stays for its rounds and retires for new ones.
    path.write_text(path.read_text(encoding="utf-8").replace("version: 1", "version: 2"), encoding="utf-8")
    load_instruments(folder, LoadReport())
    old, new = Instrument.objects.filter(slug="onderzoekscultuur").order_by("version")
    assert (old.active, new.active) == (False, True)
    assert Item.objects.filter(dimension__instrument=old, slug="vb-3").exists()
    assert not Item.objects.filter(dimension__instrument=new, slug="vb-3").exists()
    survey.refresh_from_db()
    assert survey.instrument == old


def test_an_instrument_made_in_the_admin_runs_like_a_built_in_one(catalog, admin_client, org):
    for name in ("instrument", "dimension", "respondentgroup"):
        assert admin_client.get(reverse(f"admin:surveys_{name}_changelist")).status_code == 200
    assert admin_client.get(reverse("admin:surveys_instrument_add")).status_code == 200
    instrument = Instrument.objects.create(slug="werkdruk", name="Werkdruk", summary="Kort.", minutes=3)
    instrument.groups.set(Instrument.objects.get(slug="teamleren").groups.all())
    dimension = Dimension.objects.create(instrument=instrument, slug="tijd", name="Tijd")
    Item.objects.create(dimension=dimension, slug="t1", text="Ik heb genoeg tijd.")
    mixed = Item(dimension=dimension, slug="t2", text="Ik kan pauze nemen.", scale=Scale.YESNO)
    with pytest.raises(ValidationError, match="hebben één schaal"):
        mixed.full_clean()  # what the admin's form runs
    pauses = Dimension.objects.create(instrument=instrument, slug="pauze", name="Pauze", order=1)
    Item.objects.create(dimension=pauses, slug="t2", text="Ik kan pauze nemen.", scale=Scale.YESNO)
    survey = survey_round(org.school, slug="werkdruk", groups=["leraren"])
    assert [len(p.items) for p in round_pages(survey)] == [1, 1]
    client = admin_client
    client.force_login(org.schoolleider)
    assert client.get(reverse("surveys:choose", args=[org.school.pk])).content.count(b"Werkdruk") >= 1


def test_an_edited_item_reaches_the_next_respondent(catalog, org):
    from koers.surveys.models import Round

    survey = survey_round(org.school, slug="onderzoekscultuur", groups=["leraren"])
    item = Item.objects.get(pk=round_pages(survey)[0].items[0].pk)
    item.text = "Een nieuwe formulering."
    item.save()  # as the admin does
    fresh = Round.objects.select_related("instrument").get(pk=survey.pk)
    assert round_pages(fresh)[0].items[0].text == "Een nieuwe formulering."
