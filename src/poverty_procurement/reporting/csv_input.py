"""读取 CSV 数据 — a department's units, filings, orders and bank transfers from CSV files, row by row.

**CSV** (UTF-8, with or without the BOM Excel writes): either one file with a ``kind`` column
(``unit``/``units``, ``filing``/``filings``, ``order``/``orders``, ``transfer``/``transfers``)
and the union of the columns — a cell left empty means "not given" — or a directory holding
``units.csv``, ``filings.csv``, ``orders.csv`` and/or ``transfers.csv`` (the ``kind`` column then
optional). The columns are the fields of :mod:`~poverty_procurement.reporting.records`. The first
row is the header; a row error names the file and the spreadsheet row number (the header is
row 1). ``year`` is a whole number; ``has_union_need`` and ``voucher_redemption`` take
``是``/``否``, ``true``/``false`` or ``1``/``0``. CSV has no ``year`` of its own: the report's
year is then given (``--year``) or taken from the filings when they are all of one year.

CSV is streamed row by row (:func:`csv_records`), within the bounds of
:mod:`~poverty_procurement.reporting.records`; memory is bounded by what is read, not by lines:
a physical line is read at most :data:`MAX_LINE_LENGTH` characters at a time, and a longer one
is refused (a file without newlines is never read whole); bad CSV syntax or a wrong encoding raise
:class:`~poverty_procurement.errors.InputFileError` naming the line.

>>> import io
>>> data = parse_csv(io.StringIO("code,name\\nD1,某厅\\n"), source="units.csv", kind="units")
>>> [u.code for u in data.units], data.errors
(['D1'], ())
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from ..errors import InputFileError, shown
from .records import FIELDS, KINDS, MAX_FIELD_LENGTH, Dataset, Progress, Record, RowBuilder, RowError

__all__ = ["MAX_LINE_LENGTH", "CsvSource", "csv_records", "csv_sources", "parse_csv", "read_csv_files"]

#: A CSV file to read: ``(path, source name, kind)``, ``kind`` ``None`` for a file with a ``kind`` column.
CsvSource = tuple[Path, str, str | None]

_SINGULAR = {"unit": "units", "filing": "filings", "order": "orders", "transfer": "transfers"}
_MAX_COLUMNS = 64
#: Longest physical CSV line read: every column's longest field, quotes doubled (128,192 characters).
MAX_LINE_LENGTH = _MAX_COLUMNS * (2 * MAX_FIELD_LENGTH + 3)
_ALL_FIELDS = frozenset(name for names in FIELDS.values() for name in names) | {"kind"}
_INT_FIELDS = frozenset({"year"})
_BOOL_FIELDS = frozenset({"has_union_need", "voucher_redemption"})
_TRUE = frozenset({"是", "true", "True", "TRUE", "1", "y", "Y", "yes"})
_FALSE = frozenset({"否", "false", "False", "FALSE", "0", "n", "N", "no"})


def _cell(key: str, value: str) -> object:
    if key in _INT_FIELDS and value.isascii() and value.isdigit() and len(value) <= 6:
        return int(value)
    if key in _BOOL_FIELDS:
        if value.strip() in _TRUE:
            return True
        if value.strip() in _FALSE:
            return False
    return value


def _too_long(source: str, number: int) -> InputFileError:
    return InputFileError(source,
                          f"第 {number} 个物理行超过 {MAX_LINE_LENGTH:,} 个字符，不是本格式的 CSV（缺少换行？）",
                          f"physical line {number} is longer than {MAX_LINE_LENGTH:,} characters: "
                          "not CSV of this format (missing newlines?)")


def _bounded_lines(lines: Iterable[str], source: str) -> Iterator[str]:
    """The physical lines of ``lines``, each read at most :data:`MAX_LINE_LENGTH` characters at a time."""
    readline = getattr(lines, "readline", None)
    if callable(readline):  # a file: never read more than one bounded line
        number = 0
        while line := readline(MAX_LINE_LENGTH + 1):
            number += 1
            if len(line) > MAX_LINE_LENGTH:
                raise _too_long(source, number)
            yield line
        return
    for number, line in enumerate(lines, start=1):
        if len(line) > MAX_LINE_LENGTH:
            raise _too_long(source, number)
        yield line


def csv_records(lines: Iterable[str], source: str, kind: str | None, errors: list[RowError]) -> Iterator[Record]:
    """CSV 记录 — the raw :data:`~poverty_procurement.reporting.records.Record` of each row of ``lines``.

    ``source`` names the file; ``kind`` is the kind of every row (``None``: the file has a ``kind``
    column). A row that is no record of a known kind (too many cells, a bad ``kind``) and the
    header's unknown columns are appended to ``errors``; empty lines are skipped. Bad CSV syntax or
    a wrong encoding raises ``InputFileError``. Lazy: one row at a time.
    """
    reader = csv.reader(_bounded_lines(lines, source), strict=True)
    try:
        header = next(reader, None)
        if header is None:
            return
        header = [name.strip().lstrip("\ufeff") for name in header]
        if len(header) > _MAX_COLUMNS or len(set(header)) != len(header) or not all(header):
            raise InputFileError(source, f"表头须为不重复、非空的列名（最多 {_MAX_COLUMNS} 列）",
                                 f"the header needs distinct, non-empty column names (at most {_MAX_COLUMNS})")
        if kind is None and "kind" not in header:
            raise InputFileError(source, "单个 CSV 文件须有 kind 列（unit / filing / order / transfer）",
                                 "a single CSV file needs a kind column (unit / filing / order / transfer)")
        unknown = [name for name in header if name not in _ALL_FIELDS]
        if unknown:
            errors.append(RowError(source, 1, "、".join(unknown)[:200],
                                   "未知的列，整列未读入（列名见文档） | unknown columns, "
                                                                       "not read"))
        row_number = 1
        for cells in reader:
            row_number += 1
            if not any(cell.strip() for cell in cells):
                continue  # an empty line of the spreadsheet
            if len(cells) > len(header):
                errors.append(RowError(source, row_number, "$", f"比表头多出 {len(cells) - len(header)} 列"
                                                                " | more cells than header columns"))
                continue
            fields = {key: value for key, value in zip(header, cells, strict=False)
                      if value != "" and key in _ALL_FIELDS}
            row_kind = fields.pop("kind", None)
            if isinstance(row_kind, str):
                row_kind = _SINGULAR.get(row_kind.strip(), row_kind.strip())
            if row_kind is None:
                row_kind = kind
            if row_kind not in FIELDS or (kind is not None and row_kind != kind):
                errors.append(RowError(source, row_number, "kind", f"记录类型 {shown(row_kind)} 无效"
                                                                   f"（应为 {kind or 'unit/filing/order/transfer'}）"
                                                                   f" | invalid kind {shown(row_kind)}"))
                continue
            yield row_kind, source, row_number, {key: _cell(key, str(value)) for key, value in fields.items()}
    except csv.Error as error:
        raise InputFileError(source, f"CSV 格式错误（第 {reader.line_num} 行）：{error}",
                             f"invalid CSV (line {reader.line_num}): {error}") from None
    except UnicodeDecodeError:
        raise InputFileError(source, f"不是 UTF-8 编码（约第 {reader.line_num + 1} 行），请另存为 UTF-8（CSV UTF-8）",
                             f"not UTF-8 (near line {reader.line_num + 1}); save as CSV UTF-8") from None


def parse_csv(lines: Iterable[str], *, source: str = "CSV", kind: str | None = None,
              progress: Progress | None = None) -> Dataset:
    """读取 CSV 数据 — a :class:`Dataset` from CSV lines (one file with a ``kind`` column, or ``kind`` given).

    Streams the lines; see the module docstring for the columns.

    >>> text = "kind,code,name,superior\\nunit,D1,某厅,\\nunit,U1,某中心,D1\\nunit,U2,,D1\\n"
    >>> import io
    >>> data = parse_csv(io.StringIO(text), source="data.csv")
    >>> [u.code for u in data.units], [(e.row_number, e.field) for e in data.errors]
    (['D1', 'U1'], [(4, 'name')])
    """
    from ..conventions import require_each  # the library's error for a wrong type (issue 17)
    lines = require_each(lines, str, "lines")
    return _parse_csv_files([(lines, source, kind)], progress)


def _parse_csv_files(files: Iterable[tuple[Iterable[str], str, str | None]], progress: Progress | None) -> Dataset:
    builder = RowBuilder(progress)
    for lines, source, kind in files:
        for record in csv_records(lines, source, kind, builder.errors):
            builder.add(record)
    return builder.build(None)


# --- files ------------------------------------------------------------------------------------

def csv_sources(where: Path) -> list[CsvSource] | None:
    """CSV 文件 — the CSV files of ``where`` as ``(path, source name, kind)``, in
    :data:`~poverty_procurement.reporting.records.KINDS` order for a directory (``kind`` ``None`` for a
    single file with a ``kind`` column); ``None`` when ``where`` is not CSV input.

    Raises ``InputFileError`` for a directory without any of the files (``OSError`` passes through).
    """
    if where.is_dir():
        found: list[CsvSource] = [
            (where / f"{kind}.csv", f"{kind}.csv", kind) for kind in KINDS if (where / f"{kind}.csv").is_file()]
        if not found:
            raise InputFileError(where.name or str(where),
                                 f"目录中没有 {'、'.join(k + '.csv' for k in KINDS)} 中的任何文件",
                                 f"the directory has none of {', '.join(k + '.csv' for k in KINDS)}")
        return found
    if where.suffix.lower() == ".csv":
        return [(where, where.name or str(where), None)]
    return None


def read_csv_files(sources: Sequence[CsvSource], progress: Progress | None = None) -> Dataset:
    """读取 CSV 文件 — the :class:`Dataset` of the files :func:`csv_sources` found.

    Opens every file (UTF-8, BOM allowed), reads them in turn into one dataset and closes them.
    An unreadable file raises ``OSError``
    (:func:`~poverty_procurement.reporting.datasets.read_dataset` turns it into ``InputFileError``).
    """
    handles = [open(file, encoding="utf-8-sig", newline="") for file, _, _ in sources]  # noqa: SIM115
    try:
        return _parse_csv_files([(handle, source, kind) for handle, (_, source, kind)
                                 in zip(handles, sources, strict=True)], progress)
    finally:
        for handle in handles:
            handle.close()
