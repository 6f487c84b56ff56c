"""共用约定 — the conventions every area shares: labelled enums, Beijing time, the year check.

One home for each convention, so that no area spells it its own way:

* :class:`LabelledEnum` — every enumeration of the library. A member's value is its name in
  lower-case kebab form (``Placer.CANTEEN_CONTRACTOR.value == "canteen-contractor"``), the same
  spelling as every other machine code the library emits (violation codes such as
  ``ratio-below-minimum``), stable across releases because files and JSON carry it; its Chinese
  label, the platform's own wording, is ``.zh`` (the same attribute name as an error's Chinese
  message).
* :data:`BEIJING` and :func:`beijing` — the platform runs on Beijing time (UTC+8, no daylight
  saving). A *naive* ``datetime`` is read as Beijing time, never as the machine's local time;
  an aware one is converted. Every rule that compares a moment with a day (a deadline, a year,
  a working day) goes through :func:`beijing`.
* :func:`check_year` — a budget year is an ``int`` (not a ``bool``) between
  :data:`MIN_YEAR` and :data:`MAX_YEAR`.
* :class:`PicklesReadOnlyMappings` — a frozen value whose read-only mappings
  (``types.MappingProxyType``, which the standard ``pickle`` refuses) still pickles to an equal value.
* :func:`require` and :func:`require_each` — a public rule checks the type of the value object
  (or of each item of the iterable) it is given, and a wrong one is the library's
  :class:`~poverty_procurement.errors.UnsupportedType` naming the field, never Python's
  ``AttributeError`` from deep inside the rule.

>>> class Colour(LabelledEnum):
...     DARK_RED = ("dark-red", "深红")
>>> Colour("dark-red").zh, str(Colour.DARK_RED)
('深红', 'dark-red')
>>> beijing(datetime.datetime(2023, 3, 24, 16, tzinfo=datetime.timezone.utc))
datetime.datetime(2023, 3, 25, 0, 0)
>>> check_year(2023)
2023
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Iterable, Iterator
from types import MappingProxyType
from typing import Any, TypeVar

from .errors import InputError, UnsupportedType, shown

# Not ``from typing import TYPE_CHECKING``: this module is on the import path of every value object.
TYPE_CHECKING = False

__all__ = ["BEIJING", "MAX_YEAR", "MIN_YEAR", "LabelledEnum", "PicklesReadOnlyMappings", "beijing", "beijing_date",
           "check_year", "require", "require_each"]

_T = TypeVar("_T")

#: 北京时间 — the platform's time zone (UTC+8, no daylight saving).
BEIJING = datetime.timezone(datetime.timedelta(hours=8), "UTC+08:00")
#: The first budget year the library accepts (a bound on input, not a claim that data exists).
MIN_YEAR = 2000
#: The last budget year the library accepts.
MAX_YEAR = 2100


def _enum_field(cls: type) -> str:
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in cls.__name__).lstrip("_")


class _LabelledEnumType(enum.EnumMeta):
    """Looks a member up only by text: anything else is the library's error before ``Enum``'s own
    lookup, which would ``repr()`` the value (a huge int raises ``ValueError`` there)."""

    def __call__(cls, value: Any, *args: Any, **kwargs: Any) -> Any:
        if not args and not kwargs and not isinstance(value, str):
            accepted = "、".join(str(member.value) for member in cls)  # type: ignore[var-annotated]
            raise InputError(_enum_field(cls), f"{cls.__name__}须为文本，收到 {type(value).__name__}，可用：{accepted}",
                             f"a {cls.__name__} is text, got {type(value).__name__}; one of: {accepted}")
        return super().__call__(value, *args, **kwargs)


class LabelledEnum(str, enum.Enum, metaclass=_LabelledEnumType):
    """带中文名称的枚举 — a string enum whose members carry the platform's Chinese label as ``zh``.

    Members are declared as ``NAME = ("name", "中文")``; the value must be the name in lower-case
    kebab form (a test checks every enumeration of the package, so no area drifts to another spelling).
    Looking a member up by anything but text (``Colour(10**5000)``) raises the library's
    :class:`~poverty_procurement.errors.InputError`, like an unknown text does.
    """

    zh: str

    if TYPE_CHECKING:  # to a type checker, calling the class looks a member up by its value
        def __new__(cls, value: str) -> LabelledEnum: ...
    else:
        def __new__(cls, value: str, zh: str) -> LabelledEnum:
            member = str.__new__(cls, value)
            member._value_ = value
            member.zh = zh
            return member

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _missing_(cls, value: object) -> LabelledEnum:
        # An unknown value is bad input: the library's own error, naming the accepted values.
        field = _enum_field(cls)
        accepted = "、".join(str(member.value) for member in cls)
        raise InputError(field, f"不是有效的{cls.__name__}（收到 {shown(value)}），可用：{accepted}",
                         f"not a valid {cls.__name__} (got {shown(value)}); one of: {accepted}")


def beijing(moment: datetime.datetime) -> datetime.datetime:
    """北京时间 — the moment as naive Beijing time: aware datetimes are converted, naive ones are
    taken as already being Beijing time (never the machine's local time)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        return moment
    return moment.astimezone(BEIJING).replace(tzinfo=None)


def beijing_date(moment: datetime.datetime) -> datetime.date:
    """The calendar day of a moment in Beijing (naive means Beijing time)."""
    return beijing(moment).date()


def check_year(year: object, field: str = "year") -> int:
    """年度 — a year as an ``int`` between :data:`MIN_YEAR` and :data:`MAX_YEAR`, or a clear error.

    >>> check_year(True)
    Traceback (most recent call last):
    ...
    poverty_procurement.errors.UnsupportedType: year: 年度须为整数，收到 bool | the year must be an int, got bool
    """
    if isinstance(year, bool) or not isinstance(year, int):
        raise UnsupportedType(field, f"年度须为整数，收到 {type(year).__name__}",
                              f"the year must be an int, got {type(year).__name__}")
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise InputError(field, f"年度 {shown(year)} 不在 {MIN_YEAR}–{MAX_YEAR} 之间",
                         f"year {shown(year)} is not in {MIN_YEAR}-{MAX_YEAR}")
    return year


class PicklesReadOnlyMappings:
    """可 pickle 的只读映射 — a mixin: a frozen attrs value holding ``types.MappingProxyType`` pickles.

    The library hands out read-only mappings (``MappingProxyType``) so that a result cannot be
    changed after the fact, but the standard :mod:`pickle` refuses them (``cannot pickle
    'mappingproxy' object``), and a process pool, Dask or Spark must pickle results to move them.
    A class deriving from this mixin pickles each read-only mapping as a plain ``dict`` and wraps
    it again when unpickled (without re-running its validators: the value was valid when built),
    so the copy compares equal and is read-only again. Fields are read through ``attrs``.

    >>> import pickle
    >>> from poverty_procurement.filings import Totals
    >>> again = pickle.loads(pickle.dumps(Totals.empty()))
    >>> again == Totals.empty(), type(again.arrangements).__name__
    (True, 'mappingproxy')
    """

    __slots__ = ()

    def __reduce__(self) -> tuple[Any, ...]:
        import attrs  # not at module level: importing the package must not load attrs

        names = tuple(field.name for field in attrs.fields(type(self)))  # type: ignore[arg-type]
        values = [getattr(self, name) for name in names]
        proxies = tuple(number for number, value in enumerate(values) if type(value) is MappingProxyType)
        for number in proxies:
            values[number] = dict(values[number])
        return _rebuild, (type(self), names, tuple(values), proxies)


def _rebuild(cls: type[Any], names: tuple[str, ...], values: tuple[Any, ...], proxies: tuple[int, ...]) -> Any:
    """Unpickle a :class:`PicklesReadOnlyMappings` value: set its fields, the mappings read-only again."""
    value = object.__new__(cls)
    wrapped = set(proxies)
    for number, (name, field_value) in enumerate(zip(names, values, strict=True)):
        object.__setattr__(value, name, MappingProxyType(field_value) if number in wrapped else field_value)
    return value


def _kind_name(kind: type | tuple[type, ...]) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " 或 ".join(k.__name__ for k in kinds)


def require(value: object, kind: type[_T] | tuple[type[_T], ...], field: str) -> _T:
    """参数类型检查 — ``value`` if it is a ``kind``, else the library's error naming ``field``.

    The error is :class:`~poverty_procurement.errors.UnsupportedType`.

    >>> require(3, str, "filing")
    Traceback (most recent call last):
    ...
    poverty_procurement.errors.UnsupportedType: filing: 需要 str，收到 int | expected a str, got int
    >>> require("3", int, "count")
    Traceback (most recent call last):
    ...
    poverty_procurement.errors.UnsupportedType: count: 需要 int，收到 str | expected an int, got str
    """
    if isinstance(value, kind):
        return value
    name = _kind_name(kind)
    english = name.replace(" 或 ", " or ")
    article = "an" if english[:1] in "AEIOUaeiou" else "a"
    raise UnsupportedType(field, f"需要 {name}，收到 {type(value).__name__}",
                          f"expected {article} {english}, got {type(value).__name__}")


def require_each(values: object, kind: type[_T] | tuple[type[_T], ...], field: str) -> Iterator[_T]:
    """逐项类型检查 — the items of ``values``, each checked to be a ``kind`` as it is reached.

    ``values`` must be iterable (checked now); a wrong item raises
    :class:`~poverty_procurement.errors.UnsupportedType` naming ``field[index]``. Lazy, so a
    stream stays a stream.

    >>> list(require_each(["a", 2], str, "names"))
    Traceback (most recent call last):
    ...
    poverty_procurement.errors.UnsupportedType: names[1]: 需要 str，收到 int | expected a str, got int
    """
    if not isinstance(values, Iterable):
        name = _kind_name(kind)
        raise UnsupportedType(field, f"需要 {name} 的序列，收到 {type(values).__name__}",
                              f"expected an iterable of {name.replace(' 或 ', ' or ')}, got {type(values).__name__}")
    return _each(iter(values), kind, field)


def _each(items: Iterator[object], kind: type[_T] | tuple[type[_T], ...], field: str) -> Iterator[_T]:
    for index, item in enumerate(items):
        # the field's name (``orders[3]``) made only for the error: this runs once per order of a report
        yield item if isinstance(item, kind) else require(item, kind, f"{field}[{index}]")
