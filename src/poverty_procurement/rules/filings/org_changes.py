"""机构变动 — units merged, abolished or renamed, as pure functions over the unit tree.

Sources: 粤财采购〔2023〕2号 二（四） "对部分预算单位存在合并、撤销、更名的，及时联系各级财政部门及
“832 平台”更改相关信息"; 财办库〔2023〕45号 第一条 "对所属预算单位存在合并、撤销、更名的，及时联系
“832平台”更改信息".

* **Rename** (更名): the unit keeps its code, so its filing, workflow record and history stay
  with it; :func:`rebase_filing` / :func:`rebase_record` show them under the new name. No figure
  changes.
* **Merge** (合并): several units become one (a new unit, or one of them continuing under its
  code). The merged units' subordinates move under it, and their filings count for it
  (``UnitTree.successors``), so its totals and shares are the sums of theirs and a merger inside
  one department leaves the department's totals unchanged. With the orders area, completion is
  combined the same way (orders of a merged unit's code count for its successor).
* **Abolish** (撤销): the unit leaves the tree (it must have no subordinates left) and the roll-up,
  but is kept in ``UnitTree.abolished`` and its filing in ``FilingRollUp.abolished_filings``.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from ...conventions import require
from ...errors import InvalidUnit
from ...model.filing import Filing
from ...model.unit import BudgetUnit, UnitTree
from .workflow import FilingRecord

__all__ = ["abolish_unit", "merge_units", "rebase_filing", "rebase_record", "rename_unit"]


def _require(tree: UnitTree, code: str) -> BudgetUnit:
    unit = tree.units.get(code)
    if unit is None:
        raise InvalidUnit("code", f"单位 {code} 不在当前单位树中", f"unit {code} is not in the current tree")
    return unit


def rename_unit(tree: UnitTree, code: str, new_name: str) -> UnitTree:
    """更名 — the same unit (same code, same place in the tree) under ``new_name``.

    >>> tree = UnitTree.of([BudgetUnit("D1", "广东省扶贫开发办公室", "广东")])
    >>> rename_unit(tree, "D1", "广东省乡村振兴局").units["D1"].name
    '广东省乡村振兴局'
    """
    require(tree, UnitTree, "tree")
    unit = attrs.evolve(_require(tree, code), name=new_name)
    units = dict(tree.units)
    units[code] = unit
    return attrs.evolve(tree, units=units)


def merge_units(tree: UnitTree, codes: Iterable[str], into: BudgetUnit) -> UnitTree:
    """合并 — merge the units ``codes`` into ``into`` (a new unit or one of them, renamed or not).

    The merged units' subordinates move under ``into``; filings of the merged units count for
    ``into.code``. ``into.superior`` must be in the tree and not be one of the merged units.

    >>> d = BudgetUnit("D1", "某厅", "广东")
    >>> tree = UnitTree.of([d, BudgetUnit("A", "甲", "广东", "D1"), BudgetUnit("B", "乙", "广东", "D1")])
    >>> merged = merge_units(tree, ["A", "B"], BudgetUnit("AB", "甲乙", "广东", "D1"))
    >>> sorted(merged.units), dict(merged.successors)
    (['AB', 'D1'], {'A': 'AB', 'B': 'AB'})
    """
    require(tree, UnitTree, "tree")
    require(codes, Iterable, "codes")
    require(into, BudgetUnit, "into")
    sources = list(dict.fromkeys(codes))
    if len(sources) < 2 and (not sources or sources[0] == into.code):
        raise InvalidUnit("codes", "合并至少需要两个单位（或一个单位并入另一新单位）",
                          "a merger needs at least two units (or one unit into a new one)")
    for code in sources:
        _require(tree, code)
    if into.code in tree.units and into.code not in sources:
        raise InvalidUnit("into", f"合并后的单位代码 {into.code} 已被其他单位使用",
                          f"the merged unit's code {into.code} is used by another unit")
    if into.superior in sources:
        raise InvalidUnit("into", "合并后单位的上级不能是被合并的单位",
                          "the merged unit cannot report to a merged unit")
    merged = set(sources)
    units = {code: unit for code, unit in tree.units.items() if code not in merged}
    for code, unit in units.items():
        if unit.superior in merged:
            units[code] = attrs.evolve(unit, superior=into.code)
    units[into.code] = into
    successors = {old: (into.code if new in merged else new) for old, new in tree.successors.items()}
    successors.update({code: into.code for code in sources if code != into.code})
    successors.pop(into.code, None)
    return UnitTree.of(units.values(), successors, tree.abolished)


def abolish_unit(tree: UnitTree, code: str) -> UnitTree:
    """撤销 — remove the unit from the tree, keeping it in ``abolished`` (it must have no subordinates).

    >>> tree = UnitTree.of([BudgetUnit("D1", "某厅", "广东"), BudgetUnit("A", "甲", "广东", "D1")])
    >>> after = abolish_unit(tree, "A")
    >>> sorted(after.units), sorted(after.abolished)
    (['D1'], ['A'])
    """
    require(tree, UnitTree, "tree")
    unit = _require(tree, code)
    if tree.children.get(code):
        kids = "、".join(tree.children[code][:5])
        raise InvalidUnit("code", f"单位 {code} 仍有下属单位（{kids}），请先合并或调整其隶属关系",
                          f"unit {code} still has subordinates ({kids}); move or merge them first")
    units = [u for c, u in tree.units.items() if c != code]
    abolished = dict(tree.abolished)
    abolished[code] = unit
    return UnitTree.of(units, tree.successors, abolished)


def rebase_filing(filing: Filing, tree: UnitTree) -> Filing:
    """更名后的填报 — the filing shown under its unit's current name (a rename keeps every figure).

    A filing of a merged or abolished unit is returned unchanged: it keeps its own unit, and
    the roll-up attributes it to the successor. Cites 粤财采购〔2023〕2号 二（四）.

    >>> tree = UnitTree.of([BudgetUnit("D1", "广东省扶贫开发办公室", "广东")])
    >>> filing = Filing(tree.units["D1"], 2023, "none", remark="无食堂")
    >>> rebase_filing(filing, rename_unit(tree, "D1", "广东省乡村振兴局")).unit.name
    '广东省乡村振兴局'
    """
    require(filing, Filing, "filing")
    require(tree, UnitTree, "tree")
    current = tree.units.get(filing.unit.code)
    if current is None or current == filing.unit:
        return filing
    return attrs.evolve(filing, unit=current)


def rebase_record(record: FilingRecord, tree: UnitTree) -> FilingRecord:
    """更名后的填报记录 — the workflow record under its unit's current name, status and history kept.

    Cites 粤财采购〔2023〕2号 二（四）.

    >>> unit = BudgetUnit("D1", "广东省扶贫开发办公室", "广东")
    >>> record = FilingRecord.open(unit, 2023)
    >>> renamed = rename_unit(UnitTree.of([unit]), "D1", "广东省乡村振兴局")
    >>> rebase_record(record, renamed).unit.name, rebase_record(record, renamed).trail == record.trail
    ('广东省乡村振兴局', True)
    """
    require(record, FilingRecord, "record")
    require(tree, UnitTree, "tree")
    current = tree.units.get(record.unit.code)
    if current is None or current == record.unit:
        return record
    filing = None if record.filing is None else rebase_filing(record.filing, tree)
    return attrs.evolve(record, unit=current, filing=filing)
