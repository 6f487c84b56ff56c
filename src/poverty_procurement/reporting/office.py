"""办公文件的表格 — a table of an office file (a CSV file or an ``.xlsx`` sheet) read as the records of
:mod:`~poverty_procurement.reporting.records`: headers in Chinese or English, values as offices write them.

The headers are those of :mod:`~poverty_procurement.reporting.columns` (the platform form's labels
for filings, 粤财采购〔2023〕2号 附件2 一、第四步、第五步), in any order. The cells are read by the
column's :class:`~poverty_procurement.reporting.columns.ValueForm`:

* amounts: ``3000000``, ``3,000,000.00``, ``３００００００``, ``3000000元`` (at most two decimals; a
  comma only as a thousands separator);
* ratios in percent: ``30``, ``30%``, ``30.00%`` and ``３０％`` are all thirty percent; an ``.xlsx``
  cell formatted as a percentage (``0.3`` shown as ``30%``) too. A plain ``0.3`` is read as 0.3% but
  is a warning that asks whether 30% was meant (an error when ``strict``);
* 是/否 (also ``有``/``无``, ``true``/``false``, ``1``/``0``, ``y``/``n``);
* choices by their Chinese label (``自有食堂``, ``本单位``, ``已支付``…) or English value (``own``);
* a year as ``2023`` or ``2023年``; a time as ``2023-03-13 10:00:00`` or ``2023/3/13 10:00``.

The filing columns 是否有食堂 and 食堂情形 together give the arrangement: 食堂情形 when given (it must
agree with 是否有食堂: 是 for 自有食堂, 食堂外包 and the representative of a shared canteen, 否 for 无食堂
and the other units sharing a canteen — 附件2 一、第四步 and 二（三）), else 自有食堂 for 是, and for
否 共用食堂（非代表单位） when 备注 reads 共用…, otherwise 无食堂. 单位名称 and 省份 of a filing name its
unit when the input has no units table (a filings-only file). This lenience is for files only: the
platform-form grammar of :func:`~poverty_procurement.money.parse_amount` stays strict.

Every problem is a :class:`~poverty_procurement.reporting.records.RowError` naming the source, the
row and the column as the user wrote it, with the expected form, in Chinese and English.

>>> table = Table.of(["单位代码", "年度", "是否有食堂", "年度食堂食材采购总额", "预留比例"], "填报.csv", "filings")
>>> errors, warnings = [], []
>>> _, _, _, fields = table.record(2, ["D1", "2023", "是", "3,000,000.00", "30%"], errors, warnings)
>>> dict(fields)
{'unit': 'D1', 'year': 2023, 'canteen_total': '3000000.00', 'ratio': '30.00', 'arrangement': 'own'}
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from operator import itemgetter

import attrs

from ..errors import InputFileError, shown
from ..model.order import Order
from .cell_forms import BadCell, cell_text, read_cell
from .columns import SHEETS, Column, ValueForm, sheet_for_kind
from .order_cells import plain_order_reader
from .records import MAX_FIELD_LENGTH, BuiltOrder, Record, RowError

__all__ = ["MAX_COLUMNS", "Options", "Table", "cell_text", "infer_kind", "sheets_accepted", "split_unit"]

#: Most columns a table may have.
MAX_COLUMNS = 64
_SINGULAR = {"unit": "units", "filing": "filings", "order": "orders", "transfer": "transfers",
             "单位": "units", "填报": "filings", "订单": "orders", "转账": "transfers"}
_KIND_HEADERS = frozenset({"kind", "类型", "记录类型"})
_FILING_EXTRA = frozenset({"has_canteen", "unit_name", "province"})
#: The arrangements whose unit answers 是否有食堂 with 是 (``CanteenArrangement.files_amounts``).
_FILES_AMOUNTS = frozenset({"own", "outsourced", "shared-representative"})


@attrs.frozen
class Options:
    """读取选项 — ``year``: the year of filings whose table has no 年度 column (``--year``); ``strict``:
    a warning (a ratio below 1) is an error; ``province``: the province of units a filings-only file
    names without a 省份 column (default 广东)."""

    year: int | None = None
    strict: bool = False
    province: str | None = None


#: Forms whose reading of a text is not remembered: text is itself, a ratio may warn, and a code (an order
#: number, a payment code, a transaction id: most are new on every row) is cheaper to read than to look up,
#: and remembering it would hold thousands of texts that never come again.
_UNREMEMBERED = frozenset({ValueForm.TEXT, ValueForm.RATIO, ValueForm.CODE})
_TEXT = ValueForm.TEXT
_CODE = ValueForm.CODE
_TOO_LONG = f"超过 {MAX_FIELD_LENGTH} 个字符 | longer than {MAX_FIELD_LENGTH} characters"
#: Most texts remembered per column of a table (then forgotten and remembered afresh).
_MEMO_MOST = 4096
#: The required columns of each kind, in template order.
_REQUIRED = {sheet.kind: tuple(column for column in sheet.columns if column.required) for sheet in SHEETS}
_REQUIRED_FIELDS = {kind: frozenset(column.field for column in columns) for kind, columns in _REQUIRED.items()}


def _any_given(cells: Sequence[object], indexes: tuple[int, ...], count: int) -> bool:
    """Whether any of the cells at ``indexes`` holds something (not ``None``, not blank text)."""
    return any(value is not None and not (isinstance(value, str) and not value.strip())
               for value in (cells[index] for index in indexes if index < count))


def infer_kind(headers: Sequence[str]) -> str | None:
    """表的记录类型 — the kind whose columns the headers name most of (all of them), or ``None``.

    >>> infer_kind(["单位代码", "是否有食堂"]), infer_kind(["订单号", "收款账号"]), infer_kind(["甲"])
    ('filings', 'orders', None)
    """
    best: tuple[int, str] | None = None
    named = [header for header in headers if header.strip()]
    for sheet in SHEETS:
        found = sum(sheet.column(header) is not None for header in named)
        if found == len(named) and found and (best is None or found > best[0]):
            best = (found, sheet.kind)
    return None if best is None else best[1]


@attrs.frozen
class _Slot:
    index: int
    written: str
    column: Column | None


#: How a table reads a kind: (index, slot, column, form, the readings remembered or ``None``) of each of its
#: columns; the indexes of the other named columns (which must be empty); a function taking the cells of
#: each (a tuple), one for the others', and the highest index of both (a row longer than it has them all).
_Known = tuple[tuple[int, _Slot, Column, ValueForm, "dict[str, object] | None"], ...]
_Plan = tuple[_Known, tuple[int, ...], Callable[[Sequence[object]], tuple[object, ...]],
              Callable[[Sequence[object]], tuple[object, ...]], int]


def _taker(indexes: tuple[int, ...]) -> Callable[[Sequence[object]], tuple[object, ...]]:
    """The cells at ``indexes``, as a tuple, in one call (``itemgetter`` of one index gives the cell alone)."""
    if len(indexes) > 1:
        return itemgetter(*indexes)
    return lambda cells: tuple(cells[index] for index in indexes)


@attrs.frozen
class Table:
    """一张表 — the header of a table (``source``, ``kind``; ``kind`` ``None`` when a 类型/kind column names
    each row's kind), mapped to columns, and :meth:`record` to read each row."""

    source: str
    kind: str | None
    written: tuple[str, ...]
    kind_index: int | None
    slots: Mapping[str, tuple[_Slot, ...]]
    unknown: frozenset[int]
    options: Options = Options()
    #: Per kind, worked out on first use: the slots of its columns, and the other named columns' indexes.
    _plans: dict[str, _Plan] = attrs.field(factory=dict, eq=False, repr=False, alias="plans")
    #: Per kind, the plain-row reader made on first use (:meth:`plain_orders`).
    _readers: dict[str, Callable[[Sequence[object]], Order | None]] = attrs.field(factory=dict, eq=False, repr=False,
                                                                                 alias="readers")
    #: The texts of a 类型 cell naming an order, exactly as written (:meth:`naming`): such a row is offered to
    #: the plain-row reader first when orders are built.
    _order_texts: frozenset[str] = attrs.field(init=False, eq=False, repr=False)

    @_order_texts.default
    def _texts_of_orders(self) -> frozenset[str]:
        return self.naming(("orders",))

    @classmethod
    def of(cls, header: Sequence[str], source: str, kind: str | None, *, options: Options | None = None,
           errors: list[RowError] | None = None) -> Table:
        """The table of a header row; an unknown column is noted in ``errors`` with the accepted names, a
        header naming no kind (nor a 类型/kind column) or naming a column twice raises ``InputFileError``."""
        names = [unicodedata.normalize("NFC", str(name)).strip().lstrip("\ufeff") for name in header]
        while names and not names[-1]:
            names.pop()  # Excel's empty columns at the right
        written = tuple(names)
        if len(written) > MAX_COLUMNS:
            raise InputFileError(source, f"列数过多（{len(written)} 列，最多 {MAX_COLUMNS} 列）",
                                 f"too many columns ({len(written)}, at most {MAX_COLUMNS})")
        kind_index = next((i for i, name in enumerate(written) if name.lower() in _KIND_HEADERS), None)
        if kind is None and kind_index is None:
            kind = infer_kind(written)
            if kind is None:
                raise InputFileError(source, _which_kind_zh(written), _which_kind_en())
        kinds = [kind] if kind is not None else [sheet.kind for sheet in SHEETS]
        slots: dict[str, tuple[_Slot, ...]] = {}
        for each in kinds:
            sheet = sheet_for_kind(each)
            mapped = tuple(_Slot(i, name, sheet.column(name)) for i, name in enumerate(written)
                           if name and i != kind_index)
            _no_twice(mapped, source)
            slots[each] = mapped
        known = {slot.index for each in kinds for slot in slots[each] if slot.column is not None}
        unknown_at = frozenset(i for i, name in enumerate(written) if name and i != kind_index and i not in known)
        unknown = [written[i] for i in sorted(unknown_at)]
        if unknown and errors is not None:
            accepted = "；".join(sheet_for_kind(each).accepted() for each in kinds)
            errors.append(RowError(source, 1, "、".join(unknown)[:200],
                                   f"未知的列，整列未读入；可用的列为：{accepted} | unknown column, not read; "
                                   "the accepted columns are listed above (Chinese header, English name)"))
        return cls(source, kind, written, kind_index, slots, unknown_at, options or Options())

    def headers(self, kind: str) -> dict[str, str]:
        """English field → the header as written, for the columns of ``kind`` this table has."""
        return {slot.column.field: slot.written for slot in self.slots.get(kind, ()) if slot.column is not None}

    def record(self, row: int, cells: Sequence[object], errors: list[RowError],  # noqa: PLR0911 -- a return per refusal
               warnings: list[RowError], percent: frozenset[int] = frozenset(), *,
               only: frozenset[str] | None = None, kind_errors: list[RowError] | None = None,
               peek: frozenset[str] = frozenset(), build: bool = False) -> Record | None:
        """The record of one row (``row`` its spreadsheet number), or ``None`` after noting why in
        ``errors``; ``percent``: the indexes of cells formatted as percentages (``.xlsx``). With ``only``
        (a pass reading some kinds), a row of another kind is ``None`` at once, unread; a row whose 类型
        is not a kind is noted in ``kind_errors`` (default ``errors``; a later pass over the same file
        gives a list it drops). A row of a kind in ``peek`` (a pass that needs a cell, not the record;
        the row is read again later) has its cells as written, by field, unconverted and unchecked. With
        ``build``, a plain row of an order (of a table of orders, or whose 类型 names an order exactly as
        :meth:`naming` gives it) gives its order at once (:meth:`plain_orders`), as a
        :class:`~poverty_procurement.reporting.records.BuiltOrder`, before any other check (a plain row passes
        them all); any other row is read as always."""
        if build and "orders" not in peek and (only is None or "orders" in only):
            at = self.kind_index  # a row of an order, by its 类型 as written (or the table's kind): built at once
            if self.kind == "orders" if at is None else at < len(cells) and cells[at] in self._order_texts:
                made = self.plain_orders()(cells)
                if made is not None:
                    return "orders", self.source, row, BuiltOrder(made)
        kind = self.kind
        if self.kind_index is not None:
            given = cell_text(cells[self.kind_index]).strip() if self.kind_index < len(cells) else ""
            row_kind = _SINGULAR.get(given, given)
            if row_kind not in self.slots or (kind is not None and row_kind != kind):
                noted = errors if kind_errors is None else kind_errors
                noted.append(RowError(self.source, row, self.written[self.kind_index],
                                      f"记录类型 {shown(given)} 无效，应为 单位、填报、订单、转账"
                                      f"（unit、filing、order、transfer）之一 | invalid kind {shown(given)}: "
                                      "one of unit, filing, order, transfer"))
                return None
            kind = row_kind
        assert kind is not None
        if only is not None and kind not in only:
            return None
        if kind in peek:
            count = len(cells)
            return kind, self.source, row, {column.field: cells[index] for index, _, column, _, _ in self._plan(kind)[0]
                                            if index < count}
        for index in range(len(self.written), len(cells)):
            if cell_text(cells[index]).strip():
                errors.append(RowError(self.source, row, f"第{index + 1}列",
                                       "此列没有表头，请补上列名或删去此格 | a cell outside the header's columns"))
                return None
        fields = self._cells(kind, row, cells, errors=errors, warnings=warnings, percent=percent)
        if fields is None:
            return None
        if kind == "filings" and not self._filing(row, fields, errors):
            return None
        if not fields.keys() >= _REQUIRED_FIELDS[kind]:
            missing = [column for column in _REQUIRED[kind] if column.field not in fields]
            names = "、".join(self.headers(kind).get(column.field, column.zh) for column in missing)
            errors.append(RowError(self.source, row, names, f"必填，不能为空（{sheet_for_kind(kind).zh}须有 {names}）"
                                                            f" | required, it cannot be empty"))
            return None
        return kind, self.source, row, fields

    def naming(self, kinds: Iterable[str]) -> frozenset[str]:
        """The texts of a 类型 cell, exactly as written, that name one of ``kinds`` (of this table's kinds):
        a row with one of them is of that kind without reading it (``record`` gives it that kind too)."""
        wanted = {kind for kind in kinds if kind in self.slots}
        return frozenset((*wanted, *(text for text, kind in _SINGULAR.items() if kind in wanted)))

    def plain_orders(self) -> Callable[[Sequence[object]], Order | None]:
        """订单行快读 — :func:`~poverty_procurement.reporting.order_cells.plain_order_reader` for this table's
        columns of orders (made once per table)."""
        reader = self._readers.get("orders")
        if reader is None:
            known, other, *_ = self._plan("orders")
            reader = self._readers["orders"] = plain_order_reader(
                tuple((index, column) for index, _, column, _, _ in known), other, len(self.written))
        return reader

    def _plan(self, kind: str) -> _Plan:
        plan = self._plans.get(kind)
        if plan is None:
            slots = self.slots[kind]
            known: _Known = tuple((slot.index, slot, slot.column, slot.column.form, None if slot.column.form
                                   in _UNREMEMBERED else {}) for slot in slots if slot.column is not None)
            other = tuple(slot.index for slot in slots if slot.column is None and slot.index not in self.unknown)
            indexes = tuple(each[0] for each in known)
            plan = self._plans[kind] = (known, other, _taker(indexes), _taker(other), max((*indexes, *other, -1)))
        return plan

    def _cells(self, kind: str, row: int, cells: Sequence[object], *,  # noqa: PLR0912,PLR0915 -- one tight loop
               errors: list[RowError], warnings: list[RowError], percent: frozenset[int]) -> dict[str, object] | None:
        known, other, take, take_other, last = self._plan(kind)
        count = len(cells)
        short = False  # whether every cell is known to be text within MAX_FIELD_LENGTH
        if count > last:  # the row has every column of the plan: its cells taken in one step
            values = take(cells)
            try:  # a row of text (CSV): one join says whether all are short, another whether the others are empty
                short = len("".join(values)) <= MAX_FIELD_LENGTH  # type: ignore[arg-type]
                given = bool(other) and bool("".join(take_other(cells)).strip())  # type: ignore[arg-type]
            except TypeError:  # not all text (an .xlsx row)
                given = bool(other) and _any_given(cells, other, count)
        else:
            values = tuple(cells[index] if index < count else None for index, *_ in known)
            given = bool(other) and _any_given(cells, other, count)
        if given:
            return self._cells_in_order(kind, row, cells, errors=errors, warnings=warnings, percent=percent)
        fields: dict[str, object] = {}
        warned: list[tuple[str, str]] = []
        bad = False
        for (index, slot, column, form, memo), value in zip(known, values, strict=True):  # _cells_in_order's order
            if type(value) is str:
                if form is _CODE:  # _code of text: trimmed (a blank cell: nothing), unless a long number Excel rewrote
                    code = value.strip()
                    if not code:
                        continue
                    if "+" not in code and (short or len(value) <= MAX_FIELD_LENGTH):
                        fields[column.field] = code
                        continue
                elif memo is not None:  # a pure function of the text: the same text reads the same
                    seen = memo.get(value)
                    if seen is not None:  # read before (so neither blank nor too long)
                        fields[column.field] = seen
                        continue
                if not value or value.isspace():
                    continue
                if not short and len(value) > MAX_FIELD_LENGTH:
                    errors.append(RowError(self.source, row, slot.written, _TOO_LONG))
                    bad = True
                    continue
                if form is _TEXT:  # cell_text of text is the text itself
                    fields[column.field] = value
                    continue
                if memo is not None:  # not read before: read and remembered
                    try:
                        seen = read_cell(column, value, False, warned)
                    except BadCell as problem:
                        self._bad(row, slot, value, problem, errors)
                        bad = True
                        continue
                    if len(memo) >= _MEMO_MOST:
                        memo.clear()
                    memo[value] = fields[column.field] = seen
                    continue
            elif value is None or (isinstance(value, str) and not value.strip()):
                continue
            elif isinstance(value, str) and len(value) > MAX_FIELD_LENGTH:
                errors.append(RowError(self.source, row, slot.written, _TOO_LONG))
                bad = True
                continue
            if not self._convert(row, slot, column, value, index in percent, fields=fields, warned=warned,
                                 errors=errors, warnings=warnings):
                bad = True
        return None if bad else fields

    def _convert(self, row: int, slot: _Slot, column: Column, value: object, percent: bool, *,
                 fields: dict[str, object], warned: list[tuple[str, str]], errors: list[RowError],
                 warnings: list[RowError]) -> bool:
        """One cell read into ``fields``; False after noting a bad value (or a warning made an error by --strict)."""
        before = len(warned)
        try:
            fields[column.field] = read_cell(column, value, percent, warned)
        except BadCell as problem:
            self._bad(row, slot, value, problem, errors)
            return False
        return not (len(warned) > before and self._warned(row, slot, warned[before:], errors, warnings))

    def _bad(self, row: int, slot: _Slot, value: object, problem: BadCell, errors: list[RowError]) -> None:
        zh, en = problem.args
        expected_zh, expected_en = slot.column.expected  # type: ignore[union-attr]
        got = "" if "收到" in zh else f"（收到 {shown(cell_text(value))[:60]}）"
        errors.append(RowError(self.source, row, slot.written, f"{zh}{got}；应为{expected_zh}"
                                                               f" | {en}; expected {expected_en}"))

    def _warned(self, row: int, slot: _Slot, warned: list[tuple[str, str]], errors: list[RowError],
                warnings: list[RowError]) -> bool:
        for zh, en in warned:
            (errors if self.options.strict else warnings).append(
                RowError(self.source, row, slot.written, f"比例小于 1：{zh}？ | a ratio below 1: {en}?"))
        return self.options.strict

    def _cells_in_order(self, kind: str, row: int, cells: Sequence[object], *, errors: list[RowError],
                        warnings: list[RowError], percent: frozenset[int]) -> dict[str, object] | None:
        """Every slot of ``kind`` in column order (a cell given in another kind's column is an error)."""
        fields: dict[str, object] = {}
        warned: list[tuple[str, str]] = []
        bad = False
        for slot in self.slots[kind]:
            value = cells[slot.index] if slot.index < len(cells) else None
            if value is None or (isinstance(value, str) and not value.strip()) or slot.index in self.unknown:
                continue  # empty, or an unknown column already reported with the header
            if slot.column is None:
                errors.append(RowError(self.source, row, slot.written, f"{sheet_for_kind(kind).zh}记录没有此列"
                                                                        f" | not a column of {kind}"))
                bad = True
                continue
            if isinstance(value, str) and len(value) > MAX_FIELD_LENGTH:
                errors.append(RowError(self.source, row, slot.written, _TOO_LONG))
                bad = True
                continue
            if not self._convert(row, slot, slot.column, value, slot.index in percent, fields=fields, warned=warned,
                                 errors=errors, warnings=warnings):
                bad = True
        return None if bad else fields

    def _filing(self, row: int, fields: dict[str, object], errors: list[RowError]) -> bool:
        """Arrangement from 是否有食堂 / 食堂情形, the default year; False after noting a problem."""
        has = fields.pop("has_canteen", None)
        arrangement = fields.get("arrangement")
        names = self.headers("filings")
        canteen_zh = names.get("has_canteen", "是否有食堂")
        arrangement_zh = names.get("arrangement", "食堂情形")
        if arrangement is None:
            if has is None:
                errors.append(RowError(self.source, row, f"{canteen_zh}/{arrangement_zh}",
                                       f"须填写 {canteen_zh}（是/否）或 {arrangement_zh}"
                                       " | give 是否有食堂 (yes/no) or the arrangement"))
                return False
            shared = str(fields.get("remark", "")).strip().startswith("共用")
            fields["arrangement"] = "own" if has else "shared-member" if shared else "none"
        elif has is not None and has != (arrangement in _FILES_AMOUNTS):
            errors.append(RowError(
                self.source, row, arrangement_zh,
                f"与 {canteen_zh}（{'是' if has else '否'}）不一致：自有食堂、食堂外包和共用食堂的代表单位填“是”，"
                f"无食堂和共用食堂的其他单位填“否” | contradicts {canteen_zh}: 是 for own, outsourced and the "
                "representative of a shared canteen, 否 for none and the other sharing units"))
            return False
        if "year" not in fields and self.options.year is not None:
            fields["year"] = self.options.year
        elif "year" not in fields:
            errors.append(RowError(self.source, row, names.get("year", "年度"),
                                   "缺少年度：请加一列 年度，或在命令行给出 --year | the year is missing: add a "
                                   "年度 column or give --year"))
            return False
        return True


def _which_kind_zh(written: Sequence[str]) -> str:
    listed = "、".join(shown(name) for name in written if name)[:200]
    kinds = "；".join(f"{sheet.zh}：{'、'.join(c.zh for c in sheet.columns if c.required)}" for sheet in SHEETS)
    return (f"看不出这是哪一类记录（表头：{listed}）。请用列名见文档的表头，文件或工作表命名为 单位、填报、订单、转账，"
            f"或加一列 类型。各类必填列 — {kinds}")


def _which_kind_en() -> str:
    return ("cannot tell which kind of record this is: use the documented headers, name the file or sheet "
            "单位/填报/订单/转账 (units/filings/orders/transfers), or add a kind column")


def _no_twice(mapped: Sequence[_Slot], source: str) -> None:
    seen: dict[str, str] = {}
    for slot in mapped:
        if slot.column is None:
            continue
        first = seen.setdefault(slot.column.field, slot.written)
        if first != slot.written or sum(s.written == slot.written for s in mapped) > 1:
            raise InputFileError(source, f"列 {shown(first)} 和 {shown(slot.written)} 是同一列（{slot.column.zh}），"
                                         "请只保留一列",
                                 f"the columns {shown(first)} and {shown(slot.written)} are the same column "
                                 f"({slot.column.field}); keep one")


def sheets_accepted() -> str:
    """The accepted sheet or file names, for a message: ``单位 (units)、填报 (filings)…``."""
    return "、".join(f"{sheet.zh} ({sheet.en})" for sheet in SHEETS)


def split_unit(record: Record, province: str | None = None) -> tuple[Record, dict[str, object] | None]:
    """A filing record without its file-only 单位名称/省份, and the unit they name (``None`` for other
    kinds): ``{"code", "name", "province"}``, the name defaulting to the code, the province to ``province``.

    >>> split_unit(("filings", "f.csv", 2, {"unit": "D1", "unit_name": "某厅", "year": 2023}))
    (('filings', 'f.csv', 2, {'unit': 'D1', 'year': 2023}), {'code': 'D1', 'name': '某厅'})
    """
    kind, source, row, fields = record
    if kind != "filings":
        return record, None
    kept = {key: value for key, value in fields.items() if key not in _FILING_EXTRA}
    unit: dict[str, object] = {"code": fields.get("unit"), "name": fields.get("unit_name", fields.get("unit"))}
    if "province" in fields or province is not None:
        unit["province"] = fields.get("province", province)
    return (kind, source, row, kept), unit
