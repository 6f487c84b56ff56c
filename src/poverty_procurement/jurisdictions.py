"""省级行政区 — resolve a province given as 广东 / 广东省 / 440000 / 44.

The 31 provincial-level divisions of the mainland (GB/T 2260). Policy parameters are keyed by
province code (``"440000"``); the national level is :data:`NATIONAL` (``"CN"``).
"""

from __future__ import annotations

import functools
import json
import unicodedata

import attrs

from .data import read_text
from .errors import PolicyDataError, UnknownProvince, UnsupportedType, shown

__all__ = ["NATIONAL", "Province", "provinces", "resolve_province"]

#: The jurisdiction key of national (全国) policy figures.
NATIONAL = "CN"


@attrs.frozen
class Province:
    """省级行政区 — a provincial-level division: six-digit code, official and short name.

    >>> resolve_province("广东")
    Province(code='440000', name='广东省', short_name='广东')
    """

    code: str
    name: str
    short_name: str

    def __str__(self) -> str:
        return self.name


@functools.cache
def _table() -> dict[str, Province]:
    raw = json.loads(read_text("provinces.json"))
    index: dict[str, Province] = {}
    for code, name, short in raw["provinces"]:
        province = Province(code, name, short)
        for key in (code, code[:2], name, short):
            if key in index:
                raise PolicyDataError("provinces.json", f"重复的省份键 {key}", f"duplicate key {key}")
            index[key] = province
    return index


def provinces() -> tuple[Province, ...]:
    """All 31 provincial-level divisions of the mainland, ordered by code."""
    return tuple(sorted({p.code: p for p in _table().values()}.values(), key=lambda p: p.code))


def resolve_province(value: Province | str | int, field: str = "province") -> Province:
    """省份 — the province named by its official name, short name, code (440000) or prefix (44).

    >>> resolve_province("440000").name
    '广东省'
    >>> resolve_province(" 广东省 ").code
    '440000'
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
    found = _table().get(key)
    if found is None:
        raise UnknownProvince(
            field,
            f"未知省份 {shown(value)}，请用“广东省”“广东”或代码“440000”这样的写法",
            f"unknown province {shown(value)}; write it as 广东省, 广东 or 440000",
        )
    return found
