"""县表读取与校验 — the shipped county tables read from the package data and checked row by row.

Sources: 粤财采购〔2023〕2号 附件3 (the 99 counties Guangdong pairs with: helper city, province,
prefecture, county, key-county flag) and the national list of the 832 former poverty counties.
Both ship as package data (``data/guangdong_pairing_<year>.csv`` and
``data/poverty_counties_832.csv``), each with a JSON file beside it giving its source, the year
it describes and the figures the notice prints; every read goes through
:func:`poverty_procurement.data.read_text`. A bad table raises
:class:`~poverty_procurement.errors.PolicyDataError` naming the file and the row.

This module reads and checks the tables; :mod:`poverty_procurement.rules.counties.index` resolves
their names against each other and builds the index
(:func:`~poverty_procurement.rules.counties.index.load_county_data`).

>>> national, pairings, names = shipped_tables()
>>> names, len(parse_tables(national, pairings, pairing_names=names).paired[2023])
(('guangdong_pairing_2023',), 99)
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from ...citation import Citation
from ...data import file_names, read_text
from ...errors import InputError, PolicyDataError, PovertyProcurementError, shown
from ...jurisdictions import Province, resolve_province
from ...model.county import County, PairingTable, PendingKeyCounties, PovertyCounty, PovertyCountyTable

__all__ = ["NATIONAL_FILE", "ParsedTables", "RawCounty", "parse_tables", "shipped_tables"]

_PAIRING_COLUMNS = (
    "helper_city", "province", "province_code", "prefecture_as_printed", "prefecture_official",
    "prefecture_code", "county_as_printed", "county_official", "county_code", "is_key_county", "notes",
)
_NATIONAL_COLUMNS = (
    "province", "province_code", "prefecture", "prefecture_code", "county_as_listed", "county_official",
    "county_code", "former_names", "former_codes", "exit_year", "notes",
)
#: The national table: the data files ``poverty_counties_832.csv`` and ``.json`` (its metadata).
NATIONAL_FILE = "poverty_counties_832"
#: Pairing tables are the data files ``guangdong_pairing_<year>.json`` (metadata, naming its CSV):
#: a later year's list is added by adding its two files.
_PAIRING_PREFIX = "guangdong_pairing_"


def _data_error(where: str, zh: str, en: str) -> PolicyDataError:
    return PolicyDataError(where, zh, en)


def _citation(raw: Any, where: str) -> Citation:
    if not isinstance(raw, dict) or not str(raw.get("document", "")).strip():
        raise _data_error(where, "缺少出处（document）", "the citation (document) is missing")
    return Citation(document=str(raw["document"]), clause=str(raw.get("clause", "")),
                    quote=str(raw.get("quote", "")), source=str(raw.get("source", "")),
                    confidence=str(raw.get("confidence", "authoritative")))


def _rows(text: str, columns: tuple[str, ...], where: str) -> list[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(text))
    if tuple(reader.fieldnames or ()) != columns:
        raise _data_error(where, f"表头应为 {','.join(columns)}", f"the header must be {','.join(columns)}")
    rows: list[dict[str, str]] = []
    for row in reader:
        if None in row or any(value is None for value in row.values()):
            raise _data_error(f"{where} line {reader.line_num}", "列数不对", "wrong number of columns")
        rows.append({key: value.strip() for key, value in row.items()})
    return rows


def _province(row: Mapping[str, str], where: str) -> Province:
    province = resolve_province(row["province_code"], "province_code")
    if province.name != row["province"] or province.code != row["province_code"]:
        raise InputError("province", f"省份 {row['province']} 与代码 {row['province_code']} 不符",
                         f"province {row['province']} does not match code {row['province_code']}")
    return province


@attrs.frozen
class RawCounty:
    """县表中的县 — one county of one table before the names are resolved against all the others.

    ``names`` are its printed, listed and former names (not the official one), ``prefectures``
    the prefecture names printed beside it, ``where`` the file and row it came from.
    """

    code: str
    name: str
    province: Province
    prefecture: str
    prefecture_code: str
    names: tuple[str, ...]  # printed / listed / former names (not the official one)
    prefectures: tuple[str, ...]  # printed prefecture names
    former_codes: tuple[str, ...]
    where: str


def _parse_national(text: str, meta: Mapping[str, Any], where: str) -> tuple[list[RawCounty], list[PovertyCounty]]:
    rows = _rows(text, _NATIONAL_COLUMNS, where)
    if len(rows) != meta["listed_units"]:
        raise _data_error(where, f"应有 {meta['listed_units']} 行，实有 {len(rows)} 行",
                          f"{meta['listed_units']} rows expected, {len(rows)} found")
    grouped: dict[str, list[tuple[str, PovertyCounty]]] = {}
    for number, row in enumerate(rows, start=2):
        at = f"{where} line {number} ({row.get('county_code')} {row.get('county_official')})"
        try:
            names = tuple(n for n in row["former_names"].split(";") if n)
            codes = tuple(c for c in row["former_codes"].split(";") if c)
            if len(codes) > len(names):
                raise InputError("former_codes", "曾用代码多于曾用名", "more former codes than former names")
            if not row["exit_year"].isascii() or not row["exit_year"].isdigit():
                raise InputError("exit_year", f"摘帽年份不是数字：{shown(row['exit_year'])}",
                                 f"the exit year is not a number: {shown(row['exit_year'])}")
            county = PovertyCounty(
                code=row["county_code"], name=row["county_official"], province=_province(row, at),
                prefecture=row["prefecture"], prefecture_code=row["prefecture_code"],
                listed_as=(row["county_as_listed"],), former_names=names, former_codes=codes,
                exit_year=int(row["exit_year"]), note=row["notes"],
            )
        except PovertyProcurementError as error:
            raise _data_error(at, f"{error.field}：{error.zh}", f"{error.field}: {error.en}") from error
        grouped.setdefault(county.code, []).append((at, county))
    raws: list[RawCounty] = []
    counties: list[PovertyCounty] = []
    for code, entries in grouped.items():
        at, first = entries[0]
        if len(entries) == 1:
            counties.append(first)
            raws.append(RawCounty(code, first.name, first.province, first.prefecture, first.prefecture_code,
                             (*first.listed_as, *first.former_names), (), first.former_codes, at))
            continue
        for other_at, other in entries[1:]:
            if (other.name, other.province, other.prefecture_code, other.exit_year) != (
                    first.name, first.province, first.prefecture_code, first.exit_year):
                raise _data_error(other_at, f"与同代码 {code} 的另一行不一致",
                                  f"disagrees with the other row of {code}")
        merged = attrs.evolve(
            first,
            listed_as=tuple(dict.fromkeys(n for _, c in entries for n in c.listed_as)),
            former_names=tuple(dict.fromkeys(n for _, c in entries for n in c.former_names)),
            former_codes=tuple(dict.fromkeys(n for _, c in entries for n in c.former_codes)),
            note=" / ".join(c.note for _, c in entries),
        )
        counties.append(merged)
        raws.append(RawCounty(code, merged.name, merged.province, merged.prefecture, merged.prefecture_code,
                         (*merged.listed_as, *merged.former_names), (), merged.former_codes, at))
    return raws, counties


def _parse_pairing(text: str, meta: Mapping[str, Any], where: str) -> tuple[list[RawCounty], list[County]]:
    year = meta["year"]
    rows = _rows(text, _PAIRING_COLUMNS, where)
    counties: list[County] = []
    raws: list[RawCounty] = []
    for number, row in enumerate(rows, start=2):
        at = f"{where} line {number} ({row.get('county_code')} {row.get('county_as_printed')})"
        try:
            if row["is_key_county"] not in ("0", "1"):
                raise InputError("is_key_county", f"须为 0 或 1，收到 {shown(row['is_key_county'])}",
                                 f"must be 0 or 1, got {shown(row['is_key_county'])}")
            county = County(
                code=row["county_code"], name=row["county_official"], province=_province(row, at),
                prefecture=row["prefecture_official"], prefecture_code=row["prefecture_code"],
                printed_name=row["county_as_printed"], printed_prefecture=row["prefecture_as_printed"],
                helper_city=row["helper_city"], is_key=row["is_key_county"] == "1", year=year, note=row["notes"],
            )
        except PovertyProcurementError as error:
            raise _data_error(at, f"{error.field}：{error.zh}", f"{error.field}: {error.en}") from error
        counties.append(county)
        raws.append(RawCounty(county.code, county.name, county.province, county.prefecture, county.prefecture_code,
                         (county.printed_name,), (county.printed_prefecture,), (), at))
    return raws, counties


def _check_pairing(counties: Sequence[County], meta: Mapping[str, Any], where: str) -> tuple[
        tuple[PendingKeyCounties, ...], tuple[str, ...]]:
    seen: dict[str, County] = {}
    for county in counties:
        for key in (county.code, f"{county.province.code}:{county.printed_name}"):
            if key in seen:
                raise _data_error(f"{where} ({county.code} {county.printed_name})", f"重复的县：{key}",
                                  f"duplicate county: {key}")
            seen[key] = county
    figures: list[PendingKeyCounties] = []
    listed = {c.province.code for c in counties}
    if listed != set(meta["provinces"]):
        raise _data_error(where, f"省份与说明不符：{sorted(listed)}",
                          f"provinces disagree with the metadata: {sorted(listed)}")
    for code, expected in meta["provinces"].items():
        at = f"{where} provinces[{code}]"
        mine = [c for c in counties if c.province.code == code]
        named = [c for c in mine if c.is_key]
        if len(mine) != expected["counties"]:
            raise _data_error(at, f"县数应为 {expected['counties']}，实有 {len(mine)}",
                              f"{expected['counties']} counties expected, {len(mine)} found")
        text = list(expected["key_counties_text"])
        if len(set(text)) != len(text) or {c.printed_name for c in named} != set(text):
            diff = sorted({c.printed_name for c in named} ^ set(text))
            raise _data_error(at, f"重点帮扶县标记与附件3文字名单不符：{'、'.join(diff)}",
                              f"the key-county flags disagree with the text list: {', '.join(diff)}")
        if len(named) + expected["key_counties_pending"] != expected["key_counties"]:
            raise _data_error(at, "已点名的重点帮扶县加待定数不等于名单所述总数",
                              "named plus pending key counties do not add up to the stated total")
        figures.append(PendingKeyCounties(
            province=resolve_province(code), stated=expected["key_counties"], named=len(named),
            pending=expected["key_counties_pending"], citation=_citation(expected["citation"], at)))
    cities = tuple(meta["helper_cities"])
    for city, subtotal in meta["helper_cities"].items():
        found = sum(1 for c in counties if c.helper_city == city)
        if found != subtotal:
            raise _data_error(f"{where} helper_cities[{city}]", f"{city}小计应为 {subtotal}，实有 {found}",
                              f"{city}: subtotal {subtotal} expected, {found} found")
    strays = sorted({c.helper_city for c in counties} - set(cities))
    if strays:
        raise _data_error(where, f"未列入说明的帮扶城市：{'、'.join(strays)}",
                          f"helper cities not in the metadata: {strays}")
    order = tuple(dict.fromkeys(c.helper_city for c in counties))
    if order != cities:
        raise _data_error(where, "帮扶城市顺序与说明不符", "the helper cities are not in the metadata's order")
    return tuple(figures), cities


@attrs.frozen
class ParsedTables:
    """已校验的县表 — the national table and the pairing tables read and checked, not yet indexed.

    ``raws`` holds every county of every table (the national one first), ``poverty_counties``
    the 832 list by today's county, ``pairings`` each year's table (its ``counties`` still empty:
    they get their aliases from the index), ``paired`` each year's counties in the notice's order.
    """

    raws: list[RawCounty]
    poverty_counties: list[PovertyCounty]
    pairings: dict[int, PairingTable]
    paired: dict[int, list[County]]
    national_meta: Mapping[str, Any]
    national_where: str

    def national_table(self, counties: tuple[PovertyCounty, ...]) -> PovertyCountyTable:
        """832个国家级贫困县名单 — the national table with its provenance, holding ``counties``."""
        meta, where = self.national_meta, self.national_where
        return PovertyCountyTable(
            year=meta["year"], title=str(meta["title"]),
            citation=_citation(meta["citation"], where),
            names_and_codes=_citation(meta["names_and_codes"], where),
            names_as_of=str(meta["names_as_of"]), listed_units=meta["listed_units"],
            counties=counties, notes=tuple(str(n) for n in meta.get("notes", ())))


def parse_tables(
    national: tuple[str, Mapping[str, Any]],
    pairings: Iterable[tuple[str, Mapping[str, Any]]],
    *,
    national_name: str = NATIONAL_FILE,
    pairing_names: Sequence[str] = ("guangdong_pairing_2023",),
) -> ParsedTables:
    """县表校验 — read the national table and the pairing tables (CSV text + metadata), row by row.

    The checks of :func:`~poverty_procurement.rules.counties.index.load_county_data` on each table
    alone (headers, codes, province names, the notice's figures); the names are checked against
    each other when the index is built. Raises :class:`~poverty_procurement.errors.PolicyDataError`
    naming the file and row; other errors of malformed metadata (``KeyError``, ``TypeError``,
    ``ValueError``) are left to the caller.
    """
    national_text, national_meta = national
    raws, poor = _parse_national(national_text, national_meta, f"{national_name}.csv")
    tables: dict[int, PairingTable] = {}
    paired_raw: dict[int, list[County]] = {}
    for (text, meta), name in zip(pairings, pairing_names, strict=True):
        where = f"{name}.csv"
        year = meta["year"]
        if year in tables:
            raise _data_error(where, f"重复的年度 {year}", f"duplicate year {year}")
        table_raws, counties = _parse_pairing(text, meta, where)
        figures, cities = _check_pairing(counties, meta, where)
        raws.extend(table_raws)
        paired_raw[year] = counties
        tables[year] = PairingTable(
            year=year, title=str(meta["title"]), citation=_citation(meta["citation"], where),
            names_and_codes=_citation(meta["names_and_codes"], where), names_as_of=str(meta["names_as_of"]),
            counties=(), key_counties=figures, helper_cities=cities,
            notes=tuple(str(n) for n in meta.get("notes", ())))
    if not tables:
        raise _data_error("pairings", "没有对接帮扶县名单", "no pairing table")
    return ParsedTables(raws, poor, tables, paired_raw, national_meta, f"{national_name}.csv")


def _pairing_files() -> tuple[str, ...]:
    """The shipped pairing tables (file names without ``.json``), oldest first."""
    return tuple(sorted(name.removesuffix(".json") for name in file_names(_PAIRING_PREFIX, ".json")))


def shipped_tables() -> tuple[tuple[str, dict[str, Any]], list[tuple[str, dict[str, Any]]], tuple[str, ...]]:
    """随包县表文件 — the shipped tables as :func:`parse_tables` takes them, read from the package data.

    Returns the national table (CSV text, metadata), each pairing table (CSV text, metadata),
    oldest first, and the pairing tables' names (``("guangdong_pairing_2023",)``).
    """
    national = (read_text(f"{NATIONAL_FILE}.csv"), json.loads(read_text(f"{NATIONAL_FILE}.json")))
    names = _pairing_files()
    metas = [json.loads(read_text(f"{name}.json")) for name in names]
    pairings = [(read_text(str(meta["csv"])), meta) for meta in metas]
    return national, pairings, names
