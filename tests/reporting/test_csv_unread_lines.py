"""A pass drops the lines of a kind it does not read before ``csv.reader`` tokenises them — and nothing else changes.

``csv_records(..., only=kinds)`` over a file with a 类型/kind column gives a physical line straight to the bin,
unread, when the reader would start a record with it, the line is certainly one whole record (no quote, no
CR/LF but its end, no NUL, no field over the reader's limit) and its 类型 cell names a kind the pass does not
read (issue 18: about 190k of the 300k row tokenisations of a streamed report). The property: on generated CSV
texts every record, error, warning, header error and ``InputFileError`` is the one of the same call whose
reader sees every line — lines given as a ``str`` subclass, which are never dropped (pinned below, so the
comparison cannot become one of the fast path with itself).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from poverty_procurement.errors import InputFileError, PovertyProcurementError
from poverty_procurement.reporting.build import build_report
from poverty_procurement.reporting.csv_input import csv_records
from poverty_procurement.reporting.datasets import read_dataset
from poverty_procurement.reporting.office import Options
from poverty_procurement.reporting.records import RowError
from poverty_procurement.reporting.stream import report_csv
from support import SAMPLE, to_csv


class _Kept(str):
    """A line the reader always gets (only a ``str`` itself is dropped): the path without dropping."""

    __slots__ = ()


def _run(lines: Iterable[str], only: frozenset[str], peek: frozenset[str], year: int | None,
         build: bool) -> Any:
    errors: list[RowError] = []
    warnings: list[RowError] = []
    header_errors: list[RowError] = []
    headers: dict[str, dict[str, str]] = {}
    try:
        records = list(csv_records(lines, "data.csv", None, errors, options=Options(year), warnings=warnings,
                                   headers=headers, only=only, peek=peek, header_errors=header_errors,
                                   build_orders=build))
    except PovertyProcurementError as error:
        return type(error).__name__, error.field, error.zh, error.en, errors, warnings, header_errors
    return records, errors, warnings, header_errors, headers


_KINDS = ("units", "filings", "orders", "transfers")
_NAMED = st.sampled_from(["unit", "单位", "filing", "填报", "order", "订单", "transfer", "转账"])
_KIND_CELLS = st.one_of(_NAMED, _NAMED, _NAMED,
                        st.sampled_from(["units", "filings", "transfers", "账单", "", " unit", "unit ", "Unit",
                                         "unit\r", 'uni"t', '"unit']))
#: The cells of most rows: plain, the row certainly one whole record.
_PLAIN = st.sampled_from(["D1", "某厅", "1.00", "", " ", "unit", "order", "货款 k3m8pq"])
#: The cells of the other rows: what matters — line breaks (a line inside a quoted cell that reads like a row of a
#: kind not read), commas, quotes in and out of place (raw, '"q' opens a quoted field over the next rows), NUL.
_BREAKS = st.sampled_from(["a\nunit,D1\nz", "\r\nfiling,\r\n", "b\rtransfer,x\rc", "\n单位\n", "x\n订单,1\ny",
                           "two\nlines", "cr\rhere", "\r\n"])
_CELLS = st.one_of(_PLAIN, _BREAKS, st.sampled_from(["x,y", 'a"b', '"q', 'q"', '"q"', "a\0b"]),
                   st.text(alphabet='ab,"\r\n 单', max_size=5))
_COLUMNS = ("code", "name", "superior", "number", "amount", "memo", "status", "备用")


@st.composite
def csv_texts(draw: st.DrawFn) -> str:
    """A CSV text with a kind column somewhere: rows written by ``csv.writer`` (quoting what needs it, or
    everything) or joined raw (a quote or line break out of place: other records, or a CSV error), blank
    lines, rows short and long, ``\\n``, ``\\r\\n`` and ``\\r`` line ends."""
    others = draw(st.lists(st.sampled_from(_COLUMNS), unique=True, max_size=5))
    at = draw(st.sampled_from([0, 0, *range(len(others) + 1)]))  # first, most often (a cell's line reads as a row)
    header = [*others[:at], draw(st.sampled_from(["kind", "类型"])), *others[at:]]
    rows: list[tuple[list[str], bool]] = [(header, False)]  # (cells, tricky)
    for _ in range(draw(st.integers(2, 14))):
        if draw(st.integers(0, 7)) == 0:
            rows.append(([], False))
            continue
        tricky = draw(st.integers(0, 3)) == 0
        cells = draw(st.lists(_CELLS if tricky else _PLAIN, min_size=max(len(header) - 2, 0), max_size=len(header) + 1))
        if at <= len(cells):
            cells.insert(at, draw(_KIND_CELLS))
        rows.append((cells, tricky))
    out = []
    usual = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    for cells, tricky in rows:
        end = draw(st.sampled_from([usual, usual, usual, "\n", "\r\n", "\r"]))
        how = draw(st.sampled_from(["minimal"] * 3 + ["all", "raw"] if tricky else ["minimal"] * 5 + ["all"]))
        if how == "raw":
            out.append(",".join(cells) + end)
        else:
            line = io.StringIO()
            csv.writer(line, lineterminator=end, quoting=csv.QUOTE_ALL if how == "all" else csv.QUOTE_MINIMAL
                       ).writerow(cells)
            out.append(line.getvalue())
    if draw(st.booleans()):
        out[-1] = out[-1].rstrip("\r\n")  # no line end at the end of the file
    return "".join(out)


def _pieces(text: str, how: str, data: st.DataObject) -> list[str]:
    """``text`` as the items of a list: its physical lines, runs of them (an item holding line breaks), or cut
    anywhere (an item ending inside a line)."""
    lines = list(io.StringIO(text, newline=""))  # \r, \n and \r\n end a line
    if how == "lines":
        return lines
    if how == "runs":  # the header alone, then runs of one to three lines
        runs, start = lines[:1], 1
        while start < len(lines):
            end = start + data.draw(st.sampled_from([1, 1, 2, 3]), label="run")
            runs.append("".join(lines[start:end]))
            start = end
        return runs
    cuts = sorted(data.draw(st.sets(st.integers(1, max(len(text) - 1, 1)), max_size=8), label="cuts"))
    return [text[start:end] for start, end in zip([0, *cuts], [*cuts, len(text)], strict=True) if start < end]


@given(csv_texts(), st.sets(st.sampled_from(_KINDS), min_size=1, max_size=3),
       st.sampled_from(["file", "lines", "runs", "cuts"]), st.data())
def test_dropping_unread_lines_changes_nothing(text: str, only: set[str], how: str, data: st.DataObject) -> None:
    kinds = frozenset(only)
    peek = frozenset({"transfers"}) & kinds if data.draw(st.booleans(), label="peek") else frozenset()
    year = data.draw(st.sampled_from([2023, None]), label="year")
    build = data.draw(st.booleans(), label="build orders")
    lines = _pieces(text, "lines" if how == "file" else how, data)
    fast = io.StringIO(text, newline="") if how == "file" else list(lines)  # a file: read a line at a time
    expected = _run([_Kept(line) for line in lines], kinds, peek, year, build)
    assert _run(fast, kinds, peek, year, build) == expected


# --- which lines the reader sees -------------------------------------------------------------------------------

_TEXT = ("kind,code,name,number,memo\r\n"
         "unit,D1,某厅,,\r\n"
         "order,,,O1,\r\n"
         'transfer,,,,"货款\r\nk3m8pq"\r\n'  # a quoted line break: one record over two lines
         'unit,D2,"某,厅",,\n'  # a quote: the commas are not the cells'
         'transfer,,,,a"b\n'  # a quote in an unquoted cell: not the start of a quoted field
         "unit,D3,某局,,\n"
         'order,,,"O2\nunit,D4,y,,\n",\n'  # a line that looks like a unit's, inside an order's cell
         "\n"
         "filing\n")  # the kind cell last, before the line end


@pytest.fixture
def seen(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The lines ``csv.reader`` is given (the reader spied on, not changed)."""
    given_lines: list[str] = []
    real = csv.reader

    def spy(lines: Iterable[str], **kwargs: Any) -> Any:
        def each() -> Iterator[str]:
            for line in lines:
                given_lines.append(line)
                yield line
        return real(each(), **kwargs)

    monkeypatch.setattr(csv, "reader", spy)
    return given_lines


def test_the_reader_sees_only_the_lines_that_are_not_certainly_whole_rows_of_kinds_not_read(seen: list[str]) -> None:
    errors: list[RowError] = []
    orders = frozenset({"orders"})  # (peeked: their cells as written)
    found = list(csv_records(io.StringIO(_TEXT, newline=""), "data.csv", None, errors, only=orders, peek=orders))
    assert [(record[2], record[3]["number"]) for record in found] == [(3, "O1"), (8, "O2\nunit,D4,y,,\n")]
    assert seen == ["kind,code,name,number,memo\r\n", "order,,,O1,\r\n", 'transfer,,,,"货款\r\n', 'k3m8pq"\r\n',
                    'unit,D2,"某,厅",,\n', 'transfer,,,,a"b\n', 'order,,,"O2\n', "unit,D4,y,,\n", '",\n', "\n"]
    assert errors == []


def test_lines_of_a_str_subclass_all_reach_the_reader(seen: list[str]) -> None:
    """The reference path of the property above: a line that is not a ``str`` itself is never dropped."""
    lines = list(io.StringIO(_TEXT, newline=""))
    list(csv_records([_Kept(line) for line in lines], "data.csv", None, [], only=frozenset({"orders"})))
    assert seen == lines


@pytest.mark.parametrize("end", ["\n", "\r", "\r\n"])
def test_an_item_holding_a_line_break_is_given_to_the_reader(seen: list[str], end: str) -> None:
    """An item of a list (not a file read a line at a time) may hold more than one line: the reader refuses it
    (``new-line character seen in unquoted field``), so it must see it — it is not one whole record."""
    items = [f"kind,code{end}", f"unit,D1{end}unit,D2{end}", f"order,O1{end}"]
    with pytest.raises(InputFileError) as raised:
        list(csv_records(items, "data.csv", None, [], only=frozenset({"orders"})))
    assert raised.value.en.startswith("invalid CSV (line 2): new-line character seen in unquoted field")
    assert seen == items[:2]
    assert _run(items, frozenset({"orders"}), frozenset(), 2023, False) == _run(
        [_Kept(item) for item in items], frozenset({"orders"}), frozenset(), 2023, False)


def test_a_line_with_a_field_over_the_readers_limit_is_given_to_the_reader(seen: list[str]) -> None:
    """``csv.field_size_limit`` is the caller's (process-wide): a row the reader would refuse is not dropped."""
    text = "kind,code,name\nunit,D1,某厅\nunit,D2," + "某" * 30 + "\norder,,\n"
    before = csv.field_size_limit(20)
    try:
        with pytest.raises(InputFileError) as raised:
            list(csv_records(io.StringIO(text, newline=""), "data.csv", None, [], only=frozenset({"orders"})))
    finally:
        csv.field_size_limit(before)
    assert raised.value.en == "invalid CSV (line 3): field larger than field limit (20)"
    assert seen == ["kind,code,name\n", "unit,D2," + "某" * 30 + "\n"]


# --- a CSV error after dropped lines ----------------------------------------------------------------------------

def test_a_csv_error_after_dropped_lines_names_its_physical_line() -> None:
    """Regression: the reader's line_num does not count the lines dropped before it; the error must."""
    text = "kind,code,name,number\nunit,D1,某厅,\nunit,D2,某局,\n\nfiling,D1,,\norder,,,\"O1\"x\n"
    for only in (None, frozenset({"orders"}), frozenset({"units", "filings"})):
        with pytest.raises(InputFileError) as raised:
            list(csv_records(io.StringIO(text, newline=""), "data.csv", None, [], only=only))
        assert raised.value.en == "invalid CSV (line 6): ',' expected after '\"'", only
        assert raised.value.zh == "CSV 格式错误（第 6 行）：',' expected after '\"'"


@pytest.mark.parametrize("kind", ["orders", "transfers", "units"])
def test_a_single_files_broken_row_raises_the_batch_paths_error(tmp_path: Path, kind: str) -> None:
    """A row with bad CSV syntax, of any kind, deep in a single file: the streamed report raises the batch
    path's error, the same physical line named (each pass drops other lines before it)."""
    rows = to_csv(SAMPLE).splitlines(keepends=True)
    at = max(number for number, row in enumerate(rows) if row.startswith(kind[:-1] + ","))
    rows.insert(at + 1, kind[:-1] + ',"X1"x' + "," * 5 + "\n")
    path = tmp_path / "data.csv"
    path.write_text("".join(rows), encoding="utf-8", newline="")

    def outcome(run: Any) -> Any:
        try:
            return run()
        except PovertyProcurementError as error:
            return type(error).__name__, error.field, error.zh, error.en

    batch = outcome(lambda: build_report(read_dataset(path), 2023))
    assert batch == ("InputFileError", "data.csv", f"CSV 格式错误（第 {at + 2} 行）：',' expected after '\"'",
                     f"invalid CSV (line {at + 2}): ',' expected after '\"'")
    assert outcome(lambda: report_csv(path, 2023)) == batch
