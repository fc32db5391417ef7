"""The instruments in a real browser: the stakeholder matrices, the AMO warning and the
lever plot, as a school leader uses them."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def _go(page, live_server, org, name):
    page.goto(live_server.url + reverse(f"instruments:{name}", args=[org.trajectory.pk]))


def test_three_stakeholders_are_placed_in_both_matrices(login, org, live_server):
    page = login(org.schoolleider)
    page.goto(
        live_server.url + reverse("werkdocument:subphase", args=[org.trajectory.pk, "1b-huidige-en-gewenste-situatie"])
    )
    page.get_by_role("link", name="Stakeholders").click()
    expect(page.get_by_text("Nog geen stakeholders.")).to_be_visible()
    for name, kind, interest, influence, alignment, trust in (
        ("Medezeggenschapsraad", "Intern", "4", "5", "Belangen gelijk", "Wel betrouwbaar"),
        ("Gemeente", "Extern", "2", "4", "Belangen onbekend", "Niet betrouwbaar"),
        ("Sectie wiskunde", "Intern", "5", "1", "Belangen niet gelijk", "Wel betrouwbaar"),
    ):
        page.get_by_role("link", name="Stakeholder toevoegen").click()
        page.get_by_label("Naam").fill(name)
        page.get_by_label(kind, exact=True).check()
        page.get_by_label("Belang (1 klein – 5 groot)").select_option(interest)
        page.get_by_label("Invloed (1 klein – 5 groot)").select_option(influence)
        page.get_by_label(alignment).check()
        page.get_by_label(trust).check()
        page.get_by_role("button", name="Stakeholder opslaan").click()
        expect(page.get_by_text("De stakeholder is opgeslagen.")).to_be_visible()

    influence = page.locator("figure", has_text="Stakeholdermatrix: belang en invloed")
    dots = influence.locator("svg circle")
    expect(dots).to_have_count(3)
    # Each dot sits in the quadrant its scores say; the SVG <title> of each dot is its name.
    placed = {
        influence.locator("svg g", has_text=str(n)).locator("title").text_content(): influence.locator(
            "svg g", has_text=str(n)
        )
        .locator("circle")
        .get_attribute("cx")
        for n in (1, 2, 3)
    }
    assert set(placed) == {"Gemeente", "Medezeggenschapsraad", "Sectie wiskunde"}
    assert float(placed["Gemeente"]) < float(placed["Medezeggenschapsraad"])
    influence.get_by_text("Toon als tabel").click()
    table = influence.locator("table")
    expect(table.locator("tr", has_text="Medezeggenschapsraad")).to_contain_text("Nauw betrekken")
    expect(table.locator("tr", has_text="Gemeente")).to_contain_text("Tevreden houden")
    expect(table.locator("tr", has_text="Sectie wiskunde")).to_contain_text("Informeren")

    figure5 = page.locator("figure", has_text="afstemming van belangen en betrouwbaarheid")
    svg = figure5.locator("svg")
    expect(svg).to_contain_text("Medezeggenschapsraad")
    figure5.get_by_text("Toon als tabel").click()
    rows = figure5.locator("table")
    expect(rows.locator("tr", has_text="Medezeggenschapsraad")).to_contain_text("Vriend")
    expect(rows.locator("tr", has_text="Gemeente")).to_contain_text("Opponent")
    expect(rows.locator("tr", has_text="Sectie wiskunde")).to_contain_text("Opponent")


def test_an_amo_chain_without_opportunity_warns(login, org, live_server):
    page = login(org.schoolleider)
    _go(page, live_server, org, "amo")
    page.get_by_label("Gewenst professioneel gedrag van leraren").fill(
        "Leraren stemmen de instructie af op drie niveaus"
    )
    page.get_by_role("button", name="Keten toevoegen").click()
    chain = page.locator(".amo-chain")
    expect(chain.get_by_role("alert")).to_contain_text("Opportunity (mogen)")

    for factor, item in (
        ("Ability (kunnen)", "zet een coach in"),
        ("Motivation (willen)", "formuleer een overtuigende visie"),
    ):
        chain.get_by_text("Factor, interventie of leiderschapsgedrag toevoegen").click()
        chain.get_by_label("Factor").select_option(label=factor)
        chain.get_by_label("Kolom").select_option(label="Gerichte HRM-interventie")
        option = chain.get_by_label("Uit figuur 8").locator("option", has_text=item)
        chain.get_by_label("Uit figuur 8").select_option(value=option.get_attribute("value"))
        chain.get_by_role("button", name="Aan de keten toevoegen").click()
        expect(page.get_by_text("Toegevoegd aan de keten.")).to_be_visible()

    warning = page.locator(".amo-chain").get_by_role("alert").locator("strong")
    expect(warning).to_have_text("Nog geen interventie voor: Opportunity (mogen).")
    row = page.locator(".amo-table tr", has_text="Opportunity")
    expect(row).to_contain_text("nog geen interventie")


def test_scoring_two_levers_puts_them_in_the_plot(login, org, live_server):
    page = login(org.schoolleider)
    _go(page, live_server, org, "levers")
    expect(page.get_by_text("Scoor een aanknopingspunt op zowel impact")).to_be_visible()
    page.evaluate("window.__noReload = true")  # gone if a save reloads the page
    for key, impact, success in (("on-begeleiding-leraren", "5", "4"), ("so-genormeerde-toetsen", "2", "5")):
        row = page.locator(f"form#{key}")
        row.get_by_label("Verwachte impact").select_option(impact)
        row.get_by_label("Slagingskans").select_option(success)
        row.get_by_role("button", name="Kiezen en opslaan").click()
        expect(page.locator(f"form#{key}").get_by_text("Opgeslagen ✓")).to_be_visible()

    assert page.evaluate("window.__noReload") is True
    plot = page.locator("#lever-plot")
    expect(plot.locator("svg circle")).to_have_count(2)
    legend = plot.locator(".legend")
    expect(legend.locator("li", has_text="begeleiding van leraren")).to_contain_text("meest kansrijk")
    expect(legend.locator("li", has_text="genormeerde toetsen")).to_contain_text("snel resultaat")
    expect(page.locator("form#on-begeleiding-leraren")).to_contain_text("Werkt op meerdere thema’s")


def test_every_instrument_fits_a_phone(login, org, live_server):
    from tests.factories import fill_instruments

    fill_instruments(org.trajectory, org.schoolleider, stakeholders=6)
    page = login(org.schoolleider, width=390)
    for name in ("goals", "situation", "bottlenecks", "stakeholders", "levers", "amo", "coherence", "sharpen"):
        _go(page, live_server, org, name)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, (name, overflow)
