"""下载 — the county lists and the input templates as CSV and Excel files, written at every build.

Analysts want the lists in a spreadsheet, not only as a page. On ``builder-inited`` this writes
``docs/_generated/downloads/`` (only what changed), and the county page links the files with
MyST's ``{download}`` role, which copies them into the site. The CSV files are UTF-8 with a BOM so
that Excel opens them in Chinese; the ``.xlsx`` files are written with openpyxl, a dependency of
the ``docs`` extra only — the library itself never needs it.

The columns are the public facts (no research notes):

>>> header, first = county_rows("paired")[:2]
>>> header
['序号', '代码', '县（今名）', '省份', '地级', '帮扶城市', '重点帮扶县', '通知印作']
>>> first
['1', '451225', '罗城仫佬族自治县', '广西壮族自治区', '河池市', '深圳市', '是', '']
>>> len(county_rows("paired")) - 1, len(county_rows("poverty")) - 1
(99, 831)
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__all__ = ["DOWNLOADS", "county_rows", "setup", "write_downloads", "write_templates"]

#: file stem -> (which list, sheet title)
DOWNLOADS: dict[str, tuple[Literal["paired", "poverty"], str]] = {
    "guangdong-paired-counties-2023": ("paired", "广东对接帮扶的99个县（2023）"),
    "poverty-counties-832": ("poverty", "832个脱贫县"),
}


def county_rows(which: Literal["paired", "poverty"]) -> list[list[str]]:
    """The header and one row per county of the 99 paired counties or the 832 poverty counties."""
    from poverty_procurement.rules.counties.lookup import paired_counties, poverty_counties

    if which == "paired":
        rows = [["序号", "代码", "县（今名）", "省份", "地级", "帮扶城市", "重点帮扶县", "通知印作"]]
        for number, c in enumerate(paired_counties(), start=1):
            rows.append([str(number), c.code, c.name, c.province.name, c.prefecture, c.helper_city,
                         "是" if c.is_key else "否", "" if c.printed_name == c.name else c.printed_name])
        return rows
    paired = {c.code for c in paired_counties()}
    rows = [["代码", "县（今名）", "省份", "地级", "名单所列", "摘帽年份", "广东对接帮扶"]]
    for county in poverty_counties():
        rows.append([county.code, county.name, county.province.name, county.prefecture,
                     "、".join(county.listed_as), str(county.exit_year), "是" if county.code in paired else ""])
    return rows


def _csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _xlsx(rows: list[list[str]], title: str, path: Path) -> None:
    from openpyxl import Workbook  # type: ignore[import-untyped,unused-ignore]

    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]  # Excel's limit for a sheet name
    for row in rows:
        sheet.append(row)
    sheet.freeze_panes = "A2"
    for column in sheet.columns:
        width = max(len(str(cell.value or "")) for cell in column)
        sheet.column_dimensions[column[0].column_letter].width = min(40, 2 * width + 2)
    book.save(path)


def _template_zip() -> bytes:
    """The CSV input template (单位.csv, 填报.csv, 订单.csv, 转账.csv, 说明.csv) as one zip, byte-stable."""
    import zipfile

    from poverty_procurement.reporting.templates import template_csv_files

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in template_csv_files().items():
            archive.writestr(zipfile.ZipInfo(f"输入模板/{name}", date_time=(2023, 3, 1, 0, 0, 0)), data)
    return out.getvalue()


def write_templates(target: Path) -> list[str]:
    """The input templates of ``poverty-procurement template``: ``input-template.xlsx`` and
    ``input-template-csv.zip``, written by the library itself so the site offers the same files."""
    from poverty_procurement.reporting.templates import write_template_xlsx

    written = []
    data = _template_zip()
    zip_path, xlsx_path = target / "input-template-csv.zip", target / "input-template.xlsx"
    if not zip_path.exists() or zip_path.read_bytes() != data or not xlsx_path.exists():
        zip_path.write_bytes(data)
        write_template_xlsx(xlsx_path)
        written += [zip_path.name, xlsx_path.name]
    return written


def write_downloads(target: Path) -> list[str]:
    """Write the CSV and xlsx files under ``target``; returns the names written."""
    target.mkdir(parents=True, exist_ok=True)
    written = write_templates(target)
    for stem, (which, title) in DOWNLOADS.items():
        rows = county_rows(which)
        data = _csv(rows)
        csv_path, xlsx_path = target / f"{stem}.csv", target / f"{stem}.xlsx"
        if not csv_path.exists() or csv_path.read_bytes() != data or not xlsx_path.exists():
            csv_path.write_bytes(data)
            _xlsx(rows, title, xlsx_path)
            written += [csv_path.name, xlsx_path.name]
    return written


def _on_builder_inited(app: Sphinx) -> None:
    write_downloads(Path(app.srcdir) / "_generated" / "downloads")


def setup(app: Sphinx) -> dict[str, Any]:
    """Sphinx entry point."""
    app.connect("builder-inited", _on_builder_inited)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
