"""县名规范化与简称 — how county and prefecture names are normalised and shortened.

Input is normalised with Unicode NFKC (full-width digits and compatibility ideographs) and all
whitespace is removed; at most :data:`MAX_NAME_LENGTH` characters are looked at. A county is
also known by its short forms: without the ethnic qualifier of an autonomous county (融水县,
融水自治县 for 融水苗族自治县) and without the suffix 县/市/区/旗/特区/行委 (融水, 七星关), when at
least two characters remain; a prefecture by its name without 市/州/盟/地区/自治州 (黔南州, 黔南).
Whether a short form resolves is decided by the index against all the other names
(:mod:`poverty_procurement.rules.counties.index`).

>>> normalize_county_name(" 融水 县 "), sorted(derived_names("七星关区"))
('融水县', ['七星关'])
"""

from __future__ import annotations

import unicodedata

from ...conventions import require

__all__ = ["MAX_NAME_LENGTH", "derived_names", "normalize_county_name", "region_names"]

#: Longest input looked at; longer text is never a county name.
MAX_NAME_LENGTH = 64

# The 56 ethnic groups with 族, those of two or more characters also without it (巴里坤哈萨克自治县),
# and 各族 (隆林各族自治县), longest first. One-character groups are never stripped without 族:
# 融水苗族自治县 is 融水, not 融.
_ETHNIC_GROUPS = (
    "汉", "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶", "白", "土家",
    "哈尼", "哈萨克", "傣", "黎", "傈僳", "佤", "畲", "高山", "拉祜", "水", "东乡", "纳西", "景颇",
    "柯尔克孜", "土", "达斡尔", "仫佬", "羌", "布朗", "撒拉", "毛南", "仡佬", "锡伯", "阿昌", "普米",
    "塔吉克", "怒", "乌孜别克", "俄罗斯", "鄂温克", "德昂", "保安", "裕固", "京", "塔塔尔", "独龙", "鄂伦春",
    "赫哲", "门巴", "珞巴", "基诺", "各",
)
_ETHNIC = tuple(sorted({*(g for g in _ETHNIC_GROUPS if len(g) > 1), *(g + "族" for g in _ETHNIC_GROUPS)},
                      key=len, reverse=True))
_ETHNIC_SET = frozenset(_ETHNIC)
_ETHNIC_LENGTHS = sorted({len(group) for group in _ETHNIC})
_SUFFIXES = ("行政委员会", "自治县", "自治旗", "特区", "林区", "行委", "县", "市", "区", "旗")
_REGION_SUFFIXES = ("自治州", "地区", "盟", "州", "市")


def normalize_county_name(text: str) -> str:
    """县名规范化 — NFKC (full-width forms, compatibility ideographs) with all whitespace removed.

    >>> normalize_county_name("\\u3000融水 县 ")
    '融水县'
    >>> normalize_county_name("４５０２２５")
    '450225'
    """
    require(text, str, "text")
    return "".join(unicodedata.normalize("NFKC", text).split())


def _strip_ethnic(base: str) -> str:
    """The place name before a run of ethnic group names (at least one character is kept).

    The shortest prefix of at least one character after which the rest of ``base`` is one or
    more group names, found right to left in linear time (a backtracking regular expression took
    seconds on a few thousand characters).
    """
    size = len(base)
    splits = [False] * (size + 1)  # splits[i]: base[i:] is a run of group names (or empty)
    splits[size] = True
    for start in range(size - 1, 0, -1):
        splits[start] = any(splits[start + length] and base[start:start + length] in _ETHNIC_SET
                            for length in _ETHNIC_LENGTHS if start + length <= size)
    for start in range(1, size):
        if splits[start]:
            return base[:start]
    return base


def derived_names(name: str) -> frozenset[str]:
    """简称 — the short forms people type for a county name (at least two characters remain).

    Without the ethnic qualifier of an autonomous county (融水苗族自治县 → 融水县, 融水自治县,
    融水), without the suffix (七星关区 → 七星关, 六枝特区 → 六枝, 大柴旦行政委员会 → 大柴旦行委,
    大柴旦); a county named after its people keeps the group (东乡族自治县 → 东乡县, never 东乡族).
    Whether a short form resolves is decided against all the other names.

    >>> sorted(derived_names("融水苗族自治县"))
    ['融水', '融水县', '融水自治县']
    >>> sorted(derived_names("魏县")), sorted(derived_names("东乡族自治县"))
    ([], ['东乡县'])
    """
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            base = name[: -len(suffix)]
            out: set[str] = set()
            if suffix in ("自治县", "自治旗"):
                base = _strip_ethnic(base)
                if base in _ETHNIC:  # 东乡族自治县 → 东乡县, 鄂伦春自治旗 → 鄂伦春旗; never a bare group name
                    base = base.removesuffix("族")
                    return frozenset({base + suffix[-1]} - {name}) if len(base) >= 2 else frozenset()
                if len(base) >= 2:
                    out.update((base + suffix[-1], base + suffix))
            elif suffix == "行政委员会" and len(base) >= 2:
                out.add(base + "行委")
            if len(base) >= 2:
                out.add(base)
            out.discard(name)
            return frozenset(out)
    return frozenset()


def region_names(name: str) -> set[str]:
    """地级区划简称 — a prefecture's name and its short forms (黔南布依族苗族自治州 → 黔南州, 黔南).

    The index uses them to narrow a lookup by prefecture and to withhold a county's short form
    that is also a region's name.

    >>> sorted(region_names("黔南布依族苗族自治州"))
    ['黔南', '黔南州', '黔南布依族苗族自治州']
    >>> sorted(region_names("毕节市"))
    ['毕节', '毕节市']
    """
    out = {name}
    for suffix in _REGION_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            base = _strip_ethnic(name[: -len(suffix)]) if suffix == "自治州" else name[: -len(suffix)]
            if len(base) >= 2:
                out.add(base)
                if suffix == "自治州":
                    out.add(base + "州")
            break
    return out

