"""derived_names in linear time (issue 17, item 11): 8,000 characters took 1.8 s and more.

The old backtracking expression is kept here as the oracle on short names.
"""

from __future__ import annotations

import re
import time

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


def test_derived_names_of_8000_hostile_characters_is_fast() -> None:
    for name in ("苗族" * 4000 + "x自治县", "苗族x" * 2700 + "自治县", "布依" * 4000 + "自治州"):
        started = time.perf_counter()
        derived_names(name)
        names.region_names(name)
        assert time.perf_counter() - started < 0.5
