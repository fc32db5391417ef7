"""Secret link tokens: handed out once, stored only as a SHA-256 hash, so the database cannot
give a working link away."""

import hashlib
import secrets


def new_token() -> str:
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
