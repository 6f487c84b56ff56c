"""Purchase priority (粤财采购〔2023〕2号 三（四）): tiers and a unit's summary."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from random import Random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from poverty_procurement import Ratio, Yuan, lookup_county, lookup_poverty_county, priority_tier, yuan
from poverty_procurement.counties import (
    County,
    PovertyCounty,
    PriorityTier,
    paired_counties,
    summarize_priority,
)
from poverty_procurement.errors import PolicyNotFound, UnsupportedType
from poverty_procurement.rules.counties.lookup import CountyInput
from poverty_procurement.strategies.counties import counties, poverty_county_values, priority_purchases

KEY, PAIRED, OTHER = PriorityTier.KEY_PAIRED, PriorityTier.PAIRED, PriorityTier.OTHER


def test_tiers_follow_the_notice() -> None:
    assert priority_tier("融水县") is KEY
    assert priority_tier("水城县") is KEY  # printed under its old name; key per the text list
    assert priority_tier("西林县") is PAIRED  # not a key county (text list is authoritative)
    assert priority_tier("织金县") is PAIRED  # one of the 4 "待贵州省定": not known, so not key
    assert priority_tier("行唐县") is OTHER  # an 832 county Guangdong does not pair with
    assert priority_tier("天河区") is OTHER  # known to no table
    assert priority_tier(lookup_county("三江")) is KEY
    assert priority_tier(lookup_poverty_county("融安县")) is PAIRED
    assert priority_tier(lookup_poverty_county("行唐县")) is OTHER
    assert priority_tier("450226", "广西") is KEY
    assert PriorityTier.KEY_PAIRED.zh == "广东对接的国家乡村振兴重点帮扶县"
    with pytest.raises(PolicyNotFound):
        priority_tier("融水县", year=2019)


def test_tier_counts_99_and_36() -> None:
    tiers = [priority_tier(c) for c in paired_counties()]
    assert tiers.count(KEY) == 36
    assert tiers.count(PAIRED) == 63


def test_summary_of_the_docstring_example() -> None:
    summary = summarize_priority([("融水县", "600"), ("520204", 300), ("行唐县", Decimal("100.00"))])
    assert summary.total == yuan("1000")
    assert summary.count == 3
    assert summary.tier(KEY).amount == yuan("900") and summary.tier(KEY).count == 2
    assert summary.tier(KEY).share == Ratio.of(90)
    assert summary.tier(PAIRED).share == Ratio.of(0)
    assert summary.tier(OTHER).share == Ratio.of(10)
    assert summary.paired_amount == yuan("900")
    assert summary.complete and not summary.unresolved
    assert summary.year == 2023
    assert str(summary.citation) == "粤财采购〔2023〕2号 三（四）"


def test_shares_round_half_up_to_a_hundredth_of_a_percent_point() -> None:
    # 1 / 3 = 33.333…% → 33.33%; 2 / 3 = 66.666…% → 66.67%
    summary = summarize_priority([("融水县", 1), ("融安县", 2)])
    assert summary.tier(KEY).share == Ratio(3333)
    assert summary.tier(PAIRED).share == Ratio(6667)
    # exactly half a basis point rounds up: 1 fen of 20,000 fen is 0.005% → 0.01%
    summary = summarize_priority([("融水县", "0.01"), ("行唐县", "199.99")])
    assert summary.tier(KEY).share == Ratio(1)
    assert summary.tier(OTHER).share == Ratio(10000)  # 99.995% → 100.00%, half-up as well
    # the shares may then add up to 100.01%: 1/6, 1/6, 4/6 → 16.67% + 16.67% + 66.67%
    summary = summarize_priority([("融水县", 1), ("融安县", 1), ("行唐县", 4)])
    assert sum(t.share.basis_points for t in summary.tiers) == 10001
    assert summary.paired_share == Ratio(3333)


def test_empty_set_has_zero_shares() -> None:
    summary = summarize_priority([])
    assert summary.total == Yuan(0) and summary.count == 0
    assert all(t.share == Ratio(0) and t.amount == Yuan(0) for t in summary.tiers)
    assert summary.paired_share == Ratio(0)
    zero = summarize_priority([("融水县", 0)])
    assert zero.count == 1 and zero.tier(KEY).share == Ratio(0)


def test_unknown_counties_count_as_other_and_are_reported() -> None:
    summary = summarize_priority([("融水苗县", "50"), ("天河区", 50), ("融水县", 100)])
    assert summary.tier(OTHER).amount == yuan(100) and summary.tier(OTHER).count == 2
    assert [u.index for u in summary.unresolved] == [0, 1]
    assert "融水苗族自治县" in summary.unresolved[0].zh  # close name suggested
    assert summary.unresolved[1].amount == yuan(50)
    assert summary.complete  # unresolved purchases are counted, nothing was rejected


def test_non_pairs_and_bad_amounts_are_rejected_not_counted() -> None:
    purchases: list[object] = [("融水县", 1.5), "融水县", ("融水县", "-1"), ("融水县", 1, 2), (1.5, 1),
                               ("融水县", "10")]
    summary = summarize_priority(purchases)  # type: ignore[arg-type]
    assert [r.index for r in summary.rejected] == [0, 1, 2, 3, 4]
    assert summary.rejected[0].field == "purchases[0].amount"
    assert summary.rejected[1].field == "purchases[1]"
    assert summary.rejected[4].field == "county"
    assert summary.total == yuan(10) and summary.count == 1
    assert not summary.complete


def test_accepts_any_iterable_and_is_lazy_about_it() -> None:
    def generate() -> Iterator[tuple[CountyInput, str]]:
        for county in paired_counties():
            yield county.printed_name, "1"

    summary = summarize_priority(generate())
    assert summary.count == 99
    assert summary.tier(KEY).amount == yuan(36) and summary.tier(PAIRED).amount == yuan(63)
    with pytest.raises(UnsupportedType):
        summarize_priority("融水县")  # type: ignore[arg-type]
    with pytest.raises(UnsupportedType):
        summarize_priority(5)  # type: ignore[arg-type]


def test_names_that_designate_no_single_county_are_unresolved_others() -> None:
    # 临夏 is a prefecture and two counties (临夏市, 临夏县): never counted as a county
    summary = summarize_priority([("临夏", 5), ("临夏", 6)])
    assert summary.tier(OTHER).amount == yuan(11) and len(summary.unresolved) == 2
    assert "临夏市" in summary.unresolved[0].zh and "临夏县" in summary.unresolved[0].zh


def test_totals_beyond_a_single_amounts_limit() -> None:
    big = "999999999999.99"
    summary = summarize_priority([("融水县", big), ("融水县", big)])
    assert summary.total.fen == 2 * 99999999999999


# --- properties ----------------------------------------------------------------------------


@given(priority_purchases())
def test_tiers_partition_the_total(purchases: list[tuple[CountyInput, Yuan]]) -> None:
    summary = summarize_priority(purchases)
    assert summary.complete
    assert summary.count == len(purchases) == sum(t.count for t in summary.tiers)
    assert summary.total == sum((a for _, a in purchases), Yuan(0))
    assert sum(t.amount.fen for t in summary.tiers) == summary.total.fen
    assert summary.paired_amount.fen == summary.tier(KEY).amount.fen + summary.tier(PAIRED).amount.fen
    if summary.total.fen:
        # each share is the exact fraction rounded half-up to one basis point
        for tier in summary.tiers:
            exact = Decimal(tier.amount.fen * 10_000) / Decimal(summary.total.fen)
            assert abs(Decimal(tier.share.basis_points) - exact) <= Decimal("0.5")
        assert abs(sum(t.share.basis_points for t in summary.tiers) - 10_000) <= 1
    else:
        assert all(t.share.basis_points == 0 for t in summary.tiers)


@given(priority_purchases(max_size=12), st.randoms(use_true_random=False))
def test_order_does_not_matter(purchases: list[tuple[CountyInput, Yuan]], random: Random) -> None:
    shuffled = list(purchases)
    random.shuffle(shuffled)
    first, second = summarize_priority(purchases), summarize_priority(shuffled)
    assert first.tiers == second.tiers and first.total == second.total


@given(counties())
def test_tier_of_each_paired_county_follows_its_flag(county: County) -> None:
    assert priority_tier(county) is (KEY if county.is_key else PAIRED)
    assert priority_tier(county.code) is priority_tier(county.name) is priority_tier(county)


@given(poverty_county_values())
def test_other_832_counties_are_other(county: PovertyCounty) -> None:
    assert (priority_tier(county) is OTHER) == (county.province.short_name not in ("广西", "贵州"))


@given(st.lists(st.one_of(
    st.tuples(st.one_of(st.text(max_size=20), st.integers(), st.none(), st.floats()),
              st.one_of(st.text(max_size=20), st.integers(), st.decimals(), st.floats(), st.none())),
    st.text(max_size=5), st.none(), st.integers(), st.lists(st.integers(), max_size=3)), max_size=10))
def test_arbitrary_input_is_counted_or_reported_never_raised(purchases: list[object]) -> None:
    summary = summarize_priority(purchases)  # type: ignore[arg-type]
    assert summary.count + len(summary.rejected) == len(purchases)
    assert {u.index for u in summary.unresolved} <= set(range(len(purchases)))


def test_huge_ints_are_reported_safely() -> None:
    huge = 10**5000
    summary = summarize_priority([(huge, 1), ("融水县", huge)])
    assert summary.tier(OTHER).count == 1 and len(summary.unresolved) == 1
    assert summary.rejected[0].field == "purchases[1].amount"


def test_explanations_say_why_with_sources() -> None:
    from poverty_procurement.counties import explain_priority

    key = explain_priority("融水")
    assert key.result == KEY.zh
    assert [s.rule for s in key.steps] == ["county-name", "paired-county", "key-county", "priority-tier"]
    assert "融水苗族自治县" in key.steps[0].result and "450225" in key.steps[0].result
    assert "湛江市" in key.steps[1].result and "融水县" in key.steps[1].result
    assert str(key.steps[-1].citation) == "粤财采购〔2023〕2号 三（四）"
    pending = explain_priority("织金县")
    assert pending.result == PAIRED.zh
    assert "4个重点帮扶县待定" in pending.steps[2].result
    assert "还有 4 个县待贵州省定" in pending.steps[2].citation.quote
    xilin = explain_priority("西林县")
    assert xilin.result == PAIRED.zh and "待定" not in xilin.steps[2].result
    other = explain_priority("行唐县")
    assert other.result == OTHER.zh and other.steps[1].result.startswith("否")
    unknown = explain_priority("天河区")
    assert unknown.result == OTHER.zh and unknown.steps[0].result.startswith("未找到")
    assert unknown.as_dict()["steps"][0]["rule"] == "county-name"


@given(counties())
def test_explanation_agrees_with_the_tier(county: County) -> None:
    from poverty_procurement.counties import explain_priority

    assert explain_priority(county).result == priority_tier(county).zh
