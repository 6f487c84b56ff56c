"""生成策略 — Hypothesis strategies for counties: paired and 832 counties, the names people type, purchases.

Sources: 粤财采购〔2023〕2号 附件3 (the paired counties) and the 832 list, as shipped in the package
data; see :mod:`poverty_procurement.rules.counties.lookup` for the name rules the inputs follow.

>>> from hypothesis import given
>>> from poverty_procurement import lookup_county
>>> from poverty_procurement.strategies.counties import paired_county_inputs
>>> @given(paired_county_inputs())
... def test(name):
...     assert lookup_county(name).code
>>> test()
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Sequence
from typing import TypeVar

from hypothesis import strategies as st

from ..model.county import County, PovertyCounty
from ..money import Yuan
from ..rules.counties.lookup import CountyInput, county_data, paired_counties, poverty_counties
from ..rules.counties.names import normalize_county_name

__all__ = [
    "counties",
    "county_names",
    "decorated_names",
    "paired_county_inputs",
    "poverty_county_inputs",
    "poverty_county_values",
    "priority_purchases",
    "register_county_strategies",
    "unknown_county_names",
]

_T = TypeVar("_T")
_PADDING = ("", " ", "\u3000", "\t", "\n", "\xa0", "  ")
_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


@functools.cache
def _compatibility_forms() -> dict[str, tuple[str, ...]]:
    """Characters that NFKC turns into a given CJK character (Kangxi radicals, compatibility ideographs)."""
    forms: dict[str, list[str]] = {}
    for start, end in ((0x2F00, 0x2FD6), (0xF900, 0xFB00)):
        for point in range(start, end):
            char = chr(point)
            target = unicodedata.normalize("NFKC", char)
            if len(target) == 1 and target != char:
                forms.setdefault(target, []).append(char)
    return {k: tuple(v) for k, v in forms.items()}


def _one_of(pool: Sequence[_T]) -> st.SearchStrategy[_T]:
    """``sampled_from(pool)`` whose repr stays short (Hypothesis warns about a 34 kB repr)."""
    return st.sampled_from(range(len(pool))).map(lambda index: pool[index])


def counties(key: bool | None = None, year: int | None = None) -> st.SearchStrategy[County]:
    """对接帮扶县 — the paired counties of ``year`` (default: latest); only key or non-key ones if asked."""
    return _one_of([c for c in paired_counties(year=year) if key is None or c.is_key is key])


def poverty_county_values(province: str | None = None) -> st.SearchStrategy[PovertyCounty]:
    """832个脱贫县 — the former national poverty counties (of ``province`` if given)."""
    return _one_of(poverty_counties(province))


@st.composite
def decorated_names(draw: st.DrawFn, name: str) -> str:
    """``name`` as it may be typed: padded with whitespace, digits full-width, characters in a
    compatibility form (Kangxi radical, compatibility ideograph) — all undone by NFKC."""
    forms = _compatibility_forms()
    chars = []
    for char in name:
        options = forms.get(char, ())
        chars.append(draw(st.sampled_from((char, *options))) if options else char)
    text = "".join(chars)
    if draw(st.booleans()):
        text = text.translate(_FULL_WIDTH)
    return draw(st.sampled_from(_PADDING)) + text + draw(st.sampled_from(_PADDING))


def county_names(county: County | PovertyCounty, decorate: bool = True) -> st.SearchStrategy[str]:
    """县名 — each name of ``county`` (official, printed, former, short) and its code, as typed."""
    former = county.former_codes if isinstance(county, PovertyCounty) else ()
    plain = st.sampled_from((*county.names, county.code, *former))
    return plain.flatmap(decorated_names) if decorate else plain


def paired_county_inputs(year: int | None = None) -> st.SearchStrategy[CountyInput]:
    """对接帮扶县输入 — any way to designate a paired county: name, alias, code (text or int), value."""
    return counties(year=year).flatmap(
        lambda c: st.one_of(county_names(c), st.just(int(c.code)), st.just(c))
    )


def poverty_county_inputs() -> st.SearchStrategy[CountyInput]:
    """832个脱贫县输入 — any way to designate one of the 832 former poverty counties."""
    return poverty_county_values().flatmap(
        lambda c: st.one_of(county_names(c), st.just(int(c.code)), st.just(c))
    )


def _unknown(text: str) -> bool:
    data = county_data()
    key = normalize_county_name(text)
    return key not in data.exact and key not in data.ambiguous


def unknown_county_names() -> st.SearchStrategy[str]:
    """未知县名 — text that designates no county: arbitrary text and near-misses of real names."""
    near = _one_of([n for c in paired_counties() for n in c.names]).flatmap(
        lambda n: st.sampled_from([n + "乡", n[:-1] + "镇", "新" + n, n + n[-1]])
    )
    return st.one_of(st.text(max_size=30), near, st.text(alphabet="0123456789", min_size=1, max_size=8)).filter(
        _unknown
    )


def priority_purchases(max_size: int = 30) -> st.SearchStrategy[list[tuple[CountyInput, Yuan]]]:
    """采购记录 — lists of ``(county, amount)`` pairs: paired, other 832 and unknown counties."""
    county = st.one_of(paired_county_inputs(), poverty_county_inputs(), unknown_county_names())
    amount = st.integers(min_value=0, max_value=10**12).map(Yuan.from_fen)
    return st.lists(st.tuples(county, amount), max_size=max_size)


def register_county_strategies() -> None:
    """Register :class:`County` and :class:`PovertyCounty` with ``st.register_type_strategy``.

    Deferred: the county tables load on the first draw, not at registration (Hypothesis calls
    its plugins on start-up). Calling it again is harmless. ``PriorityTier`` is an enum, which
    ``st.from_type`` handles already.
    """
    st.register_type_strategy(County, st.deferred(counties))
    st.register_type_strategy(PovertyCounty, st.deferred(poverty_county_values))
