"""标识符共用校验 — shared helpers of the identifier modules (private to identifiers/)."""

from __future__ import annotations

import datetime
import functools
import unicodedata

from ..errors import (
    InvalidIdentifierComponent,
    InvalidIdentifierFormat,
    InvalidIdentifierLength,
    UnsupportedType,
    shown,
)

#: Longest text any identifier function looks at; longer input is rejected before other work.
MAX_IDENTIFIER_INPUT = 64



def clean(value: object, field: str) -> str:
    """NFKC-normalise (full-width to ASCII), drop spaces, tabs, hyphens and underscores.

    Rejects non-text with ``UnsupportedType`` and text longer than :data:`MAX_IDENTIFIER_INPUT`.
    """
    if not isinstance(value, str):
        raise UnsupportedType(field, f"编号须为文本，收到 {type(value).__name__}",
                              f"an identifier must be str, got {type(value).__name__}")
    if len(value) > MAX_IDENTIFIER_INPUT:
        raise InvalidIdentifierLength(
            field, f"输入过长（{len(value)} 个字符，最多 {MAX_IDENTIFIER_INPUT}）",
            f"input too long ({len(value)} characters, at most {MAX_IDENTIFIER_INPUT})")
    # four str.replace calls rather than str.translate with a deletion table: translate looks every
    # character up in the table (about 1 µs for an 18-character number), replace scans in C (same result)
    text = unicodedata.normalize("NFKC", value)
    return text.replace(" ", "").replace("\t", "").replace("-", "").replace("_", "")


def check_digits(text: str, field: str, what_zh: str, what_en: str) -> None:
    """Raise ``InvalidIdentifierFormat`` unless ``text`` is ASCII digits only."""
    if not (text.isascii() and text.isdigit()):
        raise InvalidIdentifierFormat(field, f"{what_zh}只能由数字 0–9 组成（收到 {shown(text)}）",
                                      f"{what_en} must be ASCII digits 0-9 only (got {shown(text)})")


def check_length(text: str, field: str, low: int, high: int, *, zh: str, en: str) -> None:
    """Raise ``InvalidIdentifierLength`` unless ``low <= len(text) <= high``."""
    if not low <= len(text) <= high:
        want_zh = f"{low}" if low == high else f"{low}–{high}"
        raise InvalidIdentifierLength(
            field, f"{zh}应为 {want_zh} 位，收到 {len(text)} 位（{shown(text)}）",
            f"{en} must have {want_zh} characters, got {len(text)} ({shown(text)})")


def date_in(digits: str, field: str, *, zh: str, en: str) -> datetime.date:
    """The ``yyyymmdd`` date at the start of ``digits``; ``InvalidIdentifierComponent`` if not a real date."""
    try:
        return datetime.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        raise InvalidIdentifierComponent(
            field, f"{zh}中的日期 {digits[:8]} 不存在，请核对{zh}",
            f"the date {digits[:8]} in {en} does not exist; check {en}") from None


@functools.lru_cache(maxsize=4096)
def real_date(digits: str) -> bool:
    """Whether the eight ASCII digits ``digits`` (``yyyymmdd``) are a real date (remembered: dates repeat)."""
    try:
        datetime.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return False
    return True


def validate_dated(text: str, field: str, *, prefix: str, length: int, zh: str, en: str) -> str:
    """Check a compact ``prefix`` + ``yyyymmdd`` + serial number (order and confirmation numbers)."""
    check_length(text, field, length, length, zh=zh, en=en)
    if not text.startswith(prefix):
        raise InvalidIdentifierFormat(field, f"{zh}以 {prefix} 开头（收到 {shown(text)}）",
                                      f"{en} starts with {prefix} (got {shown(text)})")
    check_digits(text[len(prefix):], field, f"{zh} {prefix} 之后", f"the part after {prefix}")
    date_in(text[len(prefix):], field, zh=zh, en=en)
    return text
