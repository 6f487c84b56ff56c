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

Speed: the names and codes (as text) are keys of one prebuilt dict, so a lookup of a name as
written in the tables is one dict hit; other input is trimmed, then NFKC-normalised, and tried
again. :func:`lookup_counties` looks up many inputs in one C-level pass, resolving each distinct
miss once, and returns each input's county or its error.

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

import difflib
import functools
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

import attrs

from ...errors import (
    AmbiguousCounty,
    CountyNotFound,
    InputError,
    PolicyDataError,
    PolicyNotFound,
    PovertyProcurementError,
    UnsupportedType,
    shown,
)
from ...jurisdictions import Province, provinces, resolve_province
from ...model.county import County, PairingTable, PovertyCounty, PovertyCountyTable
from .names import MAX_NAME_LENGTH, derived_names, normalize_county_name, region_names
from .tables import NATIONAL_FILE, RawCounty, parse_tables, shipped_tables

__all__ = [
    "CountyData",
    "CountyInput",
    "county_data",
    "helper_cities",
    "is_key_county",
    "is_poverty_county",
    "key_counties",
    "key_counties_pending",
    "load_county_data",
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

_SUGGEST_LENGTH = 20
_SUGGESTIONS = 5

#: What the lookups take: a name, a code (text or int), or a county value object.
CountyInput = str | int | County | PovertyCounty

@attrs.frozen
class _Place:
    """A county known to some table, for name resolution and messages."""

    code: str
    name: str
    province: Province
    prefecture: str
    prefecture_code: str
    prefecture_keys: frozenset[str]

    def describe(self) -> str:
        return f"{self.name}（{self.province.name}{self.prefecture}，{self.code}）"


@attrs.frozen(eq=False)
class CountyData:
    """The loaded county tables and their name index (built by :func:`load_county_data`).

    The module-level functions use the shipped data (:func:`county_data`); tests and tools may
    build their own with :func:`load_county_data`.
    """

    national: PovertyCountyTable
    pairings: Mapping[int, PairingTable]
    places: Mapping[str, _Place]
    exact: Mapping[str, str]  # normalised name or code -> county code, when unique
    ambiguous: Mapping[str, tuple[str, ...]]  # names shared by several counties
    hints: Mapping[str, tuple[str, ...]]  # names withheld (another county's or a region's name)
    national_by_code: Mapping[str, PovertyCounty]
    paired_by_code: Mapping[int, Mapping[str, County]]
    suggestion_names: tuple[str, ...]
    paired_suggestion_names: Mapping[int, tuple[str, ...]]

    # -- resolution ---------------------------------------------------------------------------

    def year(self, year: int | None) -> int:
        """The pairing table's year: ``None`` means the latest."""
        if year is None:
            return max(self.pairings)
        if isinstance(year, bool) or not isinstance(year, int):
            raise UnsupportedType("year", f"年度须为整数，收到 {type(year).__name__}",
                                  f"the year must be an int, got {type(year).__name__}")
        if year not in self.pairings:
            known = "、".join(str(y) for y in sorted(self.pairings))
            raise PolicyNotFound("year", f"没有{year}年的对接帮扶县名单（已有：{known}），本库不作推测",
                                 f"no pairing list for {year} (known: {known}); the library does not guess")
        return year

    def resolve(self, value: object, province: Province | str | int | None = None, prefecture: object = None,
                field: str = "county", suggest_from: Sequence[str] | None = None) -> str:
        """The code of the one county ``value`` names (see the module docstring)."""
        key, candidates = self._candidates(value, field)
        if not candidates:
            raise self._not_found(field, value, key, suggest_from)
        narrowed = candidates
        if province is not None:
            where = resolve_province(province)
            narrowed = tuple(c for c in narrowed if self.places[c].province == where)
        if prefecture is not None:
            if not isinstance(prefecture, (str, int)) or isinstance(prefecture, bool):
                raise UnsupportedType("prefecture", f"地级区划须为名称或代码，收到 {type(prefecture).__name__}",
                                      f"a prefecture is a name or a code, got {type(prefecture).__name__}")
            wanted = normalize_county_name(str(prefecture)[:MAX_NAME_LENGTH])
            narrowed = tuple(c for c in narrowed if wanted in self.places[c].prefecture_keys)
        if not narrowed:
            found = "、".join(self.places[c].describe() for c in candidates)
            raise CountyNotFound(
                field, f"{shown(value)} 是 {found}，不在所给的省份或地级区划内；请核对省份/地级区划或县名",
                f"{shown(value)} is {found}, not in the province or prefecture given; check them or the name")
        if len(narrowed) > 1:
            listed = "、".join(self.places[c].describe() for c in narrowed)
            raise AmbiguousCounty(
                field, f"{shown(value)} 可指 {listed}；请写全称，或给出省份（province）或地级区划（prefecture）",
                f"{shown(value)} may be {listed}; write the full name or give the province or prefecture")
        return narrowed[0]

    def _candidates(self, value: object, field: str) -> tuple[str, tuple[str, ...]]:
        if isinstance(value, (County, PovertyCounty)):
            return value.code, ((value.code,) if value.code in self.places else ())
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            raise UnsupportedType(field, f"县须为名称、代码或 County，收到 {type(value).__name__}",
                                  f"a county is a name, a code or a County, got {type(value).__name__}")
        if isinstance(value, int):
            if not 0 <= value <= 999_999:
                raise CountyNotFound(field, "代码须为6位数字（如 450225），所给整数超出范围",
                                     "a code has six digits (e.g. 450225); the int given is out of range")
            key = f"{value:06d}"
        elif len(value) > MAX_NAME_LENGTH:
            raise CountyNotFound(field, f"县名过长（超过 {MAX_NAME_LENGTH} 个字符），不是县名",
                                 f"longer than {MAX_NAME_LENGTH} characters: not a county name")
        else:
            key = normalize_county_name(value)
        code = self.exact.get(key)
        if code is not None:
            return key, (code,)
        return key, self.ambiguous.get(key, ())

    def _not_found(self, field: str, value: object, key: str, names: Sequence[str] | None) -> CountyNotFound:
        if names is None:
            names = self.suggestion_names
        hinted = [self.places[c].name for c in self.hints.get(key, ())]
        close = _close(key, names, self.exact, self.places)
        suggestions = list(dict.fromkeys([*hinted, *close]))[:_SUGGESTIONS]
        if not key:
            zh, en = "县名为空", "the county name is empty"
        elif key.isascii() and key.isdigit():
            zh, en = f"没有代码为 {shown(key)} 的县", f"no county has the code {shown(key)}"
        else:
            zh, en = f"未找到县 {shown(value)}", f"no county is called {shown(value)}"
        if key in self.hints:
            zh += "（该名称也是省份、地级区划或另一个县的名称，请写县的全称或代码）"
            en += " (it is also the name of a province, a prefecture or another county; write the full name or code)"
        if suggestions:
            zh += f"；您是否要找：{'、'.join(suggestions)}"
            en += f"; did you mean: {', '.join(suggestions)}"
        return CountyNotFound(field, zh, en)

    def suggest(self, value: str, names: Sequence[str] | None = None) -> tuple[str, ...]:
        """Up to five official names close to ``value`` (and the counties a withheld name meant)."""
        if names is None:
            names = self.suggestion_names
        key = normalize_county_name(value[:MAX_NAME_LENGTH])
        hinted = [self.places[c].name for c in self.hints.get(key, ())]
        return tuple(dict.fromkeys([*hinted, *_close(key, names, self.exact, self.places)]))[:_SUGGESTIONS]


def _close(key: str, names: Sequence[str], exact: Mapping[str, str], places: Mapping[str, _Place]) -> list[str]:
    if not key or len(key) > _SUGGEST_LENGTH or (key.isascii() and key.isdigit()):
        return []
    matches = difflib.get_close_matches(key, names, n=_SUGGESTIONS * 3, cutoff=0.6)
    return list(dict.fromkeys(places[exact[m]].name for m in matches))


def _places(raws: Sequence[RawCounty]) -> tuple[dict[str, _Place], dict[str, set[str]], dict[str, str]]:
    """Every county once by code, with all its names from all tables and its former codes."""
    places: dict[str, _Place] = {}
    own: dict[str, set[str]] = {}
    formers: dict[str, str] = {}
    for raw in raws:
        keys = {raw.prefecture_code} | region_names(raw.prefecture)
        for printed in raw.prefectures:
            keys |= region_names(printed)
        place = _Place(raw.code, raw.name, raw.province, raw.prefecture, raw.prefecture_code, frozenset(keys))
        known = places.get(raw.code)
        if known is not None:
            if (known.name, known.province, known.prefecture_code, known.prefecture) != (
                    place.name, place.province, place.prefecture_code, place.prefecture):
                raise PolicyDataError(raw.where, f"与另一张表中同代码 {raw.code} 的县（{known.describe()}）不一致",
                                      f"disagrees with the county of code {raw.code} in another table")
            place = attrs.evolve(place, prefecture_keys=place.prefecture_keys | known.prefecture_keys)
        places[raw.code] = place
        own.setdefault(raw.code, set()).update(raw.names)
        for former in raw.former_codes:
            if formers.setdefault(former, raw.code) != raw.code:
                raise PolicyDataError(raw.where, f"曾用代码 {former} 指向两个县",
                                      f"former code {former} points to two counties")
    for former, code in formers.items():
        if former in places and former != code:
            raise PolicyDataError(f"code {code}", f"曾用代码 {former} 是另一个县的现行代码",
                                  f"former code {former} is another county's current code")
    return places, own, formers


def _index(raws: Sequence[RawCounty]) -> tuple[
        dict[str, _Place], dict[str, str], dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """Resolve every county's names against all the others (see the module docstring)."""
    places, own, formers = _places(raws)
    official: dict[str, list[str]] = {}
    for code, place in places.items():
        official.setdefault(place.name, []).append(code)
    regions = {name for p in provinces() for name in (p.name, p.short_name)}
    for place in places.values():
        regions |= {k for k in place.prefecture_keys if not k.isdigit()}
    by_name: dict[str, list[str]] = {name: list(codes) for name, codes in official.items()}
    withheld: dict[str, list[str]] = {}
    for code, place in places.items():
        names = set(own[code]) | {d for n in (place.name, *own[code]) for d in derived_names(n)}
        names.discard(place.name)
        for name in sorted(names):
            target = withheld if name in official or name in regions else by_name
            target.setdefault(name, []).append(code)
    exact: dict[str, str] = {}
    ambiguous: dict[str, tuple[str, ...]] = {}
    for name, codes in by_name.items():
        unique = tuple(dict.fromkeys(codes))
        if len(unique) == 1:
            exact[name] = unique[0]
        else:
            ambiguous[name] = unique
    exact.update({code: code for code in places})
    for former, code in formers.items():
        exact.setdefault(former, code)
    hints = {name: tuple(dict.fromkeys(codes)) for name, codes in withheld.items()}
    return places, exact, ambiguous, hints


def _aliases(exact: Mapping[str, str], places: Mapping[str, _Place]) -> dict[str, tuple[str, ...]]:
    """Every county's unique names other than its official one, shortest first."""
    names: dict[str, list[str]] = {}
    for name, code in exact.items():
        if name != places[code].name and not name.isdigit():
            names.setdefault(code, []).append(name)
    return {code: tuple(sorted(found, key=lambda n: (len(n), n))) for code, found in names.items()}


def load_county_data(
    national: tuple[str, Mapping[str, Any]],
    pairings: Iterable[tuple[str, Mapping[str, Any]]],
    *,
    national_name: str = NATIONAL_FILE,
    pairing_names: Sequence[str] = ("guangdong_pairing_2023",),
) -> CountyData:
    """县表加载 — validate the national table and the pairing tables (CSV text + metadata) and index
    every name. Raises :class:`~poverty_procurement.errors.PolicyDataError` naming the file and row.

    Checks: headers; six-digit codes consistent with province and prefecture; province names
    matching their codes; one county per code (two 832 rows may share one, and must agree); the
    pairing table's counts per province, per helper city and of key counties against the figures
    the notice prints (in the metadata), its key flags against the notice's text list; the
    tables agreeing on every county they share; no former code being another county's code.
    """
    try:
        parsed = parse_tables(national, pairings, national_name=national_name, pairing_names=pairing_names)
        tables = dict(parsed.pairings)
        places, exact, ambiguous, hints = _index(parsed.raws)
        aliases = _aliases(exact, places)
        national_by_code = {c.code: attrs.evolve(c, aliases=aliases.get(c.code, ()))
                            for c in parsed.poverty_counties}
        paired_by_code: dict[int, dict[str, County]] = {}
        for year, counties in parsed.paired.items():
            paired_by_code[year] = {c.code: attrs.evolve(c, aliases=aliases.get(c.code, ())) for c in counties}
            tables[year] = attrs.evolve(tables[year], counties=tuple(paired_by_code[year].values()))
        table = parsed.national_table(tuple(national_by_code.values()))
    except PolicyDataError:
        raise
    except (KeyError, TypeError, ValueError, PovertyProcurementError) as error:
        raise PolicyDataError("county tables", f"县表格式错误：{shown(error)}",
                              f"malformed county data: {shown(error)}") from error
    names = tuple(n for n in exact if not n.isdigit())
    return CountyData(
        national=table, pairings=tables, places=places, exact=exact, ambiguous=ambiguous, hints=hints,
        national_by_code=national_by_code, paired_by_code=paired_by_code, suggestion_names=names,
        paired_suggestion_names={y: tuple(n for n in names if exact[n] in by) for y, by in paired_by_code.items()},
    )


# ---------------------------------------------------------------------------------------------
# The shipped data, loaded once; the fast paths of the lookups.

# Filled by county_data(): every unique name and code (text) of the latest pairing table and of
# the 832 list, already normalised, so most lookups are one dict hit; int codes have their own.
_FAST_PAIRED: dict[str, County] = {}
_FAST_PAIRED_INT: dict[int, County] = {}
_FAST_NATIONAL: dict[str, PovertyCounty] = {}
_FAST_NATIONAL_INT: dict[int, PovertyCounty] = {}
_T = TypeVar("_T")


#: The fast tables learn the text variants they resolve (" 融水县 " → 融水苗族自治县) up to this size;
#: the shipped names and codes are about 3,600 keys.
_FAST_MAX = 20_000


def _second_chance(name: object, table: dict[str, _T], codes: Mapping[int, _T]) -> _T | None:
    """The fast path after a miss: an int code, or text trimmed (cheap) and then NFKC-normalised;
    a text variant that resolves is remembered as a key of ``table``."""
    if type(name) is str:
        if len(name) > MAX_NAME_LENGTH:
            return None
        key = name.strip()
        found = table.get(key)
        if found is None and not unicodedata.is_normalized("NFKC", key):
            found = table.get("".join(unicodedata.normalize("NFKC", key).split()))
        if found is not None and len(table) < _FAST_MAX:
            table[name] = found
        return found
    if type(name) is int:
        return codes.get(name)
    return None


@functools.cache
def county_data() -> CountyData:
    """The shipped county tables, loaded and validated once, on first use."""
    national, pairings, names = shipped_tables()
    data = load_county_data(national, pairings, pairing_names=names)
    latest = data.paired_by_code[max(data.paired_by_code)]
    poor = data.national_by_code
    _FAST_PAIRED.update({key: latest[code] for key, code in data.exact.items() if code in latest})
    _FAST_NATIONAL.update({key: poor[code] for key, code in data.exact.items() if code in poor})
    _FAST_PAIRED_INT.update({int(key): county for key, county in _FAST_PAIRED.items() if key.isdigit()})
    _FAST_NATIONAL_INT.update({int(key): county for key, county in _FAST_NATIONAL.items() if key.isdigit()})
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
            found = _FAST_PAIRED.get(name)  # type: ignore[arg-type]
        except TypeError:  # unhashable input: the slow path says what is wrong
            found = None
        else:
            if found is not None:  # the usual case: one dict lookup, returned at once
                return found
        found = _FAST_PAIRED_INT.get(name) if type(name) is int else _second_chance(
            name, _FAST_PAIRED, _FAST_PAIRED_INT)
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
            found = _FAST_NATIONAL.get(name)  # type: ignore[arg-type]
        except TypeError:
            found = None
        else:
            if found is not None:  # the usual case: one dict lookup, returned at once
                return found
        found = _FAST_NATIONAL_INT.get(name) if type(name) is int else _second_chance(
            name, _FAST_NATIONAL, _FAST_NATIONAL_INT)
        if found is not None:
            return found
    data = county_data()
    code = data.resolve(name, province, prefecture, "county")
    county = data.national_by_code.get(code)
    if county is None:
        raise CountyNotFound("county", f"{data.places[code].describe()} 不在832个国家级贫困县名单中",
                             f"{data.places[code].describe()} is not in the list of the 832 poverty counties")
    return county


_BATCH_MEMORY = 100_000  # distinct misses remembered within one batch
_BATCH_COPY = 512  # from this many inputs on, a batch works on its own copy of the fast table


def _or_error(one: Callable[[object], _T], value: object) -> _T | PovertyProcurementError:
    try:
        return one(value)
    except (CountyNotFound, AmbiguousCounty, UnsupportedType) as error:
        return error


class _Resolver(dict[object, object]):
    """A copy of a fast table for one batch: hits are one C-level dict lookup; a miss is resolved
    by the second chance or the full lookup (a county or the error), and remembered by type and
    value (1, True and 1.0 are equal as keys, but not as inputs)."""

    __slots__ = ("_codes", "_fast", "_memo", "_one")

    def __init__(self, fast: dict[str, Any], codes: Mapping[int, object],
                 one: Callable[[object], object]) -> None:
        super().__init__(fast.items())
        self._fast = fast
        self._codes = codes
        self._one = one
        self._memo: dict[tuple[type, object], object] = {}

    def __missing__(self, value: object) -> object:
        key = (type(value), value)
        try:
            return self._memo[key]
        except KeyError:
            pass
        hit = _second_chance(value, self._fast, self._codes)
        if hit is None:
            hit = self.resolve(value)
        if len(self._memo) < _BATCH_MEMORY:
            self._memo[key] = hit
        return hit

    def resolve(self, value: object) -> object:
        """The full lookup of one input: its county or the error it raises."""
        return _or_error(self._one, value)


def _batch(
    names: Iterable[object], fast: dict[str, _T], codes: Mapping[int, _T], one: Callable[[object], _T]
) -> list[_T | PovertyProcurementError]:
    """Look up many: one C-level pass over all inputs; each distinct miss is resolved once."""
    if isinstance(names, (str, bytes)) or not isinstance(names, Iterable):
        raise UnsupportedType("names", f"须为县名或代码的可迭代对象，收到 {type(names).__name__}",
                              f"expected an iterable of names or codes, got {type(names).__name__}")
    items = names if type(names) is list else list(names)
    if len(items) < _BATCH_COPY:  # not worth copying the fast table
        return [_or_error(one, value) for value in items]
    table = _Resolver(fast, codes, one)
    try:
        return list(map(table.__getitem__, items))  # type: ignore[arg-type]
    except TypeError:  # an unhashable input: one by one
        found: list[object] = []
        for value in items:
            try:
                found.append(table[value])
            except TypeError:
                found.append(table.resolve(value))
        return found  # type: ignore[return-value]


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
    county_data()
    if province is None and prefecture is None and year is None:
        return _batch(names, _FAST_PAIRED, _FAST_PAIRED_INT, lookup_county)  # type: ignore[arg-type]
    return _batch(names, {}, {}, lambda n: lookup_county(n, province, prefecture=prefecture, year=year))  # type: ignore[arg-type]


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
    county_data()
    if province is None and prefecture is None:
        return _batch(names, _FAST_NATIONAL, _FAST_NATIONAL_INT, lookup_poverty_county)  # type: ignore[arg-type]
    return _batch(names, {}, {}, lambda n: lookup_poverty_county(n, province, prefecture=prefecture))  # type: ignore[arg-type]


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
