"""省级行政区 — resolve a province given as 粤 / 广东 / 广东省 / 440000 / 44.

The 31 provincial-level divisions of the mainland (GB/T 2260). Policy parameters are keyed by
province code (``"440000"``); the national level is :data:`NATIONAL` (``"CN"``).
"""

from __future__ import annotations

import functools
import json
import unicodedata
from typing import Any

import attrs

from .data import read_text
from .errors import PolicyDataError, UnknownProvince, UnsupportedType, shown

__all__ = ["NATIONAL", "Province", "abbreviations", "provinces", "resolve_province"]

#: The jurisdiction key of national (全国) policy figures.
NATIONAL = "CN"


def _official(code: str) -> tuple[str, str] | None:
    """(name, short name) of the province ``code`` as the shipped table has them, or None."""
    rows = _building if _building is not None else _table().official
    return rows.get(code)


def _province_code(value: object) -> str:
    if isinstance(value, str) and _official(value) is not None:
        return value
    return resolve_province(value, "province").code  # type: ignore[arg-type]  # checked there


def _named(index: int) -> Any:
    def official(self: Province) -> str:
        return (_official(self.code) or ("", ""))[index]

    return attrs.Factory(official, takes_self=True)


@attrs.frozen
class Province:
    """省级行政区 — a provincial-level division: six-digit code, official and short name.

    Built from any of its spellings — ``Province("粤")``, ``Province("广东")``, ``Province("440000")`` —
    the names then come from the shipped table; names given with the code are checked against it, so
    a ``Province`` whose name contradicts its code is refused (``UnknownProvince``).

    >>> resolve_province("广东")
    Province(code='440000', name='广东省', short_name='广东')
    >>> Province("粤") == Province("440000", "广东省", "广东") == resolve_province("广东省")
    True
    """

    code: str = attrs.field(converter=_province_code)
    name: str = attrs.field(default=_named(0))
    short_name: str = attrs.field(default=_named(1))

    def __attrs_post_init__(self) -> None:
        name, short = _official(self.code) or ("", "")
        if (self.name, self.short_name) != (name, short):
            raise UnknownProvince(
                "province",
                f"省份代码 {self.code} 是{name}（简称{short}），与所给名称 {shown(self.name)}、"
                f"{shown(self.short_name)} 不符；只写名称或代码中的一个即可",
                f"province code {self.code} is {name} ({short}), which contradicts the names given, "
                f"{shown(self.name)} and {shown(self.short_name)}; give the name or the code alone",
            )

    def __str__(self) -> str:
        return self.name


@attrs.frozen
class _Tables:
    index: dict[str, Province]
    official: dict[str, tuple[str, str]]
    abbreviations: dict[str, tuple[str, ...]]


_building: dict[str, tuple[str, str]] | None = None


@functools.cache
def _table() -> _Tables:
    global _building  # noqa: PLW0603 - the rows the Provinces built here are checked against
    raw = json.loads(read_text("provinces.json"))
    rows = [(code, name, short, tuple(more[0]) if more else ()) for code, name, short, *more in raw["provinces"]]
    official: dict[str, tuple[str, str]] = {}
    for code, name, short, _ in rows:
        if code in official:
            raise PolicyDataError("provinces.json", f"重复的省份键 {code}", f"duplicate key {code}")
        official[code] = (name, short)
    index: dict[str, Province] = {}
    _building = official
    try:
        for code, name, short, abbreviations in rows:
            province = Province(code, name, short)
            for key in (code, code[:2], name, short, *abbreviations):
                if key in index:
                    raise PolicyDataError("provinces.json", f"重复的省份键 {key}", f"duplicate key {key}")
                index[key] = province
    finally:
        _building = None
    return _Tables(index, official, {code: more for code, _, _, more in rows})


def provinces() -> tuple[Province, ...]:
    """All 31 provincial-level divisions of the mainland, ordered by code."""
    return tuple(sorted({p.code: p for p in _table().index.values()}.values(), key=lambda p: p.code))


def abbreviations(province: Province) -> tuple[str, ...]:
    """单字简称 — the one-character abbreviations of ``province``, the usual one first.

    >>> abbreviations(resolve_province("广东")), abbreviations(resolve_province("四川"))
    (('粤',), ('川', '蜀'))
    """
    return _table().abbreviations[province.code]


def resolve_province(value: Province | str | int, field: str = "province") -> Province:
    """省份 — the province named by its official name, short name, one-character abbreviation (粤), code
    (440000) or prefix (44).

    >>> resolve_province("440000").name
    '广东省'
    >>> resolve_province(" 广东省 ").code, resolve_province("粤").code
    ('440000', '440000')
    """
    if isinstance(value, Province):
        return value
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise UnsupportedType(field, f"省份须为名称或代码，收到 {type(value).__name__}",
                              f"a province is a name or a code, got {type(value).__name__}")
    if isinstance(value, str):
        text = str.__str__(value)[:40]
    else:  # a plain int's digits, never str() of a subclass or of an int too long to convert
        text = f"{int(value):d}" if -(10**40) < value < 10**40 else ""
    key = unicodedata.normalize("NFKC", text).strip()
    found = _table().index.get(key)
    if found is None:
        raise UnknownProvince(
            field,
            f"未知省份 {shown(value)}，请用“广东省”“广东”“粤”或代码“440000”这样的写法",
            f"unknown province {shown(value)}; write it as 广东省, 广东, 粤 or 440000",
        )
    return found
