"""Signed, expiring tokens: a small JSON payload bound to a purpose.

`token_make` signs a payload with the project's secret key and a salt that names the
purpose, so a token made for one purpose is worthless for another. `token_read` returns the
payload while the token is younger than `max_age`, and otherwise raises `TokenExpired`
(too old) or `TokenInvalid` (forged, altered, made for another purpose, or no token at all).
Tokens are readable by whoever holds them: put ids in them, never secrets.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core import signing


class TokenInvalid(Exception):
    """The token was not made by us for this purpose, or was altered."""


class TokenExpired(TokenInvalid):
    """The token is genuine but older than its maximum age."""


def token_make(payload: Any, *, salt: str) -> str:
    """A URL-safe signed token carrying `payload` (anything JSON can hold)."""
    return signing.dumps(payload, salt=salt)


def token_read(token: Any, *, salt: str, max_age: int | float | timedelta) -> Any:
    """The payload of a genuine token younger than `max_age`. Raises TokenExpired, TokenInvalid."""
    if not isinstance(token, str) or not token or len(token) > 4096:
        raise TokenInvalid
    try:
        return signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired:
        raise TokenExpired from None
    except (signing.BadSignature, ValueError):
        raise TokenInvalid from None
