"""Chart labels are read whole: long names wrap over lines instead of being cut, no text is
drawn under 11 px, and the wide charts fit an A4 page at full size (640 px)."""

import datetime
import re

from koers import charts

LONG = "Leiderschap dat ruimte geeft aan professionele ontwikkeling"


def _check(svg: str) -> None:
    sizes = [int(n) for n in re.findall(r'font-size="(\d+)"', svg)]
    assert sizes and min(sizes) >= 11
    assert int(re.search(r'<svg[^>]* width="(\d+)"', svg).group(1)) <= 640
    assert "…" not in svg
    words = " ".join(re.findall(r"<tspan[^>]*>([^<]*)</tspan>", svg))
    assert LONG in words  # every word, in order


def test_bar_labels_wrap_and_the_three_long_names_stay_apart():
    names = [f"{LONG} ({n})" for n in (1, 2, 3)]
    svg = charts.grouped_bars(
        title="t",
        description="d",
        categories=names,
        series=[charts.Series("Leraren", [3.0, 3.5, 4.0]), charts.Series("Ondersteunend personeel", [2.5, 3.0, None])],
        low=1,
        high=5,
    )
    _check(svg)
    for name in names:
        assert name.split()[-1] in svg


def test_spider_and_timeline_labels_wrap_too():
    _check(
        charts.spider(
            title="t",
            description="d",
            axes=[LONG, "Visie", "Samenwerking", "Feedback"],
            series=[charts.Series("Leraren", [3.0, 4.0, 2.0, 3.5])],
            low=1,
            high=5,
        )
    )
    day = datetime.date(2026, 9, 1)
    _check(
        charts.gantt(
            title="t",
            description="d",
            bars=[charts.Bar(LONG, "Fase 1", day, day + datetime.timedelta(days=60), "bezig", "Bezig")],
            today=day + datetime.timedelta(days=10),
            overdue_label="over de einddatum",
        )
    )


def test_the_school_concept_schema_fits_the_page_with_its_poles_whole():
    svg = charts.profile_lines(
        title="t",
        description="d",
        rows=[charts.Pole(LONG, "Van standaardrapporten", "naar leerlingportfolio’s en gesprekken")],
        series=[charts.Series("Huidig", [3.0]), charts.Series("Gewenst", [6.0])],
    )
    _check(svg)
    assert "leerlingportfolio’s" in svg
