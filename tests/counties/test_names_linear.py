"""derived_names in linear time (issue 17, item 11): 8,000 characters took 1.8 s and more.

The old backtracking expression is kept here as the oracle on short names.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from poverty_procurement.rules.counties import names
from poverty_procurement.rules.counties.names import derived_names

_GROUPS = ("苗族", "苗", "族", "布依族", "布依", "土家族", "各族", "x", "融水", "东乡族", "蒙古族")
_OLD_RUN = re.compile("(.+?)(?:" + "|".join(sorted({*names._ETHNIC}, key=len, reverse=True)) + ")+", re.DOTALL)


def _old_strip(base: str) -> str:
    match = _OLD_RUN.fullmatch(base)
    return match.group(1) if match else base


@given(st.lists(st.sampled_from(_GROUPS), max_size=8).map("".join))
def test_the_linear_strip_agrees_with_the_old_expression(base: str) -> None:
    assert names._strip_ethnic(base) == _old_strip(base)


class _CountingSet(frozenset[str]):
    """The group names, counting each membership test (the unit of work of the strip)."""

    lookups = 0

    def __contains__(self, item: object) -> bool:
        type(self).lookups += 1
        return super().__contains__(item)


def _lookups(monkeypatch: pytest.MonkeyPatch, name: str) -> int:
    counting = _CountingSet(names._ETHNIC_SET)
    _CountingSet.lookups = 0
    monkeypatch.setattr(names, "_ETHNIC_SET", counting)
    derived_names(name)
    names.region_names(name)
    return _CountingSet.lookups


@pytest.mark.parametrize("unit, suffix", [("苗族", "x自治县"), ("苗族x", "自治县"), ("布依", "自治州")])
def test_derived_names_of_8000_hostile_characters_does_linear_work(
        monkeypatch: pytest.MonkeyPatch, unit: str, suffix: str) -> None:
    """Counted, not timed: ten times the name is at most about ten times the group-name lookups."""
    small = _lookups(monkeypatch, unit * 800 + suffix)
    large = _lookups(monkeypatch, unit * 8000 + suffix)
    assert small > 0
    assert large <= 11 * small  # the backtracking expression did quadratic work here
    assert large <= len(names._ETHNIC_LENGTHS) * len(unit * 8000 + suffix)
