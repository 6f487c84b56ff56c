"""订单号 — 832 platform order number: ``XD`` + order date ``yyyymmdd`` + 8 digits.

Source: 粤财采购〔2023〕2号 附件2 七（三）第四步, the 货款确认查询 table, whose 订单号 column reads
``XD2022112330011271``, ``XD2022112330011267`` … next to 申请时间 2022-11-23: the eight digits
after ``XD`` are the date the order was placed, then an 8-digit serial. The date must be a
real calendar date. Input is case-insensitive; spaces and hyphens are ignored; full-width
characters are normalised (NFKC). At most 64 characters of input are looked at.

>>> validate("XD2022112330011271")
'XD2022112330011271'
>>> validate(" xd 20221123 3001 1271 ")
'XD2022112330011271'
>>> order_date("XD2022112330011271")
datetime.date(2022, 11, 23)
>>> is_valid("XD2022113130011271")  # 2022-11-31 does not exist
False
"""

from __future__ import annotations

import datetime
import re

from ..errors import InvalidIdentifier
from ._common import clean, date_in, real_date, validate_dated

__all__ = ["LENGTH", "PREFIX", "compact", "format", "is_valid", "order_date", "validate"]

PREFIX = "XD"
#: ``XD`` + 8-digit date + 8-digit serial.
LENGTH = 18
_ZH = "订单号"
_EN = "an order number"
_FIELD = "order_number"
#: A number already in its compact form: ``XD``, the date, the serial (ASCII digits only).
_COMPACT = re.compile(r"XD([0-9]{8})[0-9]{8}")


def compact(number: str) -> str:
    """订单号规范化 — upper-case, NFKC, without spaces or hyphens (no validation).

    >>> compact("xd2022-1123-3001-1271")
    'XD2022112330011271'
    """
    return clean(number, _FIELD).upper()



def validate(number: str) -> str:
    """订单号校验 — the compact order number, or a specific ``InvalidIdentifier`` error.

    >>> validate("XD2022112330011247")
    'XD2022112330011247'
    """
    if type(number) is str:  # the common case, a number as the platform prints it: the compact form, checked once
        plain = _COMPACT.fullmatch(number)
        if plain is not None and real_date(plain[1]):
            return number
    return _validate(number)


def _validate(number: str) -> str:
    """The full check of :func:`validate` (any input: normalised, then checked part by part)."""
    text = compact(number)
    return validate_dated(text, _FIELD, prefix=PREFIX, length=LENGTH, zh=_ZH, en=_EN)


def is_valid(number: str) -> bool:
    """Whether ``number`` is a valid order number (never raises for text input).

    >>> is_valid("XD2022112330011271"), is_valid("RL202211231634")
    (True, False)
    """
    try:
        validate(number)
    except InvalidIdentifier:
        return False
    return True


def format(number: str) -> str:
    """订单号显示 — the form the platform prints: ``XD`` and 16 digits without separators.

    >>> format("xd 2022 1123 3001 1271")
    'XD2022112330011271'
    """
    return validate(number)


def order_date(number: str) -> datetime.date:
    """下单日期 — the date encoded in a valid order number.

    >>> order_date("XD2022112330011255").isoformat()
    '2022-11-23'
    """
    return date_in(validate(number)[2:], _FIELD, zh=_ZH, en=_EN)
