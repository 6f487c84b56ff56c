"""表单数字 — the platform's form grammar for amounts and ratios, shared by both parsers.

附件2 一、第四步: "仅可输入数字与小数点，保留小数点后两位" (only digits and a decimal point, two
decimals kept) and, for ratios, "输入12代表12%".

Accepted, after Unicode NFKC normalisation (which turns the full-width digits ``０``–``９`` and
the full-width point ``．`` typed with a Chinese input method into ASCII) and trimming of
surrounding whitespace: one or more ASCII digits, optionally followed by a point and one or two
ASCII digits. Everything else is rejected with a message naming the problem: empty text,
thousands separators, signs, exponents, a third decimal, a point without digits on one side,
the ideographic full stop ``。`` used as a point, and digits of other scripts.
"""

from __future__ import annotations

import decimal
import re
import unicodedata
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal

from .errors import InputError, UnsupportedType, shown

__all__ = ["CONTEXT", "MAX_INPUT_LENGTH", "exact_hundredths", "parse_hundredths", "plain_hundredths"]

#: A private decimal context: wide enough to be exact for every accepted value, traps every
#: error, rounds 四舍五入. No caller's ``decimal.localcontext`` can change a result.
CONTEXT = decimal.Context(
    prec=60,
    rounding=ROUND_HALF_UP,
    Emin=-999999,
    Emax=999999,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)
_HUNDREDTH = Decimal("0.01")


def exact_hundredths(value: Decimal) -> int | None:
    """Integer hundredths of a finite Decimal of at most 40 integer digits, or None if the
    value has a non-zero digit beyond the second decimal."""
    quantized = value.quantize(_HUNDREDTH, context=CONTEXT)
    if quantized != value:
        return None
    return int(quantized.scaleb(2, CONTEXT))

#: Longest text the parsers look at; longer input is rejected before any other work.
MAX_INPUT_LENGTH = 64

_GRAMMAR = re.compile(r"([0-9]+)(?:\.([0-9]{1,2}))?")
_DIAGNOSES: tuple[tuple[re.Pattern[str], str, str], ...] = (
    # an exponent first: the sign of "1E+5" or "1e-3" belongs to the exponent, it is not the number's
    (re.compile(r"[0-9.][eE][+\-−]?[0-9]"), "不能用科学计数法（如 1e6），请写出全部数字",
     "exponent notation is not allowed; write all digits out"),
    (re.compile(r"[,，、'_ ]"), "不能含千位分隔符或空格，请只输入数字和小数点，如 3000000.00",
     "thousands separators and inner spaces are not allowed; type digits and a point only"),
    (re.compile(r"[+\-−]"), "不能含正负号，金额和比例都不能为负",
     "signs are not allowed; amounts and ratios are never negative"),
    # an exponent without its digits ("1e", "1.5E+"): a number's text with one e in it; a word that
    # merely contains an e ("ten") is not exponent notation
    (re.compile(r"^(?=.*[0-9])[0-9.+\-−]*[eE][0-9.+\-−]*$"),
     "不能用科学计数法（如 1e6），请写出全部数字", "exponent notation is not allowed; write all digits out"),
    (re.compile(r"。"), "小数点请用“.”，不要用句号“。”", "use '.' as the decimal point, not '。'"),
    (re.compile(r"\.[0-9]{3,}$"), "最多保留两位小数，请四舍五入到分（0.01）后再输入",
     "at most two decimals are allowed; round to 0.01 first"),
    (re.compile(r"\..*\."), "只能有一个小数点", "only one decimal point is allowed"),
    (re.compile(r"^\."), "小数点前须有数字，如 0.5", "a digit must precede the point, e.g. 0.5"),
    (re.compile(r"\.$"), "小数点后须有数字，或去掉小数点", "digits must follow the point, or drop it"),
)


def _diagnose(text: str) -> tuple[str, str]:
    for pattern, zh, en in _DIAGNOSES:
        if pattern.search(text):
            return zh, en
    if any(ch.isdigit() for ch in text):
        for ch in text:
            if ch.isdigit() and not "0" <= ch <= "9":
                return (f"含有非阿拉伯数字字符 {ch!r}，请只用 0–9",
                        f"contains the non-ASCII digit {ch!r}; use 0-9 only")
    return ("只能输入数字与小数点，最多两位小数", "only digits and a point with at most two decimals")


def plain_hundredths(text: str, max_integer_digits: int) -> int | None:
    """The usual input, fast: ASCII digits, optionally a point and one or two digits, at most
    ``max_integer_digits`` before the point, nothing around — its hundredths; ``None`` for
    anything else (then :func:`parse_hundredths` decides, with its full diagnosis). Where it
    returns a number, :func:`parse_hundredths` returns the same (a property test checks it)."""
    if text.isascii():
        whole, point, decimals = text.partition(".")
        if whole.isdigit() and len(whole) <= max_integer_digits and (
                not point or (decimals.isdigit() and len(decimals) <= 2)):
            return int(whole + decimals.ljust(2, "0"))
    return None


def parse_hundredths(
    text: object,
    *,
    field: str,
    max_integer_digits: int,
    error: Callable[[str, str, str], InputError],
) -> int:
    """Parse form text into an integer count of hundredths (fen, or 0.01 percent points).

    ``error`` builds the specific error (``InvalidAmount``, ``InvalidRatio``) for ``field``.
    """
    if not isinstance(text, str):
        raise UnsupportedType(field, f"需要文本，收到 {type(text).__name__}",
                              f"expected str, got {type(text).__name__}")
    if len(text) > MAX_INPUT_LENGTH:
        raise error(field, f"输入过长（{len(text)} 个字符，最多 {MAX_INPUT_LENGTH}）",
                    f"input too long ({len(text)} characters, at most {MAX_INPUT_LENGTH})")
    plain = plain_hundredths(text, max_integer_digits)
    if plain is not None:
        return plain
    normal = unicodedata.normalize("NFKC", text).strip()
    if not normal:
        raise error(field, "不能为空，请输入数字", "must not be empty; enter a number")
    match = _GRAMMAR.fullmatch(normal)
    if match is None:
        zh, en = _diagnose(normal)
        raise error(field, f"{zh}（收到 {shown(text)}）", f"{en} (got {shown(text)})")
    whole, decimals = match.group(1), match.group(2) or ""
    whole = whole.lstrip("0") or "0"
    if len(whole) > max_integer_digits:
        raise error(field, f"整数部分最多 {max_integer_digits} 位（收到 {shown(text)}）",
                    f"at most {max_integer_digits} integer digits (got {shown(text)})")
    return int(whole) * 100 + int(decimals.ljust(2, "0"))
