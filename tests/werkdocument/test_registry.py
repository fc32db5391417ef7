"""The content places the instruments; the registry implements them. Neither may name what
the other lacks, and a subphase renamed in the YAML keeps its instruments."""

import shutil
from pathlib import Path

import pytest
from django.urls import reverse

import koers
from koers.catalog.loader import CONTENT_DIR, load_catalog
from koers.catalog.models import Subphase
from koers.werkdocument.registry import INSTRUMENTS

pytestmark = pytest.mark.django_db


def test_every_instrument_in_the_content_is_implemented_and_placed_once(catalog):
    placed = [key for s in Subphase.objects.all() for key in s.instruments]
    assert sorted(placed) == sorted(INSTRUMENTS), "content and registry disagree"
    assert len(placed) == len(set(placed)), "an instrument sits in two subphases"


def test_no_python_code_names_a_subphase_of_the_content(catalog):
    slugs = set(Subphase.objects.values_list("slug", flat=True))
    sources = Path(koers.__file__).parent.rglob("*.py")
    named = {(p.name, slug) for p in sources if "migrations" not in p.parts for slug in slugs if slug in p.read_text()}
    assert not named


def test_moving_an_instrument_in_the_content_moves_it_in_the_werkdocument(client, org, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, content)
    werkdocument = content / "werkdocument.yaml"
    text = werkdocument.read_text()
    text = text.replace(
        "instrumenten: [situatie, knelpunten, stakeholders, enquetes]", "instrumenten: [situatie, knelpunten, enquetes]"
    )
    text = text.replace(
        "instrumenten: [aanscherpen, samenhang]", "instrumenten: [aanscherpen, samenhang, stakeholders]"
    )
    werkdocument.write_text(text)
    load_catalog(content)
    sub_1c = Subphase.objects.get(code="1C")
    client.force_login(org.schoolleider)
    page = client.get(reverse("werkdocument:subphase", args=[org.trajectory.pk, sub_1c.slug])).content.decode()
    assert reverse("instruments:stakeholders", args=[org.trajectory.pk]) in page
    assert "0 van 2 instrumenten in gebruik" not in page and "0 van 3 instrumenten in gebruik" in page
    stakeholders = client.get(reverse("instruments:stakeholders", args=[org.trajectory.pk])).content.decode()
    assert reverse("werkdocument:subphase", args=[org.trajectory.pk, sub_1c.slug]) in stakeholders
