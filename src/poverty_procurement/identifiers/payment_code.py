"""付款识别码 — the 6-character payment code the platform generates for each order.

Source: 粤财采购〔2023〕2号 附件2 七（一）: "将平台生成的6位字符的付款识别码填写在……备注栏（用途/摘要/
附言）中", shown as ``f54yxn``. The platform's codes are six lower-case ASCII letters and
digits; input is case-insensitive (a bank clerk may type ``F54YXN``), full-width characters
are normalised (NFKC) and spaces/hyphens ignored. To find codes inside free memo text, use
:func:`poverty_procurement.rules.payments.codes.extract_payment_codes`.

This validator accepts any six letters/digits, including six digits: it checks the shape of a
code someone types in. Memo extraction is stricter (it requires a letter so that dates such as
``202311`` are not taken for codes) — see that module.

>>> validate("F54YXN")
'f54yxn'
>>> is_valid("f54yx")
False
"""

from __future__ import annotations

import re

from ..errors import InvalidIdentifier, InvalidIdentifierFormat, shown
from ._common import check_length, clean

__all__ = ["ALPHABET", "LENGTH", "compact", "format", "is_valid", "validate"]

#: The characters of a payment code (after lower-casing).
ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz"
LENGTH = 6
_FIELD = "payment_code"
_SHAPE = re.compile(r"[a-z0-9]{6}", re.ASCII)
#: A code typed plainly: six ASCII letters or digits, nothing to normalise but the case.
_PLAIN = re.compile(r"[A-Za-z0-9]{6}")


def compact(code: str) -> str:
    """付款识别码规范化 — lower-case, NFKC, without spaces or hyphens (no validation).

    >>> compact("Ｆ５４ＹＸＮ")
    'f54yxn'
    """
    return clean(code, _FIELD).lower()


def validate(code: str) -> str:
    """付款识别码校验 — the lower-case code, or a specific ``InvalidIdentifier`` error.

    >>> validate(" f54yxn ")
    'f54yxn'
    """
    if type(code) is str and _PLAIN.fullmatch(code) is not None:  # the common case: only the case to normalise
        return code.lower()
    return _validate(code)


def _validate(code: str) -> str:
    """The full check of :func:`validate` (any input: normalised, then checked)."""
    text = compact(code)
    check_length(text, _FIELD, LENGTH, LENGTH, zh="付款识别码", en="a payment code")
    if _SHAPE.fullmatch(text) is None:
        raise InvalidIdentifierFormat(_FIELD, f"付款识别码只能由字母 a–z 和数字 0–9 组成（收到 {shown(text)}）",
                                      f"a payment code is letters a-z and digits 0-9 only (got {shown(text)})")
    return text


def is_valid(code: str) -> bool:
    """付款识别码是否有效 — whether ``code`` is a valid payment code (never raises for text input).

    >>> is_valid("f54yxn"), is_valid("f54yx!")
    (True, False)
    """
    try:
        validate(code)
    except InvalidIdentifier:
        return False
    return True


def format(code: str) -> str:
    """付款识别码显示 — lower case, as the platform shows it.

    >>> format("F54YXN")
    'f54yxn'
    """
    return validate(code)
