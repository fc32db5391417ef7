"""Every PDF Koers makes goes through here: tagged (PDF/UA-1, with a structure tree and the
document language), so a screen reader can follow headings, tables and reading order."""

from __future__ import annotations


def render(html: str) -> tuple[bytes, int]:
    """The PDF of an HTML document and its number of pages."""
    from weasyprint import HTML  # heavy import: only where a PDF is made

    document = HTML(string=html).render()
    return document.write_pdf(pdf_variant="pdf/ua-1"), len(document.pages)
