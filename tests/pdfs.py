"""What every PDF of Koers must be: tagged, with its language, so a screen reader can read it."""

import io

from pypdf import PdfReader


def assert_tagged(data: bytes, language: str = "nl") -> None:
    catalog = PdfReader(io.BytesIO(data)).trailer["/Root"]
    assert "/StructTreeRoot" in catalog, "no structure tree"
    assert "/MarkInfo" in catalog and bool(catalog["/MarkInfo"]["/Marked"])
    assert "/Lang" in catalog and catalog["/Lang"] == language
