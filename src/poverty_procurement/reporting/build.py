"""合规报告 — the compliance report a finance department wants, built from a dataset (pure, no I/O).

:func:`build_report` puts the library's rules together over one
:class:`~poverty_procurement.reporting.records.Dataset` and one year:

1. 填报问题 — every filing checked with :func:`~poverty_procurement.rules.filings.checks.check_filings`
   (粤财采购〔2023〕2号 二（一）–（三）, 附件1 第一、二条, 附件2 一、第四、五步); a filing whose contact
   could not be accepted carries its contact problems (附件2 一、第五步) instead of ``contact-missing``;
2. 汇总 — per superior unit and department (:func:`~poverty_procurement.rules.filings.rollup.roll_up_filings`,
   二（一）): canteen totals, reserved shares, union expected purchases, units not filed, below
   the minimum;
3. 完成情况 — counted purchases against reserved shares per unit and rolled up
   (:func:`~poverty_procurement.rules.completion.rollup.roll_up_completion`, 三（二）（三）), after
   crediting the transfers matched automatically;
4. 需人工货款确认的转账 — transfers that :func:`~poverty_procurement.rules.payments.matching.match_transfers`
   could not credit (附件2 七（一）–（三）), with the reason;
5. 优先采购 — the counted purchases by priority tier
   (:func:`~poverty_procurement.rules.counties.priority.summarize_priority`, 三（四）).

``status`` is ``bad-input`` when any record could not be read (the report still covers the
rest), else ``violations`` when a filing has an error-level problem, a unit has not filed, or a
transfer needs manual confirmation, else ``compliant``. Warnings and shortfalls are shown but are
not violations: the report has no clock and cannot tell whether the year is over.

Every list is sorted by unit code, order number or transaction id, so the report does not depend
on the order of the input rows. :class:`Report` round-trips through the library
:data:`~poverty_procurement.serialization.converter` (amounts as ``"600000.00"`` text);
:func:`~poverty_procurement.reporting.render.render_report_text` gives the Chinese text with tables
aligned for CJK characters.

>>> from poverty_procurement.reporting.datasets import sample_dataset
>>> report = build_report(sample_dataset())
>>> report.status.value, report.status.exit_code, len(report.manual_confirmations)
('violations', 1, 5)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

from ..conventions import LabelledEnum
from ..errors import PolicyNotFound
from ..model.filing import CanteenArrangement, Filing
from ..model.order import Channel
from ..model.unit import BudgetUnit
from ..money import Yuan
from ..rules.completion.canteens import completion_by_canteen
from ..rules.completion.counting import Completion, CountReason, counts_toward
from ..rules.completion.rollup import CompletionRollUp, roll_up_completion
from ..rules.counties.lookup import pairing_years
from ..rules.counties.priority import summarize_priority
from ..rules.filings.canteens import canteen_groups
from ..rules.filings.checks import Severity, Violation, check_filings
from ..rules.filings.rollup import Totals, roll_up_filings
from ..rules.payments.matching import MatchResult, apply_credits, match_transfers
from ..rules.policy.ratios import resolve_minimum_ratio
from ..rules.policy.table import PolicyTable
from .records import Dataset, RowError

__all__ = [
    "CompletionLine",
    "FilingViolation",
    "ManualConfirmation",
    "PriorityLine",
    "PriorityPart",
    "Report",
    "ReportStatus",
    "ScopeLine",
    "UnresolvedCounty",
    "assemble_report",
    "build_report",
    "collect_filing_violations",
    "manual_confirmation",
    "report_year",
    "table_year",
]


class ReportStatus(LabelledEnum):
    """报告结论 — compliant (exit 0), violations found (exit 1), bad input (exit 2)."""

    COMPLIANT = ("compliant", "全部合规")
    VIOLATIONS = ("violations", "发现问题")
    BAD_INPUT = ("bad-input", "输入有误")

    @property
    def exit_code(self) -> int:
        """The command line's exit code for this status."""
        return {"compliant": 0, "violations": 1, "bad-input": 2}[self.value]


@attrs.frozen
class FilingViolation:
    """填报问题 — one problem of one unit's filing, with its stable code and the clause."""

    unit_code: str
    unit_name: str
    year: int
    code: str
    field: str
    message: str
    severity: Severity
    citation: str
    suggestion: str | None = None


@attrs.frozen
class ScopeLine:
    """汇总行 — one superior unit's subtree, one department or everything: filings and completion."""

    code: str
    name: str
    units: int
    filed: int
    not_filed: tuple[str, ...]
    below_minimum: tuple[str, ...]
    canteen_total: Yuan
    reserved_share: Yuan
    effective_ratio: str
    union_expected: Yuan
    counted_total: Yuan
    completion: str
    shortfall: Yuan


@attrs.frozen
class CompletionLine:
    """单位完成情况 — one unit's own counted purchases against its own reserved share."""

    unit_code: str
    unit_name: str
    arrangement: CanteenArrangement | None
    reserved_share: Yuan
    counted_total: Yuan
    completion: str
    shortfall: Yuan
    orders_counted: int
    orders_excluded: tuple[tuple[CountReason, int], ...]


@attrs.frozen
class CanteenLine:
    """共用食堂完成情况 — the representative's share against the purchases of every unit sharing
    its canteen (粤财采购〔2023〕2号 二（三）2); ``units`` lists them, the representative first."""

    host_code: str
    host_name: str
    units: tuple[str, ...]
    reserved_share: Yuan
    counted_total: Yuan
    completion: str
    shortfall: Yuan


@attrs.frozen
class ManualConfirmation:
    """需人工货款确认的转账 — a transfer not credited automatically, with the reason (附件2 七（二）（三）)."""

    transaction_id: str
    payer_name: str
    amount: Yuan
    memo: str
    reason: str
    reason_zh: str
    order_number: str | None
    codes: tuple[str, ...]


@attrs.frozen
class PriorityLine:
    """优先采购层级小计 — amount, count and share of the counted purchases of one tier (三（四）)."""

    tier: str
    label: str
    amount: Yuan
    count: int
    share: str


@attrs.frozen
class UnresolvedCounty:
    """未能确定的产地县 — a counted order whose county could not be decided (counted as "other")."""

    order_number: str
    county: str
    amount: Yuan
    message: str


@attrs.frozen
class Report:
    """合规报告 — everything :func:`build_report` found; see the module docstring."""

    year: int
    status: ReportStatus
    title: str
    counts: tuple[tuple[str, int], ...]
    input_errors: tuple[RowError, ...]
    filing_violations: tuple[FilingViolation, ...]
    not_filed: tuple[tuple[str, str], ...]
    ignored_filings: tuple[str, ...]
    departments: tuple[ScopeLine, ...]
    superiors: tuple[ScopeLine, ...]
    overall: ScopeLine
    completion: tuple[CompletionLine, ...]
    unassigned_orders: tuple[str, ...]
    credited_transfers: tuple[tuple[str, str], ...]
    manual_confirmations: tuple[ManualConfirmation, ...]
    priority_table_year: int
    priority: tuple[PriorityLine, ...]
    priority_total: Yuan
    paired_amount: Yuan
    paired_share: str
    unresolved_counties: tuple[UnresolvedCounty, ...]
    canteens: tuple[CanteenLine, ...] = ()


def _ratio_text(totals: Totals) -> str:
    percent = totals.effective_percent
    return "—" if percent is None else f"{percent}%"


def _scope(code: str, name: str, totals: Totals, done: Completion) -> ScopeLine:
    return ScopeLine(code, name, totals.units, totals.filed, tuple(sorted(totals.not_filed)),
                     tuple(sorted(totals.below_minimum)), totals.canteen_total, totals.reserved_share,
                     _ratio_text(totals), totals.union_expected, done.counted_total, done.percent, done.shortfall)


def collect_filing_violations(filings: Sequence[Filing], contacts: Sequence[tuple[Violation, ...]], *,
                              policy: PolicyTable | None = None,
                              last_year: Iterable[Filing] | None = None) -> list[FilingViolation]:
    """填报问题清单 — :func:`~poverty_procurement.rules.filings.checks.check_filings` of ``filings``, flattened.

    ``contacts`` is parallel to ``filings`` (as in :class:`~poverty_procurement.reporting.records.Dataset`): a
    filing whose contact could not be accepted gets those problems instead of ``contact-missing``
    (附件2 一、第五步). Sorted by unit code, year and problem code. ``policy`` and ``last_year`` as for
    :func:`~poverty_procurement.rules.filings.checks.check_filings`; a filing the checks cannot judge
    (``PolicyNotFound`` for a year without policy data) raises that error instead of passing.

    >>> from poverty_procurement.reporting.datasets import sample_dataset
    >>> data = sample_dataset()
    >>> [v.code for v in collect_filing_violations(data.filings, data.filing_contacts)][-1]
    'mobile-invalid'
    """
    found: list[FilingViolation] = []
    for check, problems in zip(check_filings(filings, policy=policy, last_year=last_year), contacts, strict=True):
        if check.error is not None:  # e.g. PolicyNotFound: a year without policy data is not a pass
            raise check.error
        filing = filings[check.position]
        violations = list(check.violations)
        if problems:
            violations = [v for v in violations if v.code != "contact-missing"] + list(problems)
        for v in violations:
            found.append(FilingViolation(filing.unit.code, filing.unit.name, filing.year, v.code, v.field, v.message,
                                         v.severity, str(v.citation), v.suggestion))
    found.sort(key=lambda v: (v.unit_code, v.year, v.code, v.field))
    return found


def _year(declared: int | None, filings: Iterable[Filing], year: int | None) -> int:
    if year is not None:
        return year
    if declared is not None:
        return declared
    years = {filing.year for filing in filings}
    if len(years) == 1:
        return years.pop()
    raise PolicyNotFound("year", "请用 --year 指明报告年度（数据未写明年度，且填报不止一个年度或没有填报）",
                         "give the report's year (--year): the data names none and its filings are of several "
                         "years or none")


def report_year(declared: int | None, filings: Iterable[Filing], year: int | None = None, *,
                policy: PolicyTable | None = None) -> int:
    """报告年度 — ``year`` if given, else the year the input declares, else the one year of all ``filings``.

    Checks that the year has policy data (粤财采购〔2023〕2号 二（二）: the minimum ratio of the year):
    raises ``PolicyNotFound`` for a year without it, or when no year can be told.

    >>> report_year(None, [], 2023), report_year(2024, [])
    (2023, 2024)
    """
    found = _year(declared, filings, year)
    resolve_minimum_ratio(found, policy=policy)  # a year without policy data is an error, not a guess
    return found


def table_year(year: int) -> int:
    """对接帮扶县名单年度 — the year of the paired-county table used for ``year``'s priority tiers (三（四）):
    the year itself when there is a table for it, else the latest table.

    >>> table_year(2023)
    2023
    """
    years = pairing_years()
    return year if year in years else max(years)


@attrs.frozen
class PriorityPart:
    """优先采购部分 — the priority section of a :class:`Report` (三（四）), however it was computed."""

    table_year: int
    lines: tuple[PriorityLine, ...]
    total: Yuan
    paired_amount: Yuan
    paired_share: str
    unresolved: tuple[UnresolvedCounty, ...]


def manual_confirmation(result: MatchResult) -> ManualConfirmation:
    """需人工货款确认 — the report line of a transfer not credited automatically (附件2 七（二）（三））."""
    transfer = result.transfer
    return ManualConfirmation(transfer.transaction_id, transfer.payer_name, transfer.amount, transfer.memo,
                              result.reason.value, result.reason.zh, result.order_number, result.codes)


def build_report(dataset: Dataset, year: int | None = None, *, policy: PolicyTable | None = None) -> Report:
    """合规报告 — the report of ``dataset`` for ``year`` (default: the dataset's year).

    Pure and linear in the size of the dataset. Filings of other years are listed in
    ``ignored_filings`` (not checked, not counted). Raises ``PolicyNotFound`` for a year without
    policy data; ``policy`` is the policy table to read (default: the shipped one, e.g.
    :func:`~poverty_procurement.policy.read_policy_file` for a newer notice). Cites the clauses
    listed in the module docstring. For CSV files too large to
    hold, :func:`~poverty_procurement.reporting.stream.report_csv` gives the same report streaming.

    >>> from poverty_procurement.reporting.datasets import sample_dataset
    >>> report = build_report(sample_dataset())
    >>> str(report.overall.reserved_share), report.overall.completion, [u for u, _ in report.not_filed]
    ('2,455,000.00元', '40.49%', ['44010402'])
    """
    from ..conventions import require  # the library's error for a wrong type (issue 17)
    require(dataset, Dataset, "dataset")
    year = report_year(dataset.year, dataset.filings, year, policy=policy)
    names = {unit.code: unit.name for unit in dataset.units}
    filings = [f for f in dataset.filings if f.year == year]
    on_platform = [o for o in dataset.orders if o.channel is not Channel.OFF_PLATFORM]
    matched = match_transfers(dataset.transfers, on_platform)
    orders = list(apply_credits(dataset.orders, matched))
    done = roll_up_completion(dataset.units, orders, filings, year)
    manual = [manual_confirmation(r) for r in matched if r.needs_manual_confirmation]
    credited = [(r.transfer.transaction_id, r.order_number or "") for r in matched if r.credited]
    counted = sorted((o for o in orders if o.buyer_unit in names and counts_toward(o, o.buyer_unit, year)),
                     key=lambda o: o.number)
    summary = summarize_priority(((o.origin_county, o.net_amount) for o in counted), year=table_year(year))
    priority = PriorityPart(
        summary.year,
        tuple(PriorityLine(t.tier.value, t.tier.zh, t.amount, t.count, str(t.share)) for t in summary.tiers),
        summary.total, summary.paired_amount, str(summary.paired_share),
        tuple(UnresolvedCounty(counted[u.index].number, u.county, u.amount, u.zh) for u in summary.unresolved))
    return assemble_report(year=year, units=dataset.units, all_filings=dataset.filings,
                           contacts=dataset.filing_contacts, errors=dataset.errors, done=done, manual=manual,
                           credited=credited, priority=priority, order_count=len(dataset.orders),
                           transfer_count=len(dataset.transfers), policy=policy)


def assemble_report(
    *,
    year: int,
    units: Sequence[BudgetUnit],
    all_filings: Sequence[Filing],
    contacts: Sequence[tuple[Violation, ...]],
    errors: Iterable[RowError],
    done: CompletionRollUp,
    manual: Iterable[ManualConfirmation],
    credited: Iterable[tuple[str, str]],
    priority: PriorityPart,
    order_count: int,
    transfer_count: int,
    policy: PolicyTable | None = None,
) -> Report:
    """合规报告（组装） — the :class:`Report` from its parts; :func:`build_report` and the streaming report share it.

    ``all_filings`` (every year, ``contacts`` parallel to it) are checked and rolled up for
    ``year`` here; ``done`` is the completion roll-up of ``year``; ``manual`` the manual
    confirmations in input order (sorted here, stably, by transaction id and reason); ``credited``
    the ``(transaction id, order number)`` of every credited transfer. Pure; cites the clauses of
    the module docstring. ``policy`` is the policy table (default: the shipped one); last year's
    filings among ``all_filings`` feed its "not below last year" rules.
    """
    names = {unit.code: unit.name for unit in units}
    filings = [f for f in all_filings if f.year == year]
    filing_contacts = [c for f, c in zip(all_filings, contacts, strict=True) if f.year == year]
    ignored = sorted(f"{f.unit.code} {f.year}" for f in all_filings if f.year != year)
    violations = collect_filing_violations(filings, filing_contacts, policy=policy,
                                           last_year=[f for f in all_filings if f.year == year - 1])
    rolled = roll_up_filings(units, filings, year, policy=policy)
    arrangement = {f.unit.code: f.arrangement for f in filings}
    completion = tuple(
        CompletionLine(code, names[code], arrangement.get(code), c.reserved_share, c.counted_total, c.percent,
                       c.shortfall, c.orders_counted, c.excluded)
        for code, c in sorted(done.units.items()))
    canteens = tuple(
        CanteenLine(c.host_code, names[c.host_code], (c.host_code, *sorted(p.unit_code for p in c.parts[1:])),
                    c.combined.reserved_share,
                    c.combined.counted_total, c.combined.percent, c.combined.shortfall)
        for c in completion_by_canteen(done.units, canteen_groups(filings, policy=policy)) if c.host_code in names)
    listed = sorted(manual, key=lambda m: (m.transaction_id, m.reason))
    not_filed = tuple((code, names[code]) for code in sorted(rolled.overall.not_filed))
    departments = tuple(_scope(code, names[code], totals, done.departments[code])
                        for code, totals in sorted(rolled.departments.items()))
    superiors = tuple(_scope(code, names[code], totals, done.superiors[code])
                      for code, totals in sorted(rolled.superiors.items()))
    input_errors = tuple(sorted(errors, key=lambda e: (e.source, e.row_number, e.field, e.message)))
    if input_errors:
        status = ReportStatus.BAD_INPUT
    elif any(v.severity is Severity.ERROR for v in violations) or not_filed or listed:
        status = ReportStatus.VIOLATIONS
    else:
        status = ReportStatus.COMPLIANT
    title_names = "、".join(names[code] for code, _ in sorted(rolled.departments.items())[:3]) or "（无单位）"
    return Report(
        year=year,
        status=status,
        title=f"{title_names} {year}年度 832平台预留份额合规报告",
        counts=(("units", len(units)), ("filings", len(filings)), ("orders", order_count),
                ("transfers", transfer_count)),
        input_errors=input_errors,
        filing_violations=tuple(violations),
        not_filed=not_filed,
        ignored_filings=tuple(ignored),
        departments=departments,
        superiors=superiors,
        overall=_scope("*", "合计", rolled.overall, done.overall),
        completion=completion,
        unassigned_orders=done.unassigned_orders,
        credited_transfers=tuple(sorted(credited)),
        manual_confirmations=tuple(listed),
        priority_table_year=priority.table_year,
        priority=priority.lines,
        priority_total=priority.total,
        paired_amount=priority.paired_amount,
        paired_share=priority.paired_share,
        unresolved_counties=priority.unresolved,
        canteens=canteens,
    )
