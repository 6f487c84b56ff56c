"""Purchase priority (粤财采购〔2023〕2号 三（四）): tiers and a unit's summary."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from random import Random
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import poverty_procurement.rules.counties.lookup as module
from poverty_procurement import Ratio, Yuan, lookup_county, lookup_poverty_county, priority_tier, yuan
from poverty_procurement.citation import Citation
from poverty_procurement.counties import (
    County,
    PovertyCounty,
    PriorityTier,
    paired_counties,
    summarize_priority,
)
from poverty_procurement.errors import CountyNotFound, PolicyNotFound, UnsupportedType
from poverty_procurement.explain import Explanation, Step
from poverty_procurement.rules.counties.lookup import CountyInput
from poverty_procurement.rules.counties.priority import (
    PRIORITY_CITATION,
    TierTotal,
    UnresolvedPurchase,
    explain_priority,
)
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


# --- explain_priority, step by step (三（四）) --------------------------------------------------


def _step(rule: str, label: str, inputs: tuple[tuple[str, str], ...], result: str, citation: Citation) -> Step:
    return Step(rule, label, inputs, result, citation)


Explained = tuple[str, str | None, str, str, str | None, PriorityTier]


@pytest.mark.mutation
@pytest.mark.parametrize("case", [
    ("水城县", None, "水城区（贵州省六盘水市，520204）", "是（2023年名单，中山市帮扶，名单印作“水城县”）",
     "是（附件3文字名单）", PriorityTier.KEY_PAIRED),
    ("七星关区", "贵州", "七星关区（贵州省毕节市，520502）", "是（2023年名单，广州市帮扶，名单印作“七星关区”）",
     "否（不在附件3文字名单）；贵州另有4个重点帮扶县待定，未点名前不计为重点", PriorityTier.PAIRED),
    ("西林县", None, "西林县（广西壮族自治区百色市，451030）", "是（2023年名单，深圳市帮扶，名单印作“西林县”）",
     "否（不在附件3文字名单）", PriorityTier.PAIRED),
    ("行唐县", "河北", "行唐县（河北省石家庄市，130125）", "否（不在2023年名单）", None, PriorityTier.OTHER),
])
def test_explanations_step_by_step(case: Explained) -> None:
    name, province, place, paired, key, tier = case
    table = module.pairing_table()
    given = (("输入", repr(name)),)
    subject = (("县", place.split("（", maxsplit=1)[0]),)
    steps = [_step("county-name", "县名识别", given, place, table.names_and_codes),
             _step("paired-county", "是否广东对接帮扶县", subject, paired, table.citation)]
    if key is not None:
        figures = table.key_counties[1] if "贵州" in place else table.key_counties[0]
        steps.append(_step("key-county", "是否重点帮扶县", subject, key, figures.citation))
    steps.append(_step("priority-tier", "优先采购层级", subject, tier.zh, PRIORITY_CITATION))
    expected = Explanation("优先采购层级", tier.zh, tuple(steps))
    assert explain_priority(name, province) == expected
    assert explain_priority(name, province, year=2023) == expected


@pytest.mark.mutation
@pytest.mark.parametrize(("name", "province"), [("天河区", None), ("融水县", "贵州")])
def test_an_explanation_for_a_county_not_found(name: str, province: str | None) -> None:
    table = module.pairing_table()
    with pytest.raises(CountyNotFound) as caught:
        lookup_poverty_county(name, province)
    given = (("输入", repr(name)),)
    assert explain_priority(name, province) == Explanation("优先采购层级", PriorityTier.OTHER.zh, (
        _step("county-name", "县名识别", given, f"未找到：{caught.value.zh}", table.names_and_codes),
        _step("priority-tier", "优先采购层级", given, PriorityTier.OTHER.zh, PRIORITY_CITATION),
    ))


# --- summarize_priority (三（四）): one summary pinned whole -----------------------------------


@pytest.mark.mutation
def test_a_summary_pinned_whole() -> None:
    purchases: list[Any] = [
        ("融水县", "600"), ("水城县", 300), ("西林县", "100.01"), ("行唐县", 50), ("天河区", "10"),
        ("融水县", "1"), (lookup_county("西林县"), 2), (lookup_poverty_county("行唐县"), 3),
        "not a pair", ("融水县", -5), ("融水县", 1.5), (1.5, 7), ("融水",), ["450225", "0.99"],
    ]
    summary = summarize_priority(iter(purchases))
    assert (summary.year, summary.total, summary.count) == (2023, yuan("1067.00"), 9)
    assert summary.tiers == (
        TierTotal(PriorityTier.KEY_PAIRED, yuan("901.99"), 4, Ratio(8454)),  # 90199/106700 = 84.535…%
        TierTotal(PriorityTier.PAIRED, yuan("102.01"), 2, Ratio(956)),  # 10201/106700 = 9.560…%
        TierTotal(PriorityTier.OTHER, yuan("63.00"), 3, Ratio(590)),  # 6300/106700 = 5.904…%
    )
    assert summary.tier(PriorityTier.PAIRED) is summary.tiers[1]
    assert (summary.paired_amount, summary.paired_share) == (yuan("1004.00"), Ratio(9410))  # 94.095…%
    with pytest.raises(CountyNotFound) as caught:
        lookup_poverty_county("天河区")
    assert summary.unresolved == (
        UnresolvedPurchase(4, "'天河区'", yuan(10), caught.value.zh, caught.value.en),)
    assert [(r.index, r.value, r.field) for r in summary.rejected] == [
        (8, "'not a pair'", "purchases[8]"), (9, "('融水县', -5)", "purchases[9].amount"),
        (10, "('融水县', 1.5)", "purchases[10].amount"), (11, "(1.5, 7)", "county"),
        (12, "('融水',)", "purchases[12]"),
    ]
    assert (summary.rejected[0].zh, summary.rejected[0].en) == (
        "须为 (县, 金额) 对", "expected a (county, amount) pair")
    assert (summary.rejected[3].zh, summary.rejected[3].en) == (
        "县须为名称、代码或 County，收到 float", "a county is a name, a code or a County, got float")
    assert not summary.complete and summary.citation == PRIORITY_CITATION


@pytest.mark.mutation
@pytest.mark.parametrize(("part", "total", "basis_points"), [
    (1, 3, 3333), (2, 3, 6667), (1, 8, 1250), (1, 20_000, 1), (1, 20_001, 0), (3, 20_000, 2), (5, 5, 10_000),
])
def test_shares_round_half_up(part: int, total: int, basis_points: int) -> None:
    summary = summarize_priority([("融水县", Yuan.from_fen(part)), ("行唐县", Yuan.from_fen(total - part))])
    assert summary.tier(PriorityTier.KEY_PAIRED).share == Ratio(basis_points)
    assert summary.paired_share == Ratio(basis_points)
    assert summary.tier(PriorityTier.OTHER).share == Ratio(
        (2 * (total - part) * 10_000 + total) // (2 * total))


@pytest.mark.mutation
def test_summaries_refuse_what_is_not_a_set_of_purchases() -> None:
    for bad, name in ((42, "int"), ("融水县", "str"), (b"x", "bytes")):
        with pytest.raises(UnsupportedType) as caught:
            summarize_priority(bad)  # type: ignore[arg-type]
        assert caught.value.field == "purchases"
        assert caught.value.zh == f"须为 (县, 金额) 对的可迭代对象，收到 {name}"
        assert caught.value.en == f"expected an iterable of (county, amount) pairs, got {name}"
    with pytest.raises(PolicyNotFound):
        summarize_priority([], year=2022)
    assert summarize_priority([], year=2023).tiers == tuple(
        TierTotal(t, yuan(0), 0, Ratio(0)) for t in PriorityTier)
