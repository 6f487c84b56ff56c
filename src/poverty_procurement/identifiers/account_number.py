"""银行账号 — a bank account number (收款账号 / 付款账号): ASCII digits only, 8 to 32 of them.

Source: 粤财采购〔2023〕2号 附件2 七（一）, 收款账号 ``35000188110503337`` (17 digits, 中国光大银行),
and 七（三）, the non-settlement account ``050830002000029520019`` (21 digits, 江苏银行).

Chinese account numbers have no common length or check digit: corporate settlement accounts
run from about 10 (some rural credit banks) to 25 digits, personal bank cards 16 to 19. The
library accepts **8 to 32 digits** — generous on both sides so that no real account is refused,
while catching a pasted empty field, a truncated number or text. Leading zeros are significant
(``0508…`` is kept as written). Spaces and hyphens (banks print accounts in groups of four) are
ignored; full-width digits are normalised (NFKC).

>>> validate("3500 0188 1105 0333 7")
'35000188110503337'
>>> validate("050830002000029520019")
'050830002000029520019'
>>> format("35000188110503337")
'3500 0188 1105 0333 7'
>>> is_valid("3500018811050333X")
False
"""

from __future__ import annotations

import re

from ..errors import InvalidIdentifier
from ._common import check_digits, check_length, clean

__all__ = ["MAX_LENGTH", "MIN_LENGTH", "compact", "format", "is_valid", "validate"]

MIN_LENGTH = 8
MAX_LENGTH = 32
_FIELD = "account_number"
#: Already compact and well formed: 8 to 32 ASCII digits.
_PLAIN = re.compile(r"[0-9]{8,32}")


def compact(number: str) -> str:
    """银行账号规范化 — NFKC, without spaces or hyphens (no validation).

    >>> compact("0508 3000 2000 0295 2001 9")
    '050830002000029520019'
    """
    return clean(number, _FIELD)


def validate(number: str) -> str:
    """银行账号校验 — the digits, or a specific ``InvalidIdentifier`` error.

    >>> validate("35000188110503337")
    '35000188110503337'
    """
    if type(number) is str and _PLAIN.fullmatch(number) is not None:  # the common case: nothing to normalise
        return number
    return _validate(number)


def _validate(number: str) -> str:
    """The full check of :func:`validate` (any input: normalised, then checked)."""
    text = compact(number)
    check_digits(text, _FIELD, "银行账号", "an account number")
    check_length(text, _FIELD, MIN_LENGTH, MAX_LENGTH, zh="银行账号", en="an account number")
    return text


def is_valid(number: str) -> bool:
    """银行账号是否有效 — whether ``number`` is valid (never raises for text input).

    >>> is_valid("050830002000029520019"), is_valid("1234567")
    (True, False)
    """
    try:
        validate(number)
    except InvalidIdentifier:
        return False
    return True


def format(number: str) -> str:
    """银行账号显示 — groups of four digits separated by spaces.

    >>> format("050830002000029520019")
    '0508 3000 2000 0295 2001 9'
    """
    text = validate(number)
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))
