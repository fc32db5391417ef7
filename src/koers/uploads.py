"""Reading an uploaded table (CSV or XLSX) within bounds that hold before anything is parsed:
the file's size, and for an XLSX (a ZIP archive) the uncompressed size and compression ratio
of its parts, read from the ZIP directory. A few hundred kilobytes can otherwise unpack into
gigabytes (one huge shared string, or millions of rows). Rows are read in streaming mode and
reading stops one row past the limit. A document that is only stored and served back (a
network's library, a visit's dossier) is checked for its size and kind."""

import csv
import io
import secrets
import zipfile
from pathlib import Path

from django import forms
from django.db import transaction
from django.http import FileResponse, Http404
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MAX_BYTES = 2 * 1024 * 1024
MAX_UNPACKED_BYTES = 25 * 1024 * 1024  # a staff list of 5,000 people unpacks to a few MB
MAX_RATIO = 100  # real spreadsheets compress 5 to 30 times
DOCUMENT_MAX_BYTES = 10 * 1024 * 1024
DOCUMENT_SUFFIXES = (".pdf", ".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp", ".txt", ".png", ".jpg", ".jpeg")


DOCUMENT_HELP = gettext_lazy("PDF, Word, Excel, PowerPoint, OpenDocument, text or an image; at most 10 MB.")


class FileOrLinkForm(forms.ModelForm):
    """A document as a stored file or a link: the file's size and kind are checked before
    anything is stored. The model has `file` and `link`."""

    link = forms.URLField(label=gettext_lazy("Link"), required=False, assume_scheme="https")

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            check_document(upload)
        return upload

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("file") and not cleaned.get("link"):
            self.add_error("file", _("Add a file or give a link."))
        return cleaned


def random_name(folder: str, filename: str) -> str:
    """A random name on disk: the stored file tells nothing, and is served only through Koers."""
    return f"{folder}/{secrets.token_hex(16)}{Path(filename).suffix.lower()}"


def as_download(file, filename: str) -> FileResponse:
    """A stored document, always as a download so a browser never runs it; a 404 if gone."""
    if not file:
        raise Http404
    try:
        handle = file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=filename or "document")


def note_file(row) -> None:
    """Keep the uploaded name and size on a row with a `file`, so a list never asks the disk."""
    if row.file:
        row.file_name, row.file_size = Path(row.file.name).name[:200], row.file.size


def delete_with_file(row) -> None:
    """A row with a `file`: the file goes once the row is surely gone."""
    storage, name = row.file.storage, row.file.name
    row.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))


def check_document(upload) -> None:
    """A document of a kind Koers keeps, of at most 10 MB; a ValidationError in Dutch otherwise."""
    if upload.size > DOCUMENT_MAX_BYTES:
        raise forms.ValidationError(
            _("The file is %(size)s; at most 10 MB fits.") % {"size": filesizeformat(upload.size)}
        )
    if Path(upload.name).suffix.lower() not in DOCUMENT_SUFFIXES:
        raise forms.ValidationError(
            _("Koers keeps documents of these kinds: %(kinds)s.") % {"kinds": ", ".join(DOCUMENT_SUFFIXES)}
        )


def read_table(upload, *, max_rows: int) -> list[list[str]]:
    """The rows of the file (the heading first), or a ValidationError in Dutch."""
    if upload.size > MAX_BYTES:
        raise forms.ValidationError(_("The file is larger than 2 MB."))
    name = upload.name.lower()
    if not name.endswith((".csv", ".xlsx")):
        raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
    try:
        rows = _xlsx_rows(upload) if name.endswith(".xlsx") else _csv_rows(upload)
        table = []
        for row in rows:
            table.append(row)
            if len(table) > max_rows + 1:
                raise forms.ValidationError(_("At most %(n)s rows per file.") % {"n": max_rows})
        return table
    except forms.ValidationError:
        raise
    except Exception:  # a broken file: whatever the parser tripped over
        raise forms.ValidationError(_("This file cannot be read as CSV or XLSX.")) from None


def _csv_rows(upload):
    raw = upload.read(MAX_BYTES + 1)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    dialect = csv.Sniffer().sniff(text[:2048], delimiters=",;\t") if text.strip() else "excel"
    return csv.reader(io.StringIO(text), dialect)


def check_archive(file) -> None:
    """Refuse an XLSX whose parts would unpack beyond the bounds; reads only the directory."""
    with zipfile.ZipFile(file) as archive:
        parts = archive.infolist()
    unpacked = sum(p.file_size for p in parts)
    ratio = max((p.file_size / max(p.compress_size, 1) for p in parts), default=0)
    if unpacked > MAX_UNPACKED_BYTES or ratio > MAX_RATIO:
        raise forms.ValidationError(
            _(
                "This file unpacks to far more than a list of people "
                "would. Save it again from your spreadsheet program, "
                "or upload it as CSV."
            )
        )
    file.seek(0)


def _xlsx_rows(upload):
    from openpyxl import load_workbook

    check_archive(upload)
    sheet = load_workbook(upload, read_only=True, data_only=True).active
    for row in sheet.iter_rows(values_only=True):
        yield ["" if cell is None else str(cell) for cell in row]
