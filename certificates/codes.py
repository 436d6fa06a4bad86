"""Verification codes: Crockford base32 with a Luhn mod 32 check character.

A code is 15 random characters (75 bits) plus one check character, printed in four
groups of four (``7KQ2-M9XD-4HRT-0ZC8``). The check character catches every single
mistyped character and almost every swap of two neighbours, so a typo is reported
before the database is asked. Luhn mod N keeps the check inside the same 32-character
alphabet (Crockford's own mod 37 check would add ``* ~ $ = U``, awkward to type).
"""

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_VALUES = {char: index for index, char in enumerate(ALPHABET)}
# Crockford's decoding rules: read the commonly confused letters as digits.
_ALIASES = str.maketrans({"O": "0", "I": "1", "L": "1"})
DATA_LENGTH = 15
CODE_LENGTH = DATA_LENGTH + 1
GROUP = 4


class InvalidCode(ValueError):
    """The text is not a well-formed code (wrong characters, length or check character)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason  # "format" or "check"


def check_character(data: str) -> str:
    """The Luhn mod 32 check character for a string of alphabet characters."""
    factor, total, base = 2, 0, len(ALPHABET)
    for char in reversed(data):
        addend = factor * _VALUES[char]
        factor = 1 if factor == 2 else 2
        total += addend // base + addend % base
    return ALPHABET[(base - total % base) % base]


def code_generate() -> str:
    """A fresh random code in canonical form (16 characters, no separators)."""
    data = "".join(secrets.choice(ALPHABET) for _ in range(DATA_LENGTH))
    return data + check_character(data)


def code_normalise(text: str) -> str:
    """Canonical form of what a person typed; raises InvalidCode before any lookup.

    Separators and spaces are dropped, case is ignored, O/I/L are read as 0/1/1.
    """
    cleaned = "".join(char for char in str(text).upper() if char not in " -_.\t")
    cleaned = cleaned.translate(_ALIASES)
    if len(cleaned) != CODE_LENGTH or any(char not in _VALUES for char in cleaned):
        raise InvalidCode("format")
    if check_character(cleaned[:-1]) != cleaned[-1]:
        raise InvalidCode("check")
    return cleaned


def code_display(code: str) -> str:
    """The canonical code in groups of four, as printed and used in URLs."""
    return "-".join(code[i:i + GROUP] for i in range(0, len(code), GROUP))
