"""序列化 — one cattrs converter turning every value object into JSON-safe data and back, exactly.

* amounts (:class:`~poverty_procurement.money.Yuan`, CNY ``Money``) ↔ text with two decimals
  (``"600000.00"``), never floats; ratios ↔ percent text (``"20.00"``); ``Decimal`` ↔ text;
* dates and datetimes ↔ ISO 8601 text; enums ↔ their stable value;
* ``str``, ``int`` and ``bool`` fields are strict: ``1`` is not silently turned into ``"1"``,
  ``"1"`` or ``1.5`` into ``1``;
* unknown keys are rejected (nothing is silently dropped).

Structuring bad data raises :class:`~poverty_procurement.errors.StructureError` whose ``errors``
lists every offending field path with its message, built with cattrs' own error transformation
(``cattrs.transform_error``). Errors raised by a value object's validators name their field in
the message (attrs validators run in ``__init__``, so cattrs reports them at the object's path).

>>> from poverty_procurement import Yuan, converter, yuan
>>> converter.unstructure(yuan("600000"))
'600000.00'
>>> converter.structure("600000.00", Yuan)
Yuan('600000.00')
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any, TypeVar

import cattrs
from cattrs.errors import BaseValidationError
from cattrs.v import format_exception
from moneyed import Money

from .errors import PovertyProcurementError, StructureError, UnsupportedType, shown
from .money import Yuan, yuan
from .ratio import Ratio

__all__ = ["PPConverter", "converter", "structure", "unstructure"]

T = TypeVar("T")

_MAX_LISTED = 50


def _type_error(expected: str, value: object) -> UnsupportedType:
    zh, _, en = expected.partition("|")
    return UnsupportedType("value", f"应为{zh}，收到 {type(value).__name__} {shown(value)}",
                           f"expected {en or zh}, got {type(value).__name__} {shown(value)}")


def _strict_str(value: object, _: type) -> str:
    if not isinstance(value, str):
        raise _type_error("文本|str", value)
    return value


def _strict_int(value: object, _: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _type_error("整数|int", value)
    return value


def _strict_bool(value: object, _: type) -> bool:
    if not isinstance(value, bool):
        raise _type_error("布尔值 true/false|a bool", value)
    return value


def _amount_text(money: Money) -> str:
    fen = yuan(money).fen
    return f"{fen // 100}.{fen % 100:02d}"


def _structure_amount(value: object, _: type) -> Yuan:
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        raise _type_error("金额文本，如 \"600000.00\"|amount text such as \"600000.00\"", value)
    return yuan(value)


def _structure_ratio(value: object, _: type) -> Ratio:
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        raise _type_error("比例文本，如 \"20.00\"|ratio text such as \"20.00\"", value)
    return Ratio.of(value)


def _structure_decimal(value: object, _: type) -> Decimal:
    if not isinstance(value, str):
        raise _type_error("数字文本|decimal text", value)
    try:
        return Decimal(value[:64])
    except ArithmeticError as error:
        raise _type_error("数字文本|decimal text", value) from error


def _structure_date(value: object, _: type) -> datetime.date:
    if not isinstance(value, str):
        raise _type_error("ISO 日期文本，如 \"2023-03-24\"|an ISO date such as \"2023-03-24\"", value)
    try:
        return datetime.date.fromisoformat(value[:32])
    except ValueError as error:
        raise _type_error("ISO 日期文本，如 \"2023-03-24\"|an ISO date such as \"2023-03-24\"", value) from error


def _structure_datetime(value: object, _: type) -> datetime.datetime:
    if not isinstance(value, str):
        raise _type_error("ISO 时间文本，如 \"2023-03-13T09:30:00+08:00\"|an ISO datetime", value)
    try:
        return datetime.datetime.fromisoformat(value[:64])
    except ValueError as error:
        raise _type_error("ISO 时间文本，如 \"2023-03-13T09:30:00+08:00\"|an ISO datetime", value) from error


def _format(error: BaseException, type_: type | None) -> str:
    if isinstance(error, PovertyProcurementError):
        return str(error)
    return format_exception(error, type_)


class PPConverter(cattrs.Converter):
    """The library's converter: strict hooks, and ``structure`` raises ``StructureError``."""

    def structure(self, obj: Any, cl: Any) -> Any:
        """Structure ``obj`` into ``cl``; bad data raises ``StructureError`` listing every path."""
        try:
            return super().structure(obj, cl)
        except BaseValidationError as error:
            messages = cattrs.transform_error(error, path="$", format_exception=_format)
        except PovertyProcurementError as error:
            messages = [f"{error} @ $"]
        except (TypeError, ValueError, KeyError, AttributeError) as error:
            messages = [f"{format_exception(error, None)} @ $"]
        pairs = tuple(_split(message) for message in messages[:_MAX_LISTED])
        listed = "; ".join(f"{path}: {message}" for path, message in pairs)
        raise StructureError("$", f"数据结构错误：{listed}", f"cannot structure the data: {listed}", pairs)


def _split(message: str) -> tuple[str, str]:
    text, _, path = message.rpartition(" @ ")
    return (path, text) if text else ("$", message)


def _make_converter() -> PPConverter:
    made = PPConverter(detailed_validation=True, forbid_extra_keys=True)
    made.register_structure_hook(str, _strict_str)
    made.register_structure_hook(int, _strict_int)
    made.register_structure_hook(bool, _strict_bool)
    made.register_unstructure_hook(Yuan, _amount_text)
    made.register_unstructure_hook(Money, _amount_text)
    made.register_structure_hook(Yuan, _structure_amount)
    made.register_structure_hook(Money, _structure_amount)
    made.register_unstructure_hook(Ratio, lambda ratio: f"{ratio.basis_points // 100}.{ratio.basis_points % 100:02d}")
    made.register_structure_hook(Ratio, _structure_ratio)
    made.register_unstructure_hook(Decimal, str)
    made.register_structure_hook(Decimal, _structure_decimal)
    made.register_unstructure_hook(datetime.datetime, datetime.datetime.isoformat)
    made.register_structure_hook(datetime.datetime, _structure_datetime)
    made.register_unstructure_hook(datetime.date, datetime.date.isoformat)
    made.register_structure_hook(datetime.date, _structure_date)
    return made


#: The converter: ``converter.unstructure(obj)`` → JSON-safe data; ``converter.structure(data, Cls)``.
converter = _make_converter()


def unstructure(obj: object) -> Any:
    """序列化 — JSON-safe data (dicts, lists, strings, ints, bools, None) for a value object."""
    return converter.unstructure(obj)


def structure(data: object, cls: type[T]) -> T:
    """反序列化 — the value object of type ``cls`` described by ``data``, or ``StructureError``."""
    result: T = converter.structure(data, cls)
    return result
