"""Office files give the same report as the English JSON (issue 14, "Done when" 1).

A dataset drawn by the project's strategy (``strategies.report.dataset_documents``) is written as a
finance office saves it — Chinese headers in a shuffled order, ``3,000,000.00``, ``30%``, 是/否, the
Chinese labels, full-width digits — as GB18030 CSV files in a folder, as UTF-8-with-BOM CSV files
given one by one, and as an ``.xlsx`` workbook (with amounts, percentages and times partly as Excel
numbers); each must give the report of the documented English JSON of the same data.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from poverty_procurement.reporting import build_report, parse_json, read_dataset, report_csv
from poverty_procurement.strategies.report import dataset_documents
from support import office_tables, write_office_csv, write_office_xlsx

_FEW = settings(max_examples=8, suppress_health_check=[HealthCheck.too_slow])


@_FEW
@given(dataset_documents(max_units=5, max_orders=6, max_transfers=4), st.randoms(use_true_random=False))
def test_gb18030_utf8_bom_and_xlsx_give_the_json_report(document: dict[str, Any], rnd: Any) -> None:
    expected = build_report(parse_json(json.dumps(document, ensure_ascii=False)), 2023)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        gbk = write_office_csv(office_tables(document, rnd), root / "gbk", encoding="gb18030")
        bom = write_office_csv(office_tables(document, rnd), root / "bom", encoding="utf-8-sig", zh_names=False)
        book = write_office_xlsx(office_tables(document, rnd, numbers=True), root / "data.xlsx")
        english = write_office_csv(office_tables(document, rnd, english=True), root / "en", encoding="utf-8")
        for source in (gbk[0].parent, bom, book, english):
            data = read_dataset(source)
            assert (data.errors, data.warnings) == ((), ()), source
            assert build_report(data, 2023) == expected, source
        assert report_csv(gbk[0].parent, 2023).report == expected  # the streaming path reads the same files
