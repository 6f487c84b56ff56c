"""地方规则 — what local notices add to the national rule, checked on a filing when the table has them.

A local notice may add, for its jurisdiction and year (the ``local_rules`` and the union-funds
figures of a :class:`~poverty_procurement.rules.policy.table.PolicyTable`):

* **not below last year's share** (安徽 2025 "各级预算单位预留采购份额原则上不低于上一年度"; 武汉, 青川):
  checked when the caller gives last year's filing — ``share-below-last-year``, a *warning*
  (the notices say "原则上", and 青海 asks for a drop to be explained, so it may stand);
* **a union-funds share for units without a canteen** (博州: ≥ 20% of union funds; 南宁): a
  ``minimum_ratios`` figure on the base ``union-funds``; a unit without a canteen that files its
  union purchases with a lower 工会采购预留比例 gets ``union-ratio-below-minimum`` (an error);
* **a different base** (天津: 年度农副产品采购总额): applied by
  :func:`~poverty_procurement.rules.policy.ratios.resolve_minimum_ratio`, which states the base;
* **the jurisdiction's own shared-canteen remark wording** (广西 2024 "与XX单位共用食堂,由XX单位预留份额并实施采购"):
  :func:`shared_canteen_rule` finds it; the remark checks and the canteen groups accept it, and
  read its host, beside the generic wording
  (:func:`~poverty_procurement.rules.filings.remarks.classify_remark` with ``year=`` and ``policy=``);
* **a union minimum per head** (青海 300元): modelled, validated and shown
  (:func:`applicable_local_rules`, ``poverty-procurement policy``) but **not yet enforced** — a
  filing carries no head count.

Every finding names the local document it enforces.
"""

from __future__ import annotations

import attrs

from ...citation import Citation
from ...conventions import check_year
from ...errors import UnsupportedType
from ...jurisdictions import Province
from ...model.filing import CanteenArrangement, Filing
from ...money import format_yuan
from .loading import policy_table
from .table import LocalRules, PolicyParameter, PolicyTable, RatioBase, jurisdiction_chain, resolve_place

__all__ = ["LocalFinding", "applicable_local_rules", "local_findings", "shared_canteen_rule", "union_funds_minimum"]


@attrs.frozen
class LocalFinding:
    """地方规则问题 — one problem a local rule finds: stable ``code``, ``field``, Chinese ``message``,
    the local document, and whether it is only a warning."""

    code: str
    field: str
    message: str
    citation: Citation
    warning: bool = False


def _table(policy: object) -> PolicyTable:
    if policy is None:
        return policy_table()
    if not isinstance(policy, PolicyTable):
        raise UnsupportedType("policy", f"policy 须为 PolicyTable，收到 {type(policy).__name__}",
                              f"policy must be a PolicyTable, got {type(policy).__name__}")
    return policy


def applicable_local_rules(year: int, province: Province | str | int | None, *, locality: str | None = None,
                           policy: PolicyTable | None = None) -> tuple[LocalRules, ...]:
    """地方规则 — the local rules of ``year`` along the unit's jurisdictions, from the country down
    (``policy`` default: the shipped table)."""
    check_year(year)
    where, place = resolve_place(province, locality)
    rules = _table(policy).local_rules
    return tuple(found for j in jurisdiction_chain(where, place) if (found := rules.get((j, year))) is not None)


def shared_canteen_rule(year: int, province: Province | str | int | None, *, locality: str | None = None,
                        policy: PolicyTable | None = None) -> LocalRules | None:
    """本地共用食堂备注写法 — the most local rule of ``year`` along the unit's jurisdictions that gives
    its own shared-canteen remark wording (广西 2024 "与XX单位共用食堂,由XX单位预留份额并实施采购"), or None.

    ``policy`` default: the shipped table.
    """
    found = [r for r in applicable_local_rules(year, province, locality=locality, policy=policy)
             if r.shared_canteen_remark is not None]
    return found[-1] if found else None


def union_funds_minimum(year: int, province: Province | str | int | None, *, locality: str | None = None,
                        policy: PolicyTable | None = None) -> PolicyParameter | None:
    """工会经费最低比例 — the strictest union-funds figure of ``year`` along the unit's jurisdictions, or None."""
    check_year(year)
    where, place = resolve_place(province, locality)
    ratios = _table(policy).ratios
    found = [p for j in jurisdiction_chain(where, place)
             if (p := ratios.get((j, year, RatioBase.UNION_FUNDS))) is not None]
    strictest: PolicyParameter | None = None
    for parameter in found:  # a tie goes to the more local figure
        if strictest is None or parameter.floor >= strictest.floor:
            strictest = parameter
    return strictest


def local_findings(filing: Filing, *, policy: PolicyTable | None = None,
                   last_year: Filing | None = None) -> tuple[LocalFinding, ...]:
    """地方规则检查 — the problems the local rules of ``policy`` (default: the shipped table) find with ``filing``.

    ``last_year`` is the same unit's filing of the year before, when the caller has it (a
    filing of another unit or year is ignored). Empty when the table has no local rule for the
    unit's jurisdictions.
    """
    for value, field in ((filing, "filing"), (last_year, "last_year")):
        if not isinstance(value, Filing) and not (value is None and field == "last_year"):
            raise UnsupportedType(field, f"需要 Filing，收到 {type(value).__name__}",
                                  f"expected a Filing, got {type(value).__name__}")
    policy = _table(policy)
    if not policy.has_local_rules:
        return ()
    unit = filing.unit
    locality = policy.locality_of(unit.code)
    found: list[LocalFinding] = []
    strict = [r for r in applicable_local_rules(filing.year, unit.province, locality=locality, policy=policy)
              if r.not_below_last_year]
    if strict and last_year is not None and last_year.unit.code == unit.code and last_year.year == filing.year - 1:
        rule = strict[-1]
        this, before = filing.reserved_share, last_year.reserved_share
        if filing.arrangement.files_amounts and last_year.arrangement.files_amounts and this.fen < before.fen:
            found.append(LocalFinding(
                "share-below-last-year", "ratio",
                f"预留份额{format_yuan(this)}低于上一年度的{format_yuan(before)}；{rule.label}{filing.year}年要求"
                "预留份额原则上不低于上一年度，请提高或说明原因",
                rule.citation, warning=True))
    if filing.arrangement is CanteenArrangement.NONE and filing.union is not None:
        minimum = union_funds_minimum(filing.year, unit.province, locality=locality, policy=policy)
        if minimum is not None and filing.union.ratio < minimum.floor:
            found.append(LocalFinding(
                "union-ratio-below-minimum", "union",
                f"无食堂单位的工会采购预留比例{filing.union.ratio}低于{minimum.label}{filing.year}年"
                f"工会经费最低预留比例{minimum.floor}，请按不低于{minimum.floor}重新填报",
                minimum.citation))
    return tuple(found)
