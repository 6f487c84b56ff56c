"""Inputs refuse what they cannot hold exactly and bound memory by bytes read (issue 17, items 4, 5).

Each test failed before its fix: the converter cut datetime and Decimal text at 64 characters
and base64 at 1 MB (a transfer time whose offset sat past the cut became naive Beijing time), and
a CSV line without a newline was read whole before any field limit applied.
"""

from __future__ import annotations

import datetime
import io
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from poverty_procurement.errors import InputFileError, PovertyProcurementError
from poverty_procurement.reporting import parse_csv
from poverty_procurement.reporting.csv_input import MAX_LINE_LENGTH
from poverty_procurement.serialization import converter


def test_a_long_decimal_is_refused_not_cut() -> None:
    with pytest.raises(PovertyProcurementError, match="64"):
        converter.structure("1" * 100, Decimal)
    assert converter.structure("1" * 64, Decimal) == Decimal("1" * 64)


def test_a_datetime_whose_offset_lies_past_64_characters_is_refused() -> None:
    text = "2023-12-31T23:00:00." + "0" * 6 + " " * 40 + "+00:00"
    assert len(text) > 64
    with pytest.raises(PovertyProcurementError):
        converter.structure(text, datetime.datetime)


def test_base64_longer_than_the_bound_is_refused() -> None:
    with pytest.raises(PovertyProcurementError):
        converter.structure("AAAA" * 250_001, bytes)


def test_a_csv_line_longer_than_the_bound_is_refused_with_its_number() -> None:
    text = "kind,code,name\nunit,D1,某厅\nunit,D2," + "x" * MAX_LINE_LENGTH + "\n"
    with pytest.raises(InputFileError) as raised:
        parse_csv(io.StringIO(text), source="big.csv")
    assert "第 3 个物理行" in raised.value.zh
    with pytest.raises(InputFileError):
        parse_csv(text.splitlines(keepends=True), source="big.csv")


# The child's own peak: VmHWM of its memory map. (ru_maxrss is not: Linux carries the parent's peak
# across fork and exec into the child's ru_maxrss, so a big test process would fail this test.)
_MEASURE = """
import re, sys
from poverty_procurement.cli import main
code = main(["report", sys.argv[1]])
with open("/proc/self/status", encoding="ascii") as status:
    print(code, re.search(r"VmHWM:\\s+(\\d+) kB", status.read()).group(1))
"""


def test_a_200_mb_line_is_refused_with_memory_bounded(tmp_path: Path) -> None:
    path = tmp_path / "one-line.csv"
    with path.open("w", encoding="utf-8") as handle:
        handle.write("kind,code,name\nunit,D1,")
        block = "x" * (1 << 20)
        for _ in range(200):
            handle.write(block)
    result = subprocess.run([sys.executable, "-c", _MEASURE, str(path)], capture_output=True, text=True,
                            check=False, timeout=600)
    code, max_rss_kib = (int(part) for part in result.stdout.split())
    assert code == 2, result.stderr
    assert "物理行" in result.stderr and "Traceback" not in result.stderr
    assert max_rss_kib < 300 * 1024, f"peak RSS {max_rss_kib / 1024:.0f} MiB"
