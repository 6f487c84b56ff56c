"""计入采购额 — which purchases count toward a unit's reserved share, and how far it is completed.

Sources (粤财采购〔2023〕2号):

* 正文 三（二）: "年底前按时完成预留采购份额。未完成支付或通过“832 平台”以外其他渠道采购的，不计入本单位年度
  采购总额" — unpaid orders and other channels do not count; the year ends on 31 December.
* 正文 三（三） and 附件1 第三条: purchases by the unit's union (工会福利、慰问品) and by employees
  through the 832 WeChat mini-program "计入本单位年度采购金额".
* 附件1 第二条: the canteen contractor (食堂承包方) buys with trading rights the unit opened for it.
* 附件2 五 方案二: "单位通过832平台购买提货券，采购额计入单位预算份额" — the voucher purchase counts;
  a redemption of the voucher (``Order.voucher_redemption``) does not count a second time.
* 附件2 六: the mini-program "支持将个人采购金额计入本单位年度采购金额统计中" once the person is bound
  to the unit (所属单位) — the order's ``buyer_unit`` is that unit.

Decisions: an order counts for the calendar year of its payment date in Beijing time (paid on
2023-12-31 counts for 2023, paid on 2024-01-01 for 2024 — not for 2023); refunded amounts never
count (the net amount is counted; a fully refunded order does not count).

Completion is computed against a filing given through small protocols (a unit has ``.code``; a
filing has ``.unit``, ``.year`` and ``.reserved_share``), so any filing object fits.

>>> import datetime
>>> from poverty_procurement import Order
>>> from poverty_procurement.payments import Channel, OrderStatus, Placer, SettlementAccount
>>> account = SettlementAccount("供应商", "35000188110503337", "中国光大银行北京分行营业室", "303100000241")
>>> order = Order("XD2023112330011271", "U1", Placer.UNION, Channel.TRADING_PLATFORM, "供应商", account,
...               "2000", "f54yxn", "三都县", status=OrderStatus.PAID,
...               paid_at=datetime.datetime(2023, 11, 23, 10))
>>> count_decision(order, "U1", 2023).reason.zh
'计入'
>>> count_decision(order, "U1", 2024).reason.zh
'支付不在该年度内'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Protocol

import attrs

from ...citation import Citation
from ...conventions import MAX_YEAR, MIN_YEAR, LabelledEnum, beijing, check_year, require, require_each
from ...errors import InputError, InvalidFiling, UnsupportedType, shown
from ...explain import Explanation, Step
from ...form_grammar import CONTEXT
from ...model.order import Channel, Order, OrderStatus, Placer
from ...money import Yuan, format_yuan, trusted_yuan

__all__ = [
    "COUNTING_RULE",
    "Completion",
    "CompletionAccumulator",
    "CompletionReport",
    "CountDecision",
    "CountReason",
    "FilingLike",
    "UnitLike",
    "combine_completions",
    "completion",
    "completion_by_unit",
    "completion_ratio",
    "count_decision",
    "counts_toward",
]

_NOTICE = "粤财采购〔2023〕2号"
#: 未完成支付或通过832平台以外其他渠道采购的，不计入本单位年度采购总额.
COUNTING_RULE = Citation(_NOTICE, "三（二）", "未完成支付或通过“832 平台”以外其他渠道采购的，不计入本单位年度采购总额")
_WHO_RULE = Citation(_NOTICE, "三（三）；附件1 第三条", "有关采购金额均计入本单位年度采购总额")
_SHARE_RULE = Citation(_NOTICE, "三（二）", "年底前按时完成预留采购份额")
_ZERO = Yuan.from_fen(0)
_PERCENT = Decimal(100)
_HUNDREDTH = Decimal("0.01")


def completion_ratio(counted_fen: int, share_fen: int) -> Decimal:
    """完成率 — ``counted_fen ÷ share_fen`` rounded 四舍五入 to 0.0001 (0.01 percent point).

    Integer arithmetic, so no caller's ``decimal`` context (precision, rounding, traps) can change
    it. ``share_fen`` is positive, ``counted_fen`` not negative.

    >>> completion_ratio(2, 7)
    Decimal('0.2857')
    >>> completion_ratio(1, 20_000)   # 0.00005, exactly half a step: 四舍五入, up
    Decimal('0.0001')
    """
    for field, value in (("counted_fen", counted_fen), ("share_fen", share_fen)):
        if type(value) is not int or value < 0 or value >= 10**40:
            raise InputError(field, f"须为非负整数分，收到 {type(value).__name__} {shown(value)}",
                             f"must be a non-negative int number of fen, got {type(value).__name__} {shown(value)}")
    if not share_fen:
        raise InputError("share_fen", "预留份额为零时没有完成率", "there is no completion ratio of a zero share")
    steps = (counted_fen * 20_000 + share_fen) // (2 * share_fen)  # ROUND_HALF_UP to 1/10000
    return Decimal(steps).scaleb(-4, CONTEXT)


class UnitLike(Protocol):
    """预算单位 — anything with a unit ``code``."""

    @property
    def code(self) -> str: ...


class FilingLike(Protocol):
    """预留份额填报 — anything with ``unit`` (with ``code``), ``year`` and ``reserved_share``."""

    @property
    def unit(self) -> UnitLike: ...

    @property
    def year(self) -> int: ...

    @property
    def reserved_share(self) -> Yuan: ...


class CountReason(LabelledEnum):
    """是否计入的原因 — stable machine codes with a Chinese label."""

    COUNTS = ("counts", "计入")
    OTHER_UNIT = ("other-unit", "不是该单位的采购")
    OFF_PLATFORM = ("off-platform", "通过832平台以外其他渠道采购，不计入")
    UNPAID = ("unpaid", "未完成支付，不计入")
    OTHER_YEAR = ("other-year", "支付不在该年度内")
    VOUCHER_REDEMPTION = ("voucher-redemption", "提货券兑换，购券时已计入")
    FULLY_REFUNDED = ("fully-refunded", "已全额退款")


@attrs.frozen
class CountDecision:
    """计入判断 — whether one order counts, for how much (net of refunds) and why."""

    order_number: str
    reason: CountReason
    amount: Yuan

    @property
    def counts(self) -> bool:
        """Whether the order counts toward the unit's purchases of the year."""
        return self.reason is CountReason.COUNTS


def _filing_like(filing: object, field: str) -> FilingLike:
    """The library's error, naming ``field``, for what is not a filing (no ``unit``/``year``/``reserved_share``)."""
    if not all(hasattr(filing, name) for name in ("unit", "year", "reserved_share")):
        raise UnsupportedType(field, f"需要填报（带 unit、year、reserved_share），收到 {type(filing).__name__}",
                              f"expected a filing (unit, year, reserved_share), got {type(filing).__name__}")
    return filing  # type: ignore[return-value]


def _code(unit: UnitLike | str) -> str:
    code = unit if isinstance(unit, str) else getattr(unit, "code", None)
    if not isinstance(code, str):
        raise UnsupportedType("unit", "需要单位编码（文本）或带 code 的单位",
                              "expected a unit code or a unit with .code")
    return code


def _decide(order: Order, code: str, year: int) -> CountReason:  # noqa: PLR0911 - one return per reason
    if order.buyer_unit != code:
        return CountReason.OTHER_UNIT
    if order.channel is Channel.OFF_PLATFORM:
        return CountReason.OFF_PLATFORM
    paid_at = order.paid_at
    if order.status is not OrderStatus.PAID or paid_at is None:
        return CountReason.UNPAID
    # the year of its Beijing date (Order.paid_on), without making the date
    if (paid_at.year if paid_at.tzinfo is None else beijing(paid_at).year) != year:
        return CountReason.OTHER_YEAR
    if order.voucher_redemption:
        return CountReason.VOUCHER_REDEMPTION
    if order.refunded.fen >= order.amount.fen:
        return CountReason.FULLY_REFUNDED
    return CountReason.COUNTS


def count_decision(order: Order, unit: UnitLike | str, year: int) -> CountDecision:
    """计入判断 — whether ``order`` counts toward ``unit``'s purchases of ``year``, and why.

    ``unit`` is a unit (``.code``) or its code. Cites 正文 三（二）（三）, 附件1 第二、三条, 附件2 五、六.

    >>> decision = count_decision(_example(), "U1", 2024)
    >>> decision.counts, decision.reason.value, str(decision.amount)
    (False, 'other-year', '0.00元')
    """
    reason = _decide(require(order, Order, "order"), _code(unit), check_year(year))
    amount = order.net_amount if reason is CountReason.COUNTS else _ZERO
    return CountDecision(order.number, reason, amount)


def counts_toward(order: Order, unit: UnitLike | str, year: int) -> bool:
    """计入本单位年度采购总额 — whether the order counts for the unit in that year (see :func:`count_decision`).

    Cites 正文 三（二）（三）. Doctest: the module's example order, paid 2023-11-23.

    >>> counts_toward(_example(), "U1", 2023), counts_toward(_example(), "U2", 2023)
    (True, False)
    """
    if type(order) is Order and type(unit) is str and type(year) is int and MIN_YEAR <= year <= MAX_YEAR:
        return _decide(order, unit, year) is CountReason.COUNTS  # the common call (a stream's, per order)
    return _decide(require(order, Order, "order"), _code(unit), check_year(year)) is CountReason.COUNTS


@attrs.frozen
class Completion:
    """预留份额完成情况 — counted total against the reserved share of one unit in one year.

    ``ratio`` is counted ÷ share rounded 四舍五入 to 0.0001 (0.01 percent point), ``None`` when
    the share is zero (e.g. 无食堂); ``shortfall`` is what is still missing (never negative);
    ``by_placer`` the counted amount per :class:`~poverty_procurement.model.order.Placer`, in the
    enum's order; ``excluded`` how many of the unit's orders did not count, per reason.
    """

    unit_code: str
    year: int
    counted_total: Yuan
    reserved_share: Yuan
    ratio: Decimal | None
    shortfall: Yuan
    by_placer: tuple[tuple[Placer, Yuan], ...]
    orders_counted: int
    excluded: tuple[tuple[CountReason, int], ...]

    @property
    def complete(self) -> bool:
        """已完成 — the counted total reaches the reserved share."""
        return self.shortfall.fen == 0

    @property
    def percent(self) -> str:
        """完成率 as the platform shows a ratio, e.g. ``'45.67%'`` (``'—'`` for a zero share)."""
        if self.ratio is None:
            return "—"
        hundredths = CONTEXT.multiply(self.ratio, _PERCENT)
        return f"{hundredths.quantize(_HUNDREDTH, ROUND_HALF_UP, CONTEXT)}%"

    def explain(self) -> Explanation:
        """计算说明 — how the completion was obtained, with the clauses."""
        steps = (
            Step("counted-total", "计入本单位年度采购总额",
                 tuple((placer.zh, format_yuan(amount)) for placer, amount in self.by_placer),
                 format_yuan(self.counted_total), _WHO_RULE),
            Step("completion", "预留份额完成率",
                 (("计入金额", format_yuan(self.counted_total)), ("预留份额", format_yuan(self.reserved_share))),
                 self.percent, _SHARE_RULE, formula="完成率 = 计入金额 ÷ 预留份额",
                 rounding="四舍五入到 0.01 个百分点"),
            Step("shortfall", "尚差金额",
                 (("预留份额", format_yuan(self.reserved_share)), ("计入金额", format_yuan(self.counted_total))),
                 format_yuan(self.shortfall), _SHARE_RULE, formula="尚差 = max(预留份额 − 计入金额, 0)"),
        )
        return Explanation(f"{self.unit_code} {self.year}年预留份额完成情况", self.percent, steps)


_PLACERS = tuple(Placer)
_REASONS = tuple(CountReason)


class _Tally:
    __slots__ = ("code", "counted", "excluded", "fen", "per_placer", "year")

    def __init__(self, code: str, year: int) -> None:
        self.code = code
        self.year = year
        self.fen = 0
        self.counted = 0
        self.per_placer = dict.fromkeys(_PLACERS, 0)
        self.excluded: dict[CountReason, int] = {}

    def add(self, order: Order) -> None:
        reason = _decide(order, self.code, self.year)
        if reason is CountReason.COUNTS:
            net = order.amount.fen - order.refunded.fen
            self.fen += net
            self.counted += 1
            self.per_placer[order.placed_by] += net
        else:
            self.excluded[reason] = self.excluded.get(reason, 0) + 1

    def result(self, share: Yuan) -> Completion:
        # (one per unit: the sums are non-negative fen, the reasons and placers in their enums' order)
        share_fen = share.fen
        ratio = None
        if share_fen:
            ratio = completion_ratio(self.fen, share_fen)
        excluded = self.excluded
        return Completion(
            self.code, self.year, trusted_yuan(self.fen), share, ratio,
            trusted_yuan(max(share_fen - self.fen, 0)),
            tuple([(placer, trusted_yuan(fen)) for placer, fen in self.per_placer.items()]),
            self.counted,
            tuple([(reason, excluded[reason]) for reason in _REASONS if reason in excluded]) if excluded else (),
        )


def _share(filing: FilingLike) -> Yuan:
    share = filing.reserved_share
    if type(share) is not Yuan:
        raise UnsupportedType("reserved_share", "预留份额须为 Yuan", "the reserved share must be a Yuan")
    return share


def completion(unit: UnitLike | str, orders: Iterable[Order], filing: FilingLike) -> Completion:
    """预留份额完成情况 — counted purchases of ``unit`` in the filing's year against its reserved share.

    Orders of other units are listed under ``excluded`` as ``other-unit``. Linear in the orders.
    Cites 正文 三（二）（三）, 附件1 第三条.

    >>> import types
    >>> filing = types.SimpleNamespace(unit=types.SimpleNamespace(code="U1"), year=2023,
    ...                                reserved_share=Yuan("8000"))
    >>> done = completion("U1", [_example()], filing)
    >>> str(done.counted_total), done.percent, str(done.shortfall)
    ('2,000.00元', '25.00%', '6,000.00元')
    """
    orders = list(require_each(orders, Order, "orders"))
    code = _code(unit)
    filing = _filing_like(filing, "filing")
    if _code(filing.unit) != code:
        raise InvalidFiling("filing", f"填报属于单位 {filing.unit.code}，不是 {code}",
                            f"the filing belongs to unit {filing.unit.code}, not {code}")
    tally = _Tally(code, check_year(filing.year))
    for order in orders:
        tally.add(order)
    return tally.result(_share(filing))


@attrs.frozen
class CompletionReport:
    """批量完成情况 — completion per unit code, and the orders of units with no filing given."""

    by_unit: Mapping[str, Completion]
    unfiled_orders: tuple[str, ...]


def completion_by_unit(orders: Iterable[Order], filings: Iterable[FilingLike]) -> CompletionReport:
    """批量计算完成情况 — one :class:`Completion` per filing's unit, from one pass over the orders.

    Each order is counted for the unit it names (``buyer_unit``); an order whose unit has no
    filing is listed in ``unfiled_orders`` by number — every order is accounted for. One filing
    per unit code (call once per year); a second raises ``InvalidFiling``. Roll-up through the
    unit tree is the filings roll-up's job. Linear in orders + filings.
    :class:`CompletionAccumulator` takes the orders one at a time (bounded memory, mergeable).

    >>> import types
    >>> filing = types.SimpleNamespace(unit=types.SimpleNamespace(code="U1"), year=2023,
    ...                                reserved_share=Yuan("2000"))
    >>> report = completion_by_unit([_example()], [filing])
    >>> report.by_unit["U1"].complete, report.unfiled_orders
    (True, ())
    """
    orders = require_each(orders, Order, "orders")
    tallies: dict[str, _Tally] = {}
    shares: dict[str, Yuan] = {}
    for index, item in enumerate(require(filings, Iterable, "filings")):
        filing = _filing_like(item, f"filings[{index}]")
        code = _code(filing.unit)
        if code in tallies:
            raise InvalidFiling("filings", f"单位 {code} 有两份填报；请按年度分别计算",
                                f"unit {code} has two filings; compute one year at a time")
        tallies[code] = _Tally(code, check_year(filing.year))
        shares[code] = _share(filing)
    unfiled: list[str] = []
    for order in orders:
        tally = tallies.get(order.buyer_unit)
        if tally is None:
            unfiled.append(order.number)
        else:
            tally.add(order)
    return CompletionReport({code: tally.result(shares[code]) for code, tally in tallies.items()}, tuple(unfiled))


class CompletionAccumulator:
    """完成情况累加器（流式） — :func:`completion_by_unit` fed one order at a time, in bounded memory.

    Built from the filings (one per unit code, as in :func:`completion_by_unit`); :meth:`add`
    takes orders one by one (or :meth:`add_all` any iterable, consumed lazily). Per unit it
    keeps only running sums and counts — the counted fen, the fen per placer, the number of
    orders counted and the number excluded per reason — never the orders. :meth:`report` equals
    ``completion_by_unit(orders, filings)`` for the orders added.

    The one list that grows with the input is the numbers of orders whose unit has no filing
    (``unfiled_orders`` of :class:`CompletionReport`). With ``keep_unfiled_numbers=False`` only
    their count is kept (:attr:`unfiled_count`), memory no longer grows with the orders, and
    :meth:`report` (which must list them) raises ``InputError``; :meth:`completions` still
    gives every unit's :class:`Completion`.

    Accumulators over the same filings :meth:`merge` (a map step per chunk of orders, then a
    reduce), and pickle, so each can live in a worker process. Cites 正文 三（二）（三）,
    附件1 第三条 (what counts), as :func:`completion`.

    >>> import types
    >>> filing = types.SimpleNamespace(unit=types.SimpleNamespace(code="U1"), year=2023,
    ...                                reserved_share=Yuan("8000"))
    >>> tally = CompletionAccumulator([filing], keep_unfiled_numbers=False)
    >>> tally.add_all(_example() for _ in range(3)).unfiled_count
    0
    >>> done = tally.completions()["U1"]
    >>> str(done.counted_total), done.percent, done.orders_counted
    ('6,000.00元', '75.00%', 3)
    """

    __slots__ = ("_keep", "_shares", "_tallies", "_unfiled", "_unfiled_count")

    def __init__(self, filings: Iterable[FilingLike], *, keep_unfiled_numbers: bool = True) -> None:
        self._tallies: dict[str, _Tally] = {}
        self._shares: dict[str, Yuan] = {}
        for index, item in enumerate(require(filings, Iterable, "filings")):
            filing = _filing_like(item, f"filings[{index}]")
            code = _code(filing.unit)
            if code in self._tallies:
                raise InvalidFiling("filings", f"单位 {code} 有两份填报；请按年度分别计算",
                                    f"unit {code} has two filings; compute one year at a time")
            self._tallies[code] = _Tally(code, check_year(filing.year))
            self._shares[code] = _share(filing)
        self._keep = bool(keep_unfiled_numbers)
        self._unfiled: list[str] = []
        self._unfiled_count = 0

    def add(self, order: Order) -> None:
        """Count one order for the unit it names (``buyer_unit``), or note it as unfiled."""
        if not isinstance(order, Order):
            raise UnsupportedType("orders", f"需要 Order，收到 {type(order).__name__}",
                                  f"expected an Order, got {type(order).__name__}")
        tally = self._tallies.get(order.buyer_unit)
        if tally is not None:
            tally.add(order)
            return
        self._unfiled_count += 1
        if self._keep:
            self._unfiled.append(order.number)

    def add_all(self, orders: Iterable[Order]) -> CompletionAccumulator:
        """Add every order of ``orders`` (consumed lazily, one at a time); returns the accumulator."""
        add = self.add
        for order in orders:
            add(order)
        return self

    @property
    def unfiled_count(self) -> int:
        """How many orders named a unit without a filing."""
        return self._unfiled_count

    def completions(self) -> Mapping[str, Completion]:
        """预留份额完成情况 — one :class:`Completion` per filing's unit, for the orders added so far."""
        return {code: tally.result(self._shares[code]) for code, tally in self._tallies.items()}

    def report(self) -> CompletionReport:
        """批量完成情况 — the :class:`CompletionReport` of the orders added so far (as :func:`completion_by_unit`)."""
        if not self._keep:
            raise InputError("keep_unfiled_numbers",
                             "未保留无填报单位的订单编号（keep_unfiled_numbers=False），无法生成完整报告；"
                             "请用 completions() 与 unfiled_count，或以 keep_unfiled_numbers=True 重新累计",
                             "the numbers of unfiled orders were not kept (keep_unfiled_numbers=False): use "
                             "completions() and unfiled_count, or accumulate again keeping them")
        return CompletionReport(self.completions(), tuple(self._unfiled))

    def merge(self, other: CompletionAccumulator) -> CompletionAccumulator:
        """Add ``other``'s sums and counts (accumulated over other orders, same filings) into this one.

        Unfiled order numbers are appended after this accumulator's, so merging the chunks of an
        order list in their order gives the report of the whole list. Returns ``self``.
        """
        if not isinstance(other, CompletionAccumulator):
            raise UnsupportedType("other", "只能合并 CompletionAccumulator",
                                  "only a CompletionAccumulator can be merged")
        same = self._shares == other._shares and all(
            other._tallies[code].year == tally.year for code, tally in self._tallies.items())
        if not same or self._keep != other._keep:
            raise InvalidFiling("other", "只能合并基于同一批填报（且同样设置 keep_unfiled_numbers）的累加器",
                                "only accumulators built from the same filings (and the same "
                                "keep_unfiled_numbers) can be merged")
        for code, tally in self._tallies.items():
            part = other._tallies[code]
            tally.fen += part.fen
            tally.counted += part.counted
            for placer, fen in part.per_placer.items():
                tally.per_placer[placer] += fen
            for reason, count in part.excluded.items():
                tally.excluded[reason] = tally.excluded.get(reason, 0) + count
        self._unfiled.extend(other._unfiled)
        self._unfiled_count += other._unfiled_count
        return self

    def merge_disjoint(self, other: CompletionAccumulator) -> CompletionAccumulator:
        """Add ``other``, built from the filings of *other* units, into this one (a split by unit).

        For a run split by unit: each part is built from its own units' filings only and fed the
        orders of those units (route an order by its ``buyer_unit`` with the same partition
        function as the filings), so no part ships every filing. The units must not overlap
        (``InvalidFiling`` otherwise) and ``keep_unfiled_numbers`` must agree; the unfiled orders
        (a unit with no filing in any part — route them all by ``buyer_unit`` too) are appended
        part after part. :meth:`completions` then equals that of one accumulator over all the
        filings and orders; ``report().unfiled_orders`` holds the same numbers, in part order.
        Returns ``self``.
        """
        if not isinstance(other, CompletionAccumulator):
            raise UnsupportedType("other", "只能合并 CompletionAccumulator",
                                  "only a CompletionAccumulator can be merged")
        shared = self._tallies.keys() & other._tallies.keys()
        if shared or self._keep != other._keep:
            named = "、".join(sorted(shared)[:5]) or "keep_unfiled_numbers"
            raise InvalidFiling("other",
                                f"只能合并基于不相交的单位（且同样设置 keep_unfiled_numbers）的累加器：{named}",
                                f"only accumulators over disjoint units (and the same keep_unfiled_numbers) "
                                f"can be merged: {named}")
        self._tallies.update(other._tallies)
        self._shares.update(other._shares)
        self._unfiled.extend(other._unfiled)
        self._unfiled_count += other._unfiled_count
        return self


def combine_completions(unit_code: str, parts: Iterable[Completion]) -> Completion:
    """汇总完成情况 — one completion adding up several (a superior unit and those below it).

    Counted totals, reserved shares, the per-placer breakdown and the order counts are added;
    the ratio and shortfall are recomputed from the sums, so one unit's surplus offsets another's
    shortfall in the combined figure (the notice does not say how a summary treats surpluses;
    each unit's own shortfall stays in its part). All parts must be of one year; at least one
    part is needed. The tree walk itself is the filings roll-up's. Linear in the parts.

    >>> import types
    >>> filing = types.SimpleNamespace(unit=types.SimpleNamespace(code="U1"), year=2023,
    ...                                reserved_share=Yuan("8000"))
    >>> one = completion("U1", [_example()], filing)
    >>> both = combine_completions("U0", [one, one])
    >>> str(both.counted_total), str(both.reserved_share), both.percent
    ('4,000.00元', '16,000.00元', '25.00%')
    """
    if not isinstance(unit_code, str) or not unit_code:
        raise UnsupportedType("unit_code", "需要汇总单位的编码（文本）", "expected the summary unit's code (str)")
    items = list(require(parts, Iterable, "parts"))
    if not items:
        raise InvalidFiling("parts", "没有可汇总的完成情况", "there is no completion to combine")
    if not all(isinstance(part, Completion) for part in items):  # before reading the first one's year
        raise UnsupportedType("parts", "只能汇总 Completion", "only Completion values can be combined")
    year = items[0].year
    tally = _Tally(unit_code, year)
    share = 0
    for part in items:
        if not isinstance(part, Completion):
            raise UnsupportedType("parts", "只能汇总 Completion", "only Completion values can be combined")
        if part.year != year:
            raise InvalidFiling("parts", f"不能汇总不同年度（{year} 与 {part.year}）的完成情况",
                                f"cannot combine completions of different years ({year} and {part.year})")
        tally.fen += part.counted_total.fen
        tally.counted += part.orders_counted
        share += part.reserved_share.fen
        for placer, amount in part.by_placer:
            tally.per_placer[placer] += amount.fen
        for reason, count in part.excluded:
            tally.excluded[reason] = tally.excluded.get(reason, 0) + count
    return tally.result(Yuan.from_fen(share))


def _example() -> Order:
    """A union purchase of 2,000.00 元 for unit U1 paid on 2023-11-23 (for doctests)."""
    import datetime

    from ...model.order import SettlementAccount

    account = SettlementAccount("供应商", "35000188110503337", "中国光大银行北京分行营业室", "303100000241")
    return Order("XD2023112330011271", "U1", Placer.UNION, Channel.TRADING_PLATFORM, "供应商", account, "2000",
                 "f54yxn", "三都县", status=OrderStatus.PAID, paid_at=datetime.datetime(2023, 11, 23, 10))
