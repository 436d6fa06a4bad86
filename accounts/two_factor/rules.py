"""Pure rules of the admin's second factor (no database)."""

from __future__ import annotations

from collections.abc import Iterable

# `amr` values (RFC 8176) that mean the provider checked more than a password.
MFA_AMR_VALUES = frozenset({"mfa", "otp", "hwk", "swk", "sc", "fpt", "face", "iris", "retina",
                            "vbm", "sms", "tel"})


def provider_reported_mfa(*, amr: Iterable[str] | None, acr: str | None,
                          accepted_acr: Iterable[str]) -> bool:
    """Whether an OpenID Connect login reported a second factor in its `amr` or `acr` claim.

    `amr` counts when it holds "mfa" or a factor beyond the password; `acr` counts only when
    it is one of the values the operator configured (their meaning is the provider's own).
    """
    if any(str(value).lower() in MFA_AMR_VALUES for value in (amr or [])):
        return True
    return bool(acr) and acr in set(accepted_acr)


def format_secret(base32_secret: str) -> str:
    """The secret in groups of four characters, easier to type and to read aloud."""
    return " ".join(base32_secret[i:i + 4] for i in range(0, len(base32_secret), 4))


def normalise_token(raw: str) -> str:
    """A typed code without spaces or dashes (recovery codes are shown in groups)."""
    return "".join(raw.split()).replace("-", "").lower()
