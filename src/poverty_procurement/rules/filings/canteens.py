"""共用食堂组 — units sharing one canteen: who the representative is, and whether the group holds together.

Sources: 粤财采购〔2023〕2号 二（三）2 "请共用食堂的预算单位共同确定一个单位作为代表填报预留份额，其他单位
在采购信息填报时注明相关情况（在备注栏注明“共用 XX 单位食堂”）"; 附件1 财办库〔2023〕45号 第二条
"共用食堂的预算单位，共同确定一个单位作为代表填报预留份额，其余单位在系统中注明情况".

A member (``shared-member``) names its host in the remark (:func:`~.remarks.classify_remark`).
Within a batch of filings of one year, the host is found among the units:

* by unit code, or by name — NFKC with all whitespace removed (as county lookup does);
* by the short form people print, the name without its province prefix (``财政厅`` or
  ``省财政厅`` for ``广东省财政厅``), when at least two characters remain and exactly one unit of
  the batch has that short form — an ambiguous short form resolves to nobody.

A group is the host unit and every member naming it. The notice wants exactly one
representative per canteen, filing for all: the host must file as ``shared-representative``
(and only once). :func:`canteen_findings` reports each way the groups fail to hold together;
:func:`~.checks.check_filings` turns them into violations on the filings concerned.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence

import attrs

from ...citation import Citation
from ...conventions import require, require_each
from ...model.filing import CanteenArrangement, Filing
from ..policy.table import PolicyTable
from .remarks import RemarkKind, filing_wording, read_remark

__all__ = ["CanteenFinding", "CanteenGroup", "canteen_findings", "canteen_groups", "resolve_host"]

SHARED_GROUP = Citation("粤财采购〔2023〕2号", "二（三）2",
                        "共同确定一个单位作为代表填报预留份额，其他单位……在备注栏注明“共用 XX 单位食堂”")
SHARED_GROUP_NATIONAL = Citation("财办库〔2023〕45号", "第二条",
                                 "共同确定一个单位作为代表填报预留份额，其余单位在系统中注明情况",
                                 source="粤财采购〔2023〕2号 附件1")
_MIN_SHORT = 2


def _normal(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def _short_forms(filing: Filing) -> set[str]:
    name = _normal(filing.unit.name)
    province = filing.unit.province
    forms: set[str] = set()
    for prefix in (province.name, province.short_name):
        if name.startswith(prefix) and len(name) - len(prefix) >= _MIN_SHORT:
            forms.add(name[len(prefix):])
    forms.discard(name)
    return forms


@attrs.frozen
class _Index:
    exact: dict[str, set[str]]
    short: dict[str, set[str]]


def _index(filings: Iterable[Filing]) -> _Index:
    exact: dict[str, set[str]] = defaultdict(set)
    short: dict[str, set[str]] = defaultdict(set)
    for filing in filings:
        code = filing.unit.code
        exact[code].add(code)
        exact[_normal(filing.unit.name)].add(code)
        for form in _short_forms(filing):
            short[form].add(code)
    return _Index(dict(exact), dict(short))


def _resolve(index: _Index, host: str) -> tuple[str, ...]:
    key = _normal(host)
    found = index.exact.get(key) or index.short.get(key) or set()
    return tuple(sorted(found))


def resolve_host(host: str, filings: Iterable[Filing]) -> tuple[str, ...]:
    """代表单位查找 — the unit codes in ``filings`` that the host name ``host`` can mean.

    One code: resolved; none: unknown; more than one: ambiguous. By code, by name (NFKC,
    whitespace removed), then by the short form without the province prefix (粤财采购〔2023〕2号
    二（三）2).

    >>> from poverty_procurement import BudgetUnit
    >>> host = Filing(BudgetUnit("44001", "广东省财政厅", "广东"), 2023, "shared-representative",
    ...               canteen_total="1000000", ratio=30)
    >>> resolve_host("财政厅", [host]), resolve_host("44001", [host]), resolve_host("省教育厅", [host])
    (('44001',), ('44001',), ())
    """
    require(host, str, "host")
    return _resolve(_index(list(require_each(filings, Filing, "filings"))), host)


@attrs.frozen
class CanteenGroup:
    """共用食堂组 — one shared canteen: the host's code, its filing(s) and the members naming it.

    ``representatives`` holds the host's filings in the batch (the notice wants exactly one, filed
    as ``shared-representative``); ``members`` the filings whose remark names this host.
    """

    year: int
    host_code: str
    representatives: tuple[Filing, ...]
    members: tuple[Filing, ...]

    @property
    def representative(self) -> Filing | None:
        """The single representative filing, or ``None`` when there is none or more than one."""
        if len(self.representatives) != 1:
            return None
        only = self.representatives[0]
        return only if only.arrangement is CanteenArrangement.SHARED_REPRESENTATIVE else None

    @property
    def unit_codes(self) -> tuple[str, ...]:
        """Every unit sharing the canteen: the host first, then the members in input order."""
        return (self.host_code, *(m.unit.code for m in self.members))


@attrs.frozen
class CanteenFinding:
    """共用食堂组问题 — one way a canteen group fails: the input ``position`` it sits on, a stable
    ``code``, the Chinese ``message``, the clause, and whether it is only a warning."""

    position: int
    code: str
    message: str
    citation: Citation = SHARED_GROUP
    warning: bool = False


def _host_of(filing: Filing, policy: PolicyTable | None) -> str | None:
    if filing.arrangement is not CanteenArrangement.SHARED_MEMBER:
        return None
    reading = read_remark(filing.remark, filing.unit.province, filing_wording(filing, policy))
    return reading.host if reading.kind is RemarkKind.SHARED_CANTEEN else None


def _by_year(filings: Sequence[object]) -> dict[int, list[tuple[int, Filing]]]:
    years: dict[int, list[tuple[int, Filing]]] = defaultdict(list)
    for position, filing in enumerate(filings):
        if isinstance(filing, Filing):
            years[filing.year].append((position, filing))
    return years


def canteen_groups(filings: Iterable[Filing], *, policy: PolicyTable | None = None) -> tuple[CanteenGroup, ...]:
    """共用食堂组 — the batch's shared canteens, one group per (year, host unit) that is named by a
    member or files as representative; members whose host cannot be resolved are in no group.

    A member's remark is read in its jurisdiction-year's own wording too when ``policy`` (default:
    the shipped table) gives one (广西 2024 "与XX单位共用食堂,由XX单位预留份额并实施采购").

    粤财采购〔2023〕2号 二（三）2; 财办库〔2023〕45号 第二条.

    >>> from poverty_procurement import BudgetUnit
    >>> host = Filing(BudgetUnit("44001", "广东省财政厅", "广东"), 2023, "shared-representative",
    ...               canteen_total="1000000", ratio=30)
    >>> member = Filing(BudgetUnit("44002", "广东省国库支付中心", "广东"), 2023, "shared-member",
    ...                 remark="共用省财政厅食堂")
    >>> [(g.host_code, g.unit_codes) for g in canteen_groups([host, member])]
    [('44001', ('44001', '44002'))]
    """
    require(filings, Iterable, "filings")
    groups: list[CanteenGroup] = []
    for year, items in sorted(_by_year(list(filings)).items()):
        groups.extend(group for group, _, _ in _groups_of_year(year, items, policy)[0])
    return tuple(groups)


_Placed = list[tuple[int, Filing]]


def _groups_of_year(
    year: int, items: _Placed, policy: PolicyTable | None
) -> tuple[list[tuple[CanteenGroup, _Placed, _Placed]], list[tuple[int, str, tuple[str, ...]]]]:
    index = _index(f for _, f in items)
    filings_of: dict[str, _Placed] = defaultdict(list)
    for position, filing in items:
        filings_of[filing.unit.code].append((position, filing))
    members_of: dict[str, _Placed] = defaultdict(list)
    unresolved: list[tuple[int, str, tuple[str, ...]]] = []
    for position, filing in items:
        host = _host_of(filing, policy)
        if host is None:
            continue
        codes = _resolve(index, host)
        if len(codes) != 1:
            unresolved.append((position, host, codes))
        elif codes[0] != filing.unit.code:  # naming oneself is check_filing's shared-remark-names-self
            members_of[codes[0]].append((position, filing))
    hosts = set(members_of) | {f.unit.code for _, f in items
                               if f.arrangement is CanteenArrangement.SHARED_REPRESENTATIVE}
    groups = []
    for code in sorted(hosts):
        reps, members = filings_of[code], members_of[code]
        group = CanteenGroup(year, code, tuple(f for _, f in reps), tuple(f for _, f in members))
        groups.append((group, reps, members))
    return groups, unresolved


def canteen_findings(filings: Sequence[object], *, policy: PolicyTable | None = None) -> tuple[CanteenFinding, ...]:
    """共用食堂组检查 — every way the batch's canteen groups fail, by input position.

    Codes (stable): ``shared-host-unknown`` (the named host is not among the units),
    ``shared-host-ambiguous`` (the name fits more than one unit), ``shared-host-not-representative``
    (the host does not file as 共用食堂（代表单位）), ``shared-host-multiple`` (the host filed more
    than once: one canteen, one representative), ``shared-representative-alone`` (warning: a
    representative no member of the batch names). Remarks are read as for :func:`canteen_groups`
    (``policy``: the jurisdiction-year's own wording). Cites 粤财采购〔2023〕2号 二（三）2 and
    财办库〔2023〕45号 第二条.

    >>> from poverty_procurement import BudgetUnit
    >>> member = Filing(BudgetUnit("44002", "广东省国库支付中心", "广东"), 2023, "shared-member",
    ...                 remark="共用省教育厅食堂")
    >>> [(f.position, f.code) for f in canteen_findings([member])]
    [(0, 'shared-host-unknown')]
    """
    require(filings, Sequence, "filings")
    found: list[CanteenFinding] = []
    for _year, items in sorted(_by_year(filings).items()):
        groups, unresolved = _groups_of_year(_year, items, policy)
        for position, host, codes in unresolved:
            if codes:
                found.append(CanteenFinding(
                    position, "shared-host-ambiguous",
                    f"备注中的代表单位“{host}”可指多个单位（{'、'.join(codes)}），请写代表单位的全称"))
            else:
                found.append(CanteenFinding(
                    position, "shared-host-unknown",
                    f"备注中的代表单位“{host}”不在本批填报的单位中：代表单位须为本批中填报预留份额的单位"))
        for group, reps, members in groups:
            found.extend(_group_findings(group, reps, members))
    return tuple(sorted(found, key=lambda f: (f.position, f.code)))


def _group_findings(group: CanteenGroup, reps: _Placed, members: _Placed) -> list[CanteenFinding]:
    found: list[CanteenFinding] = []
    wrong = [f for _, f in reps if f.arrangement is not CanteenArrangement.SHARED_REPRESENTATIVE]
    if wrong:
        for position, _member in members:
            found.append(CanteenFinding(
                position, "shared-host-not-representative",
                f"备注中的代表单位 {group.host_code}（{wrong[0].unit.name}）填报为“{wrong[0].arrangement.zh}”，"
                "不是共用食堂的代表单位：请代表单位选择共用食堂（代表单位）并为共用的单位填报预留份额",
                SHARED_GROUP_NATIONAL))
    if len(reps) > 1:
        for position, _rep in reps:
            found.append(CanteenFinding(
                position, "shared-host-multiple",
                f"代表单位 {group.host_code} 在本批中填报了 {len(reps)} 次：一个食堂只由一个代表单位填报一次"))
    elif not members:
        found.append(CanteenFinding(
            reps[0][0], "shared-representative-alone",
            "本单位作为共用食堂的代表单位填报，但本批中没有单位在备注中注明“共用本单位食堂”，请核对",
            warning=True))
    return found
