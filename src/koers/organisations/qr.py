"""The QR code an authenticator app scans, as inline SVG (no image file, nothing the
Content-Security-Policy has to allow)."""

import qrcode
import qrcode.image.svg
from django.utils.safestring import SafeString, mark_safe


def qr_svg(data: str) -> SafeString:
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    return mark_safe(image.to_string(encoding="unicode"))  # noqa: S308  (made here, no user text in markup)
