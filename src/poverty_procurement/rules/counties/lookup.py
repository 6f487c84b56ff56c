"""对接帮扶县与832个脱贫县 — look up a county by any name people type or by its code.

Sources: 粤财采购〔2023〕2号 三（四） ("鼓励各预算单位在“832平台”优先采购99个广东省对接国家乡村振兴
重点帮扶县农副产品，特别是40个重点帮扶县农副产品（附件3）") and 附件3 (the list: helper city,
province, prefecture, county, key-county flag; the text list of key counties above the table is
authoritative where the two printings of the table disagree — 西林县 is *not* a key county);
the national list of the 832 former poverty counties. Both tables ship as package data
(``data/guangdong_pairing_<year>.csv`` and ``data/poverty_counties_832.csv``), each with a JSON
file beside it giving its source, the year it describes and the figures the notice prints; they
are read lazily, once, on first use, and validated on load (``PolicyDataError`` names the row).

Names. A county is found by

* its official current name (融水苗族自治县) and its six-digit administrative code (``"450225"``
  or ``450225``), or a former code (``"520221"``, 水城县 before 2020);
* the name printed in the notice (融水县, 黔西县) or listed in the 832 list (湄潭);
* a former name since 2011 (水城县, 黔西县, 田阳县, 兴仁县, 开县 …) — it resolves to today's county;
* short forms: without the ethnic qualifier (融水县, 融水自治县 for 融水苗族自治县) and without the
  suffix 县/市/区/旗/特区/行委 (融水, 七星关), when at least two characters remain.

Input is normalised with Unicode NFKC (full-width digits and compatibility ideographs) and all
whitespace is removed; at most 64 characters are looked at (longer input is not a name).

A name that is not an official name never resolves when it is also the official name of
another county or the name of a province or of a prefecture in the tables (毕节市 was the county
now called 七星关区, but 毕节市 is today the prefecture; write 七星关区 or ``"520502"``): the
``CountyNotFound`` message names the county it could have meant. A name shared by several
counties raises
:class:`~poverty_procurement.errors.AmbiguousCounty` listing them; ``province`` (any form
:func:`~poverty_procurement.jurisdictions.resolve_province` takes) and ``prefecture``
(name, short name as printed, or code) narrow the choice. An unknown name raises
:class:`~poverty_procurement.errors.CountyNotFound` whose message lists close names (difflib).

The tables know only the 832 former poverty counties (and the paired ones, all among them): a
name of a county outside them is unknown here, and its same-named namesakes cannot be checked.
For a purchase's county, a code is therefore safer than a name.

Speed: the names and codes (as text) are keys of one prebuilt dict owned by the loaded index,
so a lookup of a name as written in the tables is one dict hit; other input is trimmed, then
NFKC-normalised, and tried again. :func:`lookup_counties` looks up many inputs in one C-level
pass, resolving each distinct miss once, and returns each input's county or its error.

Where the rules live: :mod:`~poverty_procurement.rules.counties.names` (normalisation and short
forms), :mod:`~poverty_procurement.rules.counties.tables` (reading and checking the tables),
:mod:`~poverty_procurement.rules.counties.index` (resolving the names against each other, the
fast tables); this module holds the lookups.

>>> lookup_county("融水").name
'融水苗族自治县'
>>> lookup_county(" ５２０２０４ ").printed_name
'水城县'
>>> is_key_county("西林县"), is_key_county("三江县")
(False, True)
>>> len(paired_counties()), len(key_counties()), key_counties_pending()
(99, 36, 4)
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence

from ...conventions import check_year
from ...errors import CountyNotFound, InputError, PovertyProcurementError, UnsupportedType, shown
from ...jurisdictions import Province, resolve_province
from ...model.county import County, PairingTable, PovertyCounty, PovertyCountyTable
from .index import CountyData, batch_lookup, load_county_data, second_chance
from .names import MAX_NAME_LENGTH, normalize_county_name
from .tables import shipped_tables

__all__ = [
    "CountyInput",
    "county_data",
    "helper_cities",
    "is_key_county",
    "is_poverty_county",
    "key_counties",
    "key_counties_pending",
    "lookup_counties",
    "lookup_county",
    "lookup_poverty_counties",
    "lookup_poverty_county",
    "paired_counties",
    "pairing_table",
    "pairing_years",
    "poverty_counties",
    "poverty_county_table",
    "suggest_counties",
]

#: What the lookups take: a name, a code (text or int), or a county value object.
CountyInput = str | int | County | PovertyCounty

# The shipped index's fast tables (CountyData.fast_paired and friends), bound here by county_data()
# so that the usual lookup is one dict hit without a call; empty until the shipped tables are loaded.
_fast_paired: dict[str, County] = {}
_fast_paired_codes: dict[int, County] = {}
_fast_national: dict[str, PovertyCounty] = {}
_fast_national_codes: dict[int, PovertyCounty] = {}


@functools.cache
def county_data() -> CountyData:
    """随包县表 — the shipped county tables, loaded and validated once, on first use."""
    global _fast_paired, _fast_paired_codes, _fast_national, _fast_national_codes
    national, pairings, names = shipped_tables()
    data = load_county_data(national, pairings, pairing_names=names)
    _fast_paired, _fast_paired_codes = data.fast_paired, data.fast_paired_codes
    _fast_national, _fast_national_codes = data.fast_national, data.fast_national_codes
    return data


def pairing_years() -> tuple[int, ...]:
    """对接名单年度 — the years for which a pairing table ships (``(2023,)``)."""
    return tuple(sorted(county_data().pairings))


def pairing_table(year: int | None = None) -> PairingTable:
    """对接帮扶县名单 — the pairing table of ``year`` (default: the latest), with its sources.

    >>> table = pairing_table()
    >>> table.year, str(table.citation), len(table.counties)
    (2023, '粤财采购〔2023〕2号 附件3（附件4为重复印本）', 99)
    """
    if year is not None:
        check_year(year)
    data = county_data()
    return data.pairings[data.year(year)]


def poverty_county_table() -> PovertyCountyTable:
    """832个国家级贫困县名单 — the national table with its provenance (832 listed, 831 today).

    >>> table = poverty_county_table()
    >>> table.listed_units, len(table.counties)
    (832, 831)
    """
    return county_data().national


def lookup_county(
    name: CountyInput,
    province: Province | str | int | None = None,
    prefecture: str | int | None = None,
    year: int | None = None,
) -> County:
    """对接帮扶县查询 — the county Guangdong pairs with that ``name`` (or code) designates.

    粤财采购〔2023〕2号 三（四）、附件3. Former, printed and short names resolve to today's county;
    ``province``/``prefecture`` narrow an ambiguous name; ``year`` picks the pairing table
    (default: the latest). Raises ``CountyNotFound`` (with close names) when no paired county
    has that name — also when the name is a county Guangdong does not pair with — and
    ``AmbiguousCounty`` listing the candidates when the name needs a province or prefecture.

    >>> county = lookup_county("黔西县")
    >>> county.name, county.code, county.helper_city, county.province.short_name
    ('黔西市', '520581', '广州市', '贵州')
    >>> lookup_county(451225, "广西").name
    '罗城仫佬族自治县'
    >>> try:
    ...     lookup_county("融水苗县")
    ... except CountyNotFound as error:
    ...     print(error.zh)
    未找到县 '融水苗县'；您是否要找：融水苗族自治县
    """
    # Fast path (positional parameters: keyword-only ones make every call ~20 ns slower).
    if province is None and prefecture is None and year is None:
        try:
            found = _fast_paired.get(name)  # type: ignore[arg-type]
        except TypeError:  # unhashable input: the slow path says what is wrong
            found = None
        else:
            if found is not None:  # the usual case: one dict lookup, returned at once
                return found
        found = _fast_paired_codes.get(name) if type(name) is int else second_chance(
            name, _fast_paired, _fast_paired_codes)
        if found is not None:
            return found
    data = county_data()
    which = data.year(year)
    table = data.paired_by_code[which]
    code = data.resolve(name, province, prefecture, "county", data.paired_suggestion_names[which])
    county = table.get(code)
    if county is None:
        raise CountyNotFound(
            "county", f"{data.places[code].describe()} 不在广东省{which}年对接帮扶的{len(table)}个县之列",
            f"{data.places[code].describe()} is not among the {len(table)} counties Guangdong pairs with ({which})")
    return county


def lookup_poverty_county(
    name: CountyInput,
    province: Province | str | int | None = None,
    prefecture: str | int | None = None,
) -> PovertyCounty:
    """832个脱贫县查询 — the former national poverty county that ``name`` (or code) designates.

    Same name handling as :func:`lookup_county`; a former name (开县, 宣化县, 冷湖行委) resolves to
    today's county (开州区, 宣化区, 茫崖市).

    >>> lookup_poverty_county("盘县").name
    '盘州市'
    >>> lookup_poverty_county("冷湖行委").listed_as
    ('冷湖行委', '茫崖行委')
    """
    if province is None and prefecture is None:
        try:
            found = _fast_national.get(name)  # type: ignore[arg-type]
        except TypeError:
            found = None
        else:
            if found is not None:  # the usual case: one dict lookup, returned at once
                return found
        found = _fast_national_codes.get(name) if type(name) is int else second_chance(
            name, _fast_national, _fast_national_codes)
        if found is not None:
            return found
    data = county_data()
    code = data.resolve(name, province, prefecture, "county")
    county = data.national_by_code.get(code)
    if county is None:
        raise CountyNotFound("county", f"{data.places[code].describe()} 不在832个国家级贫困县名单中",
                             f"{data.places[code].describe()} is not in the list of the 832 poverty counties")
    return county


def lookup_counties(
    names: Iterable[CountyInput],
    province: Province | str | int | None = None,
    *,
    prefecture: str | int | None = None,
    year: int | None = None,
) -> list[County | PovertyProcurementError]:
    """批量查询对接帮扶县 — :func:`lookup_county` for many names or codes at once, in input order.

    粤财采购〔2023〕2号 附件3. Linear; every input gives either its :class:`County` or the error
    ``lookup_county`` would raise for it (``CountyNotFound``, ``AmbiguousCounty``,
    ``UnsupportedType``), so nothing is dropped. Inputs written as in the table cost about one
    dict lookup each.

    >>> [getattr(c, "name", type(c).__name__) for c in lookup_counties(["融水", 520204, "天河区"])]
    ['融水苗族自治县', '水城区', 'CountyNotFound']
    """
    data = county_data()
    if province is None and prefecture is None and year is None:
        return batch_lookup(names, data.fast_paired, data.fast_paired_codes, lookup_county)  # type: ignore[arg-type]
    return batch_lookup(names, {}, {}, lambda n: lookup_county(n, province, prefecture=prefecture, year=year))  # type: ignore[arg-type]


def lookup_poverty_counties(
    names: Iterable[CountyInput],
    province: Province | str | int | None = None,
    *,
    prefecture: str | int | None = None,
) -> list[PovertyCounty | PovertyProcurementError]:
    """批量查询832个脱贫县 — :func:`lookup_poverty_county` for many inputs, each a county or its error.

    >>> [c.name for c in lookup_poverty_counties(["开县", "130705"]) if isinstance(c, PovertyCounty)]
    ['开州区', '宣化区']
    """
    data = county_data()
    if province is None and prefecture is None:
        return batch_lookup(names, data.fast_national, data.fast_national_codes, lookup_poverty_county)  # type: ignore[arg-type]
    return batch_lookup(names, {}, {}, lambda n: lookup_poverty_county(n, province, prefecture=prefecture))  # type: ignore[arg-type]


def is_key_county(
    name_or_code: CountyInput, province: Province | str | int | None = None, *, year: int | None = None
) -> bool:
    """是否重点帮扶县 — whether the county is one of the key counties named in 附件3.

    False for every county not in the pairing table (and for unknown names); the 4 Guizhou key
    counties still to be decided are not known, so no county is marked for them. Raises
    ``AmbiguousCounty`` when the name needs a province.

    >>> is_key_county("水城县"), is_key_county("520204"), is_key_county("七星关区"), is_key_county("天河区")
    (True, True, False, False)
    """
    try:
        return lookup_county(name_or_code, province, year=year).is_key
    except CountyNotFound:
        return False


def is_poverty_county(name_or_code: CountyInput, province: Province | str | int | None = None) -> bool:
    """是否832个脱贫县 — whether the county was one of the 832 national poverty counties.

    >>> is_poverty_county("宣化县"), is_poverty_county("130705"), is_poverty_county("天河区")
    (True, True, False)
    """
    try:
        lookup_poverty_county(name_or_code, province)
    except CountyNotFound:
        return False
    return True


def _helper_city(value: object, cities: Sequence[str]) -> str:
    if not isinstance(value, str):
        raise UnsupportedType("helper_city", f"帮扶城市须为文本，收到 {type(value).__name__}",
                              f"the helper city is a str, got {type(value).__name__}")
    key = normalize_county_name(value[:MAX_NAME_LENGTH])
    for city in cities:
        if key in (city, city.removesuffix("市")):
            return city
    raise InputError("helper_city", f"{shown(value)} 不是帮扶城市；可选：{'、'.join(cities)}",
                     f"{shown(value)} is not a helper city; one of: {', '.join(cities)}")


def helper_cities(year: int | None = None) -> tuple[str, ...]:
    """帮扶城市 — the Guangdong cities that help the paired counties, in the notice's order.

    >>> helper_cities()[:3]
    ('深圳市', '江门市', '湛江市')
    """
    return pairing_table(year).helper_cities


def paired_counties(helper_city: str | None = None, *, year: int | None = None) -> tuple[County, ...]:
    """对接帮扶县名单 — the paired counties in the notice's order, or those one helper city helps.

    附件3: 99 counties (33 Guangxi, 66 Guizhou); ``helper_city`` is written 深圳 or 深圳市. This is
    the function to generate the documentation's table of the 99 counties from.

    >>> len(paired_counties("深圳")), paired_counties("中山市")[2].printed_name
    (22, '水城县')
    """
    table = pairing_table(year)
    if helper_city is None:
        return table.counties
    city = _helper_city(helper_city, table.helper_cities)
    return tuple(c for c in table.counties if c.helper_city == city)


def key_counties(province: Province | str | int | None = None, *, year: int | None = None) -> tuple[County, ...]:
    """重点帮扶县 — the key counties named in 附件3, in the notice's order (20 Guangxi + 16 Guizhou).

    >>> len(key_counties("广西")), len(key_counties("贵州"))
    (20, 16)
    """
    counties = pairing_table(year).counties
    if province is None:
        return tuple(c for c in counties if c.is_key)
    where = resolve_province(province)
    return tuple(c for c in counties if c.is_key and c.province == where)


def key_counties_pending(province: Province | str | int | None = None, *, year: int | None = None) -> int:
    """待定重点帮扶县数 — key counties the notice says are still to be decided (附件3 "还有4个县待贵州省定").

    >>> key_counties_pending("贵州"), key_counties_pending("广西"), key_counties_pending()
    (4, 0, 4)
    """
    figures = pairing_table(year).key_counties
    if province is None:
        return sum(f.pending for f in figures)
    where = resolve_province(province)
    return sum(f.pending for f in figures if f.province == where)


def poverty_counties(province: Province | str | int | None = None) -> tuple[PovertyCounty, ...]:
    """832个脱贫县 — the former national poverty counties by today's county, ordered by code.

    >>> len(poverty_counties()), len(poverty_counties("贵州")), len(poverty_counties("西藏"))
    (831, 66, 74)
    """
    counties = county_data().national.counties
    if province is None:
        return counties
    where = resolve_province(province)
    return tuple(c for c in counties if c.province == where)


def suggest_counties(name: str, *, paired: bool = False, year: int | None = None) -> tuple[str, ...]:
    """县名提示 — up to five official names close to ``name`` (difflib), for "did you mean".

    Only the first 20 characters matter; ``paired`` limits the answer to paired counties.

    >>> suggest_counties("融水苗县")
    ('融水苗族自治县',)
    >>> suggest_counties("毕节市")
    ('七星关区',)
    """
    if not isinstance(name, str):
        raise UnsupportedType("name", f"县名须为文本，收到 {type(name).__name__}",
                              f"a county name is a str, got {type(name).__name__}")
    data = county_data()
    return data.suggest(name, data.paired_suggestion_names[data.year(year)] if paired else None)
