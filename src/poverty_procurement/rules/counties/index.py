"""县名索引 — the loaded county tables, every name resolved against all the others, and the fast tables.

The index (:class:`CountyData`, built by :func:`load_county_data` from the tables
:mod:`poverty_procurement.rules.counties.tables` reads) knows every county of the 832 list and
of the pairing tables once, by code, with all its names: official, printed, listed, former,
and the short forms of :mod:`poverty_procurement.rules.counties.names`. A name that is not an
official name is withheld when it is also the official name of another county or the name of a
province or prefecture (it only feeds the "did you mean" of the error); a name shared by several
counties is ambiguous; an unknown name gets close names (difflib). The rules as users see them
are in :mod:`poverty_procurement.rules.counties.lookup`.

Speed-up tables. The index owns its fast tables: every unique name and code (text) of the latest
pairing table and of the 832 list, already normalised, so most lookups are one dict hit
(:attr:`CountyData.fast_paired` and friends, built with the index). After a miss,
:func:`second_chance` trims and NFKC-normalises text and remembers the variants it resolves, up
to a bound; :func:`batch_lookup` looks up many inputs in one C-level pass over a copy of a fast
table, resolving each distinct miss once.

>>> from poverty_procurement.rules.counties.lookup import county_data
>>> data = county_data()
>>> data.places[data.resolve("融水")].name, data.fast_paired["450225"].name
('融水苗族自治县', '融水苗族自治县')
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

import attrs

from ...errors import (
    AmbiguousCounty,
    CountyNotFound,
    PolicyDataError,
    PolicyNotFound,
    PovertyProcurementError,
    UnsupportedType,
    shown,
)
from ...jurisdictions import Province, provinces, resolve_province
from ...model.county import County, PairingTable, PovertyCounty, PovertyCountyTable
from .names import MAX_NAME_LENGTH, derived_names, normalize_county_name, region_names
from .tables import NATIONAL_FILE, RawCounty, parse_tables

__all__ = ["CountyData", "batch_lookup", "load_county_data", "second_chance"]

_SUGGEST_LENGTH = 20
_SUGGESTIONS = 5
_T = TypeVar("_T")


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
    """县表索引 — the loaded county tables and their name index (built by :func:`load_county_data`).

    The module-level functions use the shipped data
    (:func:`~poverty_procurement.rules.counties.lookup.county_data`); tests and tools may build
    their own with :func:`load_county_data`.

    The speed-up tables are built with the index and belong to it: ``fast_paired`` and
    ``fast_national`` map every unique name and code (text) of the latest pairing table and of
    the 832 list to its county, ``fast_paired_codes`` and ``fast_national_codes`` every int code;
    the lookups add the text variants they resolve (:func:`second_chance`).
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
    fast_paired: dict[str, County] = attrs.field(init=False, repr=False)
    fast_paired_codes: dict[int, County] = attrs.field(init=False, repr=False)
    fast_national: dict[str, PovertyCounty] = attrs.field(init=False, repr=False)
    fast_national_codes: dict[int, PovertyCounty] = attrs.field(init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        latest = self.paired_by_code[max(self.paired_by_code)]
        poor = self.national_by_code
        paired = {key: latest[code] for key, code in self.exact.items() if code in latest}
        national = {key: poor[code] for key, code in self.exact.items() if code in poor}
        object.__setattr__(self, "fast_paired", paired)
        object.__setattr__(self, "fast_national", national)
        object.__setattr__(self, "fast_paired_codes", {int(key): c for key, c in paired.items() if key.isdigit()})
        object.__setattr__(self, "fast_national_codes", {int(key): c for key, c in national.items() if key.isdigit()})

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
# The speed-up tables: the fast paths of the lookups.

#: The fast tables learn the text variants they resolve (" 融水县 " → 融水苗族自治县) up to this size;
#: the shipped names and codes are about 3,600 keys.
_FAST_MAX = 20_000


def second_chance(name: object, table: dict[str, _T], codes: Mapping[int, _T]) -> _T | None:
    """快速查找的第二次尝试 — the fast path after a miss: an int code, or text trimmed (cheap) and
    then NFKC-normalised; a text variant that resolves is remembered as a key of ``table``.

    ``table`` and ``codes`` are an index's fast tables (:attr:`CountyData.fast_paired` and
    :attr:`CountyData.fast_paired_codes`, or the national ones); ``None`` means "not known here":
    the caller falls back to the full resolution. ``table`` learns up to 20,000 keys.
    """
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
        hit = second_chance(value, self._fast, self._codes)
        if hit is None:
            hit = self.resolve(value)
        if len(self._memo) < _BATCH_MEMORY:
            self._memo[key] = hit
        return hit

    def resolve(self, value: object) -> object:
        """The full lookup of one input: its county or the error it raises."""
        return _or_error(self._one, value)


def batch_lookup(
    names: Iterable[object], fast: dict[str, _T], codes: Mapping[int, _T], one: Callable[[object], _T]
) -> list[_T | PovertyProcurementError]:
    """批量查询 — look up many: one C-level pass over all inputs; each distinct miss is resolved once.

    ``fast`` and ``codes`` are an index's fast tables (empty: every input takes ``one``), ``one``
    the full lookup of one input. Each input gives its county or the ``CountyNotFound``,
    ``AmbiguousCounty`` or ``UnsupportedType`` that ``one`` raises for it, in input order.
    """
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

