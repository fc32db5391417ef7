"""Anonymity by construction: a response holds its round, group and day only; nothing in any
table joins it to an invitee or a link; small groups stay out of every report and export."""

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse

from koers.surveys.models import Answer, Response
from tests.factories import respond, survey_round


def _group_column(data: bytes, fmt: str) -> set[str]:
    """The group of every row of a CSV or XLSX export."""
    import io

    if fmt == "csv":
        return {line.split(";")[2] for line in data.decode("utf-8-sig").splitlines()[1:]}
    from openpyxl import load_workbook

    return {row[2] for row in load_workbook(io.BytesIO(data)).active.iter_rows(min_row=2, values_only=True)}


def export_text(data: bytes, fmt: str) -> str:
    """What a reader of the exported file sees, as text."""
    import io

    if fmt == "xlsx":
        from openpyxl import load_workbook

        sheet = load_workbook(io.BytesIO(data)).active
        return "\n".join(" ".join(str(c) for c in row) for row in sheet.iter_rows(values_only=True))
    if fmt == "pdf":
        from pypdf import PdfReader

        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return data.decode("utf-8-sig")


pytestmark = pytest.mark.django_db


def test_a_response_row_has_no_column_that_could_name_a_person():
    allowed = {"Round", "RespondentGroup", "Response", "Item", "Answer"}
    for model in (Response, Answer):
        for field in model._meta.get_fields():
            if field.is_relation:
                assert field.related_model.__name__ in allowed, (model, field.name)
            assert not isinstance(field, models.DateTimeField | models.TimeField), field.name
            assert not any(word in field.name for word in ("token", "email", "user", "invit"))
    # And no other table points at a response or an answer.
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if field.is_relation and field.concrete and field.related_model in (Response, Answer):
                assert (model, field.name) == (Answer, "response")


def test_groups_under_the_minimum_stay_out_of_the_report_open_answers_and_exports(client, org):
    survey = survey_round(org.school, closed=True, min_group_size=3)
    for _ in range(3):
        respond(survey, "leraren", default=4, open_1="Meer samen leren")
    respond(survey, "leerlingen", default=1, open_1="GEHEIM van een leerling")
    respond(survey, "leerlingen", default=1, open_1="GEHEIM van een leerling")
    client.force_login(org.schoolleider)
    page = client.get(reverse("surveys:report", args=[survey.pk])).content.decode()
    assert "Niet getoond, omdat minder dan 3 reageerden:" in page and "Leerlingen" in page
    assert "4,0" in page and "1,0" not in page  # the total leaves the small group out too
    item = survey.instrument.dimensions.get(slug="toelichting").items.get()
    answers = client.get(reverse("surveys:open_answers", args=[survey.pk, item.pk]))
    text = answers.content.decode()
    assert "Meer samen leren" in text and "GEHEIM" not in text
    for fmt in ("csv", "xlsx", "pdf"):
        data = client.get(reverse("surveys:export", args=[survey.pk, fmt])).content
        text = export_text(data, fmt)
        assert "Leraren" in text and "GEHEIM" not in text
        if fmt == "pdf":  # only named where the report says the group is left out
            assert "Niet getoond, omdat minder dan 3 reageerden: Leerlingen" in " ".join(text.split())
        else:  # no row of the group, for a dimension or a statement (whose texts may say "Leerlingen")
            assert "Leerlingen" not in _group_column(data, fmt)


def test_no_report_while_the_round_is_open(client, org):
    survey = survey_round(org.school)
    for _ in range(5):
        respond(survey, "leraren")
    client.force_login(org.schoolleider)
    page = client.get(reverse("surveys:report", args=[survey.pk])).content.decode()
    assert "Het rapport verschijnt als de ronde sluit" in page
    assert client.get(reverse("surveys:export", args=[survey.pk, "csv"])).status_code == 404
