"""货款确认单号 — payment confirmation number: ``RL`` + application date ``yyyymmdd`` + 4 digits.

Source: 粤财采购〔2023〕2号 附件2 七（三）第四步, the 货款确认查询 table: ``RL202211231634``,
``RL202211231629`` … with 申请时间 2022-11-23. The eight digits after ``RL`` are the date of
the application (a real date); four serial digits follow. Case-insensitive input, spaces and
hyphens ignored, NFKC; at most 64 characters of input are looked at.

>>> validate("rl202211231634")
'RL202211231634'
>>> application_date("RL202211231634")
datetime.date(2022, 11, 23)
>>> is_valid("RL20221123163")
False
"""

from __future__ import annotations

import datetime

from ..errors import InvalidIdentifier
from ._common import clean, date_in, validate_dated

__all__ = ["LENGTH", "PREFIX", "application_date", "compact", "format", "is_valid", "validate"]

PREFIX = "RL"
#: ``RL`` + 8-digit date + 4-digit serial.
LENGTH = 14
_ZH = "货款确认单号"
_EN = "a confirmation number"
_FIELD = "confirmation_number"


def compact(number: str) -> str:
    """货款确认单号规范化 — upper-case, NFKC, without spaces or hyphens (no validation).

    >>> compact("ＲＬ 2022 1123 1634")
    'RL202211231634'
    """
    return clean(number, _FIELD).upper()



def validate(number: str) -> str:
    """货款确认单号校验 — the compact number, or a specific ``InvalidIdentifier`` error.

    >>> validate("RL202211231603")
    'RL202211231603'
    """
    text = compact(number)
    return validate_dated(text, _FIELD, prefix=PREFIX, length=LENGTH, zh=_ZH, en=_EN)


def is_valid(number: str) -> bool:
    """货款确认单号是否有效 — whether ``number`` is valid (never raises for text input).

    >>> is_valid("RL202211231634"), is_valid("XD2022112330011271")
    (True, False)
    """
    try:
        validate(number)
    except InvalidIdentifier:
        return False
    return True


def format(number: str) -> str:
    """货款确认单号显示 — ``RL`` and 12 digits without separators.

    >>> format("rl-20221123-1634")
    'RL202211231634'
    """
    return validate(number)


def application_date(number: str) -> datetime.date:
    """申请日期 — the date encoded in a valid confirmation number.

    >>> application_date("RL202211231629").isoformat()
    '2022-11-23'
    """
    return date_in(validate(number)[2:], _FIELD, zh=_ZH, en=_EN)
