"""政策数据加载 — policy data (the shipped file, or a user's file for a newer notice) validated into a table.

The format is the shipped ``data/policy_parameters.json``; a user's file for a notice the package
does not know yet is written the same way, in JSON or, where a TOML reader is available (Python
3.11+, or ``tomli`` installed), TOML with the same fields. Every section is optional in a user's
file. The smallest useful file::

    {"minimum_ratios": [{"jurisdiction": "CN", "year": 2026, "floor": "10",
                         "citation": {"document": "财办库〔2025〕X号"}}]}

Top-level fields: ``description`` (text, ignored), and four sections:

``minimum_ratios`` — a list of figures: ``jurisdiction`` (``"CN"`` or ``"全国"``; a province by
name, short name or code; or the six-digit code of a city or county, e.g. ``"440300"``),
``name`` (optional; the place's name, shown in answers), ``year`` (the year the ratio applies
to: the notice for 2025 is numbered 〔2024〕), ``floor`` (percent points as text or an integer:
``"10"``, ``"12.5"``), ``encouraged`` (optional, not below ``floor``), ``base`` (optional:
``canteen-food-total`` — the default —, ``agricultural-products-total``, ``union-funds``) and
``citation``.

``filing_deadlines`` — ``jurisdiction``, ``name``, ``year``, ``date`` (``"2026-03-31"``, the last
day a filing is on time; in the year or the year before) and ``citation``.

``local_rules`` — rules a local notice adds, each checked when present: ``jurisdiction``,
``name``, ``year``, ``citation`` and at least one of ``not_below_last_year`` (``true``: the
share may not fall below last year's), ``union_minimum_per_head`` (an amount such as ``"300"``)
and ``shared_canteen_remark`` (the remark with ``{host}`` for the representative unit).

``unit_localities`` — an object mapping unit codes to the six-digit code of the city or county
each unit sits in, so that figures below province level apply to them.

``citation`` — ``document`` (required: the document number or title), ``clause``, ``quote``
(the words relied on), ``source`` (where it was read: an address), ``confidence``
(``authoritative`` — the notice itself or a government site — the default, or ``good`` — a
reliable report of it).

Loading checks every field and names the file, the entry and the field of the first problem
(``PolicyDataError``, in Chinese and English); unknown fields are errors, not ignored.
"""

from __future__ import annotations

import datetime
import functools
import json
import re
from collections.abc import Mapping
from typing import Any

from ...citation import Citation
from ...conventions import MAX_YEAR, MIN_YEAR
from ...data import read_text
from ...errors import PolicyDataError, PovertyProcurementError, shown
from ...jurisdictions import NATIONAL, resolve_province
from ...money import Yuan, amount_fen
from ...ratio import Ratio
from .table import (
    SHIPPED,
    FilingDeadline,
    LocalRules,
    PolicyParameter,
    PolicyTable,
    RatioBase,
    check_table,
    jurisdiction_label,
    place_code,
)

__all__ = [
    "CONFIDENCE_LEVELS",
    "MAX_POLICY_ENTRIES",
    "load_policy_table",
    "parse_policy_text",
    "policy_table",
]

#: The confidence a citation may state.
CONFIDENCE_LEVELS = ("authoritative", "good")
#: Most entries one section of a policy file may hold (a bound on the work of loading).
MAX_POLICY_ENTRIES = 10_000
_MAX_TEXT = 2_000  # characters of any text field
_MAX_NAME = 40
_UNIT_CODE = re.compile(r"[0-9A-Za-z][0-9A-Za-z._-]{0,63}")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

_SECTIONS = ("minimum_ratios", "filing_deadlines", "local_rules", "unit_localities")
_RATIO_FIELDS = frozenset({"jurisdiction", "name", "year", "floor", "encouraged", "base", "citation"})
_DEADLINE_FIELDS = frozenset({"jurisdiction", "name", "year", "date", "citation"})
_RULE_FIELDS = frozenset({"jurisdiction", "name", "year", "citation", "not_below_last_year",
                          "union_minimum_per_head", "shared_canteen_remark"})
_CITATION_FIELDS = frozenset({"document", "clause", "quote", "source", "confidence"})


class _Entry:
    """One entry being read: where it is, for error messages."""

    def __init__(self, origin: str, entry: str, raw: object) -> None:
        self.origin = origin
        self.entry = entry
        self.about = ""
        if not isinstance(raw, dict):
            raise self.error("", f"须为对象（{{…}}），收到 {type(raw).__name__}",
                             f"must be an object ({{…}}), got {type(raw).__name__}")
        self.raw: dict[str, Any] = raw

    def error(self, field: str, zh: str, en: str) -> PolicyDataError:
        path = f"{self.entry}.{field}" if field else self.entry
        about = f"（{self.about}）" if self.about else ""
        return PolicyDataError(path, f"{self.origin}{about}：{zh}", f"{self.origin}: {en}")

    def only(self, allowed: frozenset[str]) -> None:
        for key in self.raw:
            if key not in allowed:
                raise self.error(str(key)[:40], f"未知字段 {shown(key)}（可用：{'、'.join(sorted(allowed))}）",
                                 f"unknown field {shown(key)} (known: {', '.join(sorted(allowed))})")

    def text(self, field: str, *, required: bool = False, limit: int = _MAX_TEXT) -> str:
        value = self.raw.get(field)
        if value is None and not required:
            return ""
        if not isinstance(value, str) or (required and not value.strip()) or len(value) > limit:
            raise self.error(field, f"须为非空文本，最多 {limit} 字，收到 {shown(value)}" if required else
                             f"须为文本，最多 {limit} 字，收到 {shown(value)}",
                             f"must be {'non-empty ' if required else ''}text of at most {limit} characters, "
                             f"got {shown(value)}")
        if any(not ch.isprintable() for ch in value):
            raise self.error(field, "含有控制字符", "contains control characters")
        return value

    def year(self) -> int:
        value = self.raw.get("year")
        if isinstance(value, bool) or not isinstance(value, int) or not MIN_YEAR <= value <= MAX_YEAR:
            raise self.error("year", f"须为 {MIN_YEAR}–{MAX_YEAR} 之间的整数（适用年度），收到 {shown(value)}",
                             f"must be an integer {MIN_YEAR}-{MAX_YEAR} (the year it applies to), got {shown(value)}")
        return value

    def jurisdiction(self) -> str:
        value = self.raw.get("jurisdiction")
        if isinstance(value, str) and value.strip() in (NATIONAL, "全国"):
            return NATIONAL
        try:
            if isinstance(value, str) and value.strip().isascii() and len(value.strip()) == 6 \
                    and not value.strip().endswith("0000"):
                return place_code(value, "jurisdiction")
            if isinstance(value, bool) or not isinstance(value, (str, int)):
                raise TypeError
            return resolve_province(value, "jurisdiction").code
        except (PovertyProcurementError, TypeError):
            raise self.error("jurisdiction",
                             f"须为 CN（全国）、省份（名称或代码）或地方的六位行政区划代码，收到 {shown(value)}",
                             f"must be CN (national), a province (name or code) or the six-digit code "
                             f"of a city or county, got {shown(value)}") from None

    def ratio(self, field: str) -> Ratio:
        value = self.raw.get(field)
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            raise self.error(field, f"比例须写成百分点的文本或整数，如 \"10\"、\"12.5\"，收到 {shown(value)}",
                             f"a ratio is percent points as text or an integer, e.g. \"10\", \"12.5\"; "
                             f"got {shown(value)}")
        try:
            return Ratio.of(value, field)
        except PovertyProcurementError as error:
            raise self.error(field, error.zh, error.en) from None

    def citation(self) -> Citation:
        raw = self.raw.get("citation")
        if not isinstance(raw, dict):
            raise self.error("citation", "缺少出处（citation，至少写明 document）",
                             "the citation is missing (at least its document)")
        inner = _Entry(self.origin, f"{self.entry}.citation", raw)
        inner.about = self.about
        inner.only(_CITATION_FIELDS)
        confidence = inner.text("confidence") or CONFIDENCE_LEVELS[0]
        if confidence not in CONFIDENCE_LEVELS:
            raise inner.error("confidence", f"可信度须为 {' 或 '.join(CONFIDENCE_LEVELS)}，收到 {shown(confidence)}",
                              f"confidence is {' or '.join(CONFIDENCE_LEVELS)}, got {shown(confidence)}")
        return Citation(document=inner.text("document", required=True), clause=inner.text("clause"),
                        quote=inner.text("quote"), source=inner.text("source"), confidence=confidence)

    def place(self) -> tuple[str, int, str]:
        """jurisdiction, year and name, read first so that later errors can say which figure."""
        jurisdiction = self.jurisdiction()
        year = self.year()
        name = self.text("name", limit=_MAX_NAME)
        self.about = f"{jurisdiction_label(jurisdiction, name)} {year}年"
        return jurisdiction, year, name


def read_citation(raw: object, *, origin: str, entry: str) -> Citation:
    """The citation of one entry (``raw`` is the entry, holding ``citation``), checked as in a policy file;
    ``PolicyDataError`` names ``origin`` and ``entry``. Shared with the working-day calendar files."""
    return _Entry(origin, entry, raw).citation()


def _entries(raw: Mapping[str, Any], section: str, origin: str) -> list[object]:
    value = raw.get(section, [])
    if not isinstance(value, list):
        raise PolicyDataError(section, f"{origin}：{section} 须为数组（[…]），收到 {type(value).__name__}",
                              f"{origin}: {section} must be an array ([…]), got {type(value).__name__}")
    if len(value) > MAX_POLICY_ENTRIES:
        raise PolicyDataError(section, f"{origin}：{section} 超过 {MAX_POLICY_ENTRIES:,} 条",
                              f"{origin}: {section} has more than {MAX_POLICY_ENTRIES:,} entries")
    return value


def _ratios(raw: Mapping[str, Any], origin: str) -> dict[tuple[str, int, RatioBase], PolicyParameter]:
    ratios: dict[tuple[str, int, RatioBase], PolicyParameter] = {}
    for number, item in enumerate(_entries(raw, "minimum_ratios", origin)):
        entry = _Entry(origin, f"minimum_ratios[{number}]", item)
        entry.only(_RATIO_FIELDS)
        jurisdiction, year, name = entry.place()
        floor = entry.ratio("floor")
        encouraged = None if entry.raw.get("encouraged") is None else entry.ratio("encouraged")
        if encouraged is not None and encouraged < floor:
            raise entry.error("encouraged", f"鼓励比例 {encouraged} 低于最低比例 {floor}",
                              f"the encouraged ratio {encouraged} is below the floor {floor}")
        base_text = entry.raw.get("base", RatioBase.CANTEEN_FOOD_TOTAL.value)
        try:
            base = RatioBase(base_text)
        except ValueError:
            bases = [b.value for b in RatioBase]
            raise entry.error("base", f"未知的比例基数 {shown(base_text)}（可用：{'、'.join(bases)}）",
                              f"unknown base {shown(base_text)} (known: {', '.join(bases)})") from None
        parameter = PolicyParameter(jurisdiction, year, floor, encouraged, base, entry.citation(), name, origin,
                                    entry.entry)
        key = (jurisdiction, year, base)
        if key in ratios:
            raise entry.error("", f"重复的政策参数：{ratios[key].entry} 已给出{entry.about}基数为{base.zh}的比例",
                              f"duplicate: {ratios[key].entry} already gives {jurisdiction} {year} on {base.value}")
        ratios[key] = parameter
    return ratios


def _date(entry: _Entry, year: int) -> datetime.date:
    value = entry.raw.get("date")
    try:
        if isinstance(value, datetime.datetime):
            raise ValueError
        date = value if isinstance(value, datetime.date) else \
            datetime.date.fromisoformat(value if isinstance(value, str) and _DATE.fullmatch(value) else "x")
    except ValueError:
        raise entry.error("date", f"须为日期，如 \"{year}-03-31\"，收到 {shown(value)}",
                          f"must be a date such as \"{year}-03-31\", got {shown(value)}") from None
    if not year - 1 <= date.year <= year:
        raise entry.error("date", f"{year}年的截止日期 {date.isoformat()} 不在 {year - 1}–{year} 年内",
                          f"the deadline {date.isoformat()} for {year} is not in {year - 1}-{year}")
    return date


def _deadlines(raw: Mapping[str, Any], origin: str) -> dict[tuple[str, int], FilingDeadline]:
    deadlines: dict[tuple[str, int], FilingDeadline] = {}
    for number, item in enumerate(_entries(raw, "filing_deadlines", origin)):
        entry = _Entry(origin, f"filing_deadlines[{number}]", item)
        entry.only(_DEADLINE_FIELDS)
        jurisdiction, year, name = entry.place()
        deadline = FilingDeadline(jurisdiction, year, _date(entry, year), entry.citation(), name, origin, entry.entry)
        if (jurisdiction, year) in deadlines:
            raise entry.error("", f"重复的截止日期：{deadlines[jurisdiction, year].entry} 已给出",
                              f"duplicate deadline: {deadlines[jurisdiction, year].entry} already gives it")
        deadlines[jurisdiction, year] = deadline
    return deadlines


def _union_minimum(entry: _Entry) -> Yuan | None:
    value = entry.raw.get("union_minimum_per_head")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise entry.error("union_minimum_per_head", f"金额须写成文本或整数，如 \"300\"，收到 {shown(value)}",
                          f"an amount is text or an integer, e.g. \"300\"; got {shown(value)}")
    try:
        return Yuan.from_fen(amount_fen(value, "union_minimum_per_head"))
    except PovertyProcurementError as error:
        raise entry.error("union_minimum_per_head", error.zh, error.en) from None


def _remark(entry: _Entry) -> str | None:
    if entry.raw.get("shared_canteen_remark") is None:
        return None
    template = entry.text("shared_canteen_remark", required=True, limit=100)
    rest = template.replace("{host}", "")
    if rest == template or "{" in rest or "}" in rest or any(ch.isspace() for ch in template):
        raise entry.error("shared_canteen_remark", "备注写法须含 {host}（代表单位名称的位置），不含空白和其他花括号",
                          "the remark must contain {host} (where the representative unit's name goes), "
                          "no whitespace and no other braces")
    return template


def _rules(raw: Mapping[str, Any], origin: str) -> dict[tuple[str, int], LocalRules]:
    rules: dict[tuple[str, int], LocalRules] = {}
    for number, item in enumerate(_entries(raw, "local_rules", origin)):
        entry = _Entry(origin, f"local_rules[{number}]", item)
        entry.only(_RULE_FIELDS)
        jurisdiction, year, name = entry.place()
        flag = entry.raw.get("not_below_last_year", False)
        if type(flag) is not bool:
            raise entry.error("not_below_last_year", f"须为 true 或 false，收到 {shown(flag)}",
                              f"must be true or false, got {shown(flag)}")
        rule = LocalRules(jurisdiction, year, entry.citation(), flag, _union_minimum(entry), _remark(entry), name,
                          origin, entry.entry)
        if not (rule.not_below_last_year or rule.union_minimum_per_head is not None
                or rule.shared_canteen_remark is not None):
            raise entry.error("", "没有任何规则（not_below_last_year、union_minimum_per_head、"
                              "shared_canteen_remark 至少一项）",
                              "no rule given (at least one of not_below_last_year, union_minimum_per_head, "
                              "shared_canteen_remark)")
        if (jurisdiction, year) in rules:
            raise entry.error("", f"重复的地方规则：{rules[jurisdiction, year].entry} 已给出",
                              f"duplicate local rules: {rules[jurisdiction, year].entry} already gives them")
        rules[jurisdiction, year] = rule
    return rules


def _localities(raw: Mapping[str, Any], origin: str) -> dict[str, str]:
    value = raw.get("unit_localities", {})
    if not isinstance(value, dict) or len(value) > MAX_POLICY_ENTRIES:
        raise PolicyDataError("unit_localities", f"{origin}：unit_localities 须为对象（单位代码 → 地方代码），"
                              f"最多 {MAX_POLICY_ENTRIES:,} 项",
                              f"{origin}: unit_localities must be an object (unit code -> place code) of at most "
                              f"{MAX_POLICY_ENTRIES:,} entries")
    found: dict[str, str] = {}
    for unit, place in value.items():
        where = f"unit_localities[{str(unit)[:64]}]"
        if not isinstance(unit, str) or not _UNIT_CODE.fullmatch(unit):
            raise PolicyDataError(where, f"{origin}：单位代码 {shown(unit)} 无效（字母、数字和 . _ -，最长 64 个字符）",
                                  f"{origin}: invalid unit code {shown(unit)} (letters, digits, . _ -; at most 64)")
        try:
            found[unit] = place_code(place, where)
        except PovertyProcurementError as error:
            raise PolicyDataError(where, f"{origin}：{error.zh}", f"{origin}: {error.en}") from None
    return found


def load_policy_table(raw: Mapping[str, Any], *, origin: str = "调用方的政策数据") -> PolicyTable:
    """政策数据校验 — validate policy data (the format of the module docstring) into a :class:`PolicyTable`.

    ``origin`` names the data in error messages and in the answers built from it (the file's
    name for a user's file). Checks every field, unknown fields, duplicates, one reserved-share
    base per jurisdiction and year, and that no figure is below the national floor of its year
    when the data gives one. Raises ``PolicyDataError`` naming the entry and field.

    >>> table = load_policy_table({"minimum_ratios": [{"jurisdiction": "CN", "year": 2026, "floor": "10",
    ...                            "citation": {"document": "某通知"}}]}, origin="my.json")
    >>> parameter = table.ratios["CN", 2026, RatioBase.CANTEEN_FOOD_TOTAL]
    >>> str(parameter.floor), parameter.origin, parameter.entry
    ('10.00%', 'my.json', 'minimum_ratios[0]')
    >>> load_policy_table({"minimum_ratios": [{"jurisdiction": "CN", "year": 2026, "floor": "ten"}]})
    Traceback (most recent call last):
    ...
    poverty_procurement.errors.PolicyDataError: minimum_ratios[0].floor: 调用方的政策数据（全国 2026年）：...
    """
    if not isinstance(raw, Mapping):
        raise PolicyDataError("policy", f"{origin}：政策数据须为对象（{{…}}），收到 {type(raw).__name__}",
                              f"{origin}: policy data must be an object ({{…}}), got {type(raw).__name__}")
    for key in raw:
        if key not in (*_SECTIONS, "description"):
            raise PolicyDataError(str(key)[:40] or "policy",
                                  f"{origin}：未知的部分 {shown(key)}（可用：{'、'.join(_SECTIONS)}）",
                                  f"{origin}: unknown section {shown(key)} (known: {', '.join(_SECTIONS)})")
    if not isinstance(raw.get("description", ""), str):
        raise PolicyDataError("description", f"{origin}：description 须为文本", f"{origin}: description must be text")
    table = PolicyTable(_ratios(raw, origin), _deadlines(raw, origin), _rules(raw, origin), _localities(raw, origin))
    check_table(table)
    return table


def parse_policy_text(text: str, *, origin: str = "调用方的政策数据", syntax: str = "json") -> PolicyTable:
    """政策文件内容 — :func:`load_policy_table` of a file's text, ``syntax`` ``"json"`` or ``"toml"``.

    JSON numbers with a fraction (``10.5``) are refused — write ratios as text (``"10.5"``). TOML
    needs Python 3.11+ (``tomllib``) or the ``tomli`` package. Raises ``PolicyDataError`` naming
    ``origin`` and where the text is malformed.
    """
    return load_policy_table(parse_data_text(text, origin=origin, syntax=syntax), origin=origin)


class _FractionFound(ValueError):
    """A JSON number with a fraction or an exponent: ratios and amounts are written as text."""


def _no_float(text: str) -> object:
    raise _FractionFound(text[:40])


def parse_data_text(text: str, *, origin: str, syntax: str = "json") -> dict[str, Any]:
    """The object a JSON or TOML text holds (shared by the policy and the calendar files)."""
    if not isinstance(text, str):
        raise PolicyDataError(origin, f"{origin}：需要文本，收到 {type(text).__name__}",
                              f"{origin}: expected text, got {type(text).__name__}")
    if syntax == "toml":
        try:
            import tomllib as toml  # type: ignore[import-not-found,unused-ignore]  # Python 3.11+
        except ImportError:  # pragma: no cover - Python 3.10
            try:
                import tomli as toml  # type: ignore[no-redef,import-not-found,unused-ignore]
            except ImportError:
                raise PolicyDataError(origin, f"{origin}：读 TOML 需要 Python 3.11+ 或安装 tomli，请改用 JSON",
                                      f"{origin}: TOML needs Python 3.11+ or the tomli package; use JSON") from None
        try:
            data: object = toml.loads(text)
        except toml.TOMLDecodeError as error:
            raise PolicyDataError(origin, f"{origin}：TOML 语法错误：{error}", f"{origin}: bad TOML: {error}") from None
    elif syntax == "json":
        try:
            data = json.loads(text, parse_float=_no_float)
        except json.JSONDecodeError as error:
            where = f"第 {error.lineno} 行第 {error.colno} 列"
            raise PolicyDataError(origin, f"{origin}：JSON 语法错误（{where}）：{error.msg}",
                                  f"{origin}: bad JSON at line {error.lineno}, column {error.colno}: "
                                  f"{error.msg}") from None
        except _FractionFound as error:
            raise PolicyDataError(origin, f"{origin}：数字 {error} 带小数，比例和金额请写成文本，如 \"{error}\"",
                                  f"{origin}: the number {error} has a fraction; write ratios and amounts as text, "
                                  f"e.g. \"{error}\"") from None
        except (ValueError, RecursionError) as error:  # nesting too deep, integers too long
            raise PolicyDataError(origin, f"{origin}：无法读取：{type(error).__name__}",
                                  f"{origin}: cannot be read: {type(error).__name__}") from None
    else:
        raise PolicyDataError("syntax", f"只能读 json 或 toml，收到 {shown(syntax)}",
                              f"only json and toml can be read, got {shown(syntax)}")
    if not isinstance(data, dict):
        raise PolicyDataError(origin, f"{origin}：顶层须为对象（{{…}}），收到 {type(data).__name__}",
                              f"{origin}: the top level must be an object ({{…}}), got {type(data).__name__}")
    return data


@functools.cache
def policy_table() -> PolicyTable:
    """The shipped policy parameters, loaded and validated once, on first use.

    >>> str(policy_table().ratios["CN", 2025, RatioBase.CANTEEN_FOOD_TOTAL].citation)
    '财办库〔2024〕267号'
    """
    return parse_policy_text(read_text("policy_parameters.json"), origin=SHIPPED)
