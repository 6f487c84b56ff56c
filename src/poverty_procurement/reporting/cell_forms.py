"""单元格的读法 — one cell of an office file read by its column's
:class:`~poverty_procurement.reporting.columns.ValueForm`, as :mod:`~poverty_procurement.reporting.office` describes:
amounts (``3,000,000.00``, ``３００００００``, ``3000000元``), ratios in percent, 是/否, choices by label or value,
years, times, codes that Excel may have rewritten, text. A cell that cannot be read raises :class:`BadCell`
with what is wrong; the table adds the row, the column as written and the expected form.

>>> from poverty_procurement.reporting.columns import sheet_for_kind
>>> read_cell(sheet_for_kind("filings").column("年度食堂食材采购总额"), "3,000,000元", False, [])
'3000000.00'
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Callable
from decimal import Decimal

from ..errors import InvalidAmount, InvalidRatio
from ..form_grammar import CONTEXT
from ..money import parse_amount
from ..ratio import parse_ratio
from .columns import Column, ValueForm

__all__ = ["PLAIN_AMOUNT", "BadCell", "cell_text", "read_cell"]

_YES = frozenset({"是", "有", "y", "yes", "true", "1", "√"})
_NO = frozenset({"否", "无", "没有", "n", "no", "false", "0", "×"})
_GROUPED = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?$")
_TIME = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?"
                   r"(?:[ T]+(\d{1,2})[:时](\d{1,2})(?:[:分](\d{1,2})秒?)?)?$")
_EXCEL_LONG_NUMBER = re.compile(r"\d(?:\.\d+)?[eE]\+\d+")


class BadCell(Exception):
    """A cell that cannot be read: ``(zh, en)`` of what is wrong (the expected form is added)."""


def cell_text(value: object) -> str:  # noqa: PLR0911 -- one return per kind of cell
    """单元格文本 — a cell as text: ``None`` is empty, an integral number has no ``.0``, a time is ISO.

    >>> cell_text(44010000.0), cell_text(None), cell_text(datetime.datetime(2023, 3, 13, 10, 0))
    ('44010000', '', '2023-03-13 10:00:00')
    """
    if type(value) is str:  # the common case (every CSV cell): the text itself
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return float.__repr__(value)
    if isinstance(value, datetime.datetime):
        return value.isoformat(" ")
    return str(value)


def _number(text: str) -> str:
    """The digits of an office number: NFKC, no spaces, thousands commas and a trailing 元 removed."""
    text = unicodedata.normalize("NFKC", text).strip().replace(" ", "")
    text = text.removesuffix("元").removeprefix("¥").removeprefix("￥")
    if _GROUPED.match(text):
        text = text.replace(",", "")
    return text


#: An amount cell of plain digits (at most twelve) and at most two decimals: it reads as the same text would in
#: :func:`~poverty_procurement.money.yuan` (leading zeros and a missing second decimal change nothing).
PLAIN_AMOUNT = re.compile(r"([0-9]{1,12})(?:\.([0-9]{1,2}))?")


def _amount(value: object) -> str:
    if type(value) is str:
        plain = PLAIN_AMOUNT.fullmatch(value)
        if plain is not None:  # plain digits: what parse_amount reads them as, without its other steps
            whole, cents = plain.groups()
            return f"{int(whole)}.{(cents or '').ljust(2, '0')}"
    if isinstance(value, float):  # an Excel number: its shortest decimal text, never the binary float
        value = float.__repr__(value)
    text = _number(cell_text(value))
    if "e" in text.lower():
        raise BadCell("金额写成了科学计数法，请把单元格设为数字格式并显示完整数字", "an amount in scientific notation")
    try:
        amount = parse_amount(text)
    except InvalidAmount as error:
        raise BadCell(error.zh, error.en) from None
    return f"{amount.fen // 100}.{amount.fen % 100:02d}"


def _ratio(value: object, percent_format: bool, warn: list[tuple[str, str]]) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and percent_format:
        # an .xlsx cell shown as 30%: its value is 0.3, read as its shortest decimal text (as _amount does),
        # never as the binary float; scaled in the library's own decimal context (a NaN or an infinity
        # stays one, and is refused by parse_ratio below)
        exact = Decimal(float.__repr__(value)) if isinstance(value, float) else Decimal(int(value))
        text = format(exact.scaleb(2, CONTEXT).normalize(CONTEXT), "f")
        sign = True
    else:
        text = _number(cell_text(value))
        sign = text.endswith("%")
        text = text.removesuffix("%")
    try:
        ratio = parse_ratio(text)
    except InvalidRatio as error:
        raise BadCell(error.zh, error.en) from None
    if not sign and 0 < ratio.basis_points < 100:
        meant = format(Decimal(text).scaleb(2, CONTEXT).normalize(CONTEXT), "f")
        warn.append((f"{text} 按 {text}% 读入；如果想填 {meant}%，请写 {meant} 或 {meant}%",
                     f"{text} is read as {text}%; if {meant}% was meant, write {meant} or {meant}%"))
    points = ratio.basis_points
    return f"{points // 100}.{points % 100:02d}"


def _yes_no(value: object) -> bool:
    text = unicodedata.normalize("NFKC", cell_text(value)).strip().lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise BadCell("不是 是 或 否", "not 是 or 否")


#: Per column of choices: (English value → first index, label → first index, label without spaces → first index).
_CHOICE_KEYS: dict[tuple[tuple[str, str], ...], tuple[dict[str, int], dict[str, int], dict[str, int]]] = {}


def _choice_keys(choices: tuple[tuple[str, str], ...]) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    keys = _CHOICE_KEYS.get(choices)
    if keys is None:
        english: dict[str, int] = {}
        labels: dict[str, int] = {}
        bare: dict[str, int] = {}
        for index, (value, label) in enumerate(choices):
            normal = unicodedata.normalize("NFKC", label)
            english.setdefault(value, index)
            labels.setdefault(normal, index)
            bare.setdefault(normal.replace(" ", ""), index)
        keys = _CHOICE_KEYS[choices] = (english, labels, bare)
    return keys


def _choice(column: Column, value: object) -> str:
    """The English value of the first choice whose value (any case) or label (NFKC, spaces or not) ``value`` is."""
    text = unicodedata.normalize("NFKC", cell_text(value)).strip()
    english, labels, bare = _choice_keys(column.choices)
    found = [index for index in (english.get(text.lower()), labels.get(text), bare.get(text.replace(" ", "")))
             if index is not None]
    if found:
        return column.choices[min(found)][0]
    raise BadCell("不是可选的值", "not one of the choices")


def _year(value: object) -> int:
    text = _number(cell_text(value)).removesuffix("年")
    if text.isascii() and text.isdigit() and len(text) == 4:
        return int(text)
    raise BadCell("不是四位年份", "not a four-digit year")


def _time(value: object) -> str:
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        value = datetime.datetime.combine(value, datetime.time())
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    text = unicodedata.normalize("NFKC", cell_text(value)).strip()
    found = _TIME.match(text)
    if found is None:
        try:
            return datetime.datetime.fromisoformat(text).isoformat()
        except ValueError:
            raise BadCell("不是日期时间", "not a date and time") from None
    year, month, day, hour, minute, second = (int(part) if part else 0 for part in found.groups())
    try:
        return datetime.datetime(year, month, day, hour, minute, second).isoformat()
    except ValueError:
        raise BadCell("不是存在的日期时间", "not a real date and time") from None


def _code(value: object) -> str:
    if isinstance(value, float) and not (value.is_integer() and abs(value) < 1e15):
        raise BadCell("数字过长已被 Excel 改写（如 6.22E+18），请把该列设为文本格式后重新输入",
                   "a long number was rewritten by Excel (like 6.22E+18): format the column as text and type it again")
    text = cell_text(value).strip()
    if "+" in text and _EXCEL_LONG_NUMBER.fullmatch(text):
        raise BadCell(f"{text} 是被 Excel 改写的长数字，请把该列设为文本格式后重新输入",
                   f"{text} is a long number Excel rewrote: format the column as text and type it again")
    return text


_READERS: dict[ValueForm, Callable[[object], object]] = {
    ValueForm.AMOUNT: _amount, ValueForm.YES_NO: _yes_no, ValueForm.YEAR: _year, ValueForm.TIME: _time,
    ValueForm.CODE: _code, ValueForm.TEXT: cell_text}


def read_cell(column: Column, value: object, percent_format: bool, warn: list[tuple[str, str]]) -> object:
    if column.form is ValueForm.RATIO:
        return _ratio(value, percent_format, warn)
    if column.form is ValueForm.CHOICE:
        return _choice(column, value)
    return _READERS[column.form](value)
