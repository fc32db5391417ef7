"""Counting attempts per address in the shared cache (the database cache unless configured
otherwise, so every app server sees the same counts). The key is a hash of the address: the
cache never holds an address in the clear, and a count expires with its window."""

import hashlib

from django.conf import settings
from django.core.cache import cache


def client_address(request) -> str:
    """The client's address; behind KOERS_TRUSTED_PROXIES proxies, the one they forwarded."""
    proxies = settings.KOERS_TRUSTED_PROXIES
    if proxies:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def _key(action: str, subject: str) -> str:
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{action}:{subject}".encode()).hexdigest()
    return f"koers:rl:{digest[:40]}"


def allow(request, action: str, rate: tuple[int, int]) -> bool:
    """Count one attempt of `action` from the request's address; False once more than
    `rate` = (attempts, seconds) came in within the window."""
    limit, seconds = rate
    subject = client_address(request)
    record(action, subject, seconds)
    return count(action, subject) <= limit


def count(action: str, subject: str) -> int:
    """How many attempts of `action` for `subject` (an address or an account) are counted."""
    return cache.get(_key(action, subject), 0)


def record(action: str, subject: str, seconds: int) -> None:
    """Count one more attempt; the window starts at the first."""
    key = _key(action, subject)
    if not cache.add(key, 1, timeout=seconds):
        try:
            cache.incr(key)
        except ValueError:
            cache.add(key, 1, timeout=seconds)
