"""联行号 — the 12-digit bank branch code (CNAPS 支付系统行号) of a settlement account.

Source: 粤财采购〔2023〕2号 附件2 七（一）, the supplier's 收款账户 panel: 联行号 ``303100000241``
(中国光大银行北京分行营业室; ``303`` is the bank-category part). The code is exactly 12 ASCII
digits. Its last digit is a check digit whose algorithm the notice does not give, so only the
shape is checked. Spaces and hyphens are ignored; full-width digits normalised (NFKC).

>>> validate("3031 0000 0241")
'303100000241'
>>> format("303100000241")
'303 1000 0024 1'
>>> is_valid("30310000024")
False
"""

from __future__ import annotations

import re

from ..errors import InvalidIdentifier
from ._common import check_digits, check_length, clean

__all__ = ["LENGTH", "compact", "format", "is_valid", "validate"]

LENGTH = 12
_FIELD = "bank_code"
#: Already compact and well formed: 12 ASCII digits.
_PLAIN = re.compile(r"[0-9]{12}")


def compact(code: str) -> str:
    """联行号规范化 — NFKC, without spaces or hyphens (no validation).

    >>> compact("３０３-1000-0024-1")
    '303100000241'
    """
    return clean(code, _FIELD)


def validate(code: str) -> str:
    """联行号校验 — the 12 digits, or a specific ``InvalidIdentifier`` error.

    >>> validate("303100000241")
    '303100000241'
    """
    if type(code) is str and _PLAIN.fullmatch(code) is not None:  # the common case: nothing to normalise
        return code
    return _validate(code)


def _validate(code: str) -> str:
    """The full check of :func:`validate` (any input: normalised, then checked)."""
    text = compact(code)
    check_digits(text, _FIELD, "联行号", "a bank branch code")
    check_length(text, _FIELD, LENGTH, LENGTH, zh="联行号", en="a bank branch code")
    return text


def is_valid(code: str) -> bool:
    """联行号是否有效 — whether ``code`` is a valid 联行号 (never raises for text input).

    >>> is_valid("303100000241"), is_valid("30310000024")
    (True, False)
    """
    try:
        validate(code)
    except InvalidIdentifier:
        return False
    return True


def format(code: str) -> str:
    """联行号显示 — bank part (3 digits), then groups of four.

    >>> format("303100000241")
    '303 1000 0024 1'
    """
    text = validate(code)
    return f"{text[:3]} {text[3:7]} {text[7:11]} {text[11:]}"
