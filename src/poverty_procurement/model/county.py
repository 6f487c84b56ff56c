"""县 — value objects for counties: the paired counties (对接帮扶县) and the 832 former poverty counties.

Sources:

* 粤财采购〔2023〕2号 三（四） and 附件3 (广东省对接国家乡村振兴重点帮扶县名单): the 99 counties
  Guangdong pairs with — 33 in Guangxi, 66 in Guizhou — their helper cities and the 40 key
  counties (20 Guangxi; 16 Guizhou named and 4 "待贵州省定").
* The list of the 832 former national poverty counties (国家级贫困县, all out of poverty by
  2020-11-23): a third-party list whose codes were verified in the official datasets of 民政部
  and 国家统计局 (see the table's ``citation`` and ``names_and_codes``).

A :class:`County` or :class:`PovertyCounty` is valid once constructed: its code has six ASCII
digits and agrees with its province (first two digits) and prefecture (first four digits, or the
province itself for 重庆's counties, which have no prefecture level). Build them through
:func:`~poverty_procurement.rules.counties.lookup.lookup_county` and friends, not by hand.

>>> from poverty_procurement import lookup_county
>>> county = lookup_county("水城县")
>>> county.name, county.code, county.printed_name, county.is_key
('水城区', '520204', '水城县', True)
"""

from __future__ import annotations

import re
import unicodedata

import attrs

from ..citation import Citation
from ..conventions import check_year
from ..errors import InputError, UnsupportedType, shown
from ..jurisdictions import Province

__all__ = [
    "County",
    "PairingTable",
    "PendingKeyCounties",
    "PovertyCounty",
    "PovertyCountyTable",
]

_CODE = re.compile(r"[0-9]{6}")
_SPACE = re.compile(r"\s")
_MAX_NAME = 40


def _check_code(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    if type(value) is not str:
        raise UnsupportedType(attribute.name, f"代码须为文本，收到 {type(value).__name__}",
                              f"a code is a str, got {type(value).__name__}")
    if not _CODE.fullmatch(value):
        raise InputError(attribute.name, f"行政区划代码须为6位数字，收到 {shown(value)}",
                         f"an administrative code has six ASCII digits, got {shown(value)}")


def _check_name(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    if type(value) is not str:
        raise UnsupportedType(attribute.name, f"名称须为文本，收到 {type(value).__name__}",
                              f"a name is a str, got {type(value).__name__}")
    if not value or len(value) > _MAX_NAME or _SPACE.search(value) or not unicodedata.is_normalized("NFKC", value):
        raise InputError(attribute.name, f"名称须为1–{_MAX_NAME}个字、NFKC规范、不含空白，收到 {shown(value)}",
                         f"a name has 1-{_MAX_NAME} characters, NFKC-normal, no whitespace; got {shown(value)}")


def _check_names(_: object, attribute: attrs.Attribute[tuple[str, ...]], value: tuple[str, ...]) -> None:
    if type(value) is not tuple:
        raise UnsupportedType(attribute.name, f"须为元组，收到 {type(value).__name__}",
                              f"must be a tuple, got {type(value).__name__}")
    for item in value:
        _check_name(None, attribute, item)  # type: ignore[arg-type]


def _check_codes(_: object, attribute: attrs.Attribute[tuple[str, ...]], value: tuple[str, ...]) -> None:
    if type(value) is not tuple:
        raise UnsupportedType(attribute.name, f"须为元组，收到 {type(value).__name__}",
                              f"must be a tuple, got {type(value).__name__}")
    for item in value:
        _check_code(None, attribute, item)  # type: ignore[arg-type]


def _check_province(_: object, attribute: attrs.Attribute[Province], value: Province) -> None:
    if not isinstance(value, Province):
        raise UnsupportedType(attribute.name, "省份须为 Province（用 resolve_province 得到）",
                              "the province must be a Province (see resolve_province)")


def _check_bool(_: object, attribute: attrs.Attribute[bool], value: bool) -> None:
    if type(value) is not bool:
        raise UnsupportedType(attribute.name, f"须为 True 或 False，收到 {shown(value)}",
                              f"must be True or False, got {shown(value)}")


def _valid_year(_: object, attribute: attrs.Attribute[int], value: int) -> None:
    check_year(value, attribute.name)


def _check_place(code: str, province: Province, prefecture_code: str) -> None:
    if code[:2] != province.code[:2] or prefecture_code[:2] != province.code[:2]:
        raise InputError("code", f"代码 {code}/{prefecture_code} 与省份 {province.name}（{province.code}）不符",
                         f"code {code}/{prefecture_code} does not belong to {province.code}")
    if code[:4] != prefecture_code[:4] and prefecture_code != province.code:
        raise InputError("prefecture_code", f"县代码 {code} 不在地级代码 {prefecture_code} 之下",
                         f"county code {code} is not under prefecture code {prefecture_code}")
    if code in (prefecture_code, province.code):
        raise InputError("code", f"{code} 是地级或省级代码，不是县级代码",
                         f"{code} is a prefecture or province code, not a county's")


class _Named:
    """What both county kinds share: a name and aliases, shown by name."""

    __slots__ = ()
    name: str
    aliases: tuple[str, ...]

    @property
    def names(self) -> tuple[str, ...]:
        """Every name that resolves to this county: the official name first, then the aliases."""
        return (self.name, *self.aliases)

    def __str__(self) -> str:
        return self.name


@attrs.frozen
class County(_Named):
    """对接帮扶县 — one of the counties Guangdong pairs with (粤财采购〔2023〕2号 附件3).

    ``name`` is today's official name and ``code`` today's six-digit administrative code;
    ``printed_name`` and ``printed_prefecture`` are as printed in the notice (e.g. 水城县, 黔南州);
    ``helper_city`` is the Guangdong city that helps it (东部帮扶省市); ``is_key`` says whether it
    is one of the named 国家乡村振兴重点帮扶县 of the notice's text list (the 4 Guizhou key
    counties still to be decided are not marked); ``aliases`` are the other names that resolve to
    it (printed, former and short names); ``year`` is the year of the pairing table.

    >>> from poverty_procurement import lookup_county
    >>> str(lookup_county("融水"))
    '融水苗族自治县'
    """

    code: str = attrs.field(validator=_check_code)
    name: str = attrs.field(validator=_check_name)
    province: Province = attrs.field(validator=_check_province)
    prefecture: str = attrs.field(validator=_check_name)
    prefecture_code: str = attrs.field(validator=_check_code)
    printed_name: str = attrs.field(validator=_check_name)
    printed_prefecture: str = attrs.field(validator=_check_name)
    helper_city: str = attrs.field(validator=_check_name)
    is_key: bool = attrs.field(validator=_check_bool)
    year: int = attrs.field(validator=_valid_year)
    aliases: tuple[str, ...] = attrs.field(default=(), validator=_check_names)
    note: str = attrs.field(default="", eq=False)

    def __attrs_post_init__(self) -> None:
        _check_place(self.code, self.province, self.prefecture_code)
        if not self.helper_city.endswith("市"):
            raise InputError("helper_city", f"帮扶城市须为“XX市”，收到 {shown(self.helper_city)}",
                             f"the helper city is written XX市, got {shown(self.helper_city)}")


@attrs.frozen
class PovertyCounty(_Named):
    """国家级贫困县（已脱贫摘帽） — one of the 832 former national poverty counties, by today's name.

    ``listed_as`` is the name (or names) in the 832 list; two listed units, 冷湖行委 and
    茫崖行委, merged into 茫崖市 in 2018, so the 832 listed units are 831 counties today.
    ``former_names``/``former_codes`` are the changes since 2011, oldest first; ``exit_year`` is
    the batch year of its exit from poverty (摘帽); ``note`` says how the row was verified.

    >>> from poverty_procurement import lookup_poverty_county
    >>> county = lookup_poverty_county("开县")
    >>> county.name, county.code, county.exit_year
    ('开州区', '500154', 2017)
    """

    code: str = attrs.field(validator=_check_code)
    name: str = attrs.field(validator=_check_name)
    province: Province = attrs.field(validator=_check_province)
    prefecture: str = attrs.field(validator=_check_name)
    prefecture_code: str = attrs.field(validator=_check_code)
    listed_as: tuple[str, ...] = attrs.field(validator=_check_names)
    former_names: tuple[str, ...] = attrs.field(validator=_check_names)
    former_codes: tuple[str, ...] = attrs.field(validator=_check_codes)
    exit_year: int = attrs.field(validator=_valid_year)
    aliases: tuple[str, ...] = attrs.field(default=(), validator=_check_names)
    note: str = attrs.field(default="", eq=False)

    def __attrs_post_init__(self) -> None:
        _check_place(self.code, self.province, self.prefecture_code)
        if not self.listed_as:
            raise InputError("listed_as", "至少要有一个名单中的名称", "at least one listed name is needed")
        if not 2016 <= self.exit_year <= 2020:
            raise InputError("exit_year", f"摘帽年份须在 2016–2020 之间，收到 {self.exit_year}",
                             f"the exit year is in 2016-2020, got {self.exit_year}")


@attrs.frozen
class PendingKeyCounties:
    """待定重点帮扶县 — key counties a province has still to name, as a figure with its source.

    附件3: "贵州省国家乡村振兴重点帮扶县（共 20 个）……(还有 4 个县待贵州省定)" — Guizhou's 20 key
    counties are 16 named plus 4 pending; the library does not invent the four.
    """

    province: Province
    stated: int
    named: int
    pending: int
    citation: Citation


@attrs.frozen
class PairingTable:
    """对接帮扶县名单 — one year's list of the counties Guangdong pairs with, with its sources.

    ``counties`` are in the notice's order; ``key_counties`` per province says how many key
    counties the notice states, how many it names and how many are pending; ``helper_cities``
    are in the notice's order. ``citation`` is the notice, ``names_and_codes`` where today's
    official names and codes were verified, ``names_as_of`` the date of those names.
    """

    year: int
    title: str
    citation: Citation
    names_and_codes: Citation
    names_as_of: str
    counties: tuple[County, ...]
    key_counties: tuple[PendingKeyCounties, ...]
    helper_cities: tuple[str, ...]
    notes: tuple[str, ...]


@attrs.frozen
class PovertyCountyTable:
    """832个国家级贫困县名单 — the national list, by today's counties, with its provenance.

    ``listed_units`` is 832; ``counties`` holds 831 entries because two listed units merged into
    茫崖市. ``year`` is the year the list was published (2014).
    """

    year: int
    title: str
    citation: Citation
    names_and_codes: Citation
    names_as_of: str
    listed_units: int
    counties: tuple[PovertyCounty, ...]
    notes: tuple[str, ...]
