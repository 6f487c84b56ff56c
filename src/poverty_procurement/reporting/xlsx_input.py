"""读取 Excel 工作簿 — a department's units, filings, orders and transfers from an ``.xlsx`` workbook.

One sheet per record kind, named 单位, 填报, 订单, 转账 (or ``units``, ``filings``, ``orders``,
``transfers``); a 说明 sheet (the template's instructions) is skipped; a workbook of a single sheet
with another name (``Sheet1``) is read as the kind its header shows. In each sheet the first
non-empty row is the header — the Chinese or English names of
:mod:`~poverty_procurement.reporting.columns`, in any order — and every later non-empty row a
record, its cells read as :mod:`~poverty_procurement.reporting.office` says (a cell formatted as a
percentage, ``30%``, is thirty percent). Formulas are read as the value Excel last saved.

Reading ``.xlsx`` needs openpyxl, the optional extra ``excel``: ``pip install
"poverty-procurement[excel]"``; without it the error says so. A file that is not a workbook (an old
``.xls``, a renamed CSV, a damaged zip) raises :class:`~poverty_procurement.errors.InputFileError`
with what to do; never a traceback. The workbook is read in openpyxl's read-only (streaming) mode.
"""

from __future__ import annotations

import importlib
import warnings as python_warnings
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from ..errors import InputFileError, shown
from .columns import INSTRUCTIONS_SHEET, sheet_named
from .office import MAX_COLUMNS, Options, Table, cell_text, sheets_accepted, split_unit
from .records import KINDS, Dataset, Progress, Record, RowBuilder, RowError

__all__ = ["MISSING_OPENPYXL", "read_xlsx", "xlsx_records"]

#: The message when openpyxl is not installed (zh, en).
MISSING_OPENPYXL = ("读取 .xlsx 需要 openpyxl：请运行 pip install \"poverty-procurement[excel]\"，"
                    "或把工作表另存为 CSV",
                    "reading .xlsx needs openpyxl: pip install \"poverty-procurement[excel]\", "
                    "or save the sheets as CSV")


def _openpyxl() -> Any:
    try:
        return importlib.import_module("openpyxl")
    except ImportError:
        return None


def _damaged(name: str, error: BaseException) -> InputFileError:
    return InputFileError(name, "不是有效的 .xlsx 工作簿（旧版 .xls 或损坏的文件？）：请在 Excel 或 WPS 中另存为"
                                "“Excel 工作簿 (*.xlsx)”后重试",
                          f"not a valid .xlsx workbook (an old .xls or a damaged file?): save it as an "
                          f"“Excel Workbook (*.xlsx)” and try again ({type(error).__name__})")


def _open(path: Path, name: str) -> Any:
    openpyxl = _openpyxl()
    if openpyxl is None:
        raise InputFileError(name, *MISSING_OPENPYXL)
    try:
        with python_warnings.catch_warnings():
            python_warnings.simplefilter("ignore")  # openpyxl warns about styles and extensions it drops
            return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (MemoryError, RecursionError):
        raise
    except OSError as error:
        if type(error).__name__ == "InvalidFileException":  # openpyxl's, for a name it does not read
            raise _damaged(name, error) from None
        raise
    except Exception as error:
        raise _damaged(name, error) from None


def _guarded(name: str, cells: Iterator[Any]) -> Iterator[Any]:
    """openpyxl's rows, a damaged part of the file turned into ``InputFileError`` (openpyxl reads lazily)."""
    while True:
        try:
            with python_warnings.catch_warnings():
                python_warnings.simplefilter("ignore")
                row = next(cells)
        except StopIteration:
            return
        except (MemoryError, RecursionError):
            raise
        except Exception as error:
            raise _damaged(name, error) from None
        yield row


def _rows(book: Any, sheet: str, name: str) -> Iterator[tuple[int, list[object], frozenset[int]]]:
    """``(row number, cell values, indexes of percent-formatted cells)`` of each non-empty row of ``sheet``."""
    try:
        cells = book[sheet].iter_rows(max_col=MAX_COLUMNS + 1)
    except Exception as error:
        raise _damaged(name, error) from None
    for number, row in enumerate(_guarded(name, cells), start=1):
        values = _read_cells(name, row, "value", None)
        if not any(cell_text(value).strip() for value in values):
            continue
        formats = _read_cells(name, row, "number_format", "")
        percent = frozenset(index for index, shape in enumerate(formats) if "%" in str(shape or ""))
        yield number, values, percent


def _read_cells(name: str, row: Any, attribute: str, default: object) -> list[object]:
    """``attribute`` of each cell of ``row``; openpyxl reads a cell's style lazily, so a damaged style
    part (a style number past the end of the styles) raises here: ``InputFileError`` naming the file."""
    try:
        return [getattr(cell, attribute, default) for cell in row]
    except (MemoryError, RecursionError):
        raise
    except Exception as error:
        raise _damaged(name, error) from None


def xlsx_records(book: Any, source: str, errors: list[RowError], *, options: Options | None = None,
                 warnings: list[RowError] | None = None,
                 headers: dict[str, dict[str, str]] | None = None) -> Iterator[Record]:
    """工作簿记录 — the records of every data sheet of an open openpyxl workbook, units first.

    ``source`` names the file; each sheet's rows are named ``“<file> 工作表 <sheet>”``. An unknown
    sheet name is noted in ``errors`` (unless it is the only sheet, then read by its header); the
    rest as :func:`~poverty_procurement.reporting.csv_input.csv_records`.
    """
    names = list(book.sheetnames)
    known = [(name, sheet_named(name)) for name in names if name.strip() != INSTRUCTIONS_SHEET]
    ordered: list[tuple[str, str | None]] = []
    for name, sheet in known:
        if sheet is not None:
            ordered.append((name, sheet.kind))
        elif len(known) == 1:
            ordered.append((name, None))
        else:
            errors.append(RowError(source, 0, f"工作表 {shown(name)}",
                                   f"未知的工作表名，未读入；应为 {sheets_accepted()} | unknown sheet name, not read; "
                                   "one of 单位/填报/订单/转账 (units/filings/orders/transfers)"))
    ordered.sort(key=lambda item: KINDS.index(item[1]) if item[1] is not None else 0)
    alone = not any(kind == "units" for _, kind in ordered)
    quiet: list[RowError] = []
    for name, kind in ordered:
        where = f"{source} 工作表 {name}"
        rows = _rows(book, name, source)
        first = next(rows, None)
        if first is None:
            continue
        _, header, _ = first
        table = Table.of([cell_text(cell) for cell in header], where, kind, options=options, errors=errors)
        if headers is not None:
            headers[where] = {field: text for each in table.slots for field, text in table.headers(each).items()}
        made: set[object] = set()
        for number, values, percent in rows:
            record = table.record(number, values, errors, quiet if warnings is None else warnings, percent)
            if record is None:
                continue
            record, unit = split_unit(record, None if options is None else options.province)
            if alone and table.kind == "filings" and unit is not None and unit["code"] not in made:
                made.add(unit["code"])
                yield "units", where, number, unit
            yield record


def read_xlsx(path: Path | Sequence[Path], progress: Progress | None = None,
              options: Options | None = None) -> Dataset:
    """读取 Excel 工作簿 — the :class:`Dataset` of one or several ``.xlsx`` files.

    Raises ``InputFileError`` without openpyxl or for a file that is not a workbook; an unreadable
    file raises ``OSError`` (:func:`~poverty_procurement.reporting.datasets.read_dataset` turns it
    into ``InputFileError``).
    """
    files = [path] if isinstance(path, Path) else list(path)
    builder = RowBuilder(progress)
    for file in files:
        name = file.name or str(file)
        book = _open(file, name)
        try:
            for record in xlsx_records(book, name, builder.errors, options=options, warnings=builder.warnings,
                                       headers=builder.headers):
                builder.add(record)
        finally:
            book.close()
    return builder.build(None)
