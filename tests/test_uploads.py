"""Uploaded tables are bounded before they are parsed: an XLSX that unpacks into a huge
shared string or millions of rows is refused from its ZIP directory, with a Dutch message,
nothing imported and little memory used."""

import io
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from koers.organisations.models import Role
from tests.factories import survey_round, user_with_role

pytestmark = pytest.mark.django_db
MB = 1024 * 1024


def _workbook(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _with_part(xlsx: bytes, name: str, chunks) -> bytes:
    """The same workbook with one part replaced, streamed into the archive chunk by chunk."""
    source = zipfile.ZipFile(io.BytesIO(xlsx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for info in source.infolist():
            if info.filename != name:
                target.writestr(info, source.read(info))
        with target.open(name, "w", force_zip64=True) as part:
            for chunk in chunks:
                part.write(chunk)
    return out.getvalue()


def shared_string_bomb() -> bytes:
    """One shared string of 120 MB: a few hundred KB on disk."""
    xlsx = _workbook([["e-mail", "groep"], ["a@s.example", "Leraren"]])
    head = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>'
    return _with_part(xlsx, "xl/sharedStrings.xml", [head, *([b"A" * MB] * 120), b"</t></si></sst>"])


def row_bomb() -> bytes:
    """Two million rows."""
    xlsx = _workbook([["e-mail", "groep"]])
    head = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    rows = b'<row><c t="inlineStr"><is><t>a@s.example</t></is></c></row>' * 10_000
    return _with_part(xlsx, "xl/worksheets/sheet1.xml", [head, *([rows] * 200), b"</sheetData></worksheet>"])


@pytest.fixture
def upload(client, org):
    survey = survey_round(org.school)
    client.force_login(user_with_role(Role.SCHOOLBEHEERDER, school=org.school))

    def send(name, content):
        return client.post(reverse("surveys:upload", args=[survey.pk]), {"file": SimpleUploadedFile(name, content)})

    send.survey = survey
    return send


@pytest.mark.parametrize("bomb", [shared_string_bomb, row_bomb])
def test_a_zip_bomb_is_refused_before_it_is_unpacked(upload, bomb):
    content = bomb()
    assert len(content) < 2 * MB  # under the upload limit, so only the archive check holds
    tracemalloc.start()
    try:
        response = upload("lijst.xlsx", content)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert response.status_code == 400
    assert "Dit bestand pakt uit tot veel meer dan een lijst met mensen" in response.content.decode()
    assert not upload.survey.invitations.exists()
    assert peak < 150 * MB, f"peak {peak / MB:.0f} MB"


def test_reading_stops_one_row_past_the_limit(upload):
    rows = [["e-mail", "groep"]] + [[f"p{n}@s.example", "Leraren"] for n in range(5001)]
    response = upload("lijst.xlsx", _workbook(rows))
    assert response.status_code == 400
    assert "Ten hoogste 5000 rijen per bestand." in response.content.decode()
    assert not upload.survey.invitations.exists()


def test_a_file_over_two_megabytes_is_refused_unread(upload):
    response = upload("lijst.csv", b"e-mail;groep\n" + b"x" * (2 * MB))
    assert response.status_code == 400
    assert "Het bestand is groter dan 2 MB." in response.content.decode()
