"""The lookups' learned fast tables stay consistent with the full resolution, whatever the order."""

from __future__ import annotations

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

import poverty_procurement.rules.counties.lookup as module
from poverty_procurement import lookup_county, lookup_poverty_county
from poverty_procurement.counties import County, PovertyCounty, lookup_counties
from poverty_procurement.errors import CountyNotFound
from poverty_procurement.rules.counties import index
from poverty_procurement.strategies.counties import (
    counties,
    county_names,
    poverty_county_values,
    unknown_county_names,
)


class LearnedFastTables(RuleBasedStateMachine):
    """Single and batch lookups of names as typed, unknown names and province-qualified lookups,
    in any order: every answer matches the county drawn, and every key the fast tables hold (the
    shipped ones and the learned variants) maps to what the full resolution gives."""

    @rule(case=counties().flatmap(lambda c: st.tuples(st.just(c), county_names(c))))
    def look_up_a_paired_county(self, case: tuple[County, str]) -> None:
        county, typed = case
        assert lookup_county(typed) is county
        assert lookup_county(typed, county.province) is county

    @rule(case=poverty_county_values().flatmap(lambda c: st.tuples(st.just(c), county_names(c))))
    def look_up_a_poverty_county(self, case: tuple[PovertyCounty, str]) -> None:
        county, typed = case
        assert lookup_poverty_county(typed) is county

    @rule(cases=st.lists(counties().flatmap(lambda c: st.tuples(st.just(c), county_names(c))), max_size=5))
    def look_up_a_batch(self, cases: list[tuple[County, str]]) -> None:
        assert lookup_counties([typed for _, typed in cases]) == [county for county, _ in cases]

    @rule(text=unknown_county_names())
    def look_up_an_unknown_name(self, text: str) -> None:
        with pytest.raises(CountyNotFound):
            lookup_county(text)
        assert text not in module.county_data().fast_paired

    @invariant()
    def fast_tables_agree_with_the_full_resolution(self) -> None:
        data = module.county_data()
        assert len(data.fast_paired) <= index._FAST_MAX
        assert len(data.fast_national) <= index._FAST_MAX
        for key, county in list(data.fast_paired.items())[-20:]:
            assert data.resolve(key) == county.code
        for key, poor in list(data.fast_national.items())[-20:]:
            assert data.resolve(key) == poor.code


LearnedFastTables.TestCase.settings = settings(max_examples=25, stateful_step_count=15, deadline=None)
TestLearnedFastTables = LearnedFastTables.TestCase
