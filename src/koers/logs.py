"""Logging that never writes a secret link. Respondent and share links carry their token in
the address of their first request only (the views trade it for a cookie), and that one line
is masked here, as is the code a school account's sign-in returns with: in Django's own log
records and in gunicorn's access log (gunicorn.conf.py)."""

import logging
import re

from gunicorn.glogging import Logger

# /enquete/<token>/, /enquete/open/<token>/, /gedeeld/<token>/, /account/activeren/<token>/ and
# allauth's reset and activation keys; the token-free pages (/enquete/r/…, /enquete/bedankt/,
# /gedeeld/l/…, /account/activeren/) stay.
_TOKEN_PATH = re.compile(
    r"(/enquete/(?:open/)?|/gedeeld/|/account/activeren/|/account/password/reset/key/|/account/confirm-email/)"
    r"(?!r/|l/|bedankt/)[^/\s?\"']+"
)
# A school account's return carries the authorization code and state in its query.
_RETURN_QUERY = re.compile(r"(/account/schoolaccount/terug/\?)[^\s\"']+")
MASK = "…"


def mask(text: str) -> str:
    return _RETURN_QUERY.sub(lambda m: m.group(1) + MASK, _TOKEN_PATH.sub(lambda m: m.group(1) + MASK, text))


class MaskTokens(logging.Filter):
    """Rewrites a record's message with every token path masked."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True


class GunicornLogger(Logger):
    """gunicorn's logger with every access-log atom masked (request line, path, referer)."""

    def atoms(self, resp, req, environ, request_time):
        return {
            key: mask(value) if isinstance(value, str) else value
            for key, value in super().atoms(resp, req, environ, request_time).items()
        }
