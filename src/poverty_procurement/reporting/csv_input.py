"""读取 CSV 数据 — a department's units, filings, orders and bank transfers from CSV files, row by row.

**CSV** as offices save it: UTF-8 (with or without the BOM Excel writes) or GB18030/GBK (Excel and
WPS “CSV (逗号分隔)” on Chinese Windows), told apart without guessing (:func:`detect_encoding`).
Either one file — of one kind (named ``填报.csv``/``filings.csv``…, or told by its header), or with
a 类型/``kind`` column (``unit``/``units``/``单位``, ``filing``, ``order``, ``transfer``) and the
union of the columns, a cell left empty meaning "not given" — or several files, one per kind, or a
directory holding ``单位.csv``/``units.csv``, ``填报.csv``/``filings.csv``, ``订单.csv``/``orders.csv``
and/or ``转账.csv``/``transfers.csv``. The headers are the Chinese or English names of
:mod:`~poverty_procurement.reporting.columns`, in any order; the values are read as
:mod:`~poverty_procurement.reporting.office` says (``是``/``否``, ``3,000,000.00``, ``30%``…). The first
row is the header; a row error names the file, the spreadsheet row number (the header is row 1)
and the column as written. A filings-only file (no units table) names its units by 单位代码,
单位名称 and 省份. CSV has no ``year`` of its own: the report's year is then given (``--year``) or
taken from the filings when they are all of one year.

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

import codecs
import csv
import functools
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO

from ..errors import InputFileError
from .columns import SHEETS, sheet_named
from .office import MAX_COLUMNS, Options, Table, split_unit
from .records import KINDS, MAX_FIELD_LENGTH, Dataset, Progress, Record, RowBuilder, RowError

__all__ = ["MAX_LINE_LENGTH", "CsvSource", "csv_records", "csv_sources", "detect_encoding", "input_paths",
           "open_csv", "parse_csv",
           "read_csv_files"]

#: A CSV file to read: ``(path, source name, kind)``, ``kind`` ``None`` for a file with a ``kind`` column.
CsvSource = tuple[Path, str, str | None]

#: Most columns a CSV header may have.
_MAX_COLUMNS = MAX_COLUMNS
#: Longest physical CSV line read: every column's longest field, quotes doubled (128,192 characters).
MAX_LINE_LENGTH = _MAX_COLUMNS * (2 * MAX_FIELD_LENGTH + 3)
_CHUNK = 1 << 20
#: The one line a file in neither encoding gets (zh, en).
_SAVE_AS = ("既不是 UTF-8 也不是 GB18030/GBK 编码，无法读取；"
            "请在 Excel 或 WPS 中“另存为”→“CSV UTF-8（逗号分隔）”后重试",
            "neither UTF-8 nor GB18030/GBK: in Excel or WPS use Save As → “CSV UTF-8 (Comma delimited)” and try again")


def detect_encoding(path: Path) -> str:
    """文件编码 — ``"utf-8-sig"`` when the whole file is UTF-8 (with or without BOM), else ``"gb18030"``
    when it is GB18030 (which includes GBK, what Excel and WPS save as “CSV (逗号分隔)” on Chinese
    Windows); otherwise ``InputFileError`` saying how to save the file. UTF-8 is tried strictly first:
    Chinese GBK text is practically never valid UTF-8, so the check does not guess wrong. Reads the
    file once in 1 MiB chunks (memory stays bounded).
    """
    for encoding in ("utf-8-sig", "gb18030"):
        decoder = codecs.getincrementaldecoder(encoding)("strict")
        try:
            with open(path, "rb") as handle:
                while chunk := handle.read(_CHUNK):
                    decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        return encoding
    raise InputFileError(path.name or str(path), *_SAVE_AS)


def open_csv(path: Path) -> IO[str]:
    """打开 CSV 文件 — ``path`` opened as text in its encoding (:func:`detect_encoding`), for the ``csv`` module."""
    return open(path, encoding=detect_encoding(path), newline="")  # closed by the caller


def _too_long(source: str, number: int) -> InputFileError:
    return InputFileError(source,
                          f"第 {number} 个物理行超过 {MAX_LINE_LENGTH:,} 个字符，不是本格式的 CSV（缺少换行？）",
                          f"physical line {number} is longer than {MAX_LINE_LENGTH:,} characters: "
                          "not CSV of this format (missing newlines?)")


def _physical_lines(lines: Iterable[str]) -> Iterator[str]:
    """The physical lines of ``lines``; of a file, each read at most :data:`MAX_LINE_LENGTH` + 1 characters at a
    time (a C iterator over ``readline``: no Python frame per line), so that a line without an end is never read
    whole. :meth:`_Feed.lines` refuses a line longer than :data:`MAX_LINE_LENGTH`."""
    readline = getattr(lines, "readline", None)
    if callable(readline):  # a file: never read more than one bounded line
        return iter(functools.partial(readline, MAX_LINE_LENGTH + 1), "")
    return iter(lines)


class _Feed:
    """The physical lines for ``csv.reader``, less those a pass drops unread (issue 18): a line of a kind the
    pass does not read (its 类型 cell, as written, in :attr:`passed`) is dropped before the reader tokenises
    it when the reader would start a record with it and the line is certainly one whole record, its cells
    the line split at the commas — no quote, no CR or LF but the line end, no NUL (refused before Python
    3.11), no field over the reader's :func:`csv.field_size_limit`, a ``str`` (not bytes, which the reader
    refuses, nor a subclass). The reader's records and state are then exactly what they would have been.

    The reader starts a record with a line when it has given the record of every line before: the
    consumer counts the records it gets in :attr:`rows` (the header is 1) and a dropped line counts as
    one, so :attr:`rows` unchanged since the reader took the last line means the reader is inside a
    record (a quoted line break). Counting quotes would not tell: an unquoted cell may hold one (a"b).
    """

    __slots__ = ("at", "dropped", "limit", "passed", "rows", "starts")

    def __init__(self) -> None:
        self.rows = 0  #: the records given so far, the dropped lines among them
        self.dropped = 0  #: the physical lines dropped before the reader
        self.passed: frozenset[str] = frozenset()  #: the 类型 texts of the kinds not read
        self.at = 0  #: the 类型 column
        #: How a line whose first cell is one of :attr:`passed` starts (none: nothing is dropped).
        self.starts: tuple[str, ...] = ()
        self.limit = csv.field_size_limit()

    def drop(self, passed: frozenset[str], at: int) -> None:
        """From now on drop the lines whose cell ``at`` is one of ``passed``, as the docstring says."""
        self.passed, self.at = passed, at
        self.starts = tuple(text + end for text in sorted(passed) for end in ",\n\r")

    def lines(self, lines: Iterable[str], source: str) -> Iterator[str]:
        """The physical lines of ``lines`` (:func:`_physical_lines`), each at most :data:`MAX_LINE_LENGTH`
        characters (a longer one raises ``InputFileError`` naming it), less the lines dropped."""
        taken = -1  # rows when the reader took the last line
        for number, line in enumerate(_physical_lines(lines), start=1):
            if len(line) > MAX_LINE_LENGTH:
                raise _too_long(source, number)
            # the 类型 cell first (for most lines, of a kind read, this is all), then the whole line
            if self.rows != taken and self.starts and type(line) is str and (
                    line.startswith(self.starts) if self.at == 0 else self._names_passed(line)):
                body = line.rstrip("\r\n")
                if ('"' not in body and "\n" not in body and "\r" not in body and "\0" not in body
                        and len(body) <= self.limit):
                    self.rows += 1
                    self.dropped += 1
                    continue
            taken = self.rows
            yield line

    def _names_passed(self, line: str) -> bool:
        at = self.at
        cells = line.split(",", at + 1)
        return len(cells) > at and (cells[at] if len(cells) > at + 1 else cells[at].rstrip("\r\n")) in self.passed


def csv_records(lines: Iterable[str], source: str, kind: str | None, errors: list[RowError], *,
                options: Options | None = None, warnings: list[RowError] | None = None,
                headers: dict[str, dict[str, str]] | None = None, units_from_filings: bool = False,
                only: frozenset[str] | None = None, peek: frozenset[str] = frozenset(),
                header_errors: list[RowError] | None = None, build_orders: bool = False) -> Iterator[Record]:
    """CSV 记录 — the raw :data:`~poverty_procurement.reporting.records.Record` of each row of ``lines``.

    ``source`` names the file; ``kind`` is the kind of every row (``None``: a 类型/kind column names
    each row's kind, or the header shows it). Headers and values as
    :mod:`~poverty_procurement.reporting.office` reads them (``options``: the default year, strict);
    a row that cannot be read and the header's unknown columns are appended to ``errors``, a ratio
    below 1 to ``warnings``; ``headers`` gets ``source → {field: header as written}``. With
    ``units_from_filings`` (the input has no units table) a filings table's 单位代码/单位名称/省份 give a
    unit record before each filing of a new unit. Empty lines are skipped. Bad CSV syntax or a wrong
    encoding raises ``InputFileError``. Lazy: one row at a time. ``only`` (for a later pass over a
    file read in several passes) yields just the records of those kinds and leaves the other rows unread
    (their cells are not converted; a line that is certainly one whole row of another kind is not even
    tokenised, row numbers and errors unchanged); the rows of a kind in ``peek`` are yielded with their cells as
    written, unconverted and unchecked (see :meth:`~poverty_procurement.reporting.office.Table.record`);
    ``header_errors`` (default ``errors``) gets the header's problems and the rows whose 类型 is not a
    kind, so that a later pass over the same file can drop them. With ``build_orders`` a plain row of an
    order comes with its order already built (:mod:`~poverty_procurement.reporting.order_cells`; for a
    :class:`~poverty_procurement.reporting.records.RowBuilder`, the same order as the general path).
    """
    feed = _Feed()
    reader = csv.reader(feed.lines(lines, source), strict=True)
    quiet: list[RowError] = []
    try:
        header = next(reader, None)
        if header is None:
            return
        kind_errors = errors if header_errors is None else header_errors
        table = Table.of(header, source, kind, options=options, errors=kind_errors)
        if headers is not None:
            headers[source] = {field: text for each in table.slots for field, text in table.headers(each).items()}
        synthesise = units_from_filings and table.kind == "filings"
        made: set[object] = set()
        feed.rows = 1
        passed: frozenset[str] = frozenset()  # a 类型 naming a kind not read in this pass: the row passed over unread
        at = table.kind_index
        if only is not None and table.kind is None and at is not None:  # (record() would say None, noting nothing)
            read = only
            passed = table.naming(kind for kind in table.slots if kind not in read)
            feed.drop(passed, at)
        for cells in reader:
            feed.rows += 1
            row_number = feed.rows  # (the lines dropped unread counted)
            if passed and at is not None and at < len(cells) and cells[at] in passed:  # (a line not certainly whole)
                continue
            if not "".join(cells).strip():  # = no cell holds anything but spaces (one pass in C, not a cell at a time)
                continue  # an empty line of the spreadsheet
            record = table.record(row_number, cells, errors, quiet if warnings is None else warnings, only=only,
                                  kind_errors=kind_errors, peek=peek, build=build_orders)
            if record is None:
                continue
            if record[0] == "filings":  # split_unit leaves the other kinds as they are
                record, unit = split_unit(record, None if options is None else options.province)
                if synthesise and unit is not None and unit["code"] not in made:
                    made.add(unit["code"])
                    yield "units", source, row_number, unit
            yield record
    except csv.Error as error:
        line = reader.line_num + feed.dropped  # the physical line, the dropped ones counted
        raise InputFileError(source, f"CSV 格式错误（第 {line} 行）：{error}",
                             f"invalid CSV (line {line}): {error}") from None
    except UnicodeDecodeError:
        raise InputFileError(source, *_SAVE_AS) from None


def parse_csv(lines: Iterable[str], *, source: str = "CSV", kind: str | None = None,
              progress: Progress | None = None, options: Options | None = None) -> Dataset:
    """读取 CSV 数据 — a :class:`Dataset` from CSV lines (one file with a ``kind`` column, or ``kind`` given).

    Streams the lines; see the module docstring for the columns.

    >>> text = "kind,code,name,superior\\nunit,D1,某厅,\\nunit,U1,某中心,D1\\nunit,U2,,D1\\n"
    >>> import io
    >>> data = parse_csv(io.StringIO(text), source="data.csv")
    >>> [u.code for u in data.units], [(e.row_number, e.field) for e in data.errors]
    (['D1', 'U1'], [(4, 'name')])
    """
    from ..conventions import require_each  # the library's error for a wrong type (issue 17)
    return _parse_csv_files([(require_each(lines, str, "lines"), source, kind)], progress, options)


def _parse_csv_files(files: Sequence[tuple[Iterable[str], str, str | None]], progress: Progress | None,
                     options: Options | None = None) -> Dataset:
    builder = RowBuilder(progress)
    alone = not any(kind == "units" for _, _, kind in files)
    for lines, source, kind in files:
        for record in csv_records(lines, source, kind, builder.errors, options=options, warnings=builder.warnings,
                                  headers=builder.headers, units_from_filings=alone, build_orders=True):
            builder.add(record)
    return builder.build(None)


# --- files ------------------------------------------------------------------------------------

def input_paths(path: object) -> list[Path]:
    """输入文件路径 — ``path`` (a file, a folder, or a list or tuple of them) as a list of paths.

    Anything else is the library's :class:`~poverty_procurement.errors.UnsupportedType` naming
    ``path`` (or ``path[i]``), never Python's own ``TypeError`` (issue 17).
    """
    from ..conventions import require, require_each

    if isinstance(path, (str, os.PathLike)):
        return [Path(path)]
    items: Sequence[object] = require(path, (list, tuple), "path")
    checked: Iterator[str | os.PathLike[str]] = require_each(items, (str, os.PathLike), "path")
    return [Path(each) for each in checked]


def csv_sources(where: Path | Sequence[Path]) -> list[CsvSource] | None:
    """CSV 文件 — the CSV files of ``where`` as ``(path, source name, kind)``; ``None`` when ``where`` is
    not CSV input.

    ``where`` is a ``.csv`` file, several ``.csv`` files, or a directory: a directory's files named
    after a kind (``units.csv`` or ``单位.csv``, ``filings.csv`` or ``填报.csv``, ``orders.csv`` or
    ``订单.csv``, ``transfers.csv`` or ``转账.csv``) are read, in
    :data:`~poverty_procurement.reporting.records.KINDS` order. A file named after a kind holds that
    kind; another file's kind comes from a 类型/kind column or its header. Raises ``InputFileError``
    for a directory without any of the files (``OSError`` passes through).
    """
    if not isinstance(where, Path):
        files = list(where)
        if not files or any(path.is_dir() or path.suffix.lower() != ".csv" for path in files):
            return None
        return [(path, path.name or str(path), _kind_of(path)) for path in files]
    if where.is_dir():
        named = [(path, _kind_of(path)) for path in where.iterdir() if path.suffix.lower() == ".csv" and path.is_file()]
        found: list[CsvSource] = sorted(((path, path.name, kind) for path, kind in named if kind is not None),
                                        key=lambda item: (KINDS.index(item[2] or ""), item[1]))
        if not found:
            names = "、".join(f"{sheet.zh}.csv ({sheet.en}.csv)" for sheet in SHEETS)
            raise InputFileError(where.name or str(where), f"目录中没有 {names} 中的任何文件",
                                 f"the directory has none of {', '.join(k + '.csv' for k in KINDS)}")
        return found
    if where.suffix.lower() == ".csv":
        return [(where, where.name or str(where), _kind_of(where))]
    return None


def _kind_of(path: Path) -> str | None:
    sheet = sheet_named(path.stem)
    return None if sheet is None else sheet.kind


def read_csv_files(sources: Sequence[CsvSource], progress: Progress | None = None,
                   options: Options | None = None) -> Dataset:
    """读取 CSV 文件 — the :class:`Dataset` of the files :func:`csv_sources` found.

    Opens every file (UTF-8 with or without BOM, or GB18030/GBK: :func:`detect_encoding`), reads
    them in turn into one dataset and closes them.
    An unreadable file raises ``OSError``
    (:func:`~poverty_procurement.reporting.datasets.read_dataset` turns it into ``InputFileError``).
    """
    handles: list[IO[str]] = []
    try:
        for file, _, _ in sources:
            handles.append(open_csv(file))
        return _parse_csv_files([(handle, source, kind) for handle, (_, source, kind)
                                 in zip(handles, sources, strict=True)], progress, options)
    finally:
        for handle in handles:
            handle.close()
