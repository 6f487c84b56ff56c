"""What counts toward a unit's reserved share (正文 三（二）（三）, 附件1 第二、三条, 附件2 五、六)."""

from __future__ import annotations

import datetime
import types
from collections.abc import Callable
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from poverty_procurement import InputError, Order, Yuan, compute_share, count_decision
from poverty_procurement.citation import Citation
from poverty_procurement.completion import (
    CountReason,
    combine_completions,
    completion,
    completion_by_unit,
    counts_toward,
)
from poverty_procurement.errors import InvalidFiling, PovertyProcurementError, UnsupportedType
from poverty_procurement.explain import Explanation, Step
from poverty_procurement.payments import Channel, OrderStatus, Placer, SettlementAccount, UnionScheme
from poverty_procurement.rules.completion.counting import CompletionAccumulator, _example
from poverty_procurement.strategies.payments import orders
from support import NOTICE, completion_of, error_parts, filed_share

ACCOUNT = SettlementAccount("供应商", "35000188110503337", "中国光大银行北京分行营业室", "303100000241")
PAID_AT = datetime.datetime(2023, 6, 1, 10, 0)


@attrs.frozen
class Unit:
    code: str


@attrs.frozen
class Filing:
    unit: Unit
    year: int
    reserved_share: Yuan


U1 = Unit("U1")
FILING = Filing(U1, 2023, compute_share("3000000", 20))  # 附件2 一、第四步: 3,000,000 × 20% = 600,000.00


def order(amount: str = "1000", serial: int = 1, *, unit: str = "U1", placed_by: Placer = Placer.UNIT,
          channel: Channel = Channel.TRADING_PLATFORM, payment_code: str | None = "f54yxn", **kw: object) -> Order:
    base: dict[str, object] = {"status": OrderStatus.PAID, "paid_at": PAID_AT}
    base.update(kw)
    return Order(f"XD20230601{serial:08d}", unit, placed_by, channel, "供应商", ACCOUNT, amount, payment_code,
                 "三都县", **base)  # type: ignore[arg-type]


@pytest.mark.parametrize("placer", list(Placer))
@pytest.mark.parametrize("channel", [Channel.TRADING_PLATFORM, Channel.MINI_PROGRAM])
def test_every_placer_on_the_platform_counts(placer: Placer, channel: Channel) -> None:
    assert counts_toward(order(placed_by=placer, channel=channel), U1, 2023)
    assert counts_toward(order(placed_by=placer, channel=channel), "U1", 2023)


@pytest.mark.parametrize(
    ("kw", "reason"),
    [
        ({"status": OrderStatus.AWAITING_PAYMENT, "paid_at": None}, CountReason.UNPAID),
        ({"status": OrderStatus.CANCELLED, "paid_at": None}, CountReason.UNPAID),
        ({"channel": Channel.OFF_PLATFORM}, CountReason.OFF_PLATFORM),
        ({"unit": "U2"}, CountReason.OTHER_UNIT),
        ({"paid_at": datetime.datetime(2024, 1, 1, 0, 0)}, CountReason.OTHER_YEAR),
        ({"paid_at": datetime.datetime(2022, 12, 31, 23, 59)}, CountReason.OTHER_YEAR),
        # 2023-12-31 16:30 UTC is 2024-01-01 00:30 in Beijing: paid after the year end
        ({"paid_at": datetime.datetime(2023, 12, 31, 16, 30, tzinfo=datetime.timezone.utc)}, CountReason.OTHER_YEAR),
        ({"refunded": "1000"}, CountReason.FULLY_REFUNDED),
        ({"channel": Channel.MINI_PROGRAM, "placed_by": Placer.INDIVIDUAL, "voucher_redemption": True},
         CountReason.VOUCHER_REDEMPTION),
    ],
)
def test_what_does_not_count(kw: dict[str, object], reason: CountReason) -> None:
    decision = count_decision(order(**kw), U1, 2023)  # type: ignore[arg-type]
    assert decision.reason is reason and not decision.counts
    assert decision.amount == Yuan(0)


def test_the_last_minute_of_the_year_counts() -> None:
    assert counts_toward(order(paid_at=datetime.datetime(2023, 12, 31, 23, 59, 59)), U1, 2023)


def test_refunds_never_count() -> None:
    decision = count_decision(order("1000", refunded="250.50"), U1, 2023)
    assert decision.counts and decision.amount == Yuan("749.50")


def test_pickup_voucher_purchase_counts_once() -> None:
    bought = order("20000", placed_by=Placer.UNION, union_scheme=UnionScheme.PICKUP_VOUCHER)
    redeemed = order("300", serial=2, placed_by=Placer.INDIVIDUAL, channel=Channel.MINI_PROGRAM,
                     payment_code=None, voucher_redemption=True)
    result = completion(U1, [bought, redeemed], FILING)
    assert result.counted_total == Yuan("20000")
    assert dict(result.excluded) == {CountReason.VOUCHER_REDEMPTION: 1}


def test_completion_with_a_breakdown() -> None:
    purchases = [
        order("150000", 1),
        order("50000", 2, placed_by=Placer.UNION, union_scheme=UnionScheme.SPECIAL_SESSION),
        order("8000", 3, placed_by=Placer.INDIVIDUAL, channel=Channel.MINI_PROGRAM, payment_code=None),
        order("2000", 4, placed_by=Placer.CANTEEN_CONTRACTOR),
        order("99999", 5, status=OrderStatus.AWAITING_PAYMENT, paid_at=None),
        order("77777", 6, channel=Channel.OFF_PLATFORM),
    ]
    result = completion(U1, purchases, FILING)
    assert result.reserved_share == Yuan("600000")
    assert result.counted_total == Yuan("210000")
    assert result.ratio == Decimal("0.3500") and result.percent == "35.00%"
    assert result.shortfall == Yuan("390000") and not result.complete
    assert dict(result.by_placer) == {Placer.UNIT: Yuan("150000"), Placer.UNION: Yuan("50000"),
                                      Placer.INDIVIDUAL: Yuan("8000"), Placer.CANTEEN_CONTRACTOR: Yuan("2000")}
    assert result.orders_counted == 4
    assert result.excluded == ((CountReason.OFF_PLATFORM, 1), (CountReason.UNPAID, 1))
    text = str(result.explain())
    assert "35.00%" in text and "390,000.00元" in text and "粤财采购〔2023〕2号 三（二）" in text


def test_over_completion_and_zero_share() -> None:
    over = completion(U1, [order("700000")], FILING)
    assert over.complete and over.shortfall == Yuan(0) and over.percent == "116.67%"
    none = completion(U1, [order("10")], Filing(U1, 2023, Yuan(0)))  # 无食堂: no share required
    assert none.ratio is None and none.percent == "—" and none.complete


def test_filing_of_another_unit_is_refused() -> None:
    with pytest.raises(InvalidFiling):
        completion(Unit("U2"), [], FILING)
    with pytest.raises(TypeError):
        completion(U1, [], Filing(U1, 2023, "600000"))  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        counts_toward(order(), U1, "2023")  # type: ignore[arg-type]


@pytest.mark.parametrize("check", [counts_toward, count_decision])
@pytest.mark.parametrize("not_an_order", ["XD2023060100000001", None, {"buyer_unit": "U1"}])
def test_a_decision_on_what_is_not_an_order_is_the_librarys_error(check: Callable[..., object],
                                                                   not_an_order: object) -> None:
    """Not a bare AttributeError from reading the order's fields (a regression)."""
    with pytest.raises(UnsupportedType) as raised:
        check(not_an_order, "U1", 2023)
    assert raised.value.field == "order"


@given(orders(), st.sampled_from(["U1", "D1", " U1"]), st.integers(2022, 2025))
def test_counts_toward_a_code_is_the_decision(order: Order, code: str, year: int) -> None:
    """The common call's shortcut (an Order, a code, an int year) says what count_decision says."""
    assert counts_toward(order, code, year) is count_decision(order, code, year).counts
    assert counts_toward(order, order.buyer_unit, year) is count_decision(order, order.buyer_unit, year).counts


def test_batch_by_unit() -> None:
    filings = [FILING, Filing(Unit("U2"), 2023, Yuan("1000"))]
    purchases = [order("100", 1), order("200", 2, unit="U2"), order("300", 3, unit="U9")]
    report = completion_by_unit(purchases, filings)
    assert report.by_unit["U1"].counted_total == Yuan("100")
    assert report.by_unit["U2"].counted_total == Yuan("200") and report.by_unit["U2"].percent == "20.00%"
    assert report.unfiled_orders == ("XD2023060100000003",)
    with pytest.raises(InvalidFiling):
        completion_by_unit([], [FILING, FILING])


_units = st.sampled_from(["U1", "U2", "U3", "U4"])


@given(batch=st.lists(orders(units=_units), max_size=25), share_fen=st.integers(0, 10**10),
       year=st.integers(2020, 2026))
def test_completion_invariants(batch: list[Order], share_fen: int, year: int) -> None:
    filing = Filing(U1, year, Yuan.from_fen(share_fen))
    result = completion(U1, batch, filing)
    assert result.counted_total == sum((amount for _, amount in result.by_placer), Yuan(0))
    assert result.orders_counted + sum(n for _, n in result.excluded) == len(batch)
    assert result.counted_total.fen + result.shortfall.fen >= share_fen
    assert result.shortfall.fen == max(share_fen - result.counted_total.fen, 0)
    decisions = [count_decision(o, U1, year) for o in batch]
    assert result.counted_total.fen == sum(d.amount.fen for d in decisions)
    for o, d in zip(batch, decisions, strict=True):
        if d.counts:
            assert o.status is OrderStatus.PAID and o.channel is not Channel.OFF_PLATFORM
            assert o.paid_on is not None and o.paid_on.year == year and o.buyer_unit == "U1"
            assert 0 < d.amount.fen <= o.amount.fen - o.refunded.fen
    assert completion(U1, list(reversed(batch)), filing) == result


@given(batch=st.lists(orders(units=_units), max_size=25))
def test_batch_agrees_with_one_unit_at_a_time(batch: list[Order]) -> None:
    filings = [Filing(Unit(code), 2023, Yuan("1000")) for code in ("U1", "U2", "U3")]
    report = completion_by_unit(batch, filings)
    for filing in filings:
        own = [o for o in batch if o.buyer_unit == filing.unit.code]
        assert report.by_unit[filing.unit.code] == completion(filing.unit, own, filing)
    assert report.unfiled_orders == tuple(o.number for o in batch if o.buyer_unit == "U4")


def test_unit_without_a_text_code_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        counts_toward(order(), Unit(42), 2023)  # type: ignore[arg-type]


def test_combining_completions() -> None:
    u2 = Unit("U2")
    parts = [completion(U1, [order("700000", 1)], FILING),
             completion(u2, [order("100", 2, unit="U2", placed_by=Placer.UNION)], Filing(u2, 2023, Yuan("1000")))]
    total = combine_completions("U0", parts)
    assert total.unit_code == "U0" and total.year == 2023
    assert total.counted_total == Yuan("700100") and total.reserved_share == Yuan("601000")
    assert total.shortfall == Yuan(0) and total.complete  # U1's surplus covers U2 in the total
    assert dict(total.by_placer)[Placer.UNION] == Yuan("100") and total.orders_counted == 2
    with pytest.raises(InvalidFiling):
        combine_completions("U0", [])
    with pytest.raises(InvalidFiling):
        combine_completions("U0", [parts[0], attrs.evolve(parts[1], year=2024)])


@given(batch=st.lists(orders(units=_units), max_size=20))
def test_combining_per_unit_completions_equals_counting_the_union(batch: list[Order]) -> None:
    filings = [Filing(Unit(code), 2023, Yuan("1000")) for code in ("U1", "U2", "U3", "U4")]
    report = completion_by_unit(batch, filings)
    total = combine_completions("ALL", report.by_unit.values())
    counted = sum(count_decision(o, o.buyer_unit, 2023).amount.fen for o in batch)
    assert total.counted_total.fen == counted
    assert total.reserved_share == Yuan("4000")
    assert total.orders_counted + sum(n for _, n in total.excluded) == len(batch)


# --- pinned by mutation testing -------------------------------------------------------------------


Refusal = tuple[str, str, str]


@pytest.mark.mutation
def test_a_completion_against_another_units_filing_is_refused() -> None:
    with pytest.raises(InvalidFiling) as refused:
        completion("U1", [_example()], filed_share("U2"))
    assert error_parts(refused.value) == ("filing", "填报属于单位 U2，不是 U1", "the filing belongs to unit U2, not U1")


@pytest.mark.mutation
def test_what_cannot_be_merged_into_an_accumulator() -> None:
    tally = CompletionAccumulator([filed_share("U1")])
    with pytest.raises(UnsupportedType) as not_one:
        tally.merge("tally")  # type: ignore[arg-type]
    assert error_parts(not_one.value) == (
        "other", "只能合并 CompletionAccumulator", "only a CompletionAccumulator can be merged")
    for other in (CompletionAccumulator([filed_share("U1", "9000")]),
                  CompletionAccumulator([filed_share("U1")], keep_unfiled_numbers=False)):
        with pytest.raises(InvalidFiling) as different:
            tally.merge(other)
        assert error_parts(different.value) == (
            "other", "只能合并基于同一批填报（且同样设置 keep_unfiled_numbers）的累加器",
            "only accumulators built from the same filings (and the same keep_unfiled_numbers) can be merged")


@pytest.mark.mutation
def test_a_report_needs_the_unfiled_order_numbers() -> None:
    tally = CompletionAccumulator([filed_share("U1")], keep_unfiled_numbers=False)
    with pytest.raises(InputError) as refused:
        tally.report()
    assert error_parts(refused.value) == (
        "keep_unfiled_numbers",
        "未保留无填报单位的订单编号（keep_unfiled_numbers=False），无法生成完整报告；"
        "请用 completions() 与 unfiled_count，或以 keep_unfiled_numbers=True 重新累计",
        "the numbers of unfiled orders were not kept (keep_unfiled_numbers=False): use "
        "completions() and unfiled_count, or accumulate again keeping them")


@pytest.mark.mutation
def test_the_completion_explanation() -> None:
    who = Citation(NOTICE, "三（三）；附件1 第三条", "有关采购金额均计入本单位年度采购总额")
    share = Citation(NOTICE, "三（二）", "年底前按时完成预留采购份额")
    explanation = completion("U1", [_example()], filed_share("U1")).explain()
    assert explanation == Explanation("U1 2023年预留份额完成情况", "25.00%", (
        Step("counted-total", "计入本单位年度采购总额",
             (("本单位", "0.00元"), ("工会", "2,000.00元"), ("绑定所属单位的职工个人", "0.00元"),
              ("食堂承包方", "0.00元")),
             "2,000.00元", who),
        Step("completion", "预留份额完成率", (("计入金额", "2,000.00元"), ("预留份额", "8,000.00元")), "25.00%", share,
             formula="完成率 = 计入金额 ÷ 预留份额", rounding="四舍五入到 0.01 个百分点"),
        Step("shortfall", "尚差金额", (("预留份额", "8,000.00元"), ("计入金额", "2,000.00元")), "6,000.00元", share,
             formula="尚差 = max(预留份额 − 计入金额, 0)"),
    ))


Call = Callable[[], object]


@pytest.mark.mutation
@pytest.mark.parametrize(
    ("call", "kind", "expected"),
    [
        (lambda: count_decision(_example(), 5, 2023), UnsupportedType,  # type: ignore[arg-type]
         ("unit", "需要单位编码（文本）或带 code 的单位", "expected a unit code or a unit with .code")),
        (lambda: counts_toward(_example(), types.SimpleNamespace(code=5), 2023), UnsupportedType,
         ("unit", "需要单位编码（文本）或带 code 的单位", "expected a unit code or a unit with .code")),
        (lambda: count_decision(_example(), "U1", True), UnsupportedType,
         ("year", "年度须为整数，收到 bool", "the year must be an int, got bool")),
        (lambda: counts_toward(_example(), "U1", "2023"), UnsupportedType,  # type: ignore[arg-type]
         ("year", "年度须为整数，收到 str", "the year must be an int, got str")),
        (lambda: completion("U1", [], types.SimpleNamespace(unit=types.SimpleNamespace(code="U1"), year=2023,
                                                            reserved_share=Decimal("1"))), UnsupportedType,
         ("reserved_share", "预留份额须为 Yuan", "the reserved share must be a Yuan")),
        (lambda: completion_by_unit([], [filed_share("U1"), filed_share("U1", "1")]), InvalidFiling,
         ("filings", "单位 U1 有两份填报；请按年度分别计算", "unit U1 has two filings; compute one year at a time")),
        (lambda: CompletionAccumulator([filed_share("U1"), filed_share("U1", "1")]), InvalidFiling,
         ("filings", "单位 U1 有两份填报；请按年度分别计算", "unit U1 has two filings; compute one year at a time")),
        (lambda: CompletionAccumulator([filed_share("U1")]).add("XD1"), UnsupportedType,  # type: ignore[arg-type]
         ("orders", "需要 Order，收到 str", "expected an Order, got str")),
        (lambda: combine_completions("", [completion_of()]), UnsupportedType,
         ("unit_code", "需要汇总单位的编码（文本）", "expected the summary unit's code (str)")),
        (lambda: combine_completions(5, [completion_of()]), UnsupportedType,  # type: ignore[arg-type]
         ("unit_code", "需要汇总单位的编码（文本）", "expected the summary unit's code (str)")),
        (lambda: combine_completions("U0", []), InvalidFiling,
         ("parts", "没有可汇总的完成情况", "there is no completion to combine")),
        (lambda: combine_completions("U0", [completion_of(), "x"]), UnsupportedType,  # type: ignore[list-item]
         ("parts", "只能汇总 Completion", "only Completion values can be combined")),
        (lambda: combine_completions("U0", [completion_of(), completion_of(year=2024)]), InvalidFiling,
         ("parts", "不能汇总不同年度（2023 与 2024）的完成情况",
          "cannot combine completions of different years (2023 and 2024)")),
    ],
)
def test_every_refusal_names_its_field(call: Call, kind: type[PovertyProcurementError], expected: Refusal) -> None:
    with pytest.raises(kind) as refused:
        call()
    assert type(refused.value) is kind and error_parts(refused.value) == expected
