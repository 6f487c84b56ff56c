"""序列化 — one cattrs converter turning every value object into JSON-safe data and back, exactly.

* amounts (:class:`~poverty_procurement.money.Yuan`, CNY ``Money``) ↔ text with two decimals
  (``"600000.00"``), never floats; ratios ↔ percent text (``"20.00"``); ``Decimal`` ↔ text;
* dates and datetimes ↔ ISO 8601 text; enums ↔ their stable value; bytes ↔ base64 text;
* a province ↔ its official name (``"广东省"``); read from any spelling the constructors take
  (``"粤"``, ``"广东"``, ``"440000"``, ``440000``) or from the object ``{"code", "name",
  "short_name"}``, whose names are checked against the code;
* derived amounts (a filing's ``reserved_share``, a union budget's ``expected``) are written out
  and, when read back, checked against the formula like any claimed figure;
* ``str``, ``int`` and ``bool`` fields are strict: ``1`` is not silently turned into ``"1"``,
  ``"1"`` or ``1.5`` into ``1``;
* unknown keys are rejected (nothing is silently dropped);
* a :class:`~poverty_procurement.model.filing.Filing` and an :class:`~poverty_procurement.model.order.Order`
  are written and read as the flat records of the data files the command line reads — one dialect
  (:mod:`poverty_procurement.dialect`, with its JSON Schema).

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

import base64
import binascii
import datetime
import enum
from collections.abc import Callable
from decimal import Decimal
from typing import Any, TypeVar

import attrs
import cattrs
from cattrs.errors import BaseValidationError, ForbiddenExtraKeysError
from cattrs.v import format_exception
from moneyed import Money

from .citation import Citation
from .errors import InputError, PovertyProcurementError, StructureError, UnsupportedType, shown
from .jurisdictions import Province, resolve_province
from .money import Yuan, yuan
from .ratio import Ratio

__all__ = ["PPConverter", "converter", "structure", "unstructure"]

T = TypeVar("T")

_MAX_LISTED = 50
# base64 of the largest voucher head kept (and then some): 1,000,000 characters
_MAX_BASE64 = 1_000_000


def _type_error(expected: str, value: object) -> UnsupportedType:
    zh, _, en = expected.partition("|")
    return UnsupportedType("value", f"应为{zh}，收到 {type(value).__name__} {shown(value)}",
                           f"expected {en or zh}, got {type(value).__name__} {shown(value)}")


def _bounded(value: str, limit: int, what: str, english: str) -> str:
    """``value`` whole, or an error: text longer than ``limit`` is refused, never cut (a cut
    could drop a datetime's offset or a number's last digits and change what it means)."""
    if len(value) > limit:
        raise InputError("value", f"{what}过长（{len(value):,} 个字符，最多 {limit:,}）",
                         f"the {english} text is too long ({len(value):,} characters, at most {limit:,})")
    return value


def _strict_str(value: object, cl: type) -> Any:
    if cl is not str and _is_enum(cl):  # singledispatch sends str-based enums here too
        return _structure_enum(value, cl)
    if not isinstance(value, str):
        raise _type_error("文本|str", value)
    return value


def _strict_int(value: object, cl: type) -> Any:
    if cl is not int and _is_enum(cl):  # singledispatch sends int-based enums here too
        return _structure_enum(value, cl)
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


@attrs.frozen
class _CitationFields:  # the fields of Citation (a plain class since issue 18) for cattrs
    document: str
    clause: str = ""
    quote: str = ""
    source: str = ""
    confidence: str = "authoritative"


_CitationFields.__name__ = _CitationFields.__qualname__ = "Citation"  # errors name the class the user knows


def _structure_ratio(value: object, _: type) -> Ratio:
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        raise _type_error("比例文本，如 \"20.00\"|ratio text such as \"20.00\"", value)
    return Ratio.of(value)


def _structure_decimal(value: object, _: type) -> Decimal:
    if not isinstance(value, str):
        raise _type_error("数字文本|decimal text", value)
    try:
        return Decimal(_bounded(value, 64, "数字", "decimal"))
    except ArithmeticError as error:
        raise _type_error("数字文本|decimal text", value) from error


def _structure_date(value: object, _: type) -> datetime.date:
    if not isinstance(value, str):
        raise _type_error("ISO 日期文本，如 \"2023-03-24\"|an ISO date such as \"2023-03-24\"", value)
    try:
        return datetime.date.fromisoformat(_bounded(value, 32, "日期", "date"))
    except ValueError as error:
        raise _type_error("ISO 日期文本，如 \"2023-03-24\"|an ISO date such as \"2023-03-24\"", value) from error


def _structure_datetime(value: object, _: type) -> datetime.datetime:
    if not isinstance(value, str):
        raise _type_error("ISO 时间文本，如 \"2023-03-13T09:30:00+08:00\"|an ISO datetime", value)
    try:
        return datetime.datetime.fromisoformat(_bounded(value, 64, "时间", "datetime"))
    except ValueError as error:
        raise _type_error("ISO 时间文本，如 \"2023-03-13T09:30:00+08:00\"|an ISO datetime", value) from error


def _structure_bytes(value: object, _: type) -> bytes:
    if not isinstance(value, str):
        raise _type_error("base64 文本|base64 text", value)
    try:
        return base64.b64decode(_bounded(value, _MAX_BASE64, "base64 ", "base64"), validate=True)
    except (binascii.Error, ValueError) as error:
        raise _type_error("base64 文本|base64 text", value) from error


def _structure_province(value: object, _: type) -> Province:
    """A province as the constructors take it: 粤 / 广东 / 广东省 / 440000, or the object form
    ``{"code", "name", "short_name"}`` (names checked against the code)."""
    if isinstance(value, dict):
        unknown = sorted(str(key)[:40] for key in value if key not in ("code", "name", "short_name"))
        if unknown or "code" not in value:
            raise UnsupportedType("province",
                                  f"省份对象须有 code，可有 name、short_name，收到键 {shown(sorted(value))}",
                                  f"a province object has a code and optionally name and short_name, got "
                                  f"the keys {shown(sorted(value))}")
        return Province(**value)
    if isinstance(value, (str, int)):
        return resolve_province(value, "province")
    raise _type_error("省份名称或代码，如 \"广东\"、\"440000\"|a province name or code such as \"广东\"", value)


def _is_enum(cl: object) -> bool:
    return isinstance(cl, type) and issubclass(cl, enum.Enum)


def _enum_value(value: Any) -> Any:
    return value.value if isinstance(value, enum.Enum) else value


def _structure_enum(value: object, cl: type[enum.Enum]) -> enum.Enum:
    for member in cl:
        if type(value) is type(member.value) and value == member.value:
            return member
    allowed = ", ".join(repr(member.value) for member in cl)
    raise UnsupportedType("value", f"{cl.__name__} 的取值应为 {allowed} 之一，收到 {shown(value)}",
                          f"a {cl.__name__} is one of {allowed}, got {shown(value)}")


def _format(error: BaseException, type_: type | None) -> str:
    """One error's message, in Chinese and English; cattrs' own English only for what it alone knows."""
    if isinstance(error, PovertyProcurementError):
        return str(error)
    if isinstance(error, ForbiddenExtraKeysError):
        extra = "、".join(sorted(str(key)[:40] for key in error.extra_fields)[:10])
        allowed = "、".join(field.name.lstrip("_") for field in attrs.fields(error.cl)) if attrs.has(error.cl) else ""
        return (f"未知的键：{extra}" + (f"（可用的键：{allowed}）" if allowed else "")
                + f" | unknown keys: {', '.join(sorted(str(key)[:40] for key in error.extra_fields)[:10])}")
    if isinstance(error, KeyError):
        return "缺少必填的键 | required field missing"
    return format_exception(error, type_)


def _structure_object(cl: Any, made: PPConverter) -> Callable[[Any, type], Any]:
    """The structure function of the attrs class ``cl``: a JSON object of its fields, anything else refused
    in plain words (never "'str' object has no attribute 'keys'")."""
    generated = made.gen_structure_attrs_fromdict(_resolved(cl))

    def structure(value: Any, target: type) -> Any:
        if not isinstance(value, dict):
            raise _type_error(f"对象（{cl.__name__} 的各字段）|an object with the fields of {cl.__name__}", value)
        return generated(value, target)

    return structure


class PPConverter(cattrs.Converter):
    """The library's converter: strict hooks, and ``structure`` raises ``StructureError``."""

    def structure(self, obj: Any, cl: Any) -> Any:
        """Structure ``obj`` into ``cl``; bad data raises ``StructureError`` listing every path (the typed
        entry, ``type[T] -> T``, is the module's :func:`structure`)."""
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
    made.register_structure_hook_func(_is_enum, _structure_enum)
    made.register_unstructure_hook_func(_is_enum, _enum_value)
    made.register_unstructure_hook(str, _enum_value)  # str-based enums dispatch as str
    made.register_unstructure_hook(int, _enum_value)
    made.register_unstructure_hook(Yuan, _amount_text)
    made.register_unstructure_hook(Money, _amount_text)
    made.register_structure_hook(Yuan, _structure_amount)
    made.register_structure_hook(Money, _structure_amount)
    made.register_unstructure_hook(Ratio, lambda ratio: f"{ratio.basis_points // 100}.{ratio.basis_points % 100:02d}")
    made.register_structure_hook(Ratio, _structure_ratio)
    made.register_unstructure_hook(Citation, Citation.as_dict)
    made.register_structure_hook(Citation,
                                 lambda value, _: Citation(*attrs.astuple(made.structure(value, _CitationFields))))
    made.register_unstructure_hook(Decimal, str)
    made.register_structure_hook(Decimal, _structure_decimal)
    made.register_unstructure_hook(datetime.datetime, datetime.datetime.isoformat)
    made.register_structure_hook(datetime.datetime, _structure_datetime)
    made.register_unstructure_hook(datetime.date, datetime.date.isoformat)
    made.register_structure_hook(datetime.date, _structure_date)
    made.register_unstructure_hook(Province, lambda province: province.name)
    made.register_structure_hook(Province, _structure_province)
    made.register_unstructure_hook(bytes, lambda data: base64.b64encode(data).decode("ascii"))
    made.register_structure_hook(bytes, _structure_bytes)
    # Annotations are strings (``from __future__ import annotations``): resolve them before
    # cattrs generates the per-class functions, or enum and nested fields pass through raw.
    made.register_structure_hook_factory(attrs.has, lambda cl: _structure_object(cl, made))
    made.register_unstructure_hook_factory(attrs.has, lambda cl: made.gen_unstructure_attrs_fromdict(_resolved(cl)))
    _derived_amount_hooks(made)
    from .dialect import register_record_hooks

    register_record_hooks(made)
    return made


def _resolved(cl: Any) -> Any:
    return attrs.resolve_types(cl)


def _derived_amount_hooks(made: PPConverter) -> None:
    """Write a derived amount under its public name and read it back as the claimed figure."""
    from .model.filing import UnionBudget

    for cls, private, public in ((UnionBudget, "_claimed_expected", "expected"),):
        overrides: dict[str, Any] = {private: cattrs.gen.override(rename=public)}
        made.register_structure_hook(
            cls, cattrs.gen.make_dict_structure_fn(_resolved(cls), made, _cattrs_forbid_extra_keys=True,
                                                   _cattrs_detailed_validation=True, **overrides))
        made.register_unstructure_hook(cls, _with_derived(
            cattrs.gen.make_dict_unstructure_fn(_resolved(cls), made, **overrides), public))


def _with_derived(base: Callable[[Any], dict[str, Any]], public: str) -> Callable[[Any], dict[str, Any]]:
    def unstructure(value: Any) -> dict[str, Any]:
        data = base(value)
        data[public] = _amount_text(getattr(value, public))
        return data
    return unstructure


#: The converter: ``converter.unstructure(obj)`` → JSON-safe data; ``converter.structure(data, Cls)``.
converter = _make_converter()


def unstructure(obj: object) -> Any:
    """序列化 — JSON-safe data (dicts, lists, strings, ints, bools, None) for a value object."""
    return converter.unstructure(obj)


def structure(data: object, cls: type[T]) -> T:
    """反序列化 — the value object of type ``cls`` described by ``data``, or ``StructureError``."""
    result: T = converter.structure(data, cls)
    return result
