"""预算单位 — a budget unit: code, name, province and its direct superior unit.

粤财采购〔2023〕2号 二（一）: "各级主管预算单位通过采购人管理系统将本部门及下属单位填报信息进行确认汇总
提交至同级财政部门" — units form a tree per department: every unit but the department-level one
(主管预算单位, which has no superior unit) reports to its direct superior unit (上级预算单位),
which confirms its filing (附件2 一、第三步 "提交上级预算单位进行确认").

Codes are what other records (filings, orders, the roll-up) refer to; names may change (二（四）
更名) without changing a code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

import attrs

from ..conventions import PicklesReadOnlyMappings
from ..errors import InvalidUnit, UnsupportedType, shown
from ..jurisdictions import Province, resolve_province

__all__ = ["MAX_UNIT_CODE_LENGTH", "MAX_UNIT_NAME_LENGTH", "BudgetUnit", "UnitTree"]

#: Longest unit code accepted (a 统一社会信用代码 has 18 characters; budget codes fewer).
MAX_UNIT_CODE_LENGTH = 64
#: Longest unit name accepted (Chinese unit names are far shorter; a bound on input size).
MAX_UNIT_NAME_LENGTH = 100

_CODE = re.compile(r"[0-9A-Za-z][0-9A-Za-z._-]*")


def _check_code(value: object, field: str) -> str:
    if not isinstance(value, str):
        raise UnsupportedType(field, f"单位代码须为文本，收到 {type(value).__name__}",
                              f"a unit code is a str, got {type(value).__name__}")
    if len(value) > MAX_UNIT_CODE_LENGTH or not _CODE.fullmatch(value):
        raise InvalidUnit(
            field,
            f"单位代码 {shown(value)} 无效：只能用字母、数字和 . _ -，最长 {MAX_UNIT_CODE_LENGTH} 个字符",
            f"unit code {shown(value)} is invalid: letters, digits and . _ - only, "
            f"at most {MAX_UNIT_CODE_LENGTH} characters",
        )
    return value


def _code(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    _check_code(value, attribute.name)


def _superior(instance: BudgetUnit, attribute: attrs.Attribute[str | None], value: str | None) -> None:
    if value is None:
        return
    _check_code(value, attribute.name)
    if value == instance.code:
        raise InvalidUnit(attribute.name, f"单位 {instance.code} 不能是自己的上级单位",
                          f"unit {instance.code} cannot be its own superior")


def _name(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str):
        raise UnsupportedType(attribute.name, f"单位名称须为文本，收到 {type(value).__name__}",
                              f"a unit name is a str, got {type(value).__name__}")
    if not value or value != value.strip() or len(value) > MAX_UNIT_NAME_LENGTH \
            or any(not ch.isprintable() for ch in value):
        raise InvalidUnit(
            attribute.name,
            f"单位名称 {shown(value)} 无效：须非空、首尾无空格、无控制字符，最长 {MAX_UNIT_NAME_LENGTH} 字",
            f"unit name {shown(value)} is invalid: non-empty, no surrounding spaces or control "
            f"characters, at most {MAX_UNIT_NAME_LENGTH} characters",
        )


def _province(value: Province | str | int) -> Province:
    return resolve_province(value, "province")


@attrs.frozen(slots=True)
class BudgetUnit:
    """预算单位 — a budget unit: ``code``, ``name``, ``province`` and ``superior`` unit code.

    ``superior`` is the code of the direct superior unit (上级预算单位), or ``None`` for a
    department-level unit (主管预算单位), which confirms its department's filings and submits
    the summary to the finance department (粤财采购〔2023〕2号 二（一）). ``province`` may be
    given as 广东 / 广东省 / 440000 and is stored as a
    :class:`~poverty_procurement.jurisdictions.Province`.

    >>> unit = BudgetUnit("44000001", "广东省财政厅", "广东")
    >>> unit.province.code, unit.is_department_level
    ('440000', True)
    >>> BudgetUnit("44000002", "广东省财政厅信息中心", "广东省", superior="44000001").superior
    '44000001'
    """

    code: str = attrs.field(validator=_code)
    name: str = attrs.field(validator=_name)
    province: Province = attrs.field(converter=_province)
    superior: str | None = attrs.field(default=None, validator=_superior)

    @property
    def is_department_level(self) -> bool:
        """True for a 主管预算单位 (no superior unit)."""
        return self.superior is None

    def __str__(self) -> str:
        return f"{self.name}（{self.code}）"


def _frozen_map(value: Mapping[str, Any]) -> Mapping[str, Any]:
    probe: object = value
    if not isinstance(probe, Mapping):
        raise UnsupportedType("tree", f"单位树的各项须为映射（请用 UnitTree.of 建树），收到 {type(probe).__name__}",
                              f"unit tree fields are mappings (use UnitTree.of), got {type(probe).__name__}")
    return MappingProxyType(dict(value))


def _pairs(value: Iterable[tuple[str, str | None]]) -> tuple[tuple[str, str | None], ...]:
    probe: object = value
    if not isinstance(probe, Iterable):
        raise UnsupportedType("order", f"单位顺序须为序列，收到 {type(value).__name__}",
                              f"the unit order is a sequence, got {type(value).__name__}")
    return tuple(value)


@attrs.frozen(slots=True)
class UnitTree(PicklesReadOnlyMappings):
    """预算单位树 — the current units by code, with merged and abolished units remembered.

    ``units`` maps each current unit's code to it; ``successors`` maps the code of every unit
    merged away to the code of the unit it now belongs to (二（四） 合并); ``abolished`` keeps
    abolished units (撤销) so that what they filed is not lost; ``departments`` maps each unit to
    its department-level unit (主管预算单位) and ``depths`` to its level (0 for a department);
    ``order`` lists every unit level by level (departments first), ``positions`` and ``parents``
    index it so that a roll-up sums bottom-up without hashing. Build one with :meth:`of`, which
    checks that codes are unique, every superior exists and there is no cycle (linear in the
    number of units). Change it with the functions of :mod:`poverty_procurement.rules.filings.org_changes`.

    >>> tree = UnitTree.of([BudgetUnit("D1", "某厅", "广东"), BudgetUnit("U1", "某中心", "广东", "D1")])
    >>> tree.departments["U1"], tree.depths["U1"], tree.children["D1"]
    ('D1', 1, ('U1',))
    """

    units: Mapping[str, BudgetUnit] = attrs.field(converter=_frozen_map, hash=False)
    successors: Mapping[str, str] = attrs.field(converter=_frozen_map, hash=False)
    abolished: Mapping[str, BudgetUnit] = attrs.field(converter=_frozen_map, hash=False)
    # derived from ``units``: not compared
    departments: Mapping[str, str] = attrs.field(converter=_frozen_map, eq=False)
    depths: Mapping[str, int] = attrs.field(converter=_frozen_map, eq=False)
    children: Mapping[str, tuple[str, ...]] = attrs.field(converter=_frozen_map, eq=False)
    #: (code, superior code) of every unit, departments first, then level by level
    order: tuple[tuple[str, str | None], ...] = attrs.field(converter=_pairs)
    #: each unit's index in ``order``
    positions: Mapping[str, int] = attrs.field(init=False, eq=False)
    #: for each index in ``order``, the index of the unit's superior (-1 for a department)
    parents: tuple[int, ...] = attrs.field(init=False, eq=False)

    def __attrs_post_init__(self) -> None:
        positions = {code: number for number, (code, _) in enumerate(self.order)}
        parents = tuple(-1 if superior is None else positions[superior] for _, superior in self.order)
        object.__setattr__(self, "positions", MappingProxyType(positions))
        object.__setattr__(self, "parents", parents)

    @classmethod
    def of(
        cls,
        units: Iterable[BudgetUnit],
        successors: Mapping[str, str] | None = None,
        abolished: Mapping[str, BudgetUnit] | None = None,
    ) -> UnitTree:
        """预算单位树 — the tree of ``units`` (any iterable), validated; ``InvalidUnit`` names any problem.

        >>> try:
        ...     UnitTree.of([BudgetUnit("U1", "某中心", "广东", "D1")])
        ... except InvalidUnit as error:
        ...     print(error.zh)
        单位 U1 的上级单位 D1 不存在
        """
        index: dict[str, BudgetUnit] = {}
        for unit in units:
            if not isinstance(unit, BudgetUnit):
                raise UnsupportedType("units", f"需要 BudgetUnit，收到 {type(unit).__name__}",
                                      f"expected BudgetUnit, got {type(unit).__name__}")
            if unit.code in index:
                raise InvalidUnit("units", f"单位代码 {unit.code} 重复", f"duplicate unit code {unit.code}")
            index[unit.code] = unit
        children: dict[str, list[str]] = {}
        for unit in index.values():
            if unit.superior is not None:
                if unit.superior not in index:
                    raise InvalidUnit("superior", f"单位 {unit.code} 的上级单位 {unit.superior} 不存在",
                                      f"the superior {unit.superior} of unit {unit.code} does not exist")
                children.setdefault(unit.superior, []).append(unit.code)
        departments: dict[str, str] = {}
        depths: dict[str, int] = {}
        level = [code for code, unit in index.items() if unit.superior is None]
        depth = 0
        while level:
            following: list[str] = []
            for code in level:
                superior = index[code].superior
                departments[code] = code if superior is None else departments[superior]
                depths[code] = depth
                following.extend(children.get(code, ()))
            level = following
            depth += 1
        if len(departments) != len(index):
            stuck = sorted(set(index) - set(departments))[:5]
            raise InvalidUnit("superior", f"上级关系成环：{'、'.join(stuck)}",
                              f"the superior relation has a cycle: {', '.join(stuck)}")
        # level by level, each level in input order (which keeps memory access local in roll-ups)
        levels: list[list[tuple[str, str | None]]] = [[] for _ in range(depth)]
        for code, unit in index.items():
            levels[depths[code]].append((code, unit.superior))
        order = [pair for level_pairs in levels for pair in level_pairs]
        return cls(index, successors or {}, abolished or {}, departments, depths,
                   {code: tuple(kids) for code, kids in children.items()}, order)

    def current_code(self, code: str) -> str | None:
        """承继单位代码 — the code a filing of ``code`` counts under now (itself or its merger's).

        ``None`` when the unit was abolished or is unknown (粤财采购〔2023〕2号 二（四）).

        >>> UnitTree.of([BudgetUnit("D1", "某厅", "广东")], successors={"OLD": "D1"}).current_code("OLD")
        'D1'
        """
        code = self.successors.get(code, code)
        return code if code in self.units else None

    def department_of(self, code: str) -> str | None:
        """所属主管预算单位 — the department-level unit ``code`` counts under now (through mergers).

        The partition key of a unit's filings when a roll-up is split by department
        (:mod:`poverty_procurement.partitioning`). ``None`` when the unit was abolished or is unknown:
        route those filings to one fixed partition, where the roll-up keeps or reports them.

        >>> tree = UnitTree.of([BudgetUnit("D1", "某厅", "广东"), BudgetUnit("U1", "某中心", "广东", "D1")],
        ...                    successors={"OLD": "U1"})
        >>> tree.department_of("U1"), tree.department_of("OLD"), tree.department_of("GONE")
        ('D1', 'D1', None)
        """
        current = self.current_code(code)
        return None if current is None else self.departments[current]
