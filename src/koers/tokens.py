"""Secret link tokens: handed out once, stored only as a SHA-256 hash, so the database cannot
give a working link away.

A token also yields other values for other purposes (`derive`): a draft is found by one and
encrypted with another, so neither the hash of the link nor the draft's lookup key lets the
database open the draft or join it to the invitation it came from."""

import hashlib
import json
import os
import secrets

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM


def new_token() -> str:
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def derive(token: str, purpose: str) -> bytes:
    """A 32-byte value for one purpose; unrelated to `hash_token` without the token itself."""
    return hashlib.sha256(f"koers:{purpose}:{token}".encode()).digest()


def seal(token: str, data: dict) -> str:
    """Encrypt data with a key only the token's holder can make (AES-GCM, random nonce)."""
    nonce = os.urandom(12)
    box = AESGCM(derive(token, "seal")).encrypt(nonce, json.dumps(data).encode(), None)
    return (nonce + box).hex()


def unseal(token: str, sealed: str) -> dict:
    """The data `seal` encrypted, or {} when it cannot be opened with this token."""
    try:
        raw = bytes.fromhex(sealed)
        return json.loads(AESGCM(derive(token, "seal")).decrypt(raw[:12], raw[12:], None))
    except (ValueError, InvalidTag):
        return {}
